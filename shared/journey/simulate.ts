import type { JourneyDefinition } from './definition.ts';
import type { EventScript } from './events.ts';
import { buildMachine, DONE, type JourneyMachine } from './machine.ts';
import {
  applyRule,
  enterState,
  initialState,
  nextDeadline,
  nextRule,
  receiveEvent,
  tick,
  type Cause,
  type JourneyState,
} from './runtime.ts';
import type { TraceEntry } from './trace.ts';

/**
 * The simulator: runs a definition for one test customer over a script of events on a virtual
 * clock. It never waits for real: time jumps from one event or deadline to the next, so a 365-day
 * renewal wait costs nothing. A timer that falls due at or before an event's time fires first.
 */
export interface SimulationResult {
  readonly trace: TraceEntry[];
  /** Where the customer is when the simulation ends (a stage id, or `$idle`, `$cooldown`, `$done`). */
  readonly state: string;
  readonly attributes: Record<string, unknown>;
  readonly endedAt: number;
  /** Why the run stopped: the end of the script's time, the journey being over, or a loop. */
  readonly stoppedBy: 'until' | 'done';
}

export class JourneyLoopError extends Error {}

/** Rules applied without the clock moving before the run is declared a loop without a wait. */
const MAX_STEPS_PER_INSTANT = 10_000;

export function simulate(input: JourneyDefinition | JourneyMachine, script: EventScript): SimulationResult {
  const machine = 'byKey' in input ? input : buildMachine(input);
  const trace: TraceEntry[] = [];
  let s = initialState(script.attributes);

  const settle = (cause?: Cause) => {
    let steps = 0;
    let enter: { state: string; cause: Cause } | undefined = cause ? undefined : { state: machine.initial, cause: { type: 'enter' } };
    for (;;) {
      if (enter) {
        const step = enterState(machine, s, enter.state, enter.cause);
        s = step.state;
        trace.push(...step.trace);
        enter = undefined;
      }
      const next = nextRule(machine, s);
      if (!next) return;
      if (++steps > MAX_STEPS_PER_INSTANT) {
        throw new JourneyLoopError(
          `the journey loops without waiting in ${s.state} at ${s.t} ms (more than ${MAX_STEPS_PER_INSTANT} steps at one instant); lint reports such loops`,
        );
      }
      const step = applyRule(machine, s, next.reaction, next.rule);
      s = step.state;
      trace.push(...step.trace);
      if (step.next) enter = step.next;
    }
  };
  const runTimersUntil = (time: number) => {
    for (;;) {
      if (s.state === DONE) return;
      const due = nextDeadline(machine, s);
      if (due === undefined || due > time) return;
      s = tick(s, due);
      settle(s.cause);
    }
  };

  settle();
  for (const event of script.events) {
    if (event.at > script.until) break;
    runTimersUntil(event.at);
    if (s.state === DONE) break;
    s = receiveEvent(s, event);
    settle(s.cause);
  }
  runTimersUntil(script.until);
  const state: JourneyState = s;
  return {
    trace,
    state: state.state,
    attributes: state.attributes,
    endedAt: Math.max(state.t, state.state === DONE ? state.t : script.until),
    stoppedBy: state.state === DONE ? 'done' : 'until',
  };
}
