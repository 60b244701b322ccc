import { provenanceLine, type JourneyDefinition } from './definition.ts';
import { buildMachine, type JourneyMachine, type MachineState } from './machine.ts';
import { initialState } from './runtime.ts';

/**
 * The XState v5 export: a plain-JSON machine config. Behaviour is referenced by name, and
 * `createXStateImplementations` (xstate-runtime.ts) provides it — conditions compiled from their
 * parsed form, never `eval`ed:
 *
 * - guard `journey.rule` {state, reaction, rule}: is this rule enabled?
 * - action `journey.enter` {state}: start a visit (record the stage and its captures);
 * - action `journey.apply` {state, reaction, rule}: arm / act / lapse;
 * - action `journey.receive`: merge a `journey.event` into the context; `journey.tick`: a timer fired;
 * - action `journey.arm`: compute the next timer; delay `journey.wake` reads it.
 *
 * Every stage is a compound state whose `always` transitions are the rules in priority order, and
 * whose child `waiting` holds one timer of at most MAX_TIMER_MS, re-armed after every event and
 * every timer, so waits of any length (365 days) run within JavaScript's timer limit.
 *
 * Send customer events as `{ type: 'journey.event', event: 'email.opened', at: <ms>, data: {…} }`.
 * Start with `context.attributes` set to the customer's attributes and `context.t` to the start time.
 */
export const XSTATE_EVENT = 'journey.event';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type XStateConfig = { [key: string]: Json };

export function exportXState(input: JourneyDefinition | JourneyMachine): XStateConfig {
  const machine = 'byKey' in input ? input : buildMachine(input);
  const states: { [key: string]: Json } = {};
  for (const state of machine.states) states[state.key] = stateConfig(state);
  return {
    id: 'journey',
    description: `${machine.definition.title} — JourneyScroll journey definition v${machine.definition.version}${
      machine.definition.provenance ? `, compiled from ${provenanceLine(machine.definition.provenance)}` : ''
    }`,
    initial: machine.initial,
    context: initialState({}) as unknown as Json,
    states,
  };
}

export const xstateTarget = (key: string): string => `#journey.${key}`;

function stateConfig(state: MachineState): Json {
  const entry = [{ type: 'journey.enter', params: { state: state.key } }];
  if (state.final) return { type: 'final', entry };
  const always: Json[] = [];
  for (const reaction of state.reactions) {
    for (const rule of reaction.rules) {
      const params = { state: state.key, reaction: reaction.id, rule };
      const transition: { [key: string]: Json } = {
        guard: { type: 'journey.rule', params },
        actions: [{ type: 'journey.apply', params }],
      };
      const leaves = rule === 'fire' || rule === 'due' ? reaction.then : null;
      if (leaves?.kind === 'goto') Object.assign(transition, { target: xstateTarget(leaves.state), reenter: true });
      else if (leaves?.kind === 'exit') Object.assign(transition, { target: xstateTarget(leaves.next), reenter: true });
      else if (rule === 'arm') transition.target = '.check'; // re-arm the timer for the new deadline
      always.push(transition);
    }
  }
  return {
    ...(state.stage ? { description: state.name } : {}),
    entry,
    initial: 'check',
    states: {
      check: { always: { target: 'waiting' } },
      waiting: {
        entry: [{ type: 'journey.arm' }],
        after: { 'journey.wake': { target: 'check', actions: [{ type: 'journey.tick' }] } },
      },
    },
    on: { [XSTATE_EVENT]: { target: '.check', actions: [{ type: 'journey.receive' }] } },
    always,
  };
}
