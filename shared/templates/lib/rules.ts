import { sortByOrder } from '../../model/order.ts';
import type { Blueprint, Card, Flow } from '../../model/schema.ts';
import { conditionError } from '../../journey/condition.ts';

/**
 * The structural rules a template must meet to compile into a sensible executable journey
 * (docs/domain.md "From blueprint to orchestration", docs/architecture.md §7), checked directly on the data.
 *
 * The journey compiler's lint (shared/journey) is the authority for users' blueprints; this is the
 * templates' own guard, so a template can never ship a defect the lint would report, whatever
 * state the lint is in. Each finding names the rule and the ids at fault.
 */
export interface Finding {
  readonly rule: string;
  readonly message: string;
  readonly ids: readonly string[];
}

/** Dotted, lower-case event names: `form.submitted`, `renewal.signed`, `invoice.payment_failed`. */
export const EVENT_PATTERN = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;

export function checkJourneyRules(bp: Blueprint): Finding[] {
  const findings: Finding[] = [];
  const report = (rule: string, message: string, ...ids: string[]) => findings.push({ rule, message, ids });

  const stages = sortByOrder(bp.stages);
  const rank = new Map(stages.map((s, i) => [s.id, i]));
  const cards = new Map(bp.cards.map((c) => [c.id, c]));
  const flows = bp.flows.filter((f) => {
    const ok = cards.has(f.from) && cards.has(f.to);
    if (!ok) report('dangling-flow', `flow ${f.id} joins a card that does not exist`, f.id);
    return ok;
  });
  const stageOf = (cardId: string) => rank.get(cards.get(cardId)!.stageId) ?? -1;
  const crossStage = flows.filter((f) => cards.get(f.from)!.stageId !== cards.get(f.to)!.stageId);

  // Stage transitions: every stage after the first is entered from an earlier one; every stage but
  // the last can be left; going back (a loop) waits first.
  stages.forEach((stage, i) => {
    if (i > 0 && !crossStage.some((f) => cards.get(f.to)!.stageId === stage.id && stageOf(f.from) < i)) {
      report('stage-unreachable', `stage ${stage.id} is not entered by a flow from an earlier stage`, stage.id);
    }
    if (i < stages.length - 1 && !crossStage.some((f) => cards.get(f.from)!.stageId === stage.id)) {
      report('stage-no-way-out', `stage ${stage.id} has no flow into another stage`, stage.id);
    }
  });
  for (const flow of crossStage) {
    if (!flow.event && !flow.condition && !flow.delay) {
      report('transition-without-trigger', `flow ${flow.id} changes stage but has no event, condition or delay`, flow.id);
    }
    if (stageOf(flow.to) < stageOf(flow.from) && !flow.delay) {
      report('loop-back-without-delay', `flow ${flow.id} goes back to an earlier stage without a delay`, flow.id);
    }
  }

  for (const flow of flows) {
    if (flow.event && !EVENT_PATTERN.test(flow.event))
      report('bad-event', `flow ${flow.id}: event "${flow.event}" is not a dotted name`, flow.id);
    checkCondition(flow.condition, `flow ${flow.id}`, flow.id, report);
  }

  for (const card of bp.cards) checkCard(card, report);

  // "Collect once, never ask again": a field is captured by one data card only.
  const seen = new Map<string, string>();
  for (const card of bp.cards) {
    if (card.kind !== 'data' || !card.field) continue;
    const first = seen.get(card.field);
    if (first) report('field-collected-twice', `field "${card.field}" is captured by ${first} and again by ${card.id}`, first, card.id);
    else seen.set(card.field, card.id);
  }

  // Loops must wait: without the delayed flows, neither the card graph nor the stage graph may cycle.
  const undelayed = flows.filter((f) => !f.delay);
  for (const cycle of findCycles(undelayed.map((f) => [f.from, f.to] as const))) {
    report('loop-without-delay', `cards ${cycle.join(' → ')} form a loop with no delay`, ...cycle);
  }
  const stageEdges = undelayed
    .filter((f) => crossStage.includes(f))
    .map((f) => [cards.get(f.from)!.stageId, cards.get(f.to)!.stageId] as const);
  for (const cycle of findCycles(stageEdges)) {
    report('loop-without-delay', `stages ${cycle.join(' → ')} form a loop with no delay`, ...cycle);
  }
  return findings;
}

