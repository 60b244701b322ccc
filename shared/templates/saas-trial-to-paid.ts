import type { Blueprint } from '../model/schema.ts';
import { templateBuilder } from './lib/builder.ts';
import { addDefaultLanes } from './lib/lanes.ts';
import type { Template } from './lib/template.ts';

/**
 * SaaS trial to paid: a product-led project-management tool with a 14-day free trial, self-serve
 * checkout and a sales-assist team for larger accounts. Sign-up → Activation → Paid → Expansion →
 * Renewal, and back to Paid for the next term. Activation is the stage that decides everything, so
 * it carries the most touchpoints, the product-qualified-lead hand-off and the trial-expiry exit.
 */
export const saasTrialToPaid: Template = {
  id: 'saas-trial-to-paid',
  name: 'SaaS trial to paid',
  description:
    'A product-led SaaS journey: sign-up, activation during a 14-day trial with in-app and email onboarding, self-serve upgrade, seat expansion and the annual renewal.',
  build,
};

function build(): Blueprint {
  const t = templateBuilder({
    title: 'SaaS trial to paid',
    description: saasTrialToPaid.description,
    owner: 'Growth',
    cardStatus: 'active',
  });
  t.persona(
    'team_lead',
    'Team lead (trial starter)',
    'Leads a team of 5–30; tries tools on a live project before asking anyone for budget.',
  );
  t.persona('workspace_admin', 'Workspace admin', 'Owns seats, SSO and billing once the team pays; judges the renewal on usage.');

  const { actions, feelings, touchpoints, data, systems, teams, automation } = addDefaultLanes(t);

  const signup = t.stage('signup', 'Sign-up', {
    macroStage: 'consideration',
    entryCriterion: 'Clicks "Start free trial" (no credit card).',
    customerGoal: 'Try it on a real project without talking to sales.',
  });
  const activation = t.stage('activation', 'Activation', {
    macroStage: 'onboarding',
    entryCriterion: 'Workspace created.',
    customerGoal: 'Get the first project running and the team in before the trial ends.',
  });
  const paid = t.stage('paid', 'Paid', {
    macroStage: 'purchase',
    entryCriterion: 'Subscription started (card entered, plan chosen).',
    customerGoal: 'Pay only for what we use, with no surprises on the bill.',
  });
  const expansion = t.stage('expansion', 'Expansion', {
    macroStage: 'retention',
    entryCriterion: 'Seat utilisation at or above 90 %, or a paid-plan feature is hit.',
    customerGoal: 'Bring more teams in without friction or a procurement cycle.',
  });
  const renewal = t.stage('renewal', 'Renewal', {
    macroStage: 'retention',
    entryCriterion: 'Annual renewal invoice upcoming (30 days ahead).',
    customerGoal: 'Renew knowing it is worth it — and right-size the seats.',
  });

  // ── Sign-up ───────────────────────────────────────────────────────────────────────────────────
  const pricing = t.card(signup, actions, { key: 'visits_pricing', title: 'Compares plans on the pricing page' });
  const signsUp = t.card(signup, actions, { key: 'signs_up', title: 'Signs up with Google' });
  t.card(signup, feelings, { key: 'optimistic', title: 'Optimistic and impatient: "Let me try it before I am sold to"', emotion: 2 });
  const compareAds = t.card(signup, touchpoints, {
    key: 'comparison_ads',
    title: 'Competitor comparison ads',
    channel: 'paid-search',
    content: '"Alternative to spreadsheets and …" → comparison page',
    owner: 'Performance marketing',
    metrics: { volume: 22000, clickRate: 0.041, period: 'last 30 days' },
  });
  const pricingPage = t.card(signup, touchpoints, {
    key: 'pricing_page',
    title: 'Pricing page',
    channel: 'web-page',
    content: 'Free, Team and Business plans; "Start free trial" on each',
    owner: 'Growth team',
    metrics: { volume: 14800, conversionRate: 0.061, period: 'last 30 days' },
  });
  const signupForm = t.card(signup, touchpoints, {
    key: 'signup_form',
    title: 'Sign-up form with Google SSO',
    channel: 'landing-page',
    content: 'Work email or Google; one question: team size',
    owner: 'Growth team',
    metrics: { volume: 900, conversionRate: 0.78, period: 'last 30 days' },
  });
  t.card(signup, data, {
    key: 'email',
    title: 'Work email and name',
    field: 'email',
    source: 'Sign-up form / Google profile',
    system: 'HubSpot',
    systemCategory: 'marketing-automation',
    consent: 'contract',
  });
  t.card(signup, data, {
    key: 'team_size',
    title: 'Team size',
    field: 'teamSize',
    source: 'Sign-up question (the only one)',
    system: 'Segment',
    systemCategory: 'cdp',
    consent: 'contract',
  });
  t.card(signup, data, {
    key: 'marketing_consent',
    title: 'Product-news consent',
    field: 'marketingConsent',
    source: 'Unticked checkbox on sign-up',
    system: 'HubSpot',
    systemCategory: 'marketing-automation',
    consent: 'consent',
  });
  t.card(signup, systems, {
    key: 'auth0',
    title: 'Auth0',
    system: 'Auth0',
    vendor: 'Okta',
    purpose: 'Sign-up, Google SSO, later SAML for Business',
    systemStatus: 'in-use',
  });
  t.card(signup, systems, {
    key: 'hubspot',
    title: 'HubSpot',
    system: 'HubSpot',
    vendor: 'HubSpot',
    purpose: 'Contacts, lifecycle email, sales-assist pipeline',
    systemStatus: 'in-use',
  });
  t.card(signup, teams, {
    key: 'growth',
    title: 'Growth team',
    owner: 'Product',
    notes: 'PM, designer and engineers owning sign-up to first value; weekly experiment review.',
  });
  const createWorkspace = t.card(signup, automation, {
    key: 'create_workspace',
    title: 'Create workspace and send the welcome',
    owner: 'Growth team',
    trigger: { type: 'event', event: 'user.signed_up' },
    action: { type: 'send', channel: 'email', content: 'Your workspace is ready + a 3-minute setup video', system: 'HubSpot' },
  });
  t.flow(compareAds, pricingPage, { event: 'ad.clicked', label: 'Clicks through' });
  t.flow(pricingPage, pricing, { label: 'Compares' });
  t.flow(pricing, signupForm, { label: 'Starts the trial' });
  t.flow(signupForm, signsUp, { label: 'Google in one click' });
  t.flow(signsUp, createWorkspace, { event: 'user.signed_up', label: 'Account created' });

  // ── Activation ────────────────────────────────────────────────────────────────────────────────
  const firstProject = t.card(activation, actions, { key: 'first_project', title: 'Creates the first project from a template' });
  const invites = t.card(activation, actions, { key: 'invites_team', title: 'Invites two teammates' });
  t.card(activation, feelings, { key: 'confused', title: 'Confused by empty screens: "Where do I start?"', emotion: -1 });
  const checklist = t.card(activation, touchpoints, {
    key: 'onboarding_checklist',
    title: 'In-app onboarding checklist',
    channel: 'in-product',
    content: 'Pick a template, add tasks, invite a teammate, connect Slack',
    owner: 'Growth team',
    metrics: { volume: 820, conversionRate: 0.37, period: 'last 30 days' },
  });
  const trialEmails = t.card(activation, touchpoints, {
    key: 'trial_emails',
    title: 'Trial emails on days 1, 3, 7 and 12',
    channel: 'email',
    content: 'One job per email, skipped once done in the product',
    owner: 'Lifecycle marketing',
    metrics: { volume: 3100, openRate: 0.48, clickRate: 0.12, period: 'last 30 days' },
  });
  const upgradeModal = t.card(activation, touchpoints, {
    key: 'upgrade_modal',
    title: 'In-app upgrade with plan comparison',
    channel: 'in-product',
    content: 'Trial-ending banner → plan picker → Stripe checkout',
    owner: 'Growth team',
    metrics: { volume: 1400, conversionRate: 0.14, revenue: 58000, period: 'last 30 days' },
  });
  const assistChat = t.card(activation, touchpoints, {
    key: 'sales_assist_chat',
    title: 'Sales-assist chat for teams of 20+',
    channel: 'chat',
    content: 'A person offers a guided setup call',
    owner: 'Sales assist',
  });
  t.card(activation, touchpoints, {
    key: 'demo_email',
    title: '"Book a demo" email to every trial',
    channel: 'email',
    content: 'Day-1 email from an SDR offering a 30-minute demo',
    owner: 'Sales assist',
    status: 'retired',
    metrics: { volume: 2900, clickRate: 0.02, period: 'last quarter before retiring' },
    notes: 'Retired: 2 % booked and trial users called it pushy. Replaced by sales assist for teams of 20+.',
  });
  t.card(activation, data, {
    key: 'activation_events',
    title: 'Activation events',
    field: 'activationEvents',
    source: 'Product events (project created, teammate invited)',
    system: 'Amplitude',
    systemCategory: 'product-analytics',
    consent: 'contract',
  });
  t.card(activation, data, {
    key: 'pql_score',
    title: 'Product-qualified lead score',
    field: 'pqlScore',
    source: 'Usage model (invites, projects, integrations)',
    system: 'HubSpot',
    systemCategory: 'marketing-automation',
    consent: 'legitimate-interest',
  });
  t.card(activation, systems, {
    key: 'amplitude',
    title: 'Amplitude',
    system: 'Amplitude',
    vendor: 'Amplitude',
    purpose: 'Activation funnel, cohorts, experiment readouts',
    systemStatus: 'in-use',
  });
  t.card(activation, systems, {
    key: 'intercom',
    title: 'Intercom',
    system: 'Intercom',
    vendor: 'Intercom',
    purpose: 'In-app chat and the sales-assist inbox',
    systemStatus: 'in-use',
  });
  t.card(activation, systems, {
    key: 'appcues',
    title: 'Appcues',
    system: 'Appcues',
    vendor: 'Appcues',
    purpose: 'Old product tours that duplicate the native checklist',
    systemStatus: 'retire',
    notes: 'Retire: tours and checklist compete for the same screen; the checklist converts 2× better.',
  });
  t.card(activation, teams, {
    key: 'sales_assist',
    title: 'Sales assist',
    owner: 'Sales',
    notes: 'Human touch for teams of 20+: a guided setup call beats three more emails.',
  });
  const nudge = t.card(activation, automation, {
    key: 'not_activated_nudge',
    title: 'No project by day 3: nudge',
    owner: 'Lifecycle marketing',
    trigger: { type: 'elapsed', after: '3d' },
    action: { type: 'send', channel: 'email', content: 'Start from a template in 2 minutes', system: 'HubSpot' },
  });
  const pql = t.card(activation, automation, {
    key: 'pql_route',
    title: 'PQL: route to sales assist',
    owner: 'Sales operations',
    trigger: { type: 'score', condition: 'pqlScore >= 70 && teamSize >= 20' },
    action: { type: 'create-task', team: 'Sales assist', task: 'Offer a guided setup call within a day', system: 'HubSpot' },
  });
  t.card(activation, automation, {
    key: 'trial_expired',
    title: 'Trial expired unpaid: move to win-back nurture',
    owner: 'Lifecycle marketing',
    trigger: { type: 'event', event: 'trial.expired' },
    action: { type: 'change-classification', classification: 'Trial expired', system: 'HubSpot' },
    exit: { type: 'move-to-journey', journey: 'Trial win-back nurture' },
  });
  const optOut = t.card(activation, automation, {
    key: 'unsubscribe',
    title: 'Unsubscribe: stop lifecycle email',
    owner: 'Lifecycle marketing',
    trigger: { type: 'event', event: 'email.unsubscribed' },
    action: { type: 'set-field', field: 'emailOptOut', value: true, system: 'HubSpot' },
    exit: { type: 'opt-out' },
    notes: 'Product and billing emails still go out: they are part of the contract.',
  });
  t.flow(checklist, firstProject, { label: 'Follows the checklist' });
  t.flow(firstProject, invites, { event: 'project.created', label: 'Wants the team in' });
  t.flow(trialEmails, nudge, { condition: 'activationEvents == 0', label: 'Nothing done yet' });
  t.flow(nudge, firstProject, { event: 'email.clicked', label: 'Comes back' });
  t.flow(invites, pql, { condition: 'pqlScore >= 70 && teamSize >= 20', label: 'Big team, real usage' });
  t.flow(pql, assistChat, { label: 'Guided setup offered' });
  t.flow(invites, upgradeModal, { event: 'trial.ending', label: 'Trial ends in 3 days' });
  t.flow(trialEmails, optOut, { event: 'email.unsubscribed', label: 'Unsubscribes' });

  // ── Paid ──────────────────────────────────────────────────────────────────────────────────────
  const upgrades = t.card(paid, actions, { key: 'upgrades', title: 'Enters a card and chooses the annual Team plan' });
  const usesDaily = t.card(paid, actions, { key: 'uses_daily', title: 'Runs every team stand-up from the board' });
  t.card(paid, feelings, { key: 'committed', title: 'Committed, but watching the bill', emotion: 1 });
  const receipt = t.card(paid, touchpoints, {
    key: 'receipt',
    title: 'Receipt and "what is included" email',
    channel: 'email',
    content: 'Invoice, plan limits, admin guide',
    owner: 'Billing operations',
  });
  t.card(paid, data, {
    key: 'plan',
    title: 'Plan and billing interval',
    field: 'plan',
    source: 'Checkout',
    system: 'Stripe',
    systemCategory: 'billing',
    consent: 'contract',
  });
  t.card(paid, data, {
    key: 'seats_purchased',
    title: 'Seats purchased',
    field: 'seats.purchased',
    source: 'Stripe subscription',
    system: 'Stripe',
    systemCategory: 'billing',
    consent: 'contract',
  });
  t.card(paid, systems, {
    key: 'stripe',
    title: 'Stripe Billing',
    system: 'Stripe Billing',
    vendor: 'Stripe',
    purpose: 'Checkout, subscriptions, invoices, dunning',
    systemStatus: 'in-use',
  });
  t.card(paid, systems, {
    key: 'revenue_analytics',
    title: 'Subscription analytics',
    system: 'Subscription analytics',
    vendor: 'To be selected',
    purpose: 'No MRR, churn or cohort dashboards; finance exports Stripe CSVs monthly. Evaluate ChartMogul.',
    systemStatus: 'gap',
  });
  t.card(paid, teams, {
    key: 'billing_ops',
    title: 'Billing operations',
    owner: 'Finance',
    notes: 'Refunds, invoices for procurement, failed-payment follow-up.',
  });
  const becomesCustomer = t.card(paid, automation, {
    key: 'becomes_customer',
    title: 'Subscription started: becomes Customer',
    owner: 'Growth team',
    trigger: { type: 'event', event: 'subscription.started' },
    action: { type: 'change-classification', classification: 'Customer', system: 'HubSpot' },
  });
  t.card(paid, automation, {
    key: 'dunning',
    title: 'Failed payment: dunning',
    owner: 'Billing operations',
    trigger: { type: 'event', event: 'invoice.payment_failed' },
    action: { type: 'send', channel: 'email', content: 'Your card was declined — update it in one click', system: 'Stripe Billing' },
    wait: '3d',
  });
  t.flow(upgrades, becomesCustomer, { label: 'Paid' });
  t.flow(becomesCustomer, receipt, { label: 'Receipt' });
  t.flow(receipt, usesDaily, { label: 'Rolls it out' });

  // ── Expansion ─────────────────────────────────────────────────────────────────────────────────
  const hitsLimit = t.card(expansion, actions, { key: 'hits_seat_limit', title: 'Invites another department and hits the seat limit' });
  t.card(expansion, actions, { key: 'asks_sso', title: 'IT asks for SSO before more people join' });
  t.card(expansion, feelings, { key: 'proud', title: 'Proud of the rollout, wary of cost creep', emotion: 2 });
  const seatBanner = t.card(expansion, touchpoints, {
    key: 'seat_banner',
    title: 'Seat-limit banner with self-serve add seats',
    channel: 'in-product',
    content: 'Prorated price shown before confirming',
    owner: 'Growth team',
    metrics: { volume: 310, conversionRate: 0.52, period: 'last 30 days' },
  });
  const amCall = t.card(expansion, touchpoints, {
    key: 'business_plan_call',
    title: 'Account manager call about the Business plan',
    channel: 'sales-call',
    content: 'SSO, audit log, admin roles; annual prepay options',
    owner: 'Account management',
  });
  t.card(expansion, touchpoints, {
    key: 'advanced_webinar',
    title: 'Webinar: advanced workflows for admins',
    channel: 'webinar',
    content: 'Automations, portfolio views, reporting',
    owner: 'Customer marketing',
  });
  t.card(expansion, data, {
    key: 'seat_utilisation',
    title: 'Seat utilisation',
    field: 'seatUtilisation',
    source: 'Daily usage job',
    system: 'Snowflake',
    systemCategory: 'data-warehouse',
    consent: 'contract',
  });
  t.card(expansion, systems, {
    key: 'snowflake',
    title: 'Snowflake',
    system: 'Snowflake',
    vendor: 'Snowflake',
    purpose: 'Usage history, seat utilisation, health model',
    systemStatus: 'in-use',
  });
  t.card(expansion, teams, {
    key: 'account_management',
    title: 'Account management',
    owner: 'Sales',
    notes: 'Works accounts above 50 seats; everyone else expands self-serve.',
  });
  const expansionPlay = t.card(expansion, automation, {
    key: 'expansion_play',
    title: 'Seats 90 % used: expansion play',
    owner: 'Sales operations',
    trigger: { type: 'score', condition: 'seatUtilisation >= 0.9' },
    action: { type: 'notify', team: 'Account management', content: 'Account close to its seat limit — offer the Business plan' },
  });
  t.card(expansion, automation, {
    key: 'sso_gate',
    title: 'SSO requested: offer the Business plan',
    owner: 'Growth team',
    trigger: { type: 'event', event: 'feature.gate_hit' },
    action: { type: 'send', channel: 'in-product', content: 'SSO is part of Business — start a 14-day Business trial' },
  });
  t.flow(expansionPlay, seatBanner, { label: 'Banner shown' });
  t.flow(seatBanner, hitsLimit, { label: 'Adds seats' });
  t.flow(expansionPlay, amCall, { condition: 'seats.purchased >= 50', label: 'Large account: a person calls' });

  // ── Renewal ───────────────────────────────────────────────────────────────────────────────────
  const reviews = t.card(renewal, actions, { key: 'reviews_invoice', title: 'Finance reviews the renewal invoice' });
  const rightSizes = t.card(renewal, actions, { key: 'right_sizes', title: 'Admin removes inactive seats and renews' });
  t.card(renewal, feelings, { key: 'weighing', title: 'Weighing it up: "Are we using all these seats?"', emotion: 0 });
  const notice = t.card(renewal, touchpoints, {
    key: 'renewal_notice',
    title: 'Renewal notice 30 days ahead',
    channel: 'email',
    content: 'Amount, date, how to change seats or cancel — required for auto-renewals in several markets',
    owner: 'Billing operations',
  });
  const yearReport = t.card(renewal, touchpoints, {
    key: 'year_in_review',
    title: 'Your year in numbers',
    channel: 'email',
    content: 'Projects shipped, hours of meetings saved, most active teams',
    owner: 'Customer marketing',
    metrics: { volume: 420, openRate: 0.61, clickRate: 0.22, period: 'last renewal cycle' },
  });
  const renewalCall = t.card(renewal, touchpoints, {
    key: 'renewal_call',
    title: 'Renewal call for accounts above $10k a year',
    channel: 'sales-call',
    content: 'Usage review, multi-year option, roadmap',
    owner: 'Account management',
  });
  t.card(renewal, data, {
    key: 'renewal_outcome',
    title: 'Renewal outcome and reason',
    field: 'renewalOutcome',
    source: 'Stripe subscription + account manager notes',
    system: 'HubSpot',
    systemCategory: 'crm',
    consent: 'contract',
  });
  t.card(renewal, systems, {
    key: 'cs_platform',
    title: 'Customer success platform',
    system: 'Vitally',
    vendor: 'Vitally',
    purpose: 'Health scores and renewal forecasts in one place',
    systemStatus: 'planned',
  });
  t.card(renewal, teams, {
    key: 'customer_success',
    title: 'Customer success',
    owner: 'Customer success',
    notes: 'Pooled CSMs review every renewal above $10k 60 days out.',
  });
  const noticeAutomation = t.card(renewal, automation, {
    key: 'send_notice',
    title: 'Invoice upcoming: send the renewal notice',
    owner: 'Billing operations',
    trigger: { type: 'event', event: 'invoice.upcoming' },
    action: { type: 'send', channel: 'email', content: 'Your plan renews in 30 days', system: 'Stripe Billing' },
  });
  t.card(renewal, automation, {
    key: 'cancelled',
    title: 'Cancelled: exit survey and win-back',
    owner: 'Lifecycle marketing',
    trigger: { type: 'event', event: 'subscription.cancelled' },
    action: { type: 'send', channel: 'email', content: 'One-question exit survey', system: 'HubSpot' },
    exit: { type: 'move-to-journey', journey: 'Win-back' },
  });
  t.flow(noticeAutomation, notice, { label: 'Sends' });
  t.flow(notice, yearReport, { delay: '7d', label: 'A week later' });
  t.flow(yearReport, reviews, { label: 'Forwarded to finance' });
  t.flow(reviews, renewalCall, { condition: 'plan == "Business"', label: 'Large account' });
  t.flow(reviews, rightSizes, { label: 'Adjusts seats' });

  // ── Stage transitions ─────────────────────────────────────────────────────────────────────────
  t.flow(createWorkspace, checklist, { event: 'workspace.created', label: 'Workspace ready' });
  t.flow(createWorkspace, trialEmails, { event: 'workspace.created', label: 'Trial emails start' });
  t.flow(upgradeModal, upgrades, { event: 'subscription.started', label: 'Chooses a plan and pays' });
  t.flow(assistChat, upgrades, { event: 'subscription.started', label: 'Buys with sales assist' });
  t.flow(usesDaily, expansionPlay, { condition: 'seatUtilisation >= 0.9', label: 'Seats nearly full' });
  t.flow(usesDaily, noticeAutomation, { event: 'invoice.upcoming', label: 'Renewal in 30 days' });
  t.flow(hitsLimit, noticeAutomation, { event: 'invoice.upcoming', label: 'Renewal in 30 days' });
  t.flow(rightSizes, usesDaily, { event: 'invoice.paid', delay: '1d', label: 'Renewal paid: the new term starts the next day' });

  return t.build();
}
