import { describe, expect, it } from 'vitest';
import { seededRandom } from '../model/index.ts';
import { bgNbdLogLikelihood, expectedPurchases, fitBgNbd, probabilityAlive } from './bgnbd.ts';
import { expectedSpend, fitGammaGamma } from './gamma-gamma.ts';
import { simulateCustomers } from './simulate-clv.ts';

const TRUE_BG = { r: 0.5, alpha: 6, a: 0.7, b: 2.5 };
const TRUE_GG = { p: 6, q: 4, gamma: 15 };

describe('BG/NBD and Gamma-Gamma', () => {
  it('matches published values: CDNOW parameters, the log-likelihood terms by hand', () => {
    // One customer with x = 0, T = 10: L = B(a, b)/B(a, b) · (α/(α+T))^r.
    const p = { r: 0.24, alpha: 4.41, a: 0.79, b: 2.43 };
    expect(bgNbdLogLikelihood(p, { x: [0], tx: [0], T: [10] })).toBeCloseTo(0.24 * Math.log(4.41 / 14.41), 12);
    expect(probabilityAlive(p, 0, 0, 10)).toBe(1);
    // A customer who bought often and long ago is likely gone; one who just bought is likely alive.
    expect(probabilityAlive(p, 10, 5, 39)).toBeLessThan(0.1);
    expect(probabilityAlive(p, 10, 38.5, 39)).toBeGreaterThan(0.9);
    // E[Y(t)] rises with t and is about t·r/α·P(active) for a new customer over a short horizon.
    const e1 = expectedPurchases(p, 1, 0, 0, 0.001);
    expect(e1).toBeGreaterThan(0.9 * (0.24 / 4.41) * 0.9);
    expect(e1).toBeLessThan(0.24 / 4.41);
    expect(expectedPurchases(p, 39, 2, 30, 39)).toBeGreaterThan(expectedPurchases(p, 10, 2, 30, 39));
    // At a = 1 (a removable singularity) the value is continuous.
    const near = expectedPurchases({ ...p, a: 1.001 }, 10, 3, 20, 30);
    expect(expectedPurchases({ ...p, a: 1 }, 10, 3, 20, 30)).toBeCloseTo(near, 3);
  });

  it('recovers parameters from data simulated from known values', { timeout: 60_000 }, () => {
    const random = seededRandom(2026);
    const customers = simulateCustomers(random, 8000, TRUE_BG, TRUE_GG, () => 30 + random.next() * 30);
    const x = customers.map((c) => c.times.length - 1);
    const tx = customers.map((c) => c.times.at(-1)!);
    const T = customers.map((c) => c.T);
    const fit = fitBgNbd({ x, tx, T });
    expect(fit.r).toBeGreaterThan(TRUE_BG.r * 0.85);
    expect(fit.r).toBeLessThan(TRUE_BG.r * 1.15);
    expect(fit.alpha).toBeGreaterThan(TRUE_BG.alpha * 0.8);
    expect(fit.alpha).toBeLessThan(TRUE_BG.alpha * 1.2);
    expect(fit.a).toBeGreaterThan(TRUE_BG.a * 0.7);
    expect(fit.a).toBeLessThan(TRUE_BG.a * 1.3);
    expect(fit.b).toBeGreaterThan(TRUE_BG.b * 0.7);
    expect(fit.b).toBeLessThan(TRUE_BG.b * 1.3);
    // The fit is a maximum: the true parameters score no better.
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(bgNbdLogLikelihood(TRUE_BG, { x, tx, T }));

    const m = customers.map((c) => (c.values.length > 1 ? c.values.slice(1).reduce((s, v) => s + v, 0) / (c.values.length - 1) : 0));
    const gg = fitGammaGamma(x, m);
    // p·γ/(q − 1), the population mean spend, is well determined; the parameters less so.
    expect((gg.p * gg.gamma) / (gg.q - 1)).toBeCloseTo((TRUE_GG.p * TRUE_GG.gamma) / (TRUE_GG.q - 1), -0.5);
    expect(gg.p).toBeGreaterThan(TRUE_GG.p * 0.7);
    expect(gg.p).toBeLessThan(TRUE_GG.p * 1.3);
    expect(gg.q).toBeGreaterThan(TRUE_GG.q * 0.7);
    expect(gg.q).toBeLessThan(TRUE_GG.q * 1.3);
    expect(gg.customers).toBe(x.filter((v) => v > 0).length);
    // A customer's expected spend lies between their own mean and the population's.
    const pop = expectedSpend(gg, 0, 0);
    const own = 100;
    const e = expectedSpend(gg, 5, own);
    expect(e).toBeGreaterThan(Math.min(pop, own));
    expect(e).toBeLessThan(Math.max(pop, own));
  });
});
