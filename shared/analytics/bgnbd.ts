import { minimize } from './nelder-mead.ts';
import { hyp2f1, lnGamma } from './special-functions.ts';

/**
 * The BG/NBD model of purchase frequency and drop-out (Fader, Hardie & Lee 2005, "Counting your
 * customers the easy way"). While alive a customer buys at Poisson rate λ ~ Gamma(r, α); after each
 * purchase they drop out with probability p ~ Beta(a, b). A customer is summarised by x (repeat
 * purchases), t_x (time of the last purchase) and T (time since the first), all in one period unit.
 * Fitted by maximum likelihood: Nelder–Mead on the logs of the four parameters.
 */
export interface BgNbdParams {
  readonly r: number;
  readonly alpha: number;
  readonly a: number;
  readonly b: number;
}

export interface RfmData {
  readonly x: ArrayLike<number>;
  readonly tx: ArrayLike<number>;
  readonly T: ArrayLike<number>;
}

/** The log-likelihood of the data (eq. 6 of the paper, summed over customers). */
export function bgNbdLogLikelihood({ r, alpha, a, b }: BgNbdParams, data: RfmData): number {
  const n = data.x.length;
  // The Γ terms depend on x alone: once per distinct x.
  const perX = new Map<number, number>();
  const common = -lnGamma(r) + r * Math.log(alpha) + lnGamma(a + b) - lnGamma(b);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const x = data.x[i]!;
    let g = perX.get(x);
    if (g === undefined) {
      g = lnGamma(r + x) + lnGamma(b + x) - lnGamma(a + b + x);
      perX.set(x, g);
    }
    const a3 = -(r + x) * Math.log(alpha + data.T[i]!);
    let l: number;
    if (x > 0) {
      const a4 = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + data.tx[i]!);
      const m = Math.max(a3, a4);
      l = m + Math.log(Math.exp(a3 - m) + Math.exp(a4 - m));
    } else l = a3;
    sum += common + g + l;
  }
  return sum;
}

export interface BgNbdFit extends BgNbdParams {
  readonly logLikelihood: number;
}

export function fitBgNbd(data: RfmData): BgNbdFit {
  const n = data.x.length;
  if (n === 0) throw new Error('BG/NBD needs at least one customer');
  let meanT = 0;
  for (let i = 0; i < n; i++) meanT += data.T[i]! / n;
  const start = [0, Math.log(Math.max(meanT, 1e-3)), 0, 0];
  const objective = (u: readonly number[]) =>
    -bgNbdLogLikelihood({ r: Math.exp(u[0]!), alpha: Math.exp(u[1]!), a: Math.exp(u[2]!), b: Math.exp(u[3]!) }, data) / n;
  const { x, value } = minimize(objective, start, { tolerance: 1e-12 });
  return { r: Math.exp(x[0]!), alpha: Math.exp(x[1]!), a: Math.exp(x[2]!), b: Math.exp(x[3]!), logLikelihood: -value * n };
}

/** P(alive | x, t_x, T) (eq. 12 of Fader, Hardie & Lee 2005). */
export function probabilityAlive({ r, alpha, a, b }: BgNbdParams, x: number, tx: number, T: number): number {
  if (x === 0) return 1;
  return 1 / (1 + (a / (b + x - 1)) * Math.exp((r + x) * (Math.log(alpha + T) - Math.log(alpha + tx))));
}

/** E[Y(t) | x, t_x, T]: expected purchases in the next t periods (eq. 10). */
export function expectedPurchases({ r, alpha, a, b }: BgNbdParams, t: number, x: number, tx: number, T: number): number {
  if (t <= 0) return 0;
  // The formula holds for every a ≠ 1 (CDNOW's fitted a is 0.79); at a = 1 the singularity is
  // removable, so take the mean of both sides.
  if (Math.abs(a - 1) < 1e-7)
    return (expectedPurchasesRaw(r, alpha, 1 + 1e-6, b, t, x, tx, T) + expectedPurchasesRaw(r, alpha, 1 - 1e-6, b, t, x, tx, T)) / 2;
  return expectedPurchasesRaw(r, alpha, a, b, t, x, tx, T);
}

function expectedPurchasesRaw(r: number, alpha: number, a: number, b: number, t: number, x: number, tx: number, T: number): number {
  const z = t / (alpha + T + t);
  const head = (a + b + x - 1) / (a - 1);
  const body = 1 - Math.exp((r + x) * (Math.log(alpha + T) - Math.log(alpha + T + t))) * hyp2f1(r + x, b + x, a + b + x - 1, z);
  const tail = x > 0 ? 1 + (a / (b + x - 1)) * Math.exp((r + x) * (Math.log(alpha + T) - Math.log(alpha + tx))) : 1;
  return (head * body) / tail;
}
