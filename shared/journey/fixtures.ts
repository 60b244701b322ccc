import { BLUEPRINT_FORMAT, type Blueprint, type Card } from '../model/index.ts';

/**
 * A small, clean journey used by the journey tests: three stages (Lead → Customer → Renewal),
 * a loop back with a wait, an opt-out, captures, a 3-day nurture wait and a 365-day renewal wait.
 */
export function cleanJourney(): Blueprint {
  const lanes = [
    { id: 'ln_touch', name: 'Touchpoints', kind: 'touchpoints' as const, order: 'a0', owner: 'Marketing' },
    { id: 'ln_data', name: 'Data', kind: 'data' as const, order: 'a1', owner: 'Data' },
    { id: 'ln_auto', name: 'Automation', kind: 'automation' as const, order: 'a2', owner: 'Marketing ops' },
  ];
  const stages = [
    { id: 'st_lead', name: 'Lead', order: 'a0', entryCriterion: 'form submitted', customerGoal: 'Learn' },
    { id: 'st_customer', name: 'Customer', order: 'a1', entryCriterion: '', customerGoal: 'Succeed' },
    { id: 'st_renewal', name: 'Renewal', order: 'a2', entryCriterion: '', customerGoal: 'Renew' },
  ];
  const card = (c: Partial<Card> & Pick<Card, 'id' | 'stageId' | 'laneId' | 'kind' | 'title'>): Card => ({
    order: 'a0',
    notes: '',
    owner: 'Marketing',
    status: 'active',
    ...c,
  });
  const cards: Card[] = [
    card({ id: 'cd_form', stageId: 'st_lead', laneId: 'ln_touch', kind: 'touchpoint', title: 'Signup form', channel: 'landing-page' }),
    card({
      id: 'cd_email',
      stageId: 'st_lead',
      laneId: 'ln_data',
      kind: 'data',
      title: 'Email',
      field: 'email',
      system: 'CRM',
      consent: 'consent',
    }),
    card({
      id: 'cd_welcome',
      stageId: 'st_lead',
      laneId: 'ln_auto',
      kind: 'automation',
      title: 'Welcome',
      trigger: { type: 'event', event: 'form.submitted' },
      action: { type: 'send', channel: 'email', content: 'Welcome' },
    }),
    card({
      id: 'cd_nurture',
      stageId: 'st_lead',
      laneId: 'ln_auto',
      order: 'a1',
      kind: 'automation',
      title: 'Nurture',
      trigger: { type: 'elapsed', after: '3d' },
      action: { type: 'send', channel: 'email', content: 'Nurture 1' },
    }),
    card({
      id: 'cd_optout',
      stageId: 'st_lead',
      laneId: 'ln_auto',
      order: 'a2',
      kind: 'automation',
      title: 'Opt-out',
      trigger: { type: 'event', event: 'email.unsubscribed' },
      exit: { type: 'opt-out' },
    }),
    card({
      id: 'cd_onboard',
      stageId: 'st_customer',
      laneId: 'ln_touch',
      kind: 'touchpoint',
      title: 'Onboarding call',
      channel: 'sales-call',
      owner: 'CX',
    }),
    card({
      id: 'cd_classify',
      stageId: 'st_customer',
      laneId: 'ln_auto',
      kind: 'automation',
      title: 'Mark customer',
      trigger: { type: 'event', event: 'order.placed' },
      action: { type: 'change-classification', classification: 'customer', system: 'CRM' },
    }),
    card({ id: 'cd_renew', stageId: 'st_renewal', laneId: 'ln_touch', kind: 'touchpoint', title: 'Renewal offer', channel: 'email' }),
    card({
      id: 'cd_task',
      stageId: 'st_renewal',
      laneId: 'ln_auto',
      kind: 'automation',
      title: 'Renewal call',
      trigger: { type: 'score', condition: 'healthScore < 50' },
      action: { type: 'create-task', team: 'Sales', task: 'Call' },
    }),
  ];
  const flows = [
    { id: 'fl_buy', from: 'cd_form', to: 'cd_onboard', event: 'order.placed', condition: 'score >= 0', label: 'buys' },
    { id: 'fl_year', from: 'cd_onboard', to: 'cd_renew', delay: '365d', label: 'a year later' },
    { id: 'fl_back', from: 'cd_renew', to: 'cd_onboard', event: 'renewal.signed', delay: '1d', label: 'renewed' },
  ];
  return {
    format: BLUEPRINT_FORMAT,
    meta: { schemaVersion: 2, minAppVersion: '0.1.0', title: 'Clean journey', status: 'draft', owner: '', description: '' },
    personas: [],
    stages,
    lanes,
    cards,
    flows,
    annotations: [],
    history: [],
  };
}
