import {
  cellKey,
  formatDuration,
  parseDuration,
  resolveBlueprint,
  type Blueprint,
  type Card,
  type Flow,
  type Lane,
  type ResolvedBlueprint,
  type Stage,
} from '../model/index.ts';
import { normalizeCondition, parseCondition, printCondition, ConditionSyntaxError } from './condition.ts';
import {
  DEFINITION_FORMAT,
  DEFINITION_VERSION,
  type Capture,
  type DefinitionAction,
  type Entry,
  type JourneyDefinition,
  type Provenance,
  type Reaction,
  type Reentry,
  type StateDefinition,
  type Trigger,
} from './definition.ts';

/**
 * Compiles a blueprint into Journey Definition v1 (docs/journey-definition.md, "Compile
 * semantics"). In short:
 * - every stage is a state, in scroll order; the first is where the journey is entered;
 * - data cards become field captures on entering their stage;
 * - automation cards become in-stage reactions (trigger → wait → action, or an exit);
 * - flows from a card in one stage to a card in another become stage transitions
 *   (event / condition / delay); flows inside a stage only order the experience;
 * - opt-out exits apply in every stage;
 * - retired cards, flows touching them and cards in the Unplaced tray are left out.
 */
export interface CompileOptions {
  readonly reentry?: Reentry;
  /** Stamped into the definition (and from it into the XState and BPMN exports). */
  readonly provenance?: Provenance;
}

export interface CompileProblem {
  readonly id: string;
  readonly message: string;
}

export class CompileError extends Error {
  readonly problems: readonly CompileProblem[];
  constructor(problems: readonly CompileProblem[]) {
    super(`the blueprint cannot be compiled:\n${problems.map((p) => `  ${p.id}: ${p.message}`).join('\n')}`);
    this.name = 'CompileError';
    this.problems = problems;
  }
}

/** The event a segment trigger listens to; the segment's name arrives in the event data. */
export const SEGMENT_EVENT = 'segment.entered';

export interface CompileContext {
  readonly view: ResolvedBlueprint;
  readonly stageCards: ReadonlyMap<string, readonly Card[]>;
  readonly laneById: ReadonlyMap<string, Lane>;
  readonly transitions: ReadonlyMap<string, readonly Flow[]>;
}

