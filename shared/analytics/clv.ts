import { expectedPurchases, fitBgNbd, probabilityAlive, type BgNbdFit } from './bgnbd.ts';
import { expectedSpend, fitGammaGamma, type GammaGammaFit } from './gamma-gamma.ts';

/**
 * Customer lifetime value from purchases (`customer, date, value`):
 * - purchases on the same day are merged (their values added);
 * - in the calibration period (up to and including the calibration end) a customer's frequency is
 *   the number of purchase days after their first, recency the time from the first to the last,
 *   age (T) the time from the first to the calibration end, in the chosen period unit
 *   (day = 1, week = 7, month = 365.25 / 12 days); monetary is the mean value of the repeat days;
 * - BG/NBD (bgnbd.ts) and Gamma-Gamma (gamma-gamma.ts) are fitted by maximum likelihood;
 * - per customer: expected purchases over the horizon, P(alive), expected spend per purchase and the
 *   discounted CLV, Σ_{i=1..H} spend · (E[Y(i)] − E[Y(i − 1)]) / (1 + d)^i, where d is the per-period
 *   rate equivalent to the yearly discount rate.
 * Customers whose first purchase falls after the calibration end are left out of the fit.
 */
export const PERIOD_DAYS = { day: 1, week: 7, month: 365.25 / 12 } as const;
export type Period = keyof typeof PERIOD_DAYS;

export interface Purchase {
  readonly customer: string;
  /** UTC day number (days since 1970-01-01). */
  readonly day: number;
  readonly value: number;
}

export interface ClvOptions {
  /** The last day of the calibration period (UTC day number). */
  readonly calibrationEnd: number;
  readonly period?: Period;
  /** Periods ahead. */
  readonly horizon?: number;
  /** Yearly discount rate, e.g. 0.1 for 10 %. */
  readonly discount?: number;
}

export interface CustomerClv {
  readonly customer: string;
  readonly frequency: number;
  readonly recency: number;
  readonly T: number;
  /** Mean value of the repeat purchase days (0 with none). */
  readonly monetary: number;
  /** Everything the customer spent in the file (calibration period and after). */
  readonly historicalValue: number;
  readonly expectedPurchases: number;
  readonly probabilityAlive: number;
  readonly expectedSpend: number;
  readonly clv: number;
}

/** The stable JSON shape of `journeyscroll clv --json`. */
export interface ClvResult {
  readonly customers: number;
  readonly period: Period;
  readonly horizon: number;
  readonly discount: number;
  readonly bgnbd: { r: number; alpha: number; a: number; b: number; logLikelihood: number };
  readonly gammaGamma: { p: number; q: number; gamma: number; customers: number };
  readonly perCustomer: readonly CustomerClv[];
}

export interface Rfm {
  readonly customers: string[];
  readonly x: number[];
  readonly tx: number[];
  readonly T: number[];
  readonly monetary: number[];
  readonly historical: number[];
}

export function purchasesToRfm(purchases: Iterable<Purchase>, calibrationEnd: number, period: Period): Rfm {
  const days = new Map<string, Map<number, number>>();
  const historical = new Map<string, number>();
  for (const p of purchases) {
    historical.set(p.customer, (historical.get(p.customer) ?? 0) + p.value);
    if (p.day > calibrationEnd) continue;
    let d = days.get(p.customer);
    if (!d) days.set(p.customer, (d = new Map()));
    d.set(p.day, (d.get(p.day) ?? 0) + p.value);
  }
  const unit = PERIOD_DAYS[period];
  const out: Rfm = { customers: [], x: [], tx: [], T: [], monetary: [], historical: [] };
  for (const [customer, d] of days) {
    const sorted = [...d.keys()].sort((a, b) => a - b);
    const first = sorted[0]!;
    const last = sorted.at(-1)!;
    let repeat = 0;
    for (let i = 1; i < sorted.length; i++) repeat += d.get(sorted[i]!)!;
    out.customers.push(customer);
    out.x.push(sorted.length - 1);
    out.tx.push((last - first) / unit);
    out.T.push((calibrationEnd - first) / unit);
    out.monetary.push(sorted.length > 1 ? repeat / (sorted.length - 1) : 0);
    out.historical.push(historical.get(customer)!);
  }
  return out;
}

export function fitClv(rfm: Rfm): { bgnbd: BgNbdFit; gammaGamma: GammaGammaFit } {
  return { bgnbd: fitBgNbd(rfm), gammaGamma: fitGammaGamma(rfm.x, rfm.monetary) };
}

export function customerLifetimeValue(purchases: Iterable<Purchase>, options: ClvOptions): ClvResult {
  const period = options.period ?? 'week';
  const horizon = options.horizon ?? 52;
  const discount = options.discount ?? 0.1;
  const rfm = purchasesToRfm(purchases, options.calibrationEnd, period);
  if (rfm.customers.length === 0) throw new Error('no customer made a purchase by the calibration end');
  const { bgnbd, gammaGamma } = fitClv(rfm);
  const perPeriod = (1 + discount) ** (PERIOD_DAYS[period] / 365.25) - 1;
  const perCustomer = rfm.customers.map((customer, i): CustomerClv => {
    const x = rfm.x[i]!;
    const tx = rfm.tx[i]!;
    const T = rfm.T[i]!;
    const spend = expectedSpend(gammaGamma, x, rfm.monetary[i]!);
    let clv = 0;
    let previous = 0;
    for (let k = 1; k <= horizon; k++) {
      const e = expectedPurchases(bgnbd, k, x, tx, T);
      clv += (spend * (e - previous)) / (1 + perPeriod) ** k;
      previous = e;
    }
    return {
      customer,
      frequency: x,
      recency: tx,
      T,
      monetary: rfm.monetary[i]!,
      historicalValue: rfm.historical[i]!,
      expectedPurchases: previous,
      probabilityAlive: probabilityAlive(bgnbd, x, tx, T),
      expectedSpend: spend,
      clv,
    };
  });
  return {
    customers: perCustomer.length,
    period,
    horizon,
    discount,
    bgnbd: { r: bgnbd.r, alpha: bgnbd.alpha, a: bgnbd.a, b: bgnbd.b, logLikelihood: bgnbd.logLikelihood },
    gammaGamma: { p: gammaGamma.p, q: gammaGamma.q, gamma: gammaGamma.gamma, customers: gammaGamma.customers },
    perCustomer,
  };
}

export interface GroupAverage {
  readonly group: string;
  readonly customers: number;
  readonly clv: number;
  readonly historicalValue: number;
}

/** Average CLV and historical value per group (entry stage, first touch, persona…). */
export function averageBy(perCustomer: readonly CustomerClv[], groupOf: (customer: string) => string | undefined): GroupAverage[] {
  const sums = new Map<string, { n: number; clv: number; hist: number }>();
  for (const c of perCustomer) {
    const g = groupOf(c.customer);
    if (g === undefined) continue;
    const s = sums.get(g) ?? { n: 0, clv: 0, hist: 0 };
    s.n++;
    s.clv += c.clv;
    s.hist += c.historicalValue;
    sums.set(g, s);
  }
  return [...sums]
    .map(([group, s]) => ({ group, customers: s.n, clv: s.clv / s.n, historicalValue: s.hist / s.n }))
    .sort((a, b) => b.clv - a.clv || (a.group < b.group ? -1 : 1));
}
