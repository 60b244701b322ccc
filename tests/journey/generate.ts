/**
 * Seeded random journeys for the differential tests: random stages, branches (forward and
 * back), loops (each back-transition waits), waits from an hour to 365 days, conditions,
 * in-stage steps, exits and re-entry; and random event scripts for them.
 */
import { BLUEPRINT_FORMAT, seededRandom, type Blueprint, type Card, type Flow, type Random } from '../../shared/model/index.ts';
import { compileBlueprint, parseEventScript, simulate, type EventScriptInput, type Reentry } from '../../shared/journey/index.ts';

const EVENTS = ['email.opened', 'form.submitted', 'demo.booked', 'order.placed', 'ticket.closed'];
const WAITS = ['1h', '3d', '10d', '30d', '365d'];
const CONDITIONS = [
  'score >= 50',
  'score < 30',
  'flag == true',
  'tier == "gold"',
  'tier != "gold" && score > 10',
  '!(score > 80) || flag',
  'company.size >= 100',
];

/** The seeds the differential and export tests run: every one against both engines, none excused. */
export const SEEDS: readonly number[] = Array.from({ length: 30 }, (_, i) => i + 1);

export interface GeneratedJourney {
  readonly blueprint: Blueprint;
  readonly reentry: Reentry;
}

export function generateJourney(seed: number): GeneratedJourney {
  const r = seededRandom(seed);
  const stageCount = 3 + r.int(5);
  const stages = Array.from({ length: stageCount }, (_, i) => ({
    id: `st_${i}`,
    name: `Stage ${i}`,
    order: `a${i.toString(36)}`,
    entryCriterion: '',
    customerGoal: '',
  }));
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
    cards.push({
      ...base,
      id: anchor(i),
      stageId: stage.id,
      laneId: 'ln_t',
      order: 'a0',
      kind: 'touchpoint',
      title: `Touch ${i}`,
      owner: r.pick(['Marketing', 'Sales', 'CX']),
      channel: 'email',
    });
    for (let d = 0; d < r.int(3); d++) {
      cards.push({
        ...base,
        id: `cd_d${i}_${d}`,
        stageId: stage.id,
        laneId: 'ln_d',
        order: `a${d}`,
        kind: 'data',
        title: 'Field',
        owner: 'Data',
        field: r.pick(['score', 'tier', 'email', 'company.size']),
        system: 'CRM',
      });
    }
    const steps = (i === 0 ? 1 : 0) + r.int(3);
    for (let a = 0; a < steps; a++) {
      const card: Card = {
        ...base,
        id: `cd_a${i}_${a}`,
        stageId: stage.id,
        laneId: 'ln_a',
        order: `a${a}`,
        kind: 'automation',
        title: `Step ${i}.${a}`,
        owner: r.pick(['Ops', 'Sales', 'Marketing']),
      };
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
      if (kind === 0)
        card.action = {
          type: 'set-field',
          field: r.pick(['score', 'flag', 'company.size']),
          value: r.pick([10, 55, 90, true, false, 150]),
          system: 'CRM',
        };
      else if (kind === 1)
        card.action = { type: 'change-classification', classification: r.pick(['mql', 'sql', 'customer']), system: 'CRM' };
      else if (kind === 2) card.action = { type: 'create-task', team: 'Sales', task: 'Call' };
      else if (kind === 3) card.action = { type: 'notify', team: 'CX' };
      else card.action = { type: 'send', channel: 'email', content: `Mail ${i}.${a}` };
      if (a > 0 && r.chance(0.15)) {
        card.exit = r.pick([
          { type: 'goal-reached' as const, ...(r.chance(0.5) ? { condition: r.pick(CONDITIONS) } : {}) },
          { type: 'move-to-journey' as const, journey: 'Win-back' },
        ]);
      }
      cards.push(card);
    }
    if (i === 0 && r.chance(0.6)) {
      cards.push({
        ...base,
        id: 'cd_optout',
        stageId: stage.id,
        laneId: 'ln_a',
        order: 'z0',
        kind: 'automation',
        title: 'Opt-out',
        owner: 'Ops',
        trigger: { type: 'event', event: 'email.unsubscribed' },
        exit: { type: 'opt-out' },
      });
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

/** Data that makes each generated condition hold (so scripts can steer the customer on). */
const SATISFY: Record<string, Record<string, unknown>> = {
  'score >= 50': { score: 60 },
  'score < 30': { score: 20 },
  'flag == true': { flag: true },
  'tier == "gold"': { tier: 'gold' },
  'tier != "gold" && score > 10': { tier: 'silver', score: 49 },
  '!(score > 80) || flag': { score: 50 },
  'company.size >= 100': { company: { size: 500 } },
};

/** The customer must enter the journey and reach at least this many stages for a script to be kept. */
export const MIN_STAGES = 3;

/**
 * A random event script that drives the journey of the same seed: it opens with the journey's
 * entry event (with data meeting its condition), and most later events are ones the journey
 * listens to, often with data meeting one of the generated conditions; the rest is noise. Of the
 * candidates drawn from the seed, the richest simulated run is kept (at least MIN_STAGES distinct
 * stages when any candidate gets there, then loops, exits and re-entries), so every seed
 * exercises the journey.
 */
export function generateScript(seed: number): EventScriptInput {
  const { blueprint, reentry } = generateJourney(seed);
  const definition = compileBlueprint(blueprint, { reentry });
  const heard = new Set<string>();
  let entryData: Record<string, unknown> = {};
  if (definition.entry.trigger.kind === 'event') {
    heard.add(definition.entry.trigger.event);
    if (definition.entry.trigger.condition) entryData = { ...SATISFY[definition.entry.trigger.condition] };
  }
  for (const state of definition.states)
    for (const reaction of state.reactions) if (reaction.trigger.kind === 'event') heard.add(reaction.trigger.event);
  const listened = [...heard].filter((e) => e !== 'email.unsubscribed');
  const entryEvent = definition.entry.trigger.kind === 'event' ? definition.entry.trigger.event : EVENTS[0]!;

  // Of a dozen candidates, keep the richest run: distinct stages, then moves back (loops),
  // exits and re-entries, then stage entries.
  let best: { script: EventScriptInput; score: number; stages: number } | undefined;
  for (let attempt = 0; attempt < 12; attempt++) {
    const script = candidateScript(seededRandom(seed * 7919 + 1 + attempt * 104_729), listened, entryEvent, entryData);
    const trace = simulate(definition, parseEventScript(script)).trace;
    const order = new Map(definition.states.map((s, i) => [s.id, i]));
    const enters = trace.flatMap((e) => (e.type === 'enter' ? [order.get(e.stage)!] : []));
    const stages = new Set(enters).size;
    const back = enters.filter((s, i) => i > 0 && s <= enters[i - 1]!).length;
    const exits = trace.filter((e) => e.type === 'exit').length;
    const score =
      (stages >= Math.min(MIN_STAGES, definition.states.length) ? 1e6 : 0) +
      stages * 1000 +
      Math.min(back, 3) * 100 +
      Math.min(exits, 2) * 100 +
      enters.length;
    if (!best || score > best.score) best = { script, score, stages };
  }
  return best!.script;
}

function candidateScript(r: Random, listened: readonly string[], entryEvent: string, entryData: Record<string, unknown>): EventScriptInput {
  const count = 8 + r.int(10);
  const events: NonNullable<EventScriptInput['events']> = [];
  let day = 0;
  for (let i = 0; i < count; i++) {
    // Mostly close together (hours to weeks), sometimes far apart; whole days often, so events
    // land exactly on deadlines.
    day += r.chance(0.15) ? r.int(120) : r.int(12);
    const at = r.chance(0.5) ? `${day}d` : `${day}d${r.int(24)}h${r.int(60)}m`;
    const data: Record<string, unknown> = r.chance(0.6) ? { ...SATISFY[r.pick(CONDITIONS)] } : {};
    if (r.chance(0.25)) data.score = r.pick([0, 20, 49, 50, 60, 85, 100]);
    if (r.chance(0.1)) data.flag = r.chance(0.5);
    if (r.chance(0.1)) data.tier = r.pick(['gold', 'silver']);
    const event = r.chance(0.1)
      ? 'segment.entered'
      : r.chance(0.03)
        ? 'email.unsubscribed'
        : listened.length && r.chance(0.75)
          ? r.pick(listened)
          : r.pick(EVENTS);
    if (event === 'segment.entered') data.segment = r.pick(['VIP', 'Churn risk']);
    events.push({ at, event, ...(Object.keys(data).length ? { data: data as Record<string, never> } : {}) });
  }
  events.unshift({ at: '0s', event: entryEvent, ...(Object.keys(entryData).length ? { data: entryData as Record<string, never> } : {}) });
  return { attributes: { score: r.pick([0, 40, 60]), tier: 'silver' }, events, until: '420d' };
}
