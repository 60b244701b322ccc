import { evaluateCondition, type Attributes } from './condition-eval.ts';
import { MAX_TIMER_MS, reactionKey, type JourneyMachine, type MachineReaction, type MachineTrigger, type RuleKind } from './machine.ts';
import { describeAction, type TraceEntry } from './trace.ts';

/**
 * The step semantics of a journey, as pure functions over a plain JSON state. The simulator runs
 * them directly; the XState runtime runs them as named guards and actions; the BPMN export
 * generates the same rules as script conditions. docs/journey-definition.md states them in prose.
 *
 * Why something is being evaluated (the cause):
 * - `enter`: the customer has just entered the state; `event` is the event that moved them in
 *   (the entry event, or the event of the transition taken), seen by the in-stage steps only;
 * - `event`: a customer event arrived (its data already merged into the attributes);
 * - `tick`: a timer fired.
 * After any cause the rules are evaluated in priority order and the first enabled one is applied,
 * again and again, until none is enabled (or the customer has left the state).
 */
export interface Cause {
  readonly type: 'enter' | 'event' | 'tick';
  readonly event?: string;
}

export interface JourneyState {
  readonly state: string;
  /** The journey's logical clock: the time of the last event or timer, in ms. */
  readonly t: number;
  readonly attributes: Record<string, unknown>;
  readonly cause: Cause;
  readonly enteredAt: number;
  /** When each waiting reaction was triggered. */
  readonly armed: Record<string, number>;
  /** Reactions that have acted (or lapsed) during this visit. */
  readonly done: Record<string, true>;
}

export function initialState(attributes: Attributes, t = 0): JourneyState {
  return {
    state: '',
    t,
    attributes: structuredClone(attributes) as Record<string, unknown>,
    cause: { type: 'enter' },
    enteredAt: t,
    armed: {},
    done: {},
  };
}

function matches(trigger: MachineTrigger, reaction: MachineReaction, s: JourneyState): boolean {
  switch (trigger.kind) {
    case 'enter':
      return s.cause.type === 'enter';
    case 'event': {
      const heard =
        (s.cause.type === 'event' && s.cause.event === trigger.event) ||
        (s.cause.type === 'enter' && s.cause.event === trigger.event && reaction.then.kind === 'stay');
      return heard && (!trigger.condition || evaluateCondition(trigger.condition, s.attributes));
    }
    case 'condition':
      return evaluateCondition(trigger.condition, s.attributes);
  }
}

export function ruleEnabled(reaction: MachineReaction, rule: RuleKind, s: JourneyState): boolean {
  const id = reaction.id;
  if (s.done[id]) return false;
  const armedAt = s.armed[id];
  switch (rule) {
    case 'fire':
      return matches(reaction.trigger, reaction, s);
    case 'arm':
      return armedAt === undefined && matches(reaction.trigger, reaction, s);
    case 'due':
      return (
        armedAt !== undefined && s.t >= armedAt + reaction.afterMs && (!reaction.guard || evaluateCondition(reaction.guard, s.attributes))
      );
    case 'lapse':
      return (
        armedAt !== undefined && s.t >= armedAt + reaction.afterMs && !!reaction.guard && !evaluateCondition(reaction.guard, s.attributes)
      );
  }
}

/** The first enabled rule of the current state, or null when the state is quiet. */
export function nextRule(machine: JourneyMachine, s: JourneyState): { reaction: MachineReaction; rule: RuleKind } | null {
  const state = machine.byKey.get(s.state);
  if (!state) return null;
  for (const reaction of state.reactions) for (const rule of reaction.rules) if (ruleEnabled(reaction, rule, s)) return { reaction, rule };
  return null;
}

export interface Step {
  readonly state: JourneyState;
  readonly trace: TraceEntry[];
  /** Set when the rule leaves the state: where to, and the cause to enter it with. */
  readonly next?: { readonly state: string; readonly cause: Cause };
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  path.forEach((key, i) => {
    if (i === path.length - 1) node[key] = value;
    else {
      const child = node[key];
      if (child === null || typeof child !== 'object' || Array.isArray(child)) node[key] = {};
      node = node[key] as Record<string, unknown>;
    }
  });
}

