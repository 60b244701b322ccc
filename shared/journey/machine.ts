import { EXIT_TYPES, parseDuration, type ExitType } from '../model/index.ts';
import { parseCondition, type ConditionNode } from './condition.ts';
import type { Capture, DefinitionAction, JourneyDefinition, StateDefinition } from './definition.ts';

/**
 * The executable shape of a definition that the simulator and both exporters share: the stages
 * plus three synthetic states, every reaction with its conditions parsed and its wait in
 * milliseconds, and the rules each reaction contributes, in priority order.
 *
 * - `$idle` waits for the entry trigger (an `immediate` entry fires at once).
 * - `$cooldown` (re-entry `after`) waits out the re-entry delay, then returns to `$idle`.
 * - `$done` is final: the journey is over for this customer.
 *
 * An exit goes to `$done` after an opt-out or when re-entry is `never`, to `$idle` when re-entry
 * is `always`, and to `$cooldown` when it is `after`.
 */
export const IDLE = '$idle';
export const COOLDOWN = '$cooldown';
export const DONE = '$done';

/**
 * The longest single timer an engine is asked to arm: 20 days. JavaScript engines keep timers in a
 * signed 32-bit millisecond count (≈ 24.8 days); longer waits are run as a chain of shorter timers
 * against an absolute deadline (docs/journey-definition.md, "Long waits").
 */
export const MAX_TIMER_MS = 20 * 86_400_000;

export type RuleKind = 'fire' | 'arm' | 'due' | 'lapse';

export type MachineTrigger =
  | { readonly kind: 'enter' }
  | { readonly kind: 'event'; readonly event: string; readonly condition?: ConditionNode }
  | { readonly kind: 'condition'; readonly condition: ConditionNode };

export type MachineThen =
  | { readonly kind: 'stay' }
  | { readonly kind: 'goto'; readonly state: string }
  | { readonly kind: 'exit'; readonly exit: ExitType; readonly journey?: string; readonly next: string };

export interface MachineReaction {
  readonly id: string;
  readonly label: string;
  readonly trigger: MachineTrigger;
  /** 0 when the reaction acts as soon as it is triggered. */
  readonly afterMs: number;
  readonly guard?: ConditionNode;
  readonly actions: readonly DefinitionAction[];
  readonly then: MachineThen;
  /** The rules this reaction contributes, in order. */
  readonly rules: readonly RuleKind[];
}

export interface MachineState {
  readonly key: string;
  /** The stage; absent for the synthetic states. */
  readonly stage?: StateDefinition;
  readonly name: string;
  readonly captures: readonly Capture[];
  readonly reactions: readonly MachineReaction[];
  readonly final: boolean;
}

export interface JourneyMachine {
  readonly definition: JourneyDefinition;
  readonly initial: string;
  readonly states: readonly MachineState[];
  readonly byKey: ReadonlyMap<string, MachineState>;
  readonly reactionByKey: ReadonlyMap<string, MachineReaction>;
}

const rulesFor = (afterMs: number, guard: unknown): RuleKind[] =>
  afterMs === 0 ? ['fire'] : guard ? ['arm', 'due', 'lapse'] : ['arm', 'due'];

export const reactionKey = (state: string, reaction: string): string => `${state}\u0000${reaction}`;

export function buildMachine(definition: JourneyDefinition): JourneyMachine {
  const { entry } = definition;
  const exitNext = (exit: ExitType): string =>
    exit === 'opt-out' || entry.reentry.mode === 'never' ? DONE : entry.reentry.mode === 'always' ? IDLE : COOLDOWN;

  const states: MachineState[] = [];
  const entryTrigger: MachineTrigger =
    entry.trigger.kind === 'immediate'
      ? { kind: 'enter' }
      : entry.trigger.kind === 'event'
        ? {
            kind: 'event',
            event: entry.trigger.event,
            ...(entry.trigger.condition ? { condition: parseCondition(entry.trigger.condition) } : {}),
          }
        : { kind: 'condition', condition: parseCondition(entry.trigger.condition) };
  states.push({
    key: IDLE,
    name: 'Waiting for entry',
    captures: [],
    final: false,
    reactions: [
      {
        id: 'entry',
        label: 'Enter the journey',
        trigger: entryTrigger,
        afterMs: 0,
        actions: [],
        then: { kind: 'goto', state: entry.stage },
        rules: ['fire'],
      },
    ],
  });

  for (const stage of definition.states) {
    states.push({
      key: stage.id,
      stage,
      name: stage.name,
      captures: stage.captures,
      final: false,
      reactions: stage.reactions.map((r): MachineReaction => {
        const afterMs = r.after ? parseDuration(r.after) : 0;
        const guard = r.guard ? parseCondition(r.guard) : undefined;
        const trigger: MachineTrigger =
          r.trigger.kind === 'enter'
            ? { kind: 'enter' }
            : r.trigger.kind === 'event'
              ? {
                  kind: 'event',
                  event: r.trigger.event,
                  ...(r.trigger.condition ? { condition: parseCondition(r.trigger.condition) } : {}),
                }
              : { kind: 'condition', condition: parseCondition(r.trigger.condition) };
        const then: MachineThen =
          r.then.kind === 'stay'
            ? { kind: 'stay' }
            : r.then.kind === 'goto'
              ? { kind: 'goto', state: r.then.stage }
              : { kind: 'exit', exit: r.then.exit, ...(r.then.journey ? { journey: r.then.journey } : {}), next: exitNext(r.then.exit) };
        return {
          id: r.id,
          label: r.label || r.id,
          trigger,
          afterMs,
          ...(guard ? { guard } : {}),
          actions: r.actions,
          then,
          rules: rulesFor(afterMs, guard),
        };
      }),
    });
  }

  if (entry.reentry.mode === 'after') {
    const afterMs = parseDuration(entry.reentry.after);
    states.push({
      key: COOLDOWN,
      name: 'Re-entry cooldown',
      captures: [],
      final: false,
      reactions: [
        {
          id: 'cooldown',
          label: 'Re-entry allowed',
          trigger: { kind: 'enter' },
          afterMs,
          actions: [],
          then: { kind: 'goto', state: IDLE },
          rules: rulesFor(afterMs, undefined),
        },
      ],
    });
  }
  states.push({ key: DONE, name: 'Done', captures: [], final: true, reactions: [] });

  const byKey = new Map(states.map((s) => [s.key, s]));
  const reactionByKey = new Map<string, MachineReaction>();
  for (const s of states) for (const r of s.reactions) reactionByKey.set(reactionKey(s.key, r.id), r);
  return { definition, initial: IDLE, states, byKey, reactionByKey };
}

export const isExitType = (value: string): value is ExitType => (EXIT_TYPES as readonly string[]).includes(value);
