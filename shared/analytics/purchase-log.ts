import type { Purchase } from './clv.ts';
import { createTableStream, type TableFormat } from './table-stream.ts';
import { dayOf, parseTimestamp } from './timestamp.ts';

/** Parses `customer, date, value` rows (CSV or NDJSON, in chunks; + optional `persona`) for the CLV models. */
export interface PurchaseLog {
  readonly purchases: Purchase[];
  /** Per customer: the persona named in the file, if any. */
  readonly personas: Map<string, string>;
}

export function createPurchaseLogParser(format: TableFormat): { push(chunk: string): void; end(): PurchaseLog } {
  const purchases: Purchase[] = [];
  const personas = new Map<string, string>();
  const stream = createTableStream(
    { what: 'the purchase file', required: ['customer', 'date', 'value'], optional: ['persona'] },
    format,
    (v, _line, problem) => {
      const [customer, date, valueText, persona] = v as [string, string, string, string];
      if (customer === '') return problem('the customer is empty');
      const at = parseTimestamp(date);
      if (Number.isNaN(at)) return problem(`"date" is not an ISO 8601 date: ${JSON.stringify(date.slice(0, 40))}`);
      const value = Number(valueText);
      if (valueText === '' || !Number.isFinite(value) || value < 0)
        return problem(`"value" must be a number ≥ 0, not ${JSON.stringify(valueText.slice(0, 40))}`);
      purchases.push({ customer, day: dayOf(at), value });
      if (persona) personas.set(customer, persona);
    },
  );
  return {
    push: (chunk) => stream.push(chunk),
    end() {
      stream.end();
      return { purchases, personas };
    },
  };
}
