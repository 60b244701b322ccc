import { describe, expect, it } from 'vitest';
import { median, percentile, timeRuns } from './stats.ts';

describe('bench statistics', () => {
  it('computes nearest-rank percentiles', () => {
    const values = [5, 1, 4, 2, 3];
    expect(median(values)).toBe(3);
    expect(percentile(values, 99)).toBe(5);
    expect(percentile(values, 0)).toBe(1);
    expect(Number.isNaN(median([]))).toBe(true);
  });

  it('times the requested number of runs', async () => {
    let calls = 0;
    const runs = await timeRuns(3, () => calls++, 1);
    expect(runs).toHaveLength(3);
    expect(calls).toBe(4);
  });
});
