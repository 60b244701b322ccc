import type { JourneyDefinition, Reaction, StateDefinition } from '../journey/definition.ts';
import { valueEqual, type FieldChange } from './diff.ts';

/**
 * What changes in the executable journey between two compiled definitions: states added and
 * removed, the entry, and per state each reaction — transitions (move to a stage), in-stage steps
 * and exits — added, removed or changed in its trigger, wait, guard, actions or target, plus
 * captures. This is what a journey-operations team reviews before an approval ships: the blueprint
 * diff says what people drew; this says what customers will experience.
 */
export type ReactionKind = 'transition' | 'step' | 'exit';

export interface ReactionChange {
  readonly id: string;
  readonly kind: ReactionKind;
  readonly change: 'added' | 'removed' | 'changed';
  /** "on email.opened → SQL", "after 3d: send email" — a line for people. */
  readonly summary: string;
  readonly fields: readonly FieldChange[];
}

export interface StateChange {
  readonly id: string;
  readonly name: string;
  readonly change: 'added' | 'removed' | 'changed';
  readonly reactions: readonly ReactionChange[];
  readonly captures: readonly { readonly id: string; readonly change: 'added' | 'removed' | 'changed'; readonly field: string }[];
  readonly fields: readonly FieldChange[];
}

export interface JourneyDiff {
  readonly entry: readonly FieldChange[];
  readonly states: readonly StateChange[];
  /** Transitions, steps and exits added, removed or changed, over all states. */
  readonly counts: { readonly transitions: number; readonly steps: number; readonly exits: number; readonly states: number };
}

const REACTION_FIELDS = ['trigger', 'after', 'guard', 'actions', 'then', 'label'] as const;
const STATE_FIELDS = ['name', 'macroStage', 'entryCriterion', 'goal'] as const;

export function diffJourneys(a: JourneyDefinition, b: JourneyDefinition): JourneyDiff {
  const entry = fieldsOf(a.entry, b.entry, ['stage', 'trigger', 'reentry', 'source']);
  const before = new Map(a.states.map((s) => [s.id, s]));
  const after = new Map(b.states.map((s) => [s.id, s]));
  const states: StateChange[] = [];
  const ids = [...b.states.map((s) => s.id), ...a.states.filter((s) => !after.has(s.id)).map((s) => s.id)];
  for (const id of ids) {
    const was = before.get(id);
    const is = after.get(id);
    const change = !was ? 'added' : !is ? 'removed' : 'changed';
    const reactions = diffReactions(was?.reactions ?? [], is?.reactions ?? [], [...a.states, ...b.states]);
    const captures = diffCaptures(was, is);
    const fields = was && is ? fieldsOf(was, is, STATE_FIELDS) : [];
    if (change === 'changed' && reactions.length === 0 && captures.length === 0 && fields.length === 0) continue;
    states.push({ id, name: (is ?? was)!.name, change, reactions, captures, fields });
  }
  const counts = { transitions: 0, steps: 0, exits: 0, states: 0 };
  for (const state of states) {
    if (state.change !== 'changed') counts.states++;
    for (const r of state.reactions) counts[r.kind === 'transition' ? 'transitions' : r.kind === 'step' ? 'steps' : 'exits']++;
  }
  return { entry, states, counts };
}

function diffReactions(a: readonly Reaction[], b: readonly Reaction[], allStates: readonly StateDefinition[]): ReactionChange[] {
  const before = new Map(a.map((r) => [r.id, r]));
  const after = new Map(b.map((r) => [r.id, r]));
  const out: ReactionChange[] = [];
  const stageName = (id: string) => allStates.find((s) => s.id === id)?.name ?? id;
  for (const id of [...b.map((r) => r.id), ...a.filter((r) => !after.has(r.id)).map((r) => r.id)]) {
    const was = before.get(id);
    const is = after.get(id);
    const reaction = (is ?? was)!;
    const fields = was && is ? fieldsOf(was, is, REACTION_FIELDS) : [];
    if (was && is && fields.length === 0) continue;
    out.push({
      id,
      kind: kindOf(reaction),
      change: !was ? 'added' : !is ? 'removed' : 'changed',
      summary: summarize(reaction, stageName),
      fields,
    });
  }
  return out;
}

function diffCaptures(a: StateDefinition | undefined, b: StateDefinition | undefined): StateChange['captures'] {
  const before = new Map((a?.captures ?? []).map((c) => [c.id, c]));
  const after = new Map((b?.captures ?? []).map((c) => [c.id, c]));
  const out: { id: string; change: 'added' | 'removed' | 'changed'; field: string }[] = [];
  for (const [id, c] of after) {
    const was = before.get(id);
    if (!was) out.push({ id, change: 'added', field: c.field });
    else if (!valueEqual(was, c)) out.push({ id, change: 'changed', field: c.field });
  }
  for (const [id, c] of before) if (!after.has(id)) out.push({ id, change: 'removed', field: c.field });
  return out;
}

const kindOf = (r: Reaction): ReactionKind => (r.then.kind === 'goto' ? 'transition' : r.then.kind === 'exit' ? 'exit' : 'step');

function summarize(r: Reaction, stageName: (id: string) => string): string {
  const trigger =
    r.trigger.kind === 'enter'
      ? 'on entry'
      : r.trigger.kind === 'event'
        ? `on ${r.trigger.event}${r.trigger.condition ? ` if ${r.trigger.condition}` : ''}`
        : `when ${r.trigger.condition}`;
  const wait = r.after ? `, after ${r.after}` : '';
  const actions = r.actions.length ? `: ${r.actions.map((a) => a.type).join(', ')}` : '';
  const then = r.then.kind === 'goto' ? ` → ${stageName(r.then.stage)}` : r.then.kind === 'exit' ? ` → exit (${r.then.exit})` : '';
  return `${trigger}${wait}${actions}${then}`;
}

function fieldsOf(a: object, b: object, names: readonly string[]): FieldChange[] {
  const out: FieldChange[] = [];
  for (const field of names) {
    const before = (a as Record<string, unknown>)[field];
    const after = (b as Record<string, unknown>)[field];
    if (valueEqual(before, after)) continue;
    out.push({ field, ...(before !== undefined ? { before } : {}), ...(after !== undefined ? { after } : {}) });
  }
  return out;
}
