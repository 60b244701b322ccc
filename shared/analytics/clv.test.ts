import { describe, expect, it } from 'vitest';
import { seededRandom } from '../model/index.ts';
import { averageBy, customerLifetimeValue, purchasesToRfm, type Purchase } from './clv.ts';
import { createPurchaseLogParser } from './purchase-log.ts';
import { simulateCustomers } from './simulate-clv.ts';

describe('CLV from purchase rows', () => {
  it('merges same-day purchases and measures frequency, recency and age in the period unit', () => {
    const p: Purchase[] = [
      { customer: 'a', day: 0, value: 10 },
      { customer: 'a', day: 0, value: 5 }, // same day: one purchase of 15
      { customer: 'a', day: 14, value: 20 },
      { customer: 'a', day: 21, value: 40 },
      { customer: 'a', day: 40, value: 99 }, // after the calibration end: historical value only
      { customer: 'b', day: 35, value: 7 }, // first purchase after the end: not in the fit
    ];
    const rfm = purchasesToRfm(p, 28, 'week');
    expect(rfm.customers).toEqual(['a']);
    expect(rfm.x).toEqual([2]);
    expect(rfm.tx).toEqual([3]);
    expect(rfm.T).toEqual([4]);
    expect(rfm.monetary).toEqual([30]);
    expect(rfm.historical).toEqual([174]);
  });

  it('fits simulated customers and values them sensibly', { timeout: 60_000 }, () => {
    const random = seededRandom(11);
    const sim = simulateCustomers(random, 3000, { r: 0.5, alpha: 6, a: 0.7, b: 2.5 }, { p: 6, q: 4, gamma: 15 }, () => 20 + random.int(30));
    const purchases: Purchase[] = [];
    sim.forEach((c, i) => {
      const first = 365 - Math.round(c.T * 7);
      c.times.forEach((t, k) => purchases.push({ customer: `c${i}`, day: first + Math.round(t * 7), value: c.values[k]! }));
    });
    const result = customerLifetimeValue(purchases, { calibrationEnd: 365, period: 'week', horizon: 52, discount: 0.1 });
    expect(result.customers).toBe(3000);
    expect(result.bgnbd.r).toBeGreaterThan(0.35);
    expect(result.bgnbd.r).toBeLessThan(0.7);
    for (const c of result.perCustomer) {
      expect(c.probabilityAlive).toBeGreaterThanOrEqual(0);
      expect(c.probabilityAlive).toBeLessThanOrEqual(1);
      expect(c.clv).toBeGreaterThanOrEqual(0);
    }
    // Discounting lowers CLV; a longer horizon raises it.
    const undiscounted = customerLifetimeValue(purchases, { calibrationEnd: 365, discount: 0 });
    const sum = (r: typeof result) => r.perCustomer.reduce((s, c) => s + c.clv, 0);
    expect(sum(undiscounted)).toBeGreaterThan(sum(result));
    const groups = averageBy(result.perCustomer, (c) => (Number(c.slice(1)) % 2 ? 'odd' : 'even'));
    expect(groups.map((g) => g.customers).sort()).toEqual([1500, 1500]);
  });

  it('parses customer,date,value and refuses bad rows with line numbers', () => {
    const parser = createPurchaseLogParser('csv');
    parser.push('customer,date,value,persona\na,2026-01-01,10,Buyer\na,2026-01-08T10:00:00Z,5,\n');
    const log = parser.end();
    expect(log.purchases.map((p) => p.value)).toEqual([10, 5]);
    expect(log.personas.get('a')).toBe('Buyer');
    const bad = createPurchaseLogParser('csv');
    bad.push('customer,date,value\na,2026-01-01,ten\nb,someday,3\n');
    expect(() => bad.end()).toThrow(/line 2: "value" must be a number[\s\S]*line 3: "date"/);
  });
});
