import { describe, expect, it } from 'vitest';
import { parseTimestamp } from './timestamp.ts';

describe('parseTimestamp', () => {
  it('reads dates, times, fractions and offsets as UTC milliseconds', () => {
    expect(parseTimestamp('2026-03-01')).toBe(Date.UTC(2026, 2, 1));
    expect(parseTimestamp('2026-03-01T09:30:00Z')).toBe(Date.UTC(2026, 2, 1, 9, 30));
    expect(parseTimestamp('2026-03-01 09:30')).toBe(Date.UTC(2026, 2, 1, 9, 30));
    expect(parseTimestamp('2026-03-01T09:30:00.250Z')).toBe(Date.UTC(2026, 2, 1, 9, 30, 0, 250));
    expect(parseTimestamp('2026-03-01T09:30:00+02:00')).toBe(Date.UTC(2026, 2, 1, 7, 30));
    expect(parseTimestamp('2026-03-01T09:30:00-0130')).toBe(Date.UTC(2026, 2, 1, 11, 0));
    expect(parseTimestamp('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
  });
  it.each(['', 'yesterday', '2026-13-01', '2025-02-29', '2026-03-01T25:00', '03/01/2026', '2026-03-01T09:30:00+25:00', '1709280000'])(
    'refuses %j',
    (text) => expect(parseTimestamp(text)).toBeNaN(),
  );
});
