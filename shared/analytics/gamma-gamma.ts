import { minimize } from './nelder-mead.ts';
import { lnGamma } from './special-functions.ts';

/**
 * The Gamma-Gamma model of spend per transaction (Fader & Hardie 2013, "The Gamma-Gamma model of
 * monetary value"): each transaction's value is Gamma(p, ν), ν ~ Gamma(q, γ) across customers. A
 * customer with x ≥ 1 repeat transactions of mean value m_x contributes
 *   ln f(m_x | p, q, γ; x) = lnΓ(px + q) − lnΓ(px) − lnΓ(q) + q ln γ + (px − 1) ln m_x + px ln x − (px + q) ln(γ + m_x x).
 * Fitted by maximum likelihood (Nelder–Mead on log-parameters) over customers with x ≥ 1.
 */
export interface GammaGammaParams {
  readonly p: number;
  readonly q: number;
  readonly gamma: number;
}

export function gammaGammaLogLikelihood({ p, q, gamma }: GammaGammaParams, x: ArrayLike<number>, m: ArrayLike<number>): number {
  const perX = new Map<number, number>();
  const common = -lnGamma(q) + q * Math.log(gamma);
  let sum = 0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i]!;
    if (xi <= 0) continue;
    let g = perX.get(xi);
    if (g === undefined) {
      g = lnGamma(p * xi + q) - lnGamma(p * xi) + p * xi * Math.log(xi);
      perX.set(xi, g);
    }
    const mi = m[i]!;
    sum += common + g + (p * xi - 1) * Math.log(mi) - (p * xi + q) * Math.log(gamma + mi * xi);
  }
  return sum;
}

export interface GammaGammaFit extends GammaGammaParams {
  /** Customers the fit used (those with at least one repeat transaction). */
  readonly customers: number;
}

export function fitGammaGamma(x: ArrayLike<number>, m: ArrayLike<number>): GammaGammaFit {
  let n = 0;
  let mean = 0;
  for (let i = 0; i < x.length; i++)
    if (x[i]! > 0) {
      if (!(m[i]! > 0)) throw new Error('Gamma-Gamma needs positive spend for every customer with repeat transactions');
      n++;
      mean += m[i]!;
    }
  if (n === 0) throw new Error('Gamma-Gamma needs at least one customer with a repeat transaction');
  mean /= n;
  const objective = (u: readonly number[]) =>
    -gammaGammaLogLikelihood({ p: Math.exp(u[0]!), q: Math.exp(u[1]!), gamma: Math.exp(u[2]!) }, x, m) / n;
  const { x: u } = minimize(objective, [Math.log(2), Math.log(3), Math.log(mean)], { tolerance: 1e-12 });
  return { p: Math.exp(u[0]!), q: Math.exp(u[1]!), gamma: Math.exp(u[2]!), customers: n };
}

/** E[M | p, q, γ, m_x, x]: the expected value of a customer's future transaction. */
export function expectedSpend({ p, q, gamma }: GammaGammaParams, x: number, m: number): number {
  if (x <= 0) return (p * gamma) / (q - 1);
  return (p * (gamma + x * m)) / (p * x + q - 1);
}
