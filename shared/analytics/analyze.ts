import type { Blueprint } from '../model/index.ts';
import {
  ATTRIBUTION_MODELS,
  attribute,
  DIRECT,
  type Attribution,
  type AttributionKeys,
  type AttributionModel,
  type Credit,
} from './attribution.ts';
import { averageBy, customerLifetimeValue, type ClvResult, type GroupAverage, type Purchase } from './clv.ts';
import { checkConformance, type Conformance } from './conformance.ts';
import type { EventLog } from './event-log.ts';
import { analyzeJourney, type JourneyAnalytics } from './journey-analytics.ts';
import { mapTouchpoints, type TouchpointMatch } from './map-touchpoints.ts';
import { buildPaths } from './paths.ts';
import { dayOf } from './timestamp.ts';

/**
 * Everything `journeyscroll analyze` and the app's performance overlay show for one blueprint and
 * one event log: the mapping, journey analytics, conformance, attribution per card and per channel
 * by all six models, and CLV (from the log's conversions) averaged per entry stage, first touch and
 * persona. Attribution credits each touch to its card; a touchpoint that maps only to a channel is
 * credited as `channel:NAME`, one that maps to nothing under its own name.
 */
export interface AttributionByModel {
  readonly model: AttributionModel;
  readonly conversions: number;
  readonly value: number;
  readonly cards: readonly Credit[];
  readonly channels: readonly Credit[];
}

export interface BlueprintAnalysis {
  readonly events: number;
  readonly customers: number;
  readonly mapping: { readonly touchpoints: number; readonly mapped: number; readonly unmapped: readonly string[] };
  readonly journey: JourneyAnalytics;
  readonly conformance: Omit<Conformance, 'deviating'>;
  readonly attribution: readonly AttributionByModel[];
  readonly clv: {
    readonly fit: Omit<ClvResult, 'perCustomer'> | null;
    /** Why there is no fit (too few repeat buyers…), when there is none. */
    readonly error?: string;
    readonly byEntryStage: readonly GroupAverage[];
    readonly byFirstTouch: readonly GroupAverage[];
    readonly byPersona: readonly GroupAverage[];
    /** Mean CLV of the customers who reached each card. */
    readonly byCard: readonly GroupAverage[];
  };
}

export interface AnalyzeOptions {
  readonly halfLifeMs?: number;
  /** Skip the simulator replay (it is the slowest part on very large logs). */
  readonly conformance?: boolean;
}

export const UNMAPPED = '(unmapped)';
export const NO_CHANNEL = '(no channel)';

const keyName = (m: TouchpointMatch, name: string) => (m.kind === 'card' ? m.card : m.kind === 'channel' ? `channel:${m.channel}` : name);