/** The pieces both the compiler and the lint read: live cards per stage, transitions per stage. */
export function compileContext(blueprint: Pick<Blueprint, 'stages' | 'lanes' | 'cards' | 'flows'>): CompileContext {
  const view = resolveBlueprint(blueprint);
  const laneById = new Map(view.lanes.map((l) => [l.id, l]));
  const stageCards = new Map<string, Card[]>();
  const position = new Map<string, number>();
  for (const stage of view.stages) {
    const list: Card[] = [];
    for (const lane of view.lanes)
      for (const card of view.cells.get(cellKey(stage.id, lane.id)) ?? []) if (card.status !== 'retired') list.push(card);
    list.forEach((card, i) => position.set(card.id, i));
    stageCards.set(stage.id, list);
  }
  const transitions = new Map<string, Flow[]>();
  for (const flow of view.flows) {
    const from = view.cardsById.get(flow.from)!;
    const to = view.cardsById.get(flow.to)!;
    if (!position.has(from.id) || !position.has(to.id) || from.stageId === to.stageId) continue;
    const list = transitions.get(from.stageId) ?? [];
    list.push(flow);
    transitions.set(from.stageId, list);
  }
  for (const list of transitions.values()) {
    list.sort((a, b) => position.get(a.from)! - position.get(b.from)! || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
  return { view, stageCards, laneById, transitions };
}

const canonicalDuration = (text: string) => formatDuration(parseDuration(text));

export function compileBlueprint(blueprint: Blueprint, options: CompileOptions = {}): JourneyDefinition {
  const ctx = compileContext(blueprint);
  const { view } = ctx;
  const problems: CompileProblem[] = [];
  if (view.stages.length === 0) throw new CompileError([{ id: '(blueprint)', message: 'the blueprint has no stages' }]);

  const cond = (id: string, ...parts: (string | undefined)[]): string | undefined => {
    const present = parts.filter((p): p is string => p !== undefined && p.trim() !== '');
    if (present.length === 0) return undefined;
    try {
      return normalizeCondition(present.map((p) => `(${printCondition(parseCondition(p))})`).join(' && '));
    } catch (error) {
      if (!(error instanceof ConditionSyntaxError)) throw error;
      problems.push({ id, message: `invalid condition: ${error.message}` });
      return undefined;
    }
  };
  const ownerOf = (card: Card) => card.owner || ctx.laneById.get(card.laneId)?.owner || '';

  const cardReaction = (card: Card): Reaction | null => {
    if (card.kind !== 'automation' || (!card.action && !card.exit)) return null;
    const t = card.trigger;
    const exitCondition = card.exit?.condition;
    let trigger: Trigger;
    let after = card.wait ? parseDuration(card.wait) : 0;
    let guard: string | undefined;
    switch (t?.type) {
      case 'event':
        if (!t.event) return null;
        trigger = withCondition({ kind: 'event', event: t.event }, cond(card.id, t.condition, exitCondition));
        break;
      case 'segment':
        if (!t.segment) return null;
        trigger = withCondition({ kind: 'event', event: SEGMENT_EVENT }, cond(card.id, segmentCondition(t.segment), exitCondition));
        break;
      case 'score': {
        const c = cond(card.id, t.condition, exitCondition);
        if (!c) return null;
        trigger = { kind: 'condition', condition: c };
        break;
      }
      case 'elapsed':
        trigger = { kind: 'enter' };
        after += t.after ? parseDuration(t.after) : 0;
        guard = cond(card.id, exitCondition);
        break;
      default: {
        const c = cond(card.id, exitCondition);
        trigger = c && after === 0 ? { kind: 'condition', condition: c } : { kind: 'enter' };
        if (c && after > 0) guard = c;
      }
    }
    const actions: DefinitionAction[] = card.action ? [{ id: card.id, owner: ownerOf(card), ...card.action }] : [];
    return {
      id: card.id,
      source: 'card',
      label: card.title,
      trigger,
      ...(after > 0 ? { after: formatDuration(after) } : {}),
      ...(after > 0 && guard ? { guard } : {}),
      actions,
      then: card.exit
        ? { kind: 'exit', exit: card.exit.type, ...(card.exit.journey ? { journey: card.exit.journey } : {}) }
        : { kind: 'stay' },
    };
  };

  const flowReaction = (flow: Flow): Reaction => {
    const target = view.cardsById.get(flow.to)!.stageId;
    const condition = cond(flow.id, flow.condition);
    let trigger: Trigger;
    let guard: string | undefined;
    if (flow.event) trigger = withCondition({ kind: 'event', event: flow.event }, condition);
    else if (flow.delay) {
      trigger = { kind: 'enter' };
      guard = condition;
    } else trigger = condition ? { kind: 'condition', condition } : { kind: 'enter' };
    const after = flow.delay && parseDuration(flow.delay) > 0 ? canonicalDuration(flow.delay) : undefined;
    return {
      id: flow.id,
      source: 'flow',
      label: flow.label,
      trigger,
      ...(after ? { after } : {}),
      ...(after && guard ? { guard } : {}),
      actions: [],
      then: { kind: 'goto', stage: target },
    };
  };

  // Opt-outs apply wherever the customer is.
  const optOuts: Reaction[] = [];
  const own = new Map<string, Reaction[]>();
  for (const stage of view.stages) {
    const list: Reaction[] = [];
    for (const card of ctx.stageCards.get(stage.id)!) {
      const reaction = cardReaction(card);
      if (!reaction) continue;
      if (reaction.then.kind === 'exit' && reaction.then.exit === 'opt-out') optOuts.push(reaction);
      else list.push(reaction);
    }
    own.set(stage.id, list);
  }

  const states: StateDefinition[] = view.stages.map((stage) => ({
    id: stage.id,
    name: stage.name,
    ...(stage.macroStage ? { macroStage: stage.macroStage } : {}),
    entryCriterion: stage.entryCriterion,
    goal: stage.customerGoal,
    captures: ctx.stageCards
      .get(stage.id)!
      .filter((card) => card.kind === 'data' && card.field)
      .map((card): Capture => ({
        id: card.id,
        field: card.field!,
        system: card.system ?? '',
        ...(card.source ? { source: card.source } : {}),
        ...(card.systemCategory ? { systemCategory: card.systemCategory } : {}),
        ...(card.consent ? { consent: card.consent } : {}),
        owner: ownerOf(card),
      })),
    reactions: [...optOuts, ...own.get(stage.id)!, ...(ctx.transitions.get(stage.id) ?? []).map(flowReaction)],
  }));

  const entry = entryOf(view.stages[0]!, ctx, options.reentry ?? { mode: 'never' }, cond);
  if (entry.reentry.mode !== 'never' && entry.trigger.kind !== 'event') {
    problems.push({
      id: entry.source ?? view.stages[0]!.id,
      message: 're-entry needs an entry event (an event or segment trigger on an automation card of the first stage)',
    });
  }
  if (problems.length > 0) throw new CompileError(problems);

  const goals: JourneyDefinition['goals'] = [];
  for (const stage of view.stages) {
    if (stage.customerGoal) goals.push({ id: stage.id, stage: stage.id, description: stage.customerGoal });
    for (const card of ctx.stageCards.get(stage.id)!) {
      if (card.kind === 'automation' && card.exit?.type === 'goal-reached') {
        const c = card.exit.condition ? cond(card.id, card.exit.condition) : undefined;
        goals.push({ id: card.id, stage: stage.id, description: card.title, ...(c ? { condition: c } : {}) });
      }
    }
  }

  return {
    format: DEFINITION_FORMAT,
    version: DEFINITION_VERSION,
    title: blueprint.meta.title,
    status: blueprint.meta.status,
    ...(options.provenance ? { provenance: options.provenance } : {}),
    entry,
    states,
    goals,
  };
}

function withCondition(trigger: { kind: 'event'; event: string }, condition: string | undefined): Trigger {
  return condition ? { ...trigger, condition } : trigger;
}

function segmentCondition(segment: string): string {
  return printCondition({
    type: 'compare',
    op: '==',
    left: { type: 'path', path: ['segment'] },
    right: { type: 'literal', value: segment },
  });
}

function entryOf(
  first: Stage,
  ctx: CompileContext,
  reentry: Reentry,
  cond: (id: string, ...parts: (string | undefined)[]) => string | undefined,
): Entry {
  for (const card of ctx.stageCards.get(first.id)!) {
    if (card.kind !== 'automation' || card.exit) continue;
    const t = card.trigger;
    if (t?.type === 'event' && t.event) {
      const c = cond(card.id, t.condition);
      return { stage: first.id, trigger: { kind: 'event', event: t.event, ...(c ? { condition: c } : {}) }, source: card.id, reentry };
    }
    if (t?.type === 'segment' && t.segment) {
      return {
        stage: first.id,
        trigger: { kind: 'event', event: SEGMENT_EVENT, condition: segmentCondition(t.segment) },
        source: card.id,
        reentry,
      };
    }
    if (t?.type === 'score' && t.condition) {
      const c = cond(card.id, t.condition);
      if (c) return { stage: first.id, trigger: { kind: 'condition', condition: c }, source: card.id, reentry };
    }
  }
  return { stage: first.id, trigger: { kind: 'immediate' }, reentry };
}
