import { BLUEPRINT_FORMAT, type Blueprint, type Card } from '../model/index.ts';

/**
 * A small trial-to-paid blueprint for the analytics tests: Visit → Trial → Paid. The search ad leads
 * to the trial on `trial.started`, the trial welcome to checkout on `purchase`, and the webinar to
 * checkout on `webinar.purchase` (the flow the planted logs never take). No flow goes from Visit
 * straight to Paid (the transition the planted logs take anyway).
 */
export function trialBlueprint(): Blueprint {
  const card = (c: Partial<Card> & Pick<Card, 'id' | 'stageId' | 'title'>): Card => ({
    laneId: 'ln_touch',
    kind: 'touchpoint',
    order: 'a0',
    notes: '',
    owner: 'Marketing',
    status: 'active',
    ...c,
  });
  return {
    format: BLUEPRINT_FORMAT,
    meta: { schemaVersion: 1, minAppVersion: '0.1.0', title: 'Trial to paid', status: 'draft', owner: '', description: '' },
    personas: [],
    stages: [
      { id: 'st_visit', name: 'Visit', order: 'a0', entryCriterion: '', customerGoal: '' },
      { id: 'st_trial', name: 'Trial', order: 'a1', entryCriterion: '', customerGoal: '' },
      { id: 'st_paid', name: 'Paid', order: 'a2', entryCriterion: '', customerGoal: '' },
    ],
    lanes: [{ id: 'ln_touch', name: 'Touchpoints', kind: 'touchpoints', order: 'a0', owner: 'Marketing' }],
    cards: [
      card({ id: 'cd_ad', stageId: 'st_visit', title: 'Search ad', channel: 'paid-search' }),
      card({ id: 'cd_trial', stageId: 'st_trial', title: 'Trial welcome', channel: 'email' }),
      card({ id: 'cd_webinar', stageId: 'st_trial', order: 'a1', title: 'Webinar', channel: 'webinar' }),
      card({ id: 'cd_checkout', stageId: 'st_paid', title: 'Checkout', channel: 'web-page' }),
    ],
    flows: [
      { id: 'fl_start', from: 'cd_ad', to: 'cd_trial', event: 'trial.started', label: '' },
      { id: 'fl_buy', from: 'cd_trial', to: 'cd_checkout', event: 'purchase', label: '' },
      { id: 'fl_webinar', from: 'cd_webinar', to: 'cd_checkout', event: 'webinar.purchase', label: '' },
    ],
    annotations: [],
    history: [],
  };
}
