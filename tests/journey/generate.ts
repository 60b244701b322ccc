/**
 * Seeded random journeys for the differential tests: random stages, branches (forward and
 * back), loops (each back-transition waits), waits from an hour to 365 days, conditions,
 * in-stage steps, exits and re-entry; and random event scripts for them.
 */
import { BLUEPRINT_FORMAT, seededRandom, type Blueprint, type Card, type Flow, type Random } from '../../shared/model/index.ts';
import type { EventScriptInput, Reentry } from '../../shared/journey/index.ts';

const EVENTS = ['email.opened', 'form.submitted', 'demo.booked', 'order.placed', 'ticket.closed'];
const WAITS = ['1h', '3d', '10d', '30d', '365d'];
const CONDITIONS = ['score >= 50', 'score < 30', 'flag == true', 'tier == "gold"', 'tier != "gold" && score > 10', '!(score > 80) || flag', 'company.size >= 100'];

export interface GeneratedJourney {
  readonly blueprint: Blueprint;
  readonly reentry: Reentry;
}

export function generateJourney(seed: number): GeneratedJourney {
  const r = seededRandom(seed);
  const stageCount = 3 + r.int(5);
  const stages = Array.from({ length: stageCount }, (_, i) => ({ id: `st_${i}`, name: `Stage ${i}`, order: `a${i.toString(36)}`, entryCriterion: '', customerGoal: '' }));
  const lanes = [
    { id: 'ln_t', name: 'Touchpoints', kind: 'touchpoints' as const, order: 'a0', owner: 'Marketing' },
    { id: 'ln_d', name: 'Data', kind: 'data' as const, order: 'a1', owner: 'Data' },
    { id: 'ln_a', name: 'Automation', kind: 'automation' as const, order: 'a2', owner: 'Ops' },
  ];
  const cards: Card[] = [];
  const flows: Flow[] = [];
  const base = { notes: '', status: 'active' as const };
  const anchor = (stage: number) => `cd_t${stage}`;
  const opt = (p: number, value: string) => (r.chance(p) ? value : undefined);

  stages.forEach((stage, i) => {
    cards.push({ ...base, id: anchor(i), stageId: stage.id, laneId: 'ln_t', order: 'a0', kind: 'touchpoint', title: `Touch ${i}`, owner: r.pick(['Marketing', 'Sales', 'CX']), channel: 'email' });
    for (let d = 0; d < r.int(3); d++) {
      cards.push({ ...base, id: `cd_d${i}_${d}`, stageId: stage.id, laneId: 'ln_d', order: `a${d}`, kind: 'data', title: 'Field', owner: 'Data', field: r.pick(['score', 'tier', 'email', 'company.size']), system: 'CRM' });
    }
    const steps = (i === 0 ? 1 : 0) + r.int(3);
    for (let a = 0; a < steps; a++) {
      const card: Card = { ...base, id: `cd_a${i}_${a}`, stageId: stage.id, laneId: 'ln_a', order: `a${a}`, kind: 'automation', title: `Step ${i}.${a}`, owner: r.pick(['Ops', 'Sales', 'Marketing']) };
      const roll = i === 0 && a === 0 ? 0 : r.int(4);
      card.trigger =
        roll === 0
          ? { type: 'event', event: r.pick(EVENTS), ...(r.chance(0.3) ? { condition: r.pick(CONDITIONS) } : {}) }
          : roll === 1
            ? { type: 'score', condition: r.pick(CONDITIONS) }
            : roll === 2
              ? { type: 'elapsed', after: r.pick(WAITS) }
              : { type: 'segment', segment: r.pick(['VIP', 'Churn risk']) };
      const w = opt(0.2, r.pick(WAITS));
      if (w && !(i === 0 && a === 0)) card.wait = w;
      const kind = r.int(6);
      if (kind === 0) card.action = { type: 'set-field', field: r.pick(['score', 'flag', 'company.size']), value: r.pick([10, 55, 90, true, false, 150]), system: 'CRM' };
      else if (kind === 1) card.action = { type: 'change-classification', classification: r.pick(['mql', 'sql', 'customer']), system: 'CRM' };
      else if (kind === 2) card.action = { type: 'create-task', team: 'Sales', task: 'Call' };
      else if (kind === 3) card.action = { type: 'notify', team: 'CX' };
      else card.action = { type: 'send', channel: 'email', content: `Mail ${i}.${a}` };
      if (a > 0 && r.chance(0.15)) {
        card.exit = r.pick([{ type: 'goal-reached' as const, ...(r.chance(0.5) ? { condition: r.pick(CONDITIONS) } : {}) }, { type: 'move-to-journey' as const, journey: 'Win-back' }]);
      }
      cards.push(card);
    }
    if (i === 0 && r.chance(0.6)) {
      cards.push({ ...base, id: 'cd_optout', stageId: stage.id, laneId: 'ln_a', order: 'z0', kind: 'automation', title: 'Opt-out', owner: 'Ops', trigger: { type: 'event', event: 'email.unsubscribed' }, exit: { type: 'opt-out' } });
    }
  });

  const transition = (from: number, to: number, id: string, back: boolean): Flow => {
    const roll = r.int(5);
    const flow: Flow = { id, from: anchor(from), to: anchor(to), label: '' };
    if (roll === 0) flow.event = r.pick(EVENTS);
    else if (roll === 1) Object.assign(flow, { event: r.pick(EVENTS), condition: r.pick(CONDITIONS) });
    else if (roll === 2) flow.delay = r.pick(WAITS);
    else if (roll === 3) Object.assign(flow, { delay: r.pick(WAITS), condition: r.pick(CONDITIONS) });
    else Object.assign(flow, { event: r.pick(EVENTS), delay: r.pick(WAITS) });
    if (roll !== 2 && roll !== 3 && r.chance(0.1) && !back) {
      delete flow.event;
      flow.condition = r.pick(CONDITIONS);
    }
    if (back && !flow.delay) flow.delay = r.pick(WAITS); // every loop waits
    return flow;
  };
  for (let i = 0; i < stageCount - 1; i++) flows.push(transition(i, i + 1, `fl_f${i}`, false));
  for (let b = 0; b < r.int(4); b++) {
    const from = r.int(stageCount);
    const to = r.int(stageCount);
    if (from === to) continue;
    flows.push(transition(from, to, `fl_x${b}`, to < from));
  }
  const reentry: Reentry = r.pick<Reentry>([{ mode: 'never' }, { mode: 'always' }, { mode: 'after', after: r.pick(['1d', '30d']) }]);
  return {
    blueprint: {
      format: BLUEPRINT_FORMAT,
      meta: { schemaVersion: 2, minAppVersion: '0.1.0', title: `Generated journey ${seed}`, status: 'draft', owner: '', description: '' },
      personas: [],
      stages,
      lanes,
      cards,
      flows,
      annotations: [],
      history: [],
    },
    reentry,
  };
}

