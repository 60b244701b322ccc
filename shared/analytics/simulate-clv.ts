import type { Random } from '../model/index.ts';
import type { BgNbdParams } from './bgnbd.ts';
import type { GammaGammaParams } from './gamma-gamma.ts';

/**
 * Draws customers from the BG/NBD and Gamma-Gamma generative stories, for parameter-recovery tests
 * and the bench: λ ~ Gamma(r, α), p ~ Beta(a, b), purchases at Poisson rate λ with drop-out p after
 * each repeat purchase; ν ~ Gamma(q, γ), each value ~ Gamma(p, ν). Times are in periods since the first purchase.
 */
export interface SimulatedCustomer {
  /** Purchase times, the first at 0. */
  readonly times: number[];
  readonly values: number[];
  readonly T: number;
}

export function gammaSample(random: Random, shape: number, rate: number): number {
  if (shape < 1) return gammaSample(random, shape + 1, rate) * random.next() ** (1 / shape);
  // Marsaglia & Tsang (2000).
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = random.next();
    if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return (d * v) / rate;
  }
}

function normal(random: Random): number {
  const u = 1 - random.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.next());
}

export function simulateCustomers(
  random: Random,
  count: number,
  bg: BgNbdParams,
  gg: GammaGammaParams,
  observe: (i: number) => number,
): SimulatedCustomer[] {
  const out: SimulatedCustomer[] = [];
  for (let i = 0; i < count; i++) {
    const T = observe(i);
    const lambda = gammaSample(random, bg.r, bg.alpha);
    const ga = gammaSample(random, bg.a, 1);
    const p = ga / (ga + gammaSample(random, bg.b, 1));
    const nu = gammaSample(random, gg.q, gg.gamma);
    const times = [0];
    const values = [gammaSample(random, gg.p, nu)];
    let t = 0;
    // Alive at the first purchase (time 0); may drop out after each repeat purchase (the model's
    // likelihood for x = 0 is (α/(α+T))^r: no drop-out at time 0).
    for (;;) {
      t += -Math.log(1 - random.next()) / lambda;
      if (t > T) break;
      times.push(t);
      values.push(gammaSample(random, gg.p, nu));
      if (random.next() < p) break;
    }
    out.push({ times, values, T });
  }
  return out;
}
