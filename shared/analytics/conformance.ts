import type { Blueprint } from '../model/index.ts';
import { buildMachine, compileBlueprint, simulate, IDLE, type ScriptEvent } from '../journey/index.ts';
import type { EventLog } from './event-log.ts';
import type { TouchpointMapping } from './map-touchpoints.ts';

/**
 * Conformance: each customer's events replayed through the compiled journey (the simulator of
 * shared/journey, on its virtual clock, from the customer's first event). An event is sent under its
 * touchpoint name, or — when that names a card with an event trigger — under the trigger's event.
 * The customer's path fits when, at every event mapped to a card of some stage, the simulated
 * customer is in that stage once the events of that instant are processed. Otherwise the first
 * such event is where they deviate: the stage the journey had them in (`$idle` before entering,
 * `$done` after an exit) and the stage the log shows. Customers with no event on a staged card
 * are not replayed.
 */
export interface Deviation {
  /** Where the journey had the customer. */
  readonly expected: string;
  /** Where the log shows them. */
  readonly observed: string;
  /** The event's touchpoint. */
  readonly touchpoint: string;
  readonly customers: number;
}

export interface Conformance {
  readonly replayed: number;
  readonly fitting: number;
  /** fitting / replayed, null when no one was replayed. */
  readonly share: number | null;
  /** Where the others first deviate, most common first. */
  readonly deviations: readonly Deviation[];
  /** Per customer name, for those who deviate: the index in `deviations`. Omitted in JSON output. */
  readonly deviating: ReadonlyMap<string, number>;
}

export function checkConformance(blueprint: Blueprint, log: EventLog, mapping: TouchpointMapping): Conformance {
  const machine = buildMachine(compileBlueprint(blueprint));
  const eventName = mapping.matches.map((m, i) => {
    const name = log.touchpointNames[i]!;
    if (m.kind !== 'card') return name;
    const card = mapping.cardsById.get(m.card)!;
    return m.by !== 'event' && card.trigger?.type === 'event' && card.trigger.event ? card.trigger.event : name;
  });
  const stageOf = mapping.matches.map((m) => (m.kind === 'card' ? mapping.cardsById.get(m.card)!.stageId : undefined));

  const counts = new Map<string, Deviation & { customers: number }>();
  const deviatingKey = new Map<string, string>();
  let replayed = 0;
  let fitting = 0;
  const events: ScriptEvent[] = [];
  for (let c = 0; c < log.customerNames.length; c++) {
    const from = log.offsets[c]!;
    const to = log.offsets[c + 1]!;
    let staged = false;
    for (let k = from; k < to && !staged; k++) staged = stageOf[log.touchpoint[log.order[k]!]!] !== undefined;
    if (!staged) continue;
    replayed++;
    const t0 = log.at[log.order[from]!]!;
    events.length = 0;
    for (let k = from; k < to; k++) {
      const e = log.order[k]!;
      events.push({ at: log.at[e]! - t0, event: eventName[log.touchpoint[e]!]!, data: { conversion: log.value[e]! } });
    }
    const last = events[events.length - 1]!.at;
    const { trace } = simulate(machine, { attributes: {}, events, until: last });
    // Walk the log and the trace's stage entries side by side.
    let state = IDLE;
    let ti = 0;
    let deviation: { expected: string; observed: string; touchpoint: string } | undefined;
    for (let k = from; k < to && !deviation; k++) {
      const e = log.order[k]!;
      const observed = stageOf[log.touchpoint[e]!];
      if (observed === undefined) continue;
      const at = log.at[e]! - t0;
      for (; ti < trace.length && trace[ti]!.at <= at; ti++) {
        const entry = trace[ti]!;
        if (entry.type === 'enter') state = entry.stage;
        else if (entry.type === 'exit') state = '$done';
      }
      if (state !== observed) deviation = { expected: state, observed, touchpoint: log.touchpointNames[log.touchpoint[e]!]! };
    }
    if (!deviation) {
      fitting++;
      continue;
    }
    const key = `${deviation.expected}\u0000${deviation.observed}\u0000${deviation.touchpoint}`;
    const d = counts.get(key);
    counts.set(key, { ...deviation, customers: (d?.customers ?? 0) + 1 });
    deviatingKey.set(log.customerNames[c]!, key);
  }
  const deviations = [...counts.entries()].sort((a, b) => b[1].customers - a[1].customers || (a[0] < b[0] ? -1 : 1));
  const indexOf = new Map(deviations.map(([key], i) => [key, i]));
  return {
    replayed,
    fitting,
    share: replayed > 0 ? fitting / replayed : null,
    deviations: deviations.map(([, d]) => d),
    deviating: new Map([...deviatingKey].map(([name, key]) => [name, indexOf.get(key)!])),
  };
}
