/**
 * Removal effects of a first-order Markov chain over touchpoints. States: start, the touchpoints,
 * and the absorbing conversion and null. Transition probabilities are the observed frequencies of
 * consecutive steps along the paths (start → touches as they occur, repeats kept → conversion or
 * null). Removing a touchpoint sends every path reaching it to null; its removal effect is the
 * relative drop in the probability of converting from start.
 *
 * Exact and in one matrix inversion: with M = (I − Q)⁻¹ over the transient states and x = M·r
 * (r: one-step conversion probabilities), the probability of converting from start without ever
 * visiting k is x_s − (M_sk / M_kk)·x_k, since M_sk / M_kk is the chance of ever reaching k.
 */
export const MAX_MARKOV_STATES = 1000;

export class MarkovSizeError extends Error {}

/** Transition counts between states; state 0 is start, 1…K the touchpoints. */
export class MarkovCounts {
  readonly size: number;
  readonly counts: Float64Array;
  readonly toConversion: Float64Array;
  readonly toNull: Float64Array;
  constructor(touchpoints: number) {
    if (touchpoints > MAX_MARKOV_STATES)
      throw new MarkovSizeError(
        `the Markov model takes at most ${MAX_MARKOV_STATES} distinct touchpoints; this log has ${touchpoints} (map them to cards or channels)`,
      );
    this.size = touchpoints + 1;
    this.counts = new Float64Array(this.size * this.size);
    this.toConversion = new Float64Array(this.size);
    this.toNull = new Float64Array(this.size);
  }
  /** Adds one path of touchpoint keys (0-based), converted or not. */
  addPath(keys: ArrayLike<number>, converted: boolean): void {
    let from = 0;
    for (let i = 0; i < keys.length; i++) {
      const to = keys[i]! + 1;
      this.counts[from * this.size + to]!++;
      from = to;
    }
    if (converted) this.toConversion[from]!++;
    else this.toNull[from]!++;
  }
}

/** Removal effect of each touchpoint (index k → touchpoint k), and the chain's conversion probability. */
export function removalEffects(chain: MarkovCounts): { effects: Float64Array; conversionProbability: number } {
  const n = chain.size;
  // A = I − Q with Q the transition probabilities among transient states.
  const a = new Float64Array(n * n);
  const r = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let out = chain.toConversion[i]! + chain.toNull[i]!;
    for (let j = 0; j < n; j++) out += chain.counts[i * n + j]!;
    a[i * n + i] = 1;
    if (out === 0) continue; // a state never left (unreachable): absorbs nothing
    for (let j = 0; j < n; j++) a[i * n + j]! -= chain.counts[i * n + j]! / out;
    r[i] = chain.toConversion[i]! / out;
  }
  const m = invert(a, n);
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += m[i * n + j]! * r[j]!;
    x[i] = s;
  }
  const p = x[0]!;
  const effects = new Float64Array(n - 1);
  if (p > 0)
    for (let k = 1; k < n; k++) {
      const reach = m[k * n + k]! > 0 ? m[0 * n + k]! / m[k * n + k]! : 0;
      const without = Math.max(0, p - reach * x[k]!);
      effects[k - 1] = 1 - without / p;
    }
  return { effects, conversionProbability: p };
}

/** Gauss–Jordan inverse with partial pivoting (I − Q of an absorbing chain is non-singular). */
function invert(a: Float64Array, n: number): Float64Array {
  const inv = new Float64Array(n * n);
  for (let i = 0; i < n; i++) inv[i * n + i] = 1;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let i = col + 1; i < n; i++) if (Math.abs(a[i * n + col]!) > Math.abs(a[pivot * n + col]!)) pivot = i;
    if (pivot !== col) {
      for (let j = 0; j < n; j++) {
        let t = a[col * n + j]!;
        a[col * n + j] = a[pivot * n + j]!;
        a[pivot * n + j] = t;
        t = inv[col * n + j]!;
        inv[col * n + j] = inv[pivot * n + j]!;
        inv[pivot * n + j] = t;
      }
    }
    const d = a[col * n + col]!;
    for (let j = 0; j < n; j++) {
      a[col * n + j]! /= d;
      inv[col * n + j]! /= d;
    }
    for (let i = 0; i < n; i++) {
      if (i === col) continue;
      const f = a[i * n + col]!;
      if (f === 0) continue;
      for (let j = 0; j < n; j++) {
        a[i * n + j]! -= f * a[col * n + j]!;
        inv[i * n + j]! -= f * inv[col * n + j]!;
      }
    }
  }
  return inv;
}
