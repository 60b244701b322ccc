import type { EventLog } from './event-log.ts';
import { MarkovCounts, removalEffects } from './markov.ts';
import type { Paths } from './paths.ts';

/**
 * Multi-touch attribution over conversion paths (paths.ts). Every conversion hands out a credit of
 * 1 (and its value) over the touches of its path:
 * - first: all to the first touch; last: all to the last touch;
 * - linear: equal shares per touch;
 * - position: 40 % first, 40 % last, 20 % shared by the touches between (one touch gets all, two
 *   touches half each);
 * - time-decay: shares ∝ 2^(−Δt / half-life), Δt from the touch to the conversion;
 * - markov: conversions and value split over touchpoints in proportion to their removal effects in
 *   a first-order Markov chain built from all paths, converted or not (markov.ts).
 * A touchpoint touched twice in a path gets both touches' shares. A conversion with no touch before
 * it is credited to DIRECT, so credits always add up to the conversions and the value.
 */
export const ATTRIBUTION_MODELS = ['first', 'last', 'linear', 'position', 'time-decay', 'markov'] as const;
export type AttributionModel = (typeof ATTRIBUTION_MODELS)[number];

export const DIRECT = '(direct)';
export const DEFAULT_HALF_LIFE_MS = 7 * 86_400_000;

export interface Credit {
  readonly touchpoint: string;
  readonly conversions: number;
  readonly value: number;
}

/** The stable JSON shape of `journeyscroll attribution --json`. */
export interface Attribution {
  readonly model: AttributionModel;
  readonly conversions: number;
  readonly value: number;
  /** Sorted by credited conversions, most first, then by name. */
  readonly touchpoints: readonly Credit[];
}

/** What a touch is credited to: keyOf[touchpoint name id] → key, named keyNames[key]. */
export interface AttributionKeys {
  readonly keyOf: Int32Array;
  readonly keyNames: readonly string[];
}

export interface AttributionOptions {
  readonly halfLifeMs?: number;
  readonly keys?: AttributionKeys;
}

export function identityKeys(log: EventLog): AttributionKeys {
  return { keyOf: Int32Array.from(log.touchpointNames, (_, i) => i), keyNames: log.touchpointNames };
}

export function isAttributionModel(text: string): text is AttributionModel {
  return (ATTRIBUTION_MODELS as readonly string[]).includes(text);
}

export function attribute(log: EventLog, paths: Paths, model: AttributionModel, options: AttributionOptions = {}): Attribution {
  const keys = options.keys ?? identityKeys(log);
  const k = keys.keyNames.length;
  const conv = new Float64Array(k + 1); // the last slot is DIRECT
  const val = new Float64Array(k + 1);
  let conversions = 0;
  let value = 0;
  const keyAt = (t: number) => keys.keyOf[log.touchpoint[paths.touches[t]!]!]!;
  // Keys listed in the result: those touched in any path (a conversion's own label is not a touch).
  const touched = new Uint8Array(k + 1);
  for (let t = 0; t < paths.touches.length; t++) touched[keyAt(t)] = 1;

  if (model === 'markov') {
    const chain = new MarkovCounts(k);
    const buffer = new Int32Array(paths.touches.length);
    let touchedValue = 0;
    let touchedConversions = 0;
    for (let p = 0; p < paths.count; p++) {
      const a = paths.start[p]!;
      const b = paths.start[p + 1]!;
      const converted = paths.conversion[p]! >= 0;
      if (converted) {
        const v = log.value[paths.conversion[p]!]!;
        conversions++;
        value += v;
        if (a === b) {
          conv[k]!++;
          val[k]! += v;
          continue;
        }
        touchedConversions++;
        touchedValue += v;
      }
      if (a === b) continue;
      for (let t = a; t < b; t++) buffer[t - a] = keyAt(t);
      chain.addPath(buffer.subarray(0, b - a), converted);
    }
    const { effects } = removalEffects(chain);
    let total = 0;
    for (let i = 0; i < k; i++) total += effects[i]!;
    if (total > 0)
      for (let i = 0; i < k; i++) {
        conv[i] = (touchedConversions * effects[i]!) / total;
        val[i] = (touchedValue * effects[i]!) / total;
      }
    return result(model, conversions, value, conv, val, keys, touched);
  }

  const halfLife = options.halfLifeMs ?? DEFAULT_HALF_LIFE_MS;
  const give = (t: number, share: number, v: number) => {
    const key = keyAt(t);
    conv[key]! += share;
    val[key]! += share * v;
  };
  for (let p = 0; p < paths.count; p++) {
    const e = paths.conversion[p]!;
    if (e < 0) continue;
    const v = log.value[e]!;
    conversions++;
    value += v;
    const a = paths.start[p]!;
    const b = paths.start[p + 1]!;
    const n = b - a;
    if (n === 0) {
      conv[k]!++;
      val[k]! += v;
      continue;
    }
    switch (model) {
      case 'first':
        give(a, 1, v);
        break;
      case 'last':
        give(b - 1, 1, v);
        break;
      case 'linear':
        for (let t = a; t < b; t++) give(t, 1 / n, v);
        break;
      case 'position':
        if (n === 1) give(a, 1, v);
        else if (n === 2) {
          give(a, 0.5, v);
          give(a + 1, 0.5, v);
        } else {
          give(a, 0.4, v);
          give(b - 1, 0.4, v);
          for (let t = a + 1; t < b - 1; t++) give(t, 0.2 / (n - 2), v);
        }
        break;
      case 'time-decay': {
        const at = log.at[e]!;
        let sum = 0;
        for (let t = a; t < b; t++) sum += 2 ** (-(at - log.at[paths.touches[t]!]!) / halfLife);
        for (let t = a; t < b; t++) give(t, 2 ** (-(at - log.at[paths.touches[t]!]!) / halfLife) / sum, v);
        break;
      }
    }
  }
  return result(model, conversions, value, conv, val, keys, touched);
}

function result(
  model: AttributionModel,
  conversions: number,
  value: number,
  conv: Float64Array,
  val: Float64Array,
  keys: AttributionKeys,
  touched: Uint8Array,
): Attribution {
  const touchpoints: Credit[] = [];
  const names = [...keys.keyNames, DIRECT];
  for (let i = 0; i < names.length; i++) {
    if (conv[i] === 0 && val[i] === 0 && !touched[i]) continue;
    touchpoints.push({ touchpoint: names[i]!, conversions: conv[i]!, value: val[i]! });
  }
  touchpoints.sort((x, y) => y.conversions - x.conversions || (x.touchpoint < y.touchpoint ? -1 : x.touchpoint > y.touchpoint ? 1 : 0));
  return { model, conversions, value, touchpoints };
}

export function attributeAll(log: EventLog, paths: Paths, options: AttributionOptions = {}): Record<AttributionModel, Attribution> {
  return Object.fromEntries(ATTRIBUTION_MODELS.map((m) => [m, attribute(log, paths, m, options)])) as Record<AttributionModel, Attribution>;
}

/** Parses a half-life like 7d, 12h or 90m into milliseconds. */
export function parseHalfLife(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(d|h|m)$/.exec(text.trim());
  if (!m || +m[1]! <= 0) throw new Error(`a half-life is a positive number of days, hours or minutes, like 7d, 12h or 90m — not "${text}"`);
  return +m[1]! * (m[2] === 'd' ? 86_400_000 : m[2] === 'h' ? 3_600_000 : 60_000);
}
