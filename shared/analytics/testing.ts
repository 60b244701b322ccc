import { seededRandom, type Random } from '../model/index.ts';
import { EventLogBuilder, type EventLog } from './event-log.ts';

/**
 * Builders for planted-truth tests and benchmarks: small logs written as rows, and large random
 * logs where one touchpoint drives conversion. Shared by the unit tests, the CLI tests and the bench.
 */
export type Row = readonly [customer: string, day: number, touchpoint: string, conversion?: number];

const T0 = Date.UTC(2026, 0, 1);
export const dayMs = (day: number): number => T0 + day * 86_400_000;

export function logOf(rows: readonly Row[]): EventLog {
  const b = new EventLogBuilder();
  for (const [customer, day, touchpoint, conversion] of rows) b.add(customer, dayMs(day), touchpoint, conversion ?? 0);
  return b.finish();
}

/** Rows as an event-log CSV, in the order given. */
export function rowsToCsv(rows: readonly Row[]): string {
  return `customer,at,touchpoint,conversion\n${rows.map(([c, d, t, v]) => `${c},${new Date(dayMs(d)).toISOString()},${t},${v ?? 0}`).join('\n')}\n`;
}

export interface PlantedLogOptions {
  readonly customers: number;
  readonly touchpoints: readonly string[];
  /** The touchpoint that drives conversion. */
  readonly driver: string;
  readonly seed?: number;
  /** Average touches per customer. */
  readonly touches?: number;
}

/**
 * Each customer sees a few random touchpoints; one who met the driver converts with probability
 * 0.6, anyone else with 0.02. The conversion (value 10–100) follows the last touch.
 */
export function plantedRows(options: PlantedLogOptions, visit: (row: Row) => void): void {
  const random: Random = seededRandom(options.seed ?? 1);
  const mean = options.touches ?? 4;
  for (let c = 0; c < options.customers; c++) {
    const customer = `c${c}`;
    const n = 1 + random.int(2 * mean - 1);
    let day = random.int(300);
    let met = false;
    for (let i = 0; i < n; i++) {
      const t = random.pick(options.touchpoints);
      if (t === options.driver) met = true;
      visit([customer, day, t]);
      day += random.int(3);
    }
    if (random.chance(met ? 0.6 : 0.02)) visit([customer, day, 'purchase', 10 + random.int(91)]);
  }
}
