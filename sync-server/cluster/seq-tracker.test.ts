import { describe, expect, it } from 'vitest';
import { SeqTracker } from './seq-tracker.ts';

describe('SeqTracker', () => {
  it('advances through contiguous seqs and reports a gap until it is filled', () => {
    const t = new SeqTracker(5);
    t.add(6, 6);
    expect([t.seq, t.hasGap]).toEqual([6, false]);
    t.add(9, 10);
    expect([t.seq, t.hasGap, t.newest]).toEqual([6, true, 10]);
    t.add(8, 8);
    expect([t.seq, t.hasGap]).toEqual([6, true]);
    t.add(7, 7);
    expect([t.seq, t.hasGap]).toEqual([10, false]);
  });

  it('knows duplicates, and a catch-up closes every gap below what it read', () => {
    const t = new SeqTracker(0);
    t.add(1, 3);
    t.add(6, 7);
    expect(t.covers(2, 3)).toBe(true);
    expect(t.covers(6, 7)).toBe(true);
    expect(t.covers(4, 4)).toBe(false);
    t.advanceTo(5);
    expect([t.seq, t.hasGap]).toEqual([7, false]);
    t.add(12, 12);
    t.advanceTo(9);
    expect([t.seq, t.hasGap, t.newest]).toEqual([9, true, 12]);
  });
});