export function generateScript(seed: number): EventScriptInput {
  const r: Random = seededRandom(seed * 7919 + 1);
  const count = 6 + r.int(7);
  const events: NonNullable<EventScriptInput['events']> = [];
  for (let i = 0; i < count; i++) {
    // Whole days often, so events land exactly on deadlines; minutes otherwise.
    const at = r.chance(0.5) ? `${r.int(420)}d` : `${r.int(420)}d${r.int(24)}h${r.int(60)}m`;
    const data: Record<string, unknown> = {};
    if (r.chance(0.4)) data.score = r.pick([0, 20, 49, 50, 60, 85, 100]);
    if (r.chance(0.2)) data.flag = r.chance(0.5);
    if (r.chance(0.2)) data.tier = r.pick(['gold', 'silver']);
    if (r.chance(0.15)) data.company = { size: r.pick([5, 100, 500]) };
    const event = r.chance(0.12) ? 'segment.entered' : r.chance(0.05) ? 'email.unsubscribed' : r.pick(EVENTS);
    if (event === 'segment.entered') data.segment = r.pick(['VIP', 'Churn risk']);
    events.push({ at, event, ...(Object.keys(data).length ? { data: data as Record<string, never> } : {}) });
  }
  events.unshift({ at: '0s', event: r.pick(EVENTS) });
  return { attributes: { score: r.pick([0, 40, 60]), tier: 'silver' }, events, until: '420d' };
}
