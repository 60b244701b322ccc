import type { Blueprint } from '../model/schema.ts';
import { templateBuilder } from './lib/builder.ts';
import { addDefaultLanes } from './lib/lanes.ts';
import type { Template } from './lib/template.ts';

/**
 * B2B lead to renewal: the lifecycle of docs/domain.md for a mid-market vendor of finance-operations
 * software (month-end close automation), sold by SDRs and account executives to finance teams.
 *
 * Vendors are named the way a real blueprint names them (HubSpot, Salesforce, Segment…) because the
 * technology lane is a martech gap analysis, and it reads as one only with real-looking systems.
 * The journey runs Lead → … → Renewal and loops back to Adoption each year; a rejected SQL goes
 * back to nurture after a wait, a falling health score branches to a save play.
 *
 * The transition semantics the flows assume (an event with a delay waits after the event, a delay
 * alone counts from entering the stage…) are written down in README.md beside this file.
 */
export const b2bLeadToRenewal: Template = {
  id: 'b2b-lead-to-renewal',
  name: 'B2B lead to renewal',
  description:
    'The whole B2B lifecycle on one scroll — Lead, two prospect stages, MQL, SQL, Opportunity, Quote, Customer, Onboarding, Adoption, Churn risk and Renewal — with channels, data captured once, the martech stack and its gaps, owning teams, automations and the emotion curve.',
  build,
};

