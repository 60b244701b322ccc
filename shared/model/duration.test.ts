import { describe, expect, it } from 'vitest';
import { formatDuration, isDuration, parseDuration } from './duration.ts';

describe('durations', () => {
  it('parses single and compound durations', () => {
    expect(parseDuration('3d')).toBe(3 * 86_400_000);
    expect(parseDuration('365d')).toBe(365 * 86_400_000);
    expect(parseDuration('1d12h')).toBe(36 * 3_600_000);
    expect(parseDuration('2w')).toBe(14 * 86_400_000);
    expect(parseDuration('90s')).toBe(90_000);
  });

  it('rejects what is not a duration', () => {
    for (const bad of ['', '3', 'd3', '3 days', '1h1d', '3d3d', '-1d', '1.5h']) {
      expect(isDuration(bad), bad).toBe(false);
      expect(() => parseDuration(bad)).toThrow(/not a duration/);
    }
  });

  it('formats canonically and round-trips', () => {
    expect(formatDuration(36 * 3_600_000)).toBe('1d12h');
    expect(formatDuration(14 * 86_400_000)).toBe('2w');
    expect(formatDuration(365 * 86_400_000)).toBe('365d');
    expect(formatDuration(0)).toBe('0s');
    for (const text of ['3d', '1d12h', '2w', '45m', '1h30m15s']) expect(formatDuration(parseDuration(text))).toBe(text);
  });
});
