import { describe, expect, it } from 'vitest';
import { createEventLogParser, parseEventLog } from './event-log.ts';
import { TableError } from './table-stream.ts';

const CSV = `touchpoint,customer,at,conversion,persona
email-1,ann,2026-01-02T00:00:00Z,0,Buyer
ad,bob,2026-01-01T00:00:00Z,0,
ad,ann,2026-01-01T00:00:00Z,0,
"Checkout, web",ann,2026-01-03,120.5,
`;

describe('event log parsing', () => {
  it('reads CSV columns by header name and groups events by customer in time order', () => {
    const log = parseEventLog(CSV, 'csv');
    expect(log.size).toBe(4);
    expect(log.customerNames).toEqual(['ann', 'bob']);
    expect(log.personas).toEqual(['Buyer', '']);
    const ann = [...log.order.slice(log.offsets[0]!, log.offsets[1]!)].map((e) => log.touchpointNames[log.touchpoint[e]!]);
    expect(ann).toEqual(['ad', 'email-1', 'Checkout, web']);
    expect(log.value[log.order[log.offsets[1]! - 1]!]).toBe(120.5);
  });

  it('reads NDJSON, numbers as customer ids and a missing conversion as a touch', () => {
    const log = parseEventLog(
      '{"customer":7,"at":"2026-01-01","touchpoint":"ad"}\n{"customer":7,"at":"2026-01-02","touchpoint":"buy","conversion":9}\n',
      'ndjson',
    );
    expect(log.customerNames).toEqual(['7']);
    expect([...log.value]).toEqual([0, 9]);
  });

  it('gives the same log when the text arrives in small chunks', () => {
    const parser = createEventLogParser('csv');
    for (let i = 0; i < CSV.length; i += 3) parser.push(CSV.slice(i, i + 3));
    expect(parser.end()).toEqual(parseEventLog(CSV, 'csv'));
  });

  it('refuses bad rows with their line numbers', () => {
    const bad = `customer,at,touchpoint,conversion\nann,2026-01-01,ad,0\n,2026-01-01,ad,0\nbob,01/02/2026,ad,0\nbob,2026-01-02,ad,-3\nbob,2026-01-02,"ad,0\n`;
    let error: unknown;
    try {
      parseEventLog(bad, 'csv');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TableError);
    expect((error as TableError).problems.map((p) => p.line)).toEqual([3, 4, 5, 6]);
    expect((error as TableError).message).toMatch(/line 4: "at" is not an ISO 8601 time/);
    expect(() => parseEventLog('customer,when,touchpoint\n', 'csv')).toThrow(/line 1: the header lacks column "at"/);
    expect(() => parseEventLog('{"customer":"a"}\nnope\n', 'ndjson')).toThrow(/line 1: no "at"[\s\S]*line 2: not valid JSON/);
    expect(() => parseEventLog('', 'csv')).toThrow(/empty/);
  });
});
