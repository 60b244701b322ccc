import { createTableStream, type TableFormat } from './table-stream.ts';
import { parseTimestamp } from './timestamp.ts';

/**
 * An event log held as columns (typed arrays and interned names), so that a million rows take a few
 * tens of megabytes and never a copy of the file's text. Rows: `customer, at, touchpoint,
 * conversion` (+ optional `persona`); conversion 0 is a touch, > 0 a conversion worth that value.
 * (a missing conversion is 0). `order`/`offsets` group the events by customer in time order (ties keep file order):
 * customer c's events are order[offsets[c]] … order[offsets[c + 1] − 1].
 */
export interface EventLog {
  readonly size: number;
  readonly customerNames: readonly string[];
  readonly touchpointNames: readonly string[];
  /** Per customer: the persona named in the log ('' when none). */
  readonly personas: readonly string[];
  readonly customer: Int32Array;
  readonly at: Float64Array;
  readonly touchpoint: Int32Array;
  readonly value: Float64Array;
  readonly order: Int32Array;
  readonly offsets: Int32Array;
}

export const EVENT_COLUMNS = {
  what: 'the event log',
  required: ['customer', 'at', 'touchpoint'],
  optional: ['conversion', 'persona'],
} as const;

/** Collects events one at a time and groups them by customer at the end. */
export class EventLogBuilder {
  private n = 0;
  private customer = new Int32Array(1024);
  private at = new Float64Array(1024);
  private touchpoint = new Int32Array(1024);
  private value = new Float64Array(1024);
  private readonly customerIds = new Map<string, number>();
  private readonly touchpointIds = new Map<string, number>();
  private readonly customerNames: string[] = [];
  private readonly touchpointNames: string[] = [];
  private readonly personas: string[] = [];

  add(customer: string, at: number, touchpoint: string, value: number, persona = ''): void {
    if (this.n === this.at.length) this.grow();
    let c = this.customerIds.get(customer);
    if (c === undefined) {
      c = this.customerNames.length;
      this.customerIds.set(customer, c);
      this.customerNames.push(customer);
      this.personas.push(persona);
    } else if (persona && !this.personas[c]) this.personas[c] = persona;
    let t = this.touchpointIds.get(touchpoint);
    if (t === undefined) {
      t = this.touchpointNames.length;
      this.touchpointIds.set(touchpoint, t);
      this.touchpointNames.push(touchpoint);
    }
    const i = this.n++;
    this.customer[i] = c;
    this.at[i] = at;
    this.touchpoint[i] = t;
    this.value[i] = value;
  }

  private grow(): void {
    const size = this.at.length * 2;
    const g = <A extends Int32Array | Float64Array>(a: A, make: (n: number) => A): A => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.customer = g(this.customer, (k) => new Int32Array(k));
    this.at = g(this.at, (k) => new Float64Array(k));
    this.touchpoint = g(this.touchpoint, (k) => new Int32Array(k));
    this.value = g(this.value, (k) => new Float64Array(k));
  }

  finish(): EventLog {
    const n = this.n;
    const customers = this.customerNames.length;
    const customer = this.customer.slice(0, n);
    const at = this.at.slice(0, n);
    // Counting sort by customer (stable), then insertion sort by time within each customer: logs
    // are usually in time order already, so this is linear in practice.
    const offsets = new Int32Array(customers + 1);
    for (let i = 0; i < n; i++) offsets[customer[i]! + 1]!++;
    for (let c = 0; c < customers; c++) offsets[c + 1]! += offsets[c]!;
    const next = offsets.slice(0, customers);
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[next[customer[i]!]!++] = i;
    for (let c = 0; c < customers; c++) {
      for (let k = offsets[c]! + 1; k < offsets[c + 1]!; k++) {
        const e = order[k]!;
        const t = at[e]!;
        let j = k - 1;
        while (j >= offsets[c]! && at[order[j]!]! > t) {
          order[j + 1] = order[j]!;
          j--;
        }
        order[j + 1] = e;
      }
    }
    return {
      size: n,
      customerNames: this.customerNames,
      touchpointNames: this.touchpointNames,
      personas: this.personas,
      customer,
      at,
      touchpoint: this.touchpoint.slice(0, n),
      value: this.value.slice(0, n),
      order,
      offsets,
    };
  }
}

export interface EventLogParser {
  push(chunk: string): void;
  /** Ends the input: the log, or a TableError listing the bad rows by line. */
  end(): EventLog;
  readonly rows: number;
}

/** Parses an event log from chunks of text (CSV with a header, or NDJSON). */
export function createEventLogParser(format: TableFormat): EventLogParser {
  const builder = new EventLogBuilder();
  let rows = 0;
  const stream = createTableStream(EVENT_COLUMNS, format, (v, _line, problem) => {
    const [customer, atText, touchpoint, conversion, persona] = v as [string, string, string, string, string];
    if (customer === '') return problem('the customer is empty');
    if (touchpoint === '') return problem('the touchpoint is empty');
    const at = parseTimestamp(atText);
    if (Number.isNaN(at)) return problem(`"at" is not an ISO 8601 time: ${JSON.stringify(atText.slice(0, 40))}`);
    const value = conversion === '' ? 0 : Number(conversion);
    if (!Number.isFinite(value) || value < 0)
      return problem(`"conversion" must be 0 (a touch) or a positive value, not ${JSON.stringify(conversion.slice(0, 40))}`);
    rows++;
    builder.add(customer, at, touchpoint, value, persona);
  });
  return {
    push: (chunk) => stream.push(chunk),
    end() {
      stream.end();
      return builder.finish();
    },
    get rows() {
      return rows;
    },
  };
}

/** Parses a whole event log held as one string (tests, small files). */
export function parseEventLog(text: string, format: TableFormat): EventLog {
  const parser = createEventLogParser(format);
  parser.push(text);
  return parser.end();
}
