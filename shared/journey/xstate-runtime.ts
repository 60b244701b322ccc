import type { JourneyDefinition } from './definition.ts';
import { buildMachine, reactionKey, type JourneyMachine, type RuleKind } from './machine.ts';
import { applyRule, enterState, receiveEvent, ruleEnabled, wakeAfter, type JourneyState } from './runtime.ts';
import type { TraceEntry } from './trace.ts';

/**
 * The named guards, actions and delays the XState export refers to. xstate is the caller's
 * dependency: pass its `assign` in (shared/ imports no engine). The context is a JourneyState
 * plus `wake`, the length of the timer being armed.
 *
 *   const impl = createXStateImplementations(definition, { assign });
 *   const actor = createActor(createMachine(config).provide(impl), { clock });
 */
export type XStateContext = JourneyState & { wake?: number };

interface Params {
  state: string;
  reaction: string;
  rule: RuleKind;
}
type ActionArgs = { context: XStateContext; event: { type: string; [key: string]: unknown } };
// The shape of xstate's `assign`: an assigner in, an action out. Typed loosely so shared/ needs no xstate types.
type Assign = (assigner: (args: ActionArgs, params: never) => Partial<XStateContext>) => unknown;

export interface XStateRuntimeOptions {
  readonly assign: Assign;
  /** Called for every stage entered, field captured, action fired and exit. */
  readonly onTrace?: (entry: TraceEntry) => void;
  /** Stamps trace entries; defaults to the journey's logical clock. */
  readonly now?: () => number;
}

export function createXStateImplementations(input: JourneyDefinition | JourneyMachine, options: XStateRuntimeOptions) {
  const machine = 'byKey' in input ? input : buildMachine(input);
  const { assign } = options;
  const emit = (entries: readonly TraceEntry[]) => {
    if (!options.onTrace) return;
    for (const e of entries) options.onTrace(options.now ? { ...e, at: options.now() } : e);
  };
  const reactionOf = (p: Params) => {
    const reaction = machine.reactionByKey.get(reactionKey(p.state, p.reaction));
    if (!reaction) throw new Error(`unknown reaction ${p.reaction} in ${p.state}`);
    return reaction;
  };

  return {
    guards: {
      'journey.rule': ({ context }: { context: XStateContext }, params: Params) =>
        context.state === params.state && ruleEnabled(reactionOf(params), params.rule, context),
    },
    actions: {
      'journey.enter': assign(({ context }, params: { state: string }) => {
        const step = enterState(machine, context, params.state, context.cause);
        emit(step.trace);
        return step.state;
      }),
      'journey.apply': assign(({ context }, params: Params) => {
        const step = applyRule(machine, context, reactionOf(params), params.rule);
        emit(step.trace);
        return step.next ? { ...step.state, cause: step.next.cause } : step.state;
      }),
      'journey.receive': assign(({ context, event }) =>
        receiveEvent(context, {
          event: String(event.event),
          at: Number(event.at),
          data: (event.data as Record<string, unknown> | undefined) ?? undefined,
        }),
      ),
      'journey.arm': assign(({ context }) => ({ wake: wakeAfter(machine, context) })),
      'journey.tick': assign(({ context }) => ({ t: context.t + (context.wake ?? 0), cause: { type: 'tick' } })),
    },
    delays: {
      'journey.wake': ({ context }: { context: XStateContext }) => context.wake ?? 0,
    },
  };
}
