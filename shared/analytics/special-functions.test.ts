import { describe, expect, it } from 'vitest';
import { hyp2f1, lnGamma } from './special-functions.ts';

describe('special functions', () => {
  it('lnGamma matches factorials and Γ(½) = √π', () => {
    let f = 1;
    for (let n = 1; n < 30; n++) {
      expect(lnGamma(n)).toBeCloseTo(Math.log(f), 10);
      f *= n;
    }
    expect(lnGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
    expect(lnGamma(0.1)).toBeCloseTo(2.252712651734206, 12);
  });
  it('hyp2f1 matches closed forms', () => {
    // ₂F₁(1, 1; 2; z) = −ln(1 − z) / z and ₂F₁(a, b; b; z) = (1 − z)^(−a).
    for (const z of [0.01, 0.3, 0.9, 0.99]) {
      expect(hyp2f1(1, 1, 2, z)).toBeCloseTo(-Math.log(1 - z) / z, 9);
      expect(hyp2f1(2.5, 3, 3, z)).toBeCloseTo((1 - z) ** -2.5, 6);
    }
    expect(() => hyp2f1(1, 1, 2, 1)).toThrow(RangeError);
  });
});
