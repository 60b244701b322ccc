import { describe, expect, it } from 'vitest';
import { minimize } from './nelder-mead.ts';

describe('Nelder–Mead', () => {
  it('finds the minimum of the Rosenbrock valley', () => {
    const r = minimize(([x, y]) => (1 - x!) ** 2 + 100 * (y! - x! ** 2) ** 2, [-1.2, 1]);
    expect(r.x[0]).toBeCloseTo(1, 4);
    expect(r.x[1]).toBeCloseTo(1, 4);
    expect(r.value).toBeLessThan(1e-8);
  });
  it('finds a 4-dimensional quadratic bowl and treats NaN as +∞', () => {
    const target = [3, -2, 0.5, 7];
    const r = minimize((x) => (x[0]! < -50 ? NaN : x.reduce((s, v, i) => s + (i + 1) * (v - target[i]!) ** 2, 0)), [0, 0, 0, 0]);
    r.x.forEach((v, i) => expect(v).toBeCloseTo(target[i]!, 4));
  });
});