type Report = (rule: string, message: string, ...ids: string[]) => void;

function checkCondition(condition: string | undefined, where: string, id: string, report: Report): void {
  if (condition === undefined) return;
  const error = conditionError(condition);
  if (error) report('bad-condition', `${where}: condition "${condition}" — ${error}`, id);
}

function checkCard(card: Card, report: Report): void {
  const id = card.id;
  if ((card.kind === 'touchpoint' || card.kind === 'automation') && !card.owner.trim()) {
    report('owner-missing', `${card.kind} card ${id} has no owner`, id);
  }
  if (card.kind === 'touchpoint' && !card.channel) report('channel-missing', `touchpoint card ${id} has no channel`, id);
  if (card.kind === 'data') {
    if (!card.field) report('field-missing', `data card ${id} names no field`, id);
    if (!card.system) report('system-missing', `data card ${id} has no system to store the field`, id);
  }
  if (card.kind === 'system' && !card.system) report('system-missing', `system card ${id} names no system`, id);
  if (card.kind !== 'automation') return;

  const { trigger, action, exit } = card;
  if (!trigger) report('trigger-missing', `automation card ${id} has no trigger`, id);
  else {
    const needs = { event: trigger.event, score: trigger.condition, elapsed: trigger.after, segment: trigger.segment }[trigger.type];
    if (!needs)
      report('trigger-incomplete', `automation card ${id}: a ${trigger.type} trigger needs its ${triggerField[trigger.type]}`, id);
    if (trigger.event && !EVENT_PATTERN.test(trigger.event))
      report('bad-event', `automation card ${id}: event "${trigger.event}" is not a dotted name`, id);
    checkCondition(trigger.condition, `automation card ${id}`, id, report);
  }
  if (!action) report('action-missing', `automation card ${id} has no action`, id);
  else {
    const missing = actionNeeds[action.type].filter((field) => action[field] === undefined || action[field] === '');
    if (missing.length) report('action-incomplete', `automation card ${id}: a ${action.type} action needs ${missing.join(', ')}`, id);
  }
  if (exit) {
    if (exit.type === 'move-to-journey' && !exit.journey)
      report('exit-incomplete', `automation card ${id}: move-to-journey names no journey`, id);
    checkCondition(exit.condition, `automation card ${id} exit`, id, report);
  }
}

const triggerField = { event: 'event', score: 'condition', elapsed: 'after', segment: 'segment' } as const;

type ActionField = keyof NonNullable<Card['action']>;
const actionNeeds: Record<NonNullable<Card['action']>['type'], ActionField[]> = {
  send: ['channel', 'content'],
  'set-field': ['field', 'value', 'system'],
  'change-classification': ['classification'],
  'create-task': ['team', 'task'],
  notify: ['team'],
};

/** One cycle per back edge found by a depth-first search; each cycle lists its nodes in order. */
export function findCycles(edges: ReadonlyArray<readonly [string, string]>): string[][] {
  const next = new Map<string, string[]>();
  for (const [from, to] of edges) next.set(from, [...(next.get(from) ?? []), to]);
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const cycles: string[][] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    path.push(node);
    for (const to of next.get(node) ?? []) {
      if (state.get(to) === 'open') cycles.push([...path.slice(path.indexOf(to)), to]);
      else if (!state.has(to)) visit(to);
    }
    path.pop();
    state.set(node, 'done');
  };
  for (const node of [...next.keys()].sort()) if (!state.has(node)) visit(node);
  return cycles;
}

/** Flows that change stage, as the compiler turns them into transitions. */
export function crossStageFlows(bp: Blueprint): Flow[] {
  const stageOf = new Map(bp.cards.map((c) => [c.id, c.stageId]));
  return bp.flows.filter((f) => stageOf.get(f.from) !== stageOf.get(f.to));
}