export function analyzeBlueprint(blueprint: Blueprint, log: EventLog, options: AnalyzeOptions = {}): BlueprintAnalysis {
  const mapping = mapTouchpoints(blueprint, log.touchpointNames);
  const journey = analyzeJourney(blueprint, log, mapping);
  const { deviating: _deviating, ...conformance } =
    options.conformance === false
      ? { replayed: 0, fitting: 0, share: null, deviations: [], deviating: new Map() }
      : checkConformance(blueprint, log, mapping);

  const keyNames: string[] = [];
  const keyIds = new Map<string, number>();
  const keyOf = Int32Array.from(mapping.matches, (m, i) => {
    const name = keyName(m, log.touchpointNames[i]!);
    let id = keyIds.get(name);
    if (id === undefined) {
      id = keyNames.length;
      keyIds.set(name, id);
      keyNames.push(name);
    }
    return id;
  });
  const keys: AttributionKeys = { keyOf, keyNames };
  const channelOf = (key: string): string => {
    if (key === DIRECT) return DIRECT;
    if (key.startsWith('channel:')) return key.slice(8);
    const card = mapping.cardsById.get(key);
    return card ? (card.channel ?? NO_CHANNEL) : UNMAPPED;
  };
  const paths = buildPaths(log);
  const attribution = ATTRIBUTION_MODELS.map((model): AttributionByModel => {
    const a: Attribution = attribute(log, paths, model, { keys, ...(options.halfLifeMs ? { halfLifeMs: options.halfLifeMs } : {}) });
    const channels = new Map<string, { conversions: number; value: number }>();
    for (const t of a.touchpoints) {
      const ch = channelOf(t.touchpoint);
      const s = channels.get(ch) ?? { conversions: 0, value: 0 };
      s.conversions += t.conversions;
      s.value += t.value;
      channels.set(ch, s);
    }
    return {
      model,
      conversions: a.conversions,
      value: a.value,
      cards: a.touchpoints,
      channels: [...channels]
        .map(([touchpoint, s]) => ({ touchpoint, ...s }))
        .sort((x, y) => y.conversions - x.conversions || (x.touchpoint < y.touchpoint ? -1 : 1)),
    };
  });

  // CLV from the log's conversions; the calibration period is the whole log.
  const purchases: Purchase[] = [];
  let lastDay = -Infinity;
  for (let e = 0; e < log.size; e++) {
    lastDay = Math.max(lastDay, dayOf(log.at[e]!));
    if (log.value[e]! > 0) purchases.push({ customer: log.customerNames[log.customer[e]!]!, day: dayOf(log.at[e]!), value: log.value[e]! });
  }
  let clv: BlueprintAnalysis['clv'] = { fit: null, byEntryStage: [], byFirstTouch: [], byPersona: [], byCard: [] };
  try {
    if (purchases.length === 0) throw new Error('the log has no conversions');
    const result = customerLifetimeValue(purchases, { calibrationEnd: lastDay });
    const { perCustomer, ...fit } = result;
    const index = new Map(log.customerNames.map((n, i) => [n, i]));
    const entryStage = (name: string) => {
      const c = index.get(name)!;
      for (let k = log.offsets[c]!; k < log.offsets[c + 1]!; k++) {
        const m = mapping.matches[log.touchpoint[log.order[k]!]!]!;
        if (m.kind === 'card') return mapping.cardsById.get(m.card)!.stageId;
      }
      return undefined;
    };
    const firstTouch = (name: string) => {
      const c = index.get(name)!;
      const e = log.order[log.offsets[c]!]!;
      return keyNames[keyOf[log.touchpoint[e]!]!];
    };
    const cardClv = new Map<string, { n: number; clv: number; hist: number }>();
    for (const pc of perCustomer) {
      const c = index.get(pc.customer)!;
      const seen = new Set<string>();
      for (let k = log.offsets[c]!; k < log.offsets[c + 1]!; k++) {
        const m = mapping.matches[log.touchpoint[log.order[k]!]!]!;
        if (m.kind === 'card') seen.add(m.card);
      }
      for (const card of seen) {
        const s = cardClv.get(card) ?? { n: 0, clv: 0, hist: 0 };
        s.n++;
        s.clv += pc.clv;
        s.hist += pc.historicalValue;
        cardClv.set(card, s);
      }
    }
    clv = {
      fit,
      byEntryStage: averageBy(perCustomer, entryStage),
      byFirstTouch: averageBy(perCustomer, firstTouch),
      byPersona: averageBy(perCustomer, (name) => log.personas[index.get(name)!] || undefined),
      byCard: [...cardClv].map(([group, s]) => ({ group, customers: s.n, clv: s.clv / s.n, historicalValue: s.hist / s.n })),
    };
  } catch (error) {
    clv = { ...clv, error: (error as Error).message };
  }

  return {
    events: log.size,
    customers: log.customerNames.length,
    mapping: {
      touchpoints: log.touchpointNames.length,
      mapped: log.touchpointNames.length - mapping.unmapped.length,
      unmapped: mapping.unmapped,
    },
    journey,
    conformance,
    attribution,
    clv,
  };
}
