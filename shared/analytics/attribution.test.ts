import { describe, expect, it } from 'vitest';
import { ATTRIBUTION_MODELS, DIRECT, attribute, attributeAll, parseHalfLife, type Attribution } from './attribution.ts';
import { buildPaths } from './paths.ts';
import { logOf, plantedRows, type Row } from './testing.ts';

const ROWS: Row[] = [
  ['ann', 1, 'ad'],
  ['ann', 2, 'email'],
  ['ann', 3, 'web'],
  ['ann', 4, 'buy', 100],
  ['ann', 5, 'email'], // trailing: a path that did not convert
  ['bob', 1, 'email'],
  ['bob', 1, 'buy', 50],
  ['cat', 2, 'buy', 30], // no touch before it
  ['dan', 1, 'ad'],
  ['dan', 2, 'web'],
  ['dan', 3, 'buy', 10],
];
const log = logOf(ROWS);
const paths = buildPaths(log);
const credits = (a: Attribution) =>
  Object.fromEntries(a.touchpoints.filter((t) => t.conversions || t.value).map((t) => [t.touchpoint, [t.conversions, t.value]]));
const listed = (a: Attribution) => a.touchpoints.map((t) => t.touchpoint).sort();

describe('attribution: hand-computed credits on a small log', () => {
  it('splits the log into paths closed by conversions', () => {
    expect(paths.count).toBe(5);
    expect([...paths.conversion].map((e) => (e < 0 ? 0 : log.value[e]))).toEqual([100, 0, 50, 30, 10]);
  });
  it('first and last touch', () => {
    expect(credits(attribute(log, paths, 'first'))).toEqual({ ad: [2, 110], email: [1, 50], [DIRECT]: [1, 30] });
    expect(listed(attribute(log, paths, 'first'))).toEqual([DIRECT, 'ad', 'email', 'web']); // 'buy' is no touch
    expect(credits(attribute(log, paths, 'last'))).toEqual({ web: [2, 110], email: [1, 50], [DIRECT]: [1, 30] });
  });
  it('linear', () => {
    const c = credits(attribute(log, paths, 'linear'));
    expect(c.ad![0]).toBeCloseTo(1 / 3 + 1 / 2, 12);
    expect(c.ad![1]).toBeCloseTo(100 / 3 + 5, 12);
    expect(c.email![0]).toBeCloseTo(1 / 3 + 1, 12);
    expect(c.email![1]).toBeCloseTo(100 / 3 + 50, 12);
    expect(c.web![0]).toBeCloseTo(1 / 3 + 1 / 2, 12);
    expect(c[DIRECT]).toEqual([1, 30]);
  });
  it('position 40/20/40: one touch gets all, two touches half each', () => {
    const c = credits(attribute(log, paths, 'position'));
    expect(c.ad![0]).toBeCloseTo(0.9, 12);
    expect(c.ad![1]).toBeCloseTo(45, 12);
    expect(c.email![0]).toBeCloseTo(1.2, 12);
    expect(c.email![1]).toBeCloseTo(70, 12);
    expect(c.web![0]).toBeCloseTo(0.9, 12);
    expect(c.web![1]).toBeCloseTo(45, 12);
  });
  it('time decay with a one-day half-life: weights 1/8, 1/4, 1/2 for touches 3, 2, 1 days before', () => {
    const c = credits(attribute(log, paths, 'time-decay', { halfLifeMs: 86_400_000 }));
    // ann: 1/7, 2/7, 4/7; bob's touch is at the conversion (weight 1); dan: 1/4 vs 1/2 → 1/3, 2/3.
    expect(c.ad![0]).toBeCloseTo(1 / 7 + 1 / 3, 12);
    expect(c.email![0]).toBeCloseTo(2 / 7 + 1, 12);
    expect(c.web![0]).toBeCloseTo(4 / 7 + 2 / 3, 12);
    expect(c.web![1]).toBeCloseTo(400 / 7 + 20 / 3, 12);
  });
  it('markov: removal effects on hand-solvable chains', () => {
    // start→A→conversion, start→B→null: removing A loses everything, removing B nothing.
    const l1 = logOf([
      ['x', 1, 'A'],
      ['x', 2, 'buy', 8],
      ['y', 1, 'B'],
    ]);
    expect(credits(attribute(l1, buildPaths(l1), 'markov'))).toEqual({ A: [1, 8] });
    // start→A; A→B or null (½ each); B→conversion: both removals lose everything → half each.
    const l2 = logOf([
      ['x', 1, 'A'],
      ['x', 2, 'B'],
      ['x', 3, 'buy', 8],
      ['y', 1, 'A'],
    ]);
    const c = credits(attribute(l2, buildPaths(l2), 'markov'));
    expect(c.A![0]).toBeCloseTo(0.5, 12);
    expect(c.B![1]).toBeCloseTo(4, 12);
  });
});

describe('attribution: planted truths', () => {
  const rows: Row[] = [];
  plantedRows({ customers: 3000, touchpoints: ['ad', 'email', 'social', 'webinar', 'web'], driver: 'webinar', seed: 7 }, (r) =>
    rows.push(r),
  );
  const big = logOf(rows);
  const bigPaths = buildPaths(big);
  const all = attributeAll(big, bigPaths);

  it('the touchpoint that drives conversion gets the largest Markov credit', () => {
    const markov = all.markov.touchpoints;
    expect(markov[0]!.touchpoint).toBe('webinar');
    expect(markov[0]!.conversions).toBeGreaterThan(1.2 * markov[1]!.conversions);
  });
  it.each(ATTRIBUTION_MODELS)('%s: credits sum to the conversions and the value', (model) => {
    const a = all[model];
    expect(a.conversions).toBe(rows.filter((r) => (r[3] ?? 0) > 0).length);
    expect(a.value).toBe(rows.reduce((s, r) => s + (r[3] ?? 0), 0));
    expect(a.touchpoints.reduce((s, t) => s + t.conversions, 0)).toBeCloseTo(a.conversions, 6);
    expect(a.touchpoints.reduce((s, t) => s + t.value, 0)).toBeCloseTo(a.value, 6);
  });
});

describe('parseHalfLife', () => {
  it('reads days, hours and minutes and refuses the rest', () => {
    expect(parseHalfLife('7d')).toBe(7 * 86_400_000);
    expect(parseHalfLife('12h')).toBe(12 * 3_600_000);
    expect(() => parseHalfLife('0d')).toThrow(/positive/);
    expect(() => parseHalfLife('week')).toThrow(/half-life/);
  });
});