function build(): Blueprint {
  const t = templateBuilder({
    title: 'B2B lead to renewal',
    description: b2bLeadToRenewal.description,
    owner: 'Journey operations',
    cardStatus: 'active',
  });
  t.persona(
    'finance_leader',
    'Finance leader (economic buyer)',
    'CFO or VP Finance at a 50–1,000-person company; owns the budget and the board reporting calendar.',
  );
  t.persona(
    'controller',
    'Controller (champion)',
    'Runs the month-end close with a team of 3–10 accountants; evaluates tools hands-on and lives with the choice.',
  );

  const { actions, feelings, touchpoints, data, systems, teams, automation } = addDefaultLanes(t);

  // ── Stages ────────────────────────────────────────────────────────────────────────────────────
  const lead = t.stage('lead', 'Lead', {
    macroStage: 'awareness',
    entryCriterion: 'An anonymous visitor identifies themselves: first form fill, webinar registration or event badge scan.',
    customerGoal: 'Find out whether there is a faster, less painful way to close the books.',
  });
  const p1 = t.stage('prospect_1', 'Prospect stage 1', {
    macroStage: 'awareness',
    entryCriterion: 'Known contact with marketing consent, lead created in the marketing automation platform.',
    customerGoal: 'Pick up practical ideas without being pitched.',
  });
  const p2 = t.stage('prospect_2', 'Prospect stage 2', {
    macroStage: 'consideration',
    entryCriterion: '3 days after the welcome email: enters the nurture track (score 0–49).',
    customerGoal: 'Compare approaches (spreadsheets, ERP add-ons, a close platform) and build an internal case.',
  });
  const mql = t.stage('mql', 'MQL', {
    macroStage: 'consideration',
    entryCriterion: 'Lead score ≥ 50 and company size ≥ 50 employees, or a demo request: becomes MQL.',
    customerGoal: 'Talk to someone who understands our close process — not a script.',
  });
  const sql = t.stage('sql', 'SQL', {
    macroStage: 'consideration',
    entryCriterion: 'SDR confirms budget, authority, need and timing: becomes SQL.',
    customerGoal: 'See the product on our own chart of accounts.',
  });
  const opp = t.stage('opportunity', 'Opportunity', {
    macroStage: 'purchase',
    entryCriterion: 'Demo completed and the account executive opens an opportunity.',
    customerGoal: 'Convince the buying committee and de-risk the rollout.',
  });
  const quote = t.stage('quote', 'Quote', {
    macroStage: 'purchase',
    entryCriterion: 'Buying committee agrees on scope and requests a quote.',
    customerGoal: 'Fair price and terms that procurement and legal accept quickly.',
  });
  const customer = t.stage('customer', 'Customer', {
    macroStage: 'purchase',
    entryCriterion: 'Order form signed: becomes Customer.',
    customerGoal: 'Know the decision was right and what happens next.',
  });
  const onboarding = t.stage('onboarding', 'Onboarding', {
    macroStage: 'onboarding',
    entryCriterion: 'Kickoff scheduled (within 5 business days of signature).',
    customerGoal: 'Go live before the next month-end with minimal disruption.',
  });
  const adoption = t.stage('adoption', 'Adoption', {
    macroStage: 'retention',
    entryCriterion: 'Onboarding complete: first close run in the platform.',
    customerGoal: 'Close faster every month and bring more of the team in.',
  });
  const churn = t.stage('churn_risk', 'Churn risk', {
    macroStage: 'retention',
    entryCriterion: 'Health score below 50 (usage, tickets, NPS) or the champion leaves.',
    customerGoal: 'Get problems fixed and feel heard.',
  });
  const renewal = t.stage('renewal', 'Renewal', {
    macroStage: 'retention',
    entryCriterion: 'Term anniversary approaching (365 days into the term) or a save play completed.',
    customerGoal: 'Renew on fair terms and be recognised as a valued customer.',
  });

  // ── Lead ──────────────────────────────────────────────────────────────────────────────────────
  const leadSearch = t.card(lead, actions, {
    key: 'searches',
    title: 'Searches "how to speed up month-end close" and downloads the guide',
  });
  const leadWebinarReg = t.card(lead, actions, { key: 'registers_webinar', title: 'Registers for the monthly close webinar' });
  t.card(lead, feelings, { key: 'curious', title: 'Curious but guarded: "Is this just another vendor pitch?"', emotion: 1 });
  const leadAd = t.card(lead, touchpoints, {
    key: 'search_ad',
    title: 'Paid search ad: the 5-day close guide',
    channel: 'paid-search',
    content: 'Ad on "month end close checklist" keywords → guide landing page',
    owner: 'Demand generation',
    metrics: { volume: 18400, clickRate: 0.034, period: '2025-Q1' },
  });
  const leadLanding = t.card(lead, touchpoints, {
    key: 'guide_landing_page',
    title: 'Gated guide landing page',
    channel: 'landing-page',
    content: 'Guide "The 5-day close"; short form: work email, name, job title, company',
    owner: 'Web team',
    metrics: { volume: 4100, conversionRate: 0.18, period: '2025-Q1' },
  });
  const leadWebinar = t.card(lead, touchpoints, {
    key: 'webinar',
    title: 'Monthly webinar: close faster with automation',
    channel: 'webinar',
    content: '45-minute live session with a customer controller; registration form',
    owner: 'Field marketing',
  });
  t.card(lead, data, {
    key: 'email',
    title: 'Work email',
    field: 'email',
    source: 'Guide or webinar form',
    system: 'HubSpot',
    systemCategory: 'marketing-automation',
    consent: 'consent',
  });
  t.card(lead, data, {
    key: 'job_title',
    title: 'Job title',
    field: 'jobTitle',
    source: 'Guide or webinar form',
    system: 'HubSpot',
    systemCategory: 'marketing-automation',
    consent: 'consent',
  });
  t.card(lead, data, {
    key: 'marketing_consent',
    title: 'Marketing consent (double opt-in)',
    field: 'marketingConsent',
    source: 'Form checkbox, confirmed by email',
    system: 'HubSpot',
    systemCategory: 'marketing-automation',
    consent: 'consent',
    notes: 'Stored with timestamp and form version as proof of consent.',
  });
  t.card(lead, data, {
    key: 'lead_source',
    title: 'Lead source (UTM)',
    field: 'leadSource',
    source: 'UTM parameters of the visit',
    system: 'HubSpot',
    systemCategory: 'marketing-automation',
    consent: 'legitimate-interest',
  });
  t.card(lead, systems, {
    key: 'hubspot',
    title: 'HubSpot Marketing Hub',
    system: 'HubSpot Marketing Hub',
    vendor: 'HubSpot',
    purpose: 'Forms, landing pages, email, lead scoring',
    systemStatus: 'in-use',
  });
  t.card(lead, systems, {
    key: 'google_ads',
    title: 'Google Ads',
    system: 'Google Ads',
    vendor: 'Google',
    purpose: 'Paid search acquisition; offline conversions from CRM planned',
    systemStatus: 'in-use',
  });
  t.card(lead, systems, {
    key: 'gotowebinar',
    title: 'GoToWebinar (legacy)',
    system: 'GoToWebinar',
    vendor: 'GoTo',
    purpose: 'Webinar registration; attendance is exported to HubSpot by hand',
    systemStatus: 'retire',
    notes: 'Retire in favour of the HubSpot–Zoom Webinar integration: manual exports lose a week of follow-up.',
  });
  t.card(lead, teams, {
    key: 'demand_gen',
    title: 'Demand generation',
    owner: 'Marketing',
    notes: 'Owns paid media, the guide programme and the lead target.',
  });
  const leadCreate = t.card(lead, automation, {
    key: 'create_lead',
    title: 'Create lead and deliver the guide',
    owner: 'Marketing operations',
    trigger: { type: 'event', event: 'form.submitted' },
    action: { type: 'send', channel: 'email', content: 'Guide download link + confirm-your-subscription', system: 'HubSpot' },
  });
  t.flow(leadSearch, leadAd, { label: 'Clicks the ad' });
  t.flow(leadAd, leadLanding, { event: 'ad.clicked', label: 'Lands on the guide page' });
  t.flow(leadLanding, leadCreate, { event: 'form.submitted', label: 'Submits the form' });
  t.flow(leadWebinarReg, leadWebinar, { label: 'Registers' });
  t.flow(leadWebinar, leadCreate, { event: 'form.submitted', label: 'Registration form' });

  // ── Prospect stage 1 ──────────────────────────────────────────────────────────────────────────
  const p1Opens = t.card(p1, actions, { key: 'reads_welcome', title: 'Opens the welcome email and reads two articles' });
  t.card(p1, feelings, { key: 'useful', title: 'Finding it useful: "They understand our close problems"', emotion: 2 });
  const p1Welcome = t.card(p1, touchpoints, {
    key: 'welcome_email',
    title: 'Welcome email: the 5-day close checklist',
    channel: 'email',
    content: 'Checklist PDF + two customer articles; no sales ask',
    owner: 'Lifecycle marketing',
    metrics: { volume: 3900, openRate: 0.52, clickRate: 0.11, period: '2025-Q1' },
  });
  t.card(p1, touchpoints, {
    key: 'linkedin_retargeting',
    title: 'LinkedIn retargeting: customer story',
    channel: 'social',
    content: 'Sponsored post: "How a 200-person company closes in 4 days"',
    owner: 'Demand generation',
  });
  t.card(p1, touchpoints, {
    key: 'display_retargeting',
    title: 'Display retargeting banners',
    channel: 'display-ad',
    content: 'Generic product banners across the display network',
    owner: 'Demand generation',
    status: 'retired',
    metrics: { volume: 210000, clickRate: 0.0012, period: '2024-Q4' },
    notes: 'Retired after Q4 2024: click rate 0.12 % and no influenced pipeline. Budget moved to LinkedIn.',
  });
  t.card(p1, data, {
    key: 'company_size',
    title: 'Company size and industry (enriched)',
    field: 'company.size',
    source: 'ZoomInfo enrichment on lead creation',
    system: 'Salesforce',
    systemCategory: 'crm',
    consent: 'legitimate-interest',
    notes: 'Enriched, never asked: keeps forms short. Industry lands in `company.industry` with the same sync.',
  });
  t.card(p1, data, {
    key: 'email_engagement',
    title: 'Email engagement (opens, clicks)',
    field: 'emailEngagement',
    source: 'HubSpot email tracking',
    system: 'HubSpot',
    systemCategory: 'marketing-automation',
    consent: 'legitimate-interest',
  });
  t.card(p1, systems, {
    key: 'zoominfo',
    title: 'ZoomInfo',
    system: 'ZoomInfo',
    vendor: 'ZoomInfo',
    purpose: 'Firmographic enrichment so forms ask for four fields, not twelve',
    systemStatus: 'in-use',
  });
  t.card(p1, teams, {
    key: 'lifecycle',
    title: 'Lifecycle marketing',
    owner: 'Marketing',
    notes: 'Owns the welcome and nurture programmes and their content calendar.',
  });
  const p1Series = t.card(p1, automation, {
    key: 'welcome_series',
    title: 'Welcome series',
    owner: 'Lifecycle marketing',
    trigger: { type: 'event', event: 'lead.created' },
    action: { type: 'send', channel: 'email', content: 'Welcome: the 5-day close checklist', system: 'HubSpot' },
    wait: '3d',
  });
  t.flow(p1Series, p1Welcome, { label: 'Sends' });
  t.flow(p1Welcome, p1Opens, { event: 'email.opened', label: 'Opens' });

  // ── Prospect stage 2 ──────────────────────────────────────────────────────────────────────────
  const p2Compares = t.card(p2, actions, { key: 'compares', title: 'Compares approaches; uses the ROI calculator' });
  const p2Demo = t.card(p2, actions, { key: 'requests_demo', title: 'Requests a demo from the pricing page' });
  t.card(p2, feelings, { key: 'overwhelmed', title: 'Overwhelmed by options: "Build, buy, or live with spreadsheets?"', emotion: 0 });
  const p2Nurture = t.card(p2, touchpoints, {
    key: 'nurture_emails',
    title: 'Nurture email series (4 emails, 3 days apart)',
    channel: 'email',
    content: 'Close benchmarks, ERP integration explainer, customer story, ROI calculator invite',
    owner: 'Lifecycle marketing',
    metrics: { volume: 3400, openRate: 0.38, clickRate: 0.06, period: '2025-Q1' },
  });
  const p2Roi = t.card(p2, touchpoints, {
    key: 'roi_calculator',
    title: 'ROI calculator page',
    channel: 'web-page',
    content: 'Hours saved per close from team size and current close length',
    owner: 'Web team',
    metrics: { volume: 820, conversionRate: 0.09, period: '2025-Q1' },
  });
  t.card(p2, data, {
    key: 'close_days',
    title: 'Current close length in days (progressive profiling)',
    field: 'closeDays',
    source: 'ROI calculator — the only new question asked',
    system: 'HubSpot',
    systemCategory: 'marketing-automation',
    consent: 'consent',
    notes: 'Progressive profiling: the calculator never re-asks email, title or company.',
  });
  t.card(p2, data, {
    key: 'lead_score',
    title: 'Lead score (behaviour + fit)',
    field: 'score',
    source: 'HubSpot scoring model',
    system: 'HubSpot',
    systemCategory: 'marketing-automation',
    consent: 'legitimate-interest',
  });
  t.card(p2, systems, {
    key: 'intent_data',
    title: '6sense intent data',
    system: '6sense',
    vendor: '6sense',
    purpose: 'Account-level buying intent to lift scores of researching accounts',
    systemStatus: 'planned',
  });
  t.card(p2, teams, {
    key: 'content',
    title: 'Content marketing',
    owner: 'Marketing',
    notes: 'Writes the nurture content; refreshes benchmarks every quarter.',
  });
  const p2OptOut = t.card(p2, automation, {
    key: 'unsubscribe',
    title: 'Unsubscribe: leave every marketing journey',
    owner: 'Marketing operations',
    trigger: { type: 'event', event: 'email.unsubscribed' },
    action: { type: 'set-field', field: 'emailOptOut', value: true, system: 'HubSpot' },
    exit: { type: 'opt-out' },
  });
  const p2Mql = t.card(p2, automation, {
    key: 'becomes_mql',
    title: 'Score reaches 50: becomes MQL',
    owner: 'Marketing operations',
    trigger: { type: 'score', condition: 'score >= 50 && company.size >= 50' },
    action: { type: 'change-classification', classification: 'MQL', system: 'Salesforce' },
  });
  t.flow(p2Nurture, p2Compares, { event: 'email.clicked', label: 'Clicks through' });
  t.flow(p2Compares, p2Roi, { label: 'Tries the calculator' });
  t.flow(p2Roi, p2Mql, { event: 'form.submitted', label: 'Score rises' });
  t.flow(p2Nurture, p2OptOut, { event: 'email.unsubscribed', label: 'Unsubscribes' });
  t.flow(p2Roi, p2Demo, { label: 'Ready to talk' });

  // ── MQL ───────────────────────────────────────────────────────────────────────────────────────
  const mqlAnswers = t.card(mql, actions, { key: 'answers_sdr', title: 'Answers the SDR call or replies to the email' });
  t.card(mql, feelings, { key: 'wary', title: 'Wary of being sold to: "I just want straight answers"', emotion: 0 });
  const mqlCall = t.card(mql, touchpoints, {
    key: 'sdr_call',
    title: 'SDR discovery call',
    channel: 'sales-call',
    content: '15 minutes: current close process, team size, ERP, timing',
    owner: 'Sales development',
    metrics: { volume: 640, conversionRate: 0.31, period: '2025-Q1' },
  });
  const mqlSequence = t.card(mql, touchpoints, {
    key: 'sdr_emails',
    title: 'SDR personal email sequence',
    channel: 'email',
    content: 'Three plain-text emails referencing what the lead read',
    owner: 'Sales development',
  });
  t.card(mql, data, {
    key: 'bant',
    title: 'Qualification (budget, authority, need, timing)',
    field: 'qualification',
    source: 'SDR call notes',
    system: 'Salesforce',
    systemCategory: 'crm',
    consent: 'legitimate-interest',
  });
  t.card(mql, systems, {
    key: 'salesforce',
    title: 'Salesforce Sales Cloud',
    system: 'Salesforce Sales Cloud',
    vendor: 'Salesforce',
    purpose: 'Leads, contacts, opportunities; the system of record for classification',
    systemStatus: 'in-use',
  });
  t.card(mql, systems, {
    key: 'routing_sheet',
    title: 'Lead routing spreadsheet',
    system: 'Google Sheets',
    vendor: 'Google',
    purpose: 'Manual round-robin of MQLs to SDRs',
    systemStatus: 'retire',
    notes: 'Replace with Salesforce assignment rules: hand routing adds 6 hours to speed-to-lead.',
  });
  t.card(mql, teams, {
    key: 'sdrs',
    title: 'Sales development (SDRs)',
    owner: 'Sales',
    notes: 'A human touch replaces automation here: every MQL gets a call within one business hour.',
  });
  const mqlRoute = t.card(mql, automation, {
    key: 'route_to_sdr',
    title: 'Route MQL to an SDR',
    owner: 'Sales operations',
    trigger: { type: 'segment', segment: 'MQL' },
    action: { type: 'create-task', team: 'Sales development', task: 'Call the new MQL within 1 business hour', system: 'Salesforce' },
  });
  t.flow(mqlRoute, mqlSequence, { label: 'SDR starts the sequence' });
  t.flow(mqlSequence, mqlAnswers, { event: 'email.replied', label: 'Replies' });
  t.flow(mqlRoute, mqlCall, { label: 'SDR calls' });
  t.flow(mqlAnswers, mqlCall, { event: 'call.booked', label: 'Books the call' });

  // ── SQL ───────────────────────────────────────────────────────────────────────────────────────
  const sqlBooks = t.card(sql, actions, { key: 'books_demo', title: 'Books a demo with an account executive' });
  t.card(sql, feelings, { key: 'hopeful', title: 'Hopeful: "This might actually fix our close"', emotion: 2 });
  const sqlDemo = t.card(sql, touchpoints, {
    key: 'tailored_demo',
    title: 'Tailored product demo',
    channel: 'sales-call',
    content: 'Demo on a sample of the prospect’s own chart of accounts',
    owner: 'Account executives',
    metrics: { volume: 210, conversionRate: 0.46, period: '2025-Q1' },
  });
  t.card(sql, data, {
    key: 'buying_committee',
    title: 'Buying committee (roles)',
    field: 'buyingCommittee',
    source: 'AE discovery',
    system: 'Salesforce',
    systemCategory: 'crm',
    consent: 'legitimate-interest',
  });
  t.card(sql, systems, {
    key: 'chili_piper',
    title: 'Chili Piper',
    system: 'Chili Piper',
    vendor: 'Chili Piper',
    purpose: 'Instant demo booking from the SDR email and forms',
    systemStatus: 'in-use',
  });
  t.card(sql, systems, {
    key: 'gong',
    title: 'Gong',
    system: 'Gong',
    vendor: 'Gong',
    purpose: 'Call recording and deal insights for coaching',
    systemStatus: 'in-use',
  });
  t.card(sql, teams, {
    key: 'aes',
    title: 'Account executives',
    owner: 'Sales',
    notes: 'Accept or reject the SQL within two business days.',
  });
  const sqlAccepted = t.card(sql, automation, {
    key: 'sql_accepted',
    title: 'SQL accepted: prepare the demo',
    owner: 'Sales operations',
    trigger: { type: 'event', event: 'demo.booked' },
    action: { type: 'create-task', team: 'Account executives', task: 'Prepare a tailored demo from the SDR notes', system: 'Salesforce' },
  });
  const sqlRejected = t.card(sql, automation, {
    key: 'sql_rejected',
    title: 'SQL rejected: recycle to nurture',
    owner: 'Sales operations',
    trigger: { type: 'event', event: 'lead.rejected' },
    action: { type: 'change-classification', classification: 'Recycled', system: 'Salesforce' },
    notes: 'Rejection reason is required, so content marketing can see why leads bounce.',
  });
  t.flow(sqlBooks, sqlAccepted, { event: 'demo.booked', label: 'Demo booked' });
  t.flow(sqlAccepted, sqlDemo, { label: 'AE runs the demo' });
  t.flow(sqlBooks, sqlRejected, { event: 'lead.rejected', label: 'AE rejects' });

  // ── Opportunity ───────────────────────────────────────────────────────────────────────────────
  const oppEvaluates = t.card(opp, actions, { key: 'evaluates', title: 'Runs an evaluation with the buying committee' });
  t.card(opp, actions, { key: 'security_review', title: 'IT completes the security questionnaire' });
  t.card(opp, feelings, { key: 'anxious', title: 'Anxious: "If the rollout fails, it is on me"', emotion: 0 });
  const oppRoom = t.card(opp, touchpoints, {
    key: 'deal_room',
    title: 'Mutual action plan in a shared deal room',
    channel: 'web-page',
    content: 'Timeline, security pack, business case template, pricing options',
    owner: 'Account executives',
  });
  const oppReference = t.card(opp, touchpoints, {
    key: 'reference_call',
    title: 'Reference call with a customer controller',
    channel: 'sales-call',
    content: 'Peer call matched on ERP and company size',
    owner: 'Customer marketing',
  });
  t.card(opp, data, {
    key: 'amount',
    title: 'Opportunity amount and close date',
    field: 'opportunity.amount',
    source: 'AE forecast',
    system: 'Salesforce',
    systemCategory: 'crm',
    consent: 'legitimate-interest',
  });
  t.card(opp, systems, {
    key: 'deal_room_tool',
    title: 'Digital sales room',
    system: 'Dock',
    vendor: 'Dock',
    purpose: 'Shared mutual action plans; today they are email attachments',
    systemStatus: 'planned',
  });
  t.card(opp, teams, {
    key: 'solutions',
    title: 'Solutions engineering',
    owner: 'Sales',
    notes: 'Technical validation, ERP integration plan, security questionnaire.',
  });
  const oppStalled = t.card(opp, automation, {
    key: 'stalled_alert',
    title: 'Stalled deal alert',
    owner: 'Sales operations',
    trigger: { type: 'elapsed', after: '14d' },
    action: { type: 'notify', team: 'Sales leadership', content: 'Opportunity without activity for 14 days' },
  });
  t.card(opp, automation, {
    key: 'closed_lost',
    title: 'Closed lost: move to re-engagement',
    owner: 'Sales operations',
    trigger: { type: 'event', event: 'opportunity.lost' },
    action: { type: 'change-classification', classification: 'Closed lost', system: 'Salesforce' },
    exit: { type: 'move-to-journey', journey: 'Closed-lost re-engagement' },
  });
  t.flow(oppEvaluates, oppRoom, { label: 'Shares the plan' });
  t.flow(oppRoom, oppReference, { event: 'reference.requested', label: 'Asks for a reference' });
  t.flow(oppRoom, oppStalled, { label: 'No activity' });

  // ── Quote ─────────────────────────────────────────────────────────────────────────────────────
  const quoteReview = t.card(quote, actions, { key: 'procurement_review', title: 'Procurement and legal review the order form' });
  t.card(quote, feelings, { key: 'frustrated', title: 'Frustrated by paperwork: "Why three rounds of redlines?"', emotion: -2 });
  const quoteForm = t.card(quote, touchpoints, {
    key: 'order_form',
    title: 'Quote and order form for e-signature',
    channel: 'email',
    content: 'CPQ quote PDF with a DocuSign envelope; standard DPA attached',
    owner: 'Deal desk',
  });
  const quoteCall = t.card(quote, touchpoints, {
    key: 'negotiation_call',
    title: 'Negotiation call',
    channel: 'sales-call',
    content: 'Multi-year and payment-term options within approval limits',
    owner: 'Account executives',
  });
  t.card(quote, data, {
    key: 'discount',
    title: 'Discount requested',
    field: 'discountPercent',
    source: 'Salesforce CPQ',
    system: 'Salesforce',
    systemCategory: 'crm',
    consent: 'contract',
  });
  t.card(quote, data, {
    key: 'billing_contact',
    title: 'Billing contact and PO number',
    field: 'billingContact',
    source: 'Order form',
    system: 'Chargebee',
    systemCategory: 'billing',
    consent: 'contract',
  });
  t.card(quote, systems, {
    key: 'cpq',
    title: 'Salesforce CPQ',
    system: 'Salesforce CPQ',
    vendor: 'Salesforce',
    purpose: 'Quotes, price books, discount approvals',
    systemStatus: 'in-use',
  });
  t.card(quote, systems, {
    key: 'docusign',
    title: 'DocuSign',
    system: 'DocuSign',
    vendor: 'DocuSign',
    purpose: 'E-signature of order forms',
    systemStatus: 'in-use',
  });
  t.card(quote, teams, {
    key: 'deal_desk',
    title: 'Deal desk & legal',
    owner: 'Finance',
    notes: 'Standard terms in 24 h; non-standard redlines go to legal.',
  });
  const quoteApproval = t.card(quote, automation, {
    key: 'discount_approval',
    title: 'Discount above 15 %: finance approval',
    owner: 'Sales operations',
    trigger: { type: 'score', condition: 'discountPercent > 15' },
    action: { type: 'notify', team: 'Finance', content: 'Approve or counter the requested discount within 1 business day' },
  });
  t.flow(quoteForm, quoteReview, { event: 'email.opened', label: 'Forwards to procurement' });
  t.flow(quoteReview, quoteCall, { event: 'redlines.received', label: 'Pushes back' });
  t.flow(quoteCall, quoteApproval, { condition: 'discountPercent > 15', label: 'Discount asked' });

  // ── Customer ──────────────────────────────────────────────────────────────────────────────────
  const custSigns = t.card(customer, actions, { key: 'signs', title: 'Signs the order form and pays the first invoice' });
  t.card(customer, feelings, { key: 'relieved', title: 'Relieved and proud: "We made the call"', emotion: 3 });
  const custWelcome = t.card(customer, touchpoints, {
    key: 'ceo_welcome',
    title: 'Welcome email from the CEO',
    channel: 'email',
    content: 'Thank you + what happens in the next 30 days + who your CSM is',
    owner: 'Customer marketing',
  });
  const custHandover = t.card(customer, touchpoints, {
    key: 'handover_call',
    title: 'Handover call: AE introduces the CSM',
    channel: 'sales-call',
    content: 'Goals, success criteria and go-live date agreed with the customer',
    owner: 'Customer success',
  });
  t.card(customer, data, {
    key: 'contract_start',
    title: 'Contract start and term',
    field: 'contract.startDate',
    source: 'Signed order form (DocuSign)',
    system: 'Salesforce',
    systemCategory: 'crm',
    consent: 'contract',
  });
  t.card(customer, data, {
    key: 'success_criteria',
    title: 'Success criteria',
    field: 'successCriteria',
    source: 'Handover call (taken from AE notes, only confirmed)',
    system: 'Salesforce',
    systemCategory: 'crm',
    consent: 'contract',
  });
  t.card(customer, systems, {
    key: 'chargebee',
    title: 'Chargebee',
    system: 'Chargebee',
    vendor: 'Chargebee',
    purpose: 'Subscriptions, invoices, dunning',
    systemStatus: 'in-use',
  });
  t.card(customer, teams, {
    key: 'cs',
    title: 'Customer success',
    owner: 'Customer success',
    notes: 'CSM assigned before kickoff; the AE stays on the account until go-live.',
  });
  const custWon = t.card(customer, automation, {
    key: 'becomes_customer',
    title: 'Closed won: becomes Customer',
    owner: 'Sales operations',
    trigger: { type: 'event', event: 'contract.signed' },
    action: { type: 'change-classification', classification: 'Customer', system: 'Salesforce' },
  });
  const custKickoff = t.card(customer, automation, {
    key: 'schedule_kickoff',
    title: 'Provision workspace and schedule kickoff',
    owner: 'Customer success',
    trigger: { type: 'event', event: 'contract.signed' },
    action: { type: 'create-task', team: 'Onboarding', task: 'Schedule kickoff within 5 business days', system: 'Salesforce' },
  });
  t.flow(custSigns, custWon, { event: 'contract.signed', label: 'Signed' });
  t.flow(custWon, custWelcome, { label: 'Welcome' });
  t.flow(custWon, custKickoff, { label: 'Provision' });
  t.flow(custKickoff, custHandover, { label: 'Handover' });

  // ── Onboarding ────────────────────────────────────────────────────────────────────────────────
  const onbKickoff = t.card(onboarding, actions, { key: 'attends_kickoff', title: 'Attends kickoff and connects the ERP' });
  const onbSetup = t.card(onboarding, actions, { key: 'completes_setup', title: 'Works through the setup checklist' });
  t.card(onboarding, feelings, { key: 'dip', title: 'Implementation dip: "This is more work than we were told"', emotion: -1 });
  const onbChecklist = t.card(onboarding, touchpoints, {
    key: 'setup_checklist',
    title: 'In-product setup checklist',
    channel: 'in-product',
    content: 'Connect ERP, import chart of accounts, invite the team, first reconciliation',
    owner: 'Product',
    metrics: { volume: 48, conversionRate: 0.71, period: '2025-Q1' },
  });
  const onbCourse = t.card(onboarding, touchpoints, {
    key: 'email_course',
    title: 'Onboarding email course (6 lessons)',
    channel: 'email',
    content: 'One lesson every 2 days, matched to checklist progress',
    owner: 'Customer marketing',
  });
  t.card(onboarding, touchpoints, {
    key: 'admin_training',
    title: 'Live admin training',
    channel: 'webinar',
    content: 'Weekly group session for new admins',
    owner: 'Onboarding',
  });
  t.card(onboarding, data, {
    key: 'erp',
    title: 'ERP system',
    field: 'erpSystem',
    source: 'Setup wizard, pre-filled from sales notes',
    system: 'Salesforce',
    systemCategory: 'crm',
    consent: 'contract',
  });
  t.card(onboarding, data, {
    key: 'setup_progress',
    title: 'Setup progress events',
    field: 'setupProgress',
    source: 'Product events',
    system: 'Segment',
    systemCategory: 'cdp',
    consent: 'contract',
  });
  t.card(onboarding, systems, {
    key: 'pendo',
    title: 'Pendo',
    system: 'Pendo',
    vendor: 'Pendo',
    purpose: 'In-app guides, checklist, NPS survey',
    systemStatus: 'in-use',
  });
  t.card(onboarding, systems, {
    key: 'segment',
    title: 'Segment',
    system: 'Segment',
    vendor: 'Twilio',
    purpose: 'Product events to CRM, marketing automation and the warehouse',
    systemStatus: 'in-use',
  });
  t.card(onboarding, teams, {
    key: 'onboarding_team',
    title: 'Onboarding team',
    owner: 'Customer success',
    notes: 'Implementation consultants; a human replaces the email course when setup stalls twice.',
  });
  const onbNudge = t.card(onboarding, automation, {
    key: 'stuck_nudge',
    title: 'Stuck in setup: offer help',
    owner: 'Onboarding',
    trigger: { type: 'elapsed', after: '7d' },
    action: { type: 'send', channel: 'in-product', content: 'Need a hand connecting your ERP? Book a 30-minute session.' },
  });
  const onbDone = t.card(onboarding, automation, {
    key: 'go_live',
    title: 'Go-live: onboarding complete',
    owner: 'Customer success',
    trigger: { type: 'event', event: 'onboarding.completed' },
    action: { type: 'set-field', field: 'lifecycleStage', value: 'Adoption', system: 'Salesforce' },
  });
  t.flow(onbKickoff, onbChecklist, { label: 'Starts setup' });
  t.flow(onbChecklist, onbSetup, { label: 'Works the list' });
  t.flow(onbChecklist, onbCourse, { event: 'checklist.step_completed', label: 'Lesson matched to progress' });
  t.flow(onbSetup, onbNudge, { condition: 'setupProgress < 3', label: 'Stalls' });
  t.flow(onbSetup, onbDone, { event: 'onboarding.completed', label: 'First close run' });

  // ── Adoption ──────────────────────────────────────────────────────────────────────────────────
  const adoCloses = t.card(adoption, actions, { key: 'runs_close', title: 'Runs the month-end close in the platform' });
  t.card(adoption, actions, { key: 'invites_team', title: 'Invites the AP and payroll teams' });
  t.card(adoption, feelings, { key: 'confident', title: 'Confident: "We closed in four days"', emotion: 4 });
  const adoQbr = t.card(adoption, touchpoints, {
    key: 'qbr',
    title: 'Quarterly business review',
    channel: 'sales-call',
    content: 'Close-time trend, adoption by team, roadmap preview',
    owner: 'Customer success',
  });
  t.card(adoption, touchpoints, {
    key: 'feature_tips',
    title: 'In-app tips for unused features',
    channel: 'in-product',
    content: 'Contextual guide when a manual step is repeated',
    owner: 'Product marketing',
    metrics: { volume: 5200, clickRate: 0.14, period: '2025-Q1' },
  });
  t.card(adoption, touchpoints, {
    key: 'community_newsletter',
    title: 'Customer community newsletter',
    channel: 'email',
    content: 'Monthly: tips from other controllers, release notes, office hours',
    owner: 'Customer marketing',
  });
  t.card(adoption, data, {
    key: 'health_score',
    title: 'Health score',
    field: 'healthScore',
    source: 'Usage, tickets and NPS, computed nightly',
    system: 'Snowflake',
    systemCategory: 'data-warehouse',
    consent: 'contract',
  });
  t.card(adoption, data, {
    key: 'nps',
    title: 'NPS',
    field: 'nps',
    source: 'In-app survey every 6 months',
    system: 'Pendo',
    systemCategory: 'product-analytics',
    consent: 'consent',
  });
  t.card(adoption, systems, {
    key: 'snowflake',
    title: 'Snowflake',
    system: 'Snowflake',
    vendor: 'Snowflake',
    purpose: 'Warehouse: usage history and the health-score model',
    systemStatus: 'in-use',
  });
  t.card(adoption, systems, {
    key: 'cs_platform',
    title: 'Customer success platform',
    system: 'Customer success platform',
    vendor: 'To be selected',
    purpose: 'Health scores live in a spreadsheet updated monthly — too late to catch churn. Evaluate Gainsight and ChurnZero.',
    systemStatus: 'gap',
  });
  t.card(adoption, teams, {
    key: 'csms',
    title: 'Customer success managers',
    owner: 'Customer success',
    notes: 'One CSM per 25 accounts; QBRs for accounts above 30k ARR.',
  });
  const adoHealth = t.card(adoption, automation, {
    key: 'health_drop',
    title: 'Health score below 50: flag churn risk',
    owner: 'Customer success',
    trigger: { type: 'score', condition: 'healthScore < 50' },
    action: { type: 'create-task', team: 'Customer success', task: 'Call the champion within 2 business days', system: 'Salesforce' },
  });
  t.flow(adoCloses, adoQbr, { label: 'Quarterly' });
  t.flow(adoCloses, adoHealth, { condition: 'healthScore < 50', label: 'Usage falls' });

  // ── Churn risk ────────────────────────────────────────────────────────────────────────────────
  const churnTickets = t.card(churn, actions, { key: 'raises_tickets', title: 'Raises repeated tickets; the champion goes quiet' });
  t.card(churn, feelings, { key: 'frustrated', title: 'Frustrated: "We pay for something we barely use"', emotion: -3 });
  const churnEscalation = t.card(churn, touchpoints, {
    key: 'ticket_escalation',
    title: 'Support ticket escalation',
    channel: 'support-ticket',
    content: 'Priority queue with a named engineer',
    owner: 'Support',
  });
  const churnExecCall = t.card(churn, touchpoints, {
    key: 'exec_call',
    title: 'Executive sponsor call',
    channel: 'sales-call',
    content: 'VP Customer success + the customer’s finance leader: a written success plan',
    owner: 'Customer success',
  });
  t.card(churn, data, {
    key: 'risk_reason',
    title: 'Churn risk reason',
    field: 'churnRiskReason',
    source: 'CSM call notes',
    system: 'Salesforce',
    systemCategory: 'crm',
    consent: 'legitimate-interest',
  });
  t.card(churn, systems, {
    key: 'zendesk',
    title: 'Zendesk',
    system: 'Zendesk',
    vendor: 'Zendesk',
    purpose: 'Tickets and escalations; ticket volume feeds the health score',
    systemStatus: 'in-use',
  });
  t.card(churn, teams, {
    key: 'save_team',
    title: 'Save team: support + customer success',
    owner: 'Customer success',
    notes: 'A human play, never automated: the account gets a named owner within a day.',
  });
  const churnSave = t.card(churn, automation, {
    key: 'save_play',
    title: 'Start the save play',
    owner: 'Customer success',
    trigger: { type: 'segment', segment: 'At-risk accounts' },
    action: {
      type: 'create-task',
      team: 'Customer success',
      task: 'Save plan in 14 days: exec call, re-training, success plan',
      system: 'Salesforce',
    },
  });
  t.card(churn, automation, {
    key: 'cancelled',
    title: 'Cancellation: move to win-back',
    owner: 'Customer success',
    trigger: { type: 'event', event: 'contract.cancelled' },
    action: { type: 'change-classification', classification: 'Churned', system: 'Salesforce' },
    exit: { type: 'move-to-journey', journey: 'Win-back' },
  });
  t.flow(churnTickets, churnEscalation, { label: 'Escalates' });
  t.flow(churnEscalation, churnSave, { label: 'Save play starts' });
  t.flow(churnSave, churnExecCall, { label: 'Exec call' });

  // ── Renewal ───────────────────────────────────────────────────────────────────────────────────
  const renReviews = t.card(renewal, actions, {
    key: 'reviews_value',
    title: 'Reviews the value delivered and renews, often with more seats',
  });
  const renRefers = t.card(renewal, actions, { key: 'refers', title: 'Agrees to a case study or refers a peer' });
  t.card(renewal, feelings, { key: 'valued', title: 'Valued: "They know our numbers better than we do"', emotion: 3 });
  const renProposal = t.card(renewal, touchpoints, {
    key: 'renewal_proposal',
    title: 'Renewal proposal with a value report',
    channel: 'email',
    content: 'Close days before/after, hours saved, renewal options',
    owner: 'Account management',
  });
  const renCall = t.card(renewal, touchpoints, {
    key: 'renewal_call',
    title: 'Renewal call',
    channel: 'sales-call',
    content: 'Terms, expansion to new entities, multi-year option',
    owner: 'Account management',
  });
  const renAdvocacy = t.card(renewal, touchpoints, {
    key: 'advocacy_invite',
    title: 'Advocacy invitation',
    channel: 'email',
    content: 'Case study, peer reference, customer advisory board',
    owner: 'Customer marketing',
  });
  t.card(renewal, data, {
    key: 'renewal_date',
    title: 'Renewal date and amount',
    field: 'renewalDate',
    source: 'Chargebee subscription',
    system: 'Chargebee',
    systemCategory: 'billing',
    consent: 'contract',
  });
  t.card(renewal, data, {
    key: 'advocate_opt_in',
    title: 'Advocate opt-in',
    field: 'advocateOptIn',
    source: 'Advocacy invitation reply',
    system: 'HubSpot',
    systemCategory: 'marketing-automation',
    consent: 'consent',
  });
  t.card(renewal, systems, {
    key: 'advocacy_platform',
    title: 'Advocacy platform',
    system: 'Influitive',
    vendor: 'Influitive',
    purpose: 'References and case-study pipeline',
    systemStatus: 'planned',
  });
  t.card(renewal, teams, {
    key: 'account_management',
    title: 'Account management',
    owner: 'Sales',
    notes: 'Owns renewals and expansion; CSM prepares the value report.',
  });
  const renPrepare = t.card(renewal, automation, {
    key: 'prepare_renewal',
    title: 'Renewal window opens: prepare the proposal',
    owner: 'Sales operations',
    trigger: { type: 'segment', segment: 'Renewal due in 90 days' },
    action: {
      type: 'create-task',
      team: 'Account management',
      task: 'Prepare renewal proposal with the CSM’s value report',
      system: 'Salesforce',
    },
  });
  t.card(renewal, automation, {
    key: 'declined',
    title: 'Renewal declined: move to win-back',
    owner: 'Sales operations',
    trigger: { type: 'event', event: 'renewal.declined' },
    action: { type: 'change-classification', classification: 'Churned', system: 'Salesforce' },
    exit: { type: 'move-to-journey', journey: 'Win-back' },
  });
  t.flow(renPrepare, renProposal, { label: 'Proposal sent' });
  t.flow(renProposal, renCall, { event: 'email.opened', label: 'Call booked' });
  t.flow(renCall, renReviews, { label: 'Decides' });
  t.flow(renReviews, renAdvocacy, { event: 'renewal.signed', condition: 'nps >= 9', label: 'Promoters only' });
  t.flow(renAdvocacy, renRefers, { event: 'email.clicked', label: 'Says yes' });

  // ── Stage transitions (cross-stage flows) ─────────────────────────────────────────────────────
  t.flow(leadCreate, p1Series, { event: 'lead.created', condition: 'marketingConsent == true', label: 'Consent confirmed' });
  t.flow(p1Welcome, p2Nurture, { delay: '3d', label: '3 days after the welcome email' });
  t.flow(p2Mql, mqlRoute, { condition: 'score >= 50 && company.size >= 50', label: 'Becomes MQL' });
  t.flow(p2Demo, mqlRoute, { event: 'demo.requested', label: 'Hand-raiser: straight to an SDR' });
  t.flow(mqlCall, sqlBooks, { event: 'lead.qualified', label: 'SDR qualifies: becomes SQL' });
  t.flow(sqlRejected, p2Nurture, { event: 'lead.rejected', delay: '30d', label: 'Rejected: back to nurture after 30 days' });
  t.flow(sqlDemo, oppEvaluates, { event: 'demo.completed', label: 'AE opens the opportunity' });
  t.flow(oppReference, quoteForm, { event: 'quote.requested', label: 'Committee agrees on scope' });
  t.flow(quoteForm, custSigns, { event: 'contract.signed', label: 'Order form signed' });
  t.flow(custHandover, onbKickoff, { event: 'kickoff.scheduled', label: 'Kickoff booked' });
  t.flow(onbDone, adoCloses, { event: 'onboarding.completed', label: 'Live' });
  t.flow(adoHealth, churnTickets, { condition: 'healthScore < 50', label: 'Health drops below 50' });
  t.flow(adoCloses, renPrepare, { delay: '365d', label: 'A year into the term: the renewal window opens' });
  t.flow(churnExecCall, renPrepare, { event: 'saveplay.completed', label: 'Saved: on to the renewal conversation' });
  t.flow(churnExecCall, adoCloses, { condition: 'healthScore >= 70', delay: '14d', label: 'Recovered for 14 days: back to adoption' });
  t.flow(renReviews, adoCloses, { event: 'renewal.signed', delay: '30d', label: 'Renewed: new term starts' });

  return t.build();
}