/** Applies one rule; does not enter the next state (see `enterState`). */
export function applyRule(machine: JourneyMachine, s: JourneyState, reaction: MachineReaction, rule: RuleKind): Step {
  if (rule === 'arm') return { state: { ...s, armed: { ...s.armed, [reaction.id]: s.t } }, trace: [] };
  const done = { ...s.done, [reaction.id]: true as const };
  if (rule === 'lapse') return { state: { ...s, done }, trace: [] };

  const stage = s.state;
  const trace: TraceEntry[] = [];
  let attributes = s.attributes;
  for (const action of reaction.actions) {
    trace.push({ at: s.t, type: 'action', stage, card: action.id, action: action.type, detail: describeAction(action) });
    if (action.type === 'set-field' && action.field && action.value !== undefined) {
      attributes = structuredClone(attributes);
      setPath(attributes, action.field.split('.'), action.value);
    } else if (action.type === 'change-classification' && action.classification !== undefined) {
      attributes = { ...attributes, classification: action.classification };
    }
  }
  const state: JourneyState = { ...s, done, attributes };
  const then = reaction.then;
  if (then.kind === 'stay') return { state, trace };
  if (then.kind === 'goto') {
    // The event that moved the customer on is seen by the in-stage steps of the stage entered.
    const carried = reaction.trigger.kind === 'event' ? reaction.trigger.event : undefined;
    return { state, trace, next: { state: then.state, cause: carried ? { type: 'enter', event: carried } : { type: 'enter' } } };
  }
  trace.push({ at: s.t, type: 'exit', stage, card: reaction.id, reason: then.exit, ...(then.journey ? { journey: then.journey } : {}) });
  return { state, trace, next: { state: then.next, cause: { type: 'enter' } } };
}

/** Enters a state: resets the visit, records the stage and its captures. */
export function enterState(machine: JourneyMachine, s: JourneyState, key: string, cause: Cause): Step {
  const target = machine.byKey.get(key);
  if (!target) throw new Error(`unknown state ${key}`);
  const state: JourneyState = { ...s, state: key, cause, enteredAt: s.t, armed: {}, done: {} };
  const trace: TraceEntry[] = [];
  if (target.stage) {
    trace.push({ at: s.t, type: 'enter', stage: key });
    for (const c of target.captures) {
      const value = readCaptured(s.attributes, c.field);
      trace.push({
        at: s.t,
        type: 'capture',
        stage: key,
        card: c.id,
        field: c.field,
        system: c.system,
        ...(value === undefined ? {} : { value }),
      });
    }
  }
  return { state, trace };
}

function readCaptured(attributes: Record<string, unknown>, field: string): unknown {
  let value: unknown = attributes;
  for (const key of field.split('.')) {
    if (value === null || typeof value !== 'object' || Array.isArray(value) || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value === null ? undefined : structuredClone(value);
}

/** The earliest time a waiting reaction of the current state falls due, if any. */
export function nextDeadline(machine: JourneyMachine, s: JourneyState): number | undefined {
  let best: number | undefined;
  for (const [id, at] of Object.entries(s.armed)) {
    if (s.done[id]) continue;
    const reaction = machine.reactionByKey.get(reactionKey(s.state, id));
    if (!reaction) continue;
    const due = at + reaction.afterMs;
    if (best === undefined || due < best) best = due;
  }
  return best;
}

/** How long the engine's next timer should run: up to the next deadline, never above MAX_TIMER_MS. */
export function wakeAfter(machine: JourneyMachine, s: JourneyState): number {
  const deadline = nextDeadline(machine, s);
  return deadline === undefined ? MAX_TIMER_MS : Math.max(0, Math.min(deadline - s.t, MAX_TIMER_MS));
}

/** A customer event: the clock moves to its time and its data is merged into the attributes. */
export function receiveEvent(
  s: JourneyState,
  event: { event: string; at: number; data?: Record<string, unknown> | undefined },
): JourneyState {
  return {
    ...s,
    t: event.at,
    attributes: event.data ? { ...s.attributes, ...structuredClone(event.data) } : s.attributes,
    cause: { type: 'event', event: event.event },
  };
}

export function tick(s: JourneyState, at: number): JourneyState {
  return { ...s, t: at, cause: { type: 'tick' } };
}
