/**
 * Runs exported journeys in the real engines on one virtual clock, and reads their traces:
 * - XState: `createMachine(exportXState(def)).provide(createXStateImplementations(...))` with the
 *   clock as the actor's clock;
 * - bpmn-engine: `exportBpmn(def)` with the clock behind bpmn-elements' Timers and Date frozen to
 *   virtual time (its timers compute delays from `new Date()`).
 * Timers due at or before an event's time fire before the event, as in the simulator.
 */
import { EventEmitter } from 'node:events';
import { Engine } from 'bpmn-engine';
import { Timers } from 'bpmn-elements';
import { assign, createActor, createMachine } from 'xstate';
import { vi } from 'vitest';
import {
  BPMN_EVENT_MESSAGE,
  bpmnTracePoints,
  buildMachine,
  createXStateImplementations,
  describeAction,
  exportBpmn,
  exportXState,
  type EventScript,
  type JourneyDefinition,
  type TraceEntry,
} from '../../shared/journey/index.ts';

/** Node's limit: a longer setTimeout fires after 1 ms (TimeoutOverflowWarning). Emulated here. */
export const NODE_TIMER_LIMIT = 2 ** 31 - 1;

export class VirtualClock {
  now = 0;
  armed: number[] = [];
  private seq = 0;
  private queue: { at: number; seq: number; fn: () => void }[] = [];

  readonly setTimeout = (fn: (...args: unknown[]) => void, ms: number, ...args: unknown[]) => {
    this.armed.push(ms);
    const delay = ms > NODE_TIMER_LIMIT ? 1 : Math.max(0, ms);
    const entry = { at: this.now + delay, seq: this.seq++, fn: () => fn(...args) };
    this.queue.push(entry);
    return entry;
  };
  readonly clearTimeout = (handle: unknown) => {
    const i = this.queue.indexOf(handle as (typeof this.queue)[number]);
    if (i >= 0) this.queue.splice(i, 1);
  };

  /** Fires every timer due at or before `time`, in order, then moves the clock there. */
  advanceTo(time: number, onTime: (t: number) => void = () => {}) {
    for (;;) {
      let next: (typeof this.queue)[number] | undefined;
      for (const q of this.queue) if (!next || q.at < next.at || (q.at === next.at && q.seq < next.seq)) next = q;
      if (!next || next.at > time) break;
      this.queue.splice(this.queue.indexOf(next), 1);
      this.now = next.at;
      onTime(this.now);
      next.fn();
    }
    this.now = Math.max(this.now, time);
    onTime(this.now);
  }
}

export interface EngineRun {
  readonly trace: TraceEntry[];
  /** Every timer length the engine asked for, in ms. */
  readonly timers: number[];
}

export function runXState(definition: JourneyDefinition, script: EventScript, config = exportXState(definition)): EngineRun {
  const clock = new VirtualClock();
  const trace: TraceEntry[] = [];
  const impl = createXStateImplementations(definition, { assign: assign as never, onTrace: (e) => trace.push(e), now: () => clock.now });
  const withCustomer = { ...config, context: { ...(config.context as object), attributes: structuredClone(script.attributes), t: 0 } };
  const machine = createMachine(withCustomer as never).provide(impl as never);
  const actor = createActor(machine, { clock: { setTimeout: clock.setTimeout as never, clearTimeout: clock.clearTimeout } });
  let failure: unknown;
  actor.subscribe({ error: (error) => (failure = error) });
  actor.start();
  for (const event of script.events) {
    if (event.at > script.until) break;
    clock.advanceTo(event.at);
    if (actor.getSnapshot().status !== 'active') break;
    actor.send({ type: 'journey.event', event: event.event, at: event.at, data: event.data });
  }
  clock.advanceTo(script.until);
  actor.stop();
  if (failure) throw failure;
  return { trace, timers: clock.armed };
}

export async function runBpmn(definition: JourneyDefinition, script: EventScript, source = exportBpmn(definition)): Promise<EngineRun> {
  const clock = new VirtualClock();
  const machine = buildMachine(definition);
  const points = bpmnTracePoints(machine);
  const trace: TraceEntry[] = [];
  vi.useFakeTimers({ toFake: ['Date'], now: 0 });
  try {
    const listener = new EventEmitter();
    listener.on('activity.start', (api: { id: string; environment: { variables: { journey?: { attrs: Record<string, unknown> } } } }) => {
      const point = points.get(api.id);
      if (!point) return;
      const at = clock.now;
      switch (point.type) {
        case 'enter':
          trace.push({ at, type: 'enter', stage: point.stage });
          break;
        case 'capture': {
          const value = readField(api.environment.variables.journey?.attrs ?? {}, point.field);
          trace.push({
            at,
            type: 'capture',
            stage: point.stage,
            card: point.card,
            field: point.field,
            system: point.system,
            ...(value === undefined ? {} : { value }),
          });
          break;
        }
        case 'action':
          trace.push({
            at,
            type: 'action',
            stage: point.stage,
            card: point.action.id,
            action: point.action.type,
            detail: describeAction(point.action),
          });
          break;
        case 'exit': {
          const then = point.reaction.then;
          if (then.kind === 'exit')
            trace.push({
              at,
              type: 'exit',
              stage: point.stage,
              card: point.reaction.id,
              reason: then.exit,
              ...(then.journey ? { journey: then.journey } : {}),
            });
          break;
        }
      }
    });
    let failure: unknown;
    const engine = new Engine({
      name: 'journey',
      source,
      timers: new Timers({ setTimeout: clock.setTimeout as never, clearTimeout: clock.clearTimeout as never }),
    });
    engine.on('error', (error: unknown) => (failure = error));
    const execution = await engine.execute({ listener, variables: { attributes: structuredClone(script.attributes), startAt: 0 } });
    const onTime = (t: number) => vi.setSystemTime(t);
    for (const event of script.events) {
      if (event.at > script.until || failure) break;
      clock.advanceTo(event.at, onTime);
      if (engine.state !== 'running') break;
      execution.signal({ id: BPMN_EVENT_MESSAGE, event: event.event, at: event.at, data: event.data ?? null });
    }
    clock.advanceTo(script.until, onTime);
    if (engine.state === 'running') await engine.stop();
    if (failure) throw failure;
    return { trace, timers: clock.armed };
  } finally {
    vi.useRealTimers();
  }
}

function readField(attributes: Record<string, unknown>, field: string): unknown {
  let value: unknown = attributes;
  for (const key of field.split('.')) {
    if (value === null || typeof value !== 'object' || Array.isArray(value) || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value === null ? undefined : structuredClone(value);
}
