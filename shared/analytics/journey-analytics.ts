import type { Blueprint } from '../model/index.ts';
import type { EventLog } from './event-log.ts';
import type { TouchpointMapping } from './map-touchpoints.ts';

/**
 * What customers did on the blueprint, read from an event log whose touchpoints are mapped to
 * cards (map-touchpoints.ts). A customer is in a card's stage from an event on that card until an
 * event on a card of another stage; events mapped only to a channel, or to nothing, place no one.
 * - per stage: customers who entered it, moved on from it (to another stage, later), dropped in it
 *   (their last stage, with no conversion after entering it), converted in it (their last stage,
 *   with a conversion after entering it), and the median time from entering it to entering the next;
 * - per card: customers who reached it, of them how many converted afterwards, and how many left
 *   the journey there (their last mapped event, no conversion after);
 * - per flow: customers who took it (an event on its `to` card right after one on its `from` card,
 *   repeats of a card counted once); a flow nobody took is dead;
 * - missing transitions: moves between two stages that no flow of the blueprint connects.
 */
export interface StageFigures {
  readonly stage: string;
  readonly name: string;
  readonly entered: number;
  readonly movedOn: number;
  readonly dropped: number;
  readonly converted: number;
  /** Median of entering → entering the next stage, in milliseconds; null when nobody moved on. */
  readonly medianTimeInStageMs: number | null;
}

export interface CardFigures {
  readonly card: string;
  readonly customers: number;
  readonly converted: number;
  readonly conversionRate: number | null;
  readonly dropped: number;
  readonly dropOffRate: number | null;
}

export interface FlowFigures {
  readonly flow: string;
  readonly from: string;
  readonly to: string;
  readonly customers: number;
}

export interface MissingTransition {
  readonly from: string;
  readonly to: string;
  readonly customers: number;
}

export interface JourneyAnalytics {
  /** Customers with at least one event on a card. */
  readonly customers: number;
  readonly stages: readonly StageFigures[];
  readonly cards: readonly CardFigures[];
  readonly flows: readonly FlowFigures[];
  readonly deadFlows: readonly string[];
  readonly missingTransitions: readonly MissingTransition[];
}

export function analyzeJourney(
  blueprint: Pick<Blueprint, 'stages' | 'lanes' | 'cards' | 'flows'>,
  log: EventLog,
  mapping: TouchpointMapping,
): JourneyAnalytics {
  const stageOrder = [...blueprint.stages].sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : a.id < b.id ? -1 : 1));
  const stageIndex = new Map(stageOrder.map((s, i) => [s.id, i]));
  const cards = mapping.cards;
  const cardIndex = new Map(cards.map((c, i) => [c.id, i]));
  // Per touchpoint name: its card (−1 none) and that card's stage (−1 none).
  const cardOf = Int32Array.from(mapping.matches, (m) => (m.kind === 'card' ? (cardIndex.get(m.card) ?? -1) : -1));
  const stageOfCard = Int32Array.from(cards, (c) => stageIndex.get(c.stageId) ?? -1);

  const S = stageOrder.length;
  const entered = new Int32Array(S);
  const movedOn = new Int32Array(S);
  const dropped = new Int32Array(S);
  const converted = new Int32Array(S);
  const durations: number[][] = stageOrder.map(() => []);
  const seenStage = new Int32Array(S).fill(-1);
  const movedStage = new Int32Array(S).fill(-1);

  const C = cards.length;
  const reached = new Int32Array(C);
  const convertedAfter = new Int32Array(C);
  const droppedAt = new Int32Array(C);
  const seenCard = new Int32Array(C).fill(-1);
  const firstAtCard = new Float64Array(C);

  const live = new Set(cards.filter((c) => c.status !== 'retired').map((c) => c.id));
  const flows = blueprint.flows.filter((f) => live.has(f.from) && live.has(f.to));
  const flowsByPair = new Map<number, number[]>();
  for (let i = 0; i < flows.length; i++) {
    const key = cardIndex.get(flows[i]!.from)! * C + cardIndex.get(flows[i]!.to)!;
    flowsByPair.set(key, [...(flowsByPair.get(key) ?? []), i]);
  }
  const flowTaken = new Int32Array(flows.length);
  const seenFlow = new Int32Array(flows.length).fill(-1);
  const connected = new Set<number>();
  for (const f of flows) {
    const a = stageOfCard[cardIndex.get(f.from)!]!;
    const b = stageOfCard[cardIndex.get(f.to)!]!;
    if (a >= 0 && b >= 0 && a !== b) connected.add(a * S + b);
  }
  const missing = new Map<number, { count: number; seen: number }>();

  let customers = 0;
  const customerCount = log.customerNames.length;
  for (let c = 0; c < customerCount; c++) {
    const from = log.offsets[c]!;
    const to = log.offsets[c + 1]!;
    // Time of this customer's last conversion: anything entered at or before it "converted after".
    let lastConversion = -Infinity;
    for (let k = from; k < to; k++) if (log.value[log.order[k]!]! > 0) lastConversion = log.at[log.order[k]!]!;
    let stage = -1;
    let stageAt = 0;
    let card = -1;
    let any = false;
    for (let k = from; k < to; k++) {
      const e = log.order[k]!;
      const ci = cardOf[log.touchpoint[e]!]!;
      if (ci < 0) continue;
      const at = log.at[e]!;
      any = true;
      if (seenCard[ci] !== c) {
        seenCard[ci] = c;
        reached[ci]!++;
        firstAtCard[ci] = at;
        if (lastConversion >= at) convertedAfter[ci]!++;
      }
      if (ci !== card) {
        if (card >= 0) {
          const pair = flowsByPair.get(card * C + ci);
          if (pair)
            for (const f of pair)
              if (seenFlow[f] !== c) {
                seenFlow[f] = c;
                flowTaken[f]!++;
              }
        }
        card = ci;
      }
      const si = stageOfCard[ci]!;
      if (si < 0 || si === stage) continue;
      if (stage >= 0) {
        if (movedStage[stage] !== c) {
          movedStage[stage] = c;
          movedOn[stage]!++;
        }
        durations[stage]!.push(at - stageAt);
        if (!connected.has(stage * S + si)) {
          const m = missing.get(stage * S + si) ?? { count: 0, seen: -1 };
          if (m.seen !== c) {
            m.seen = c;
            m.count++;
          }
          missing.set(stage * S + si, m);
        }
      }
      if (seenStage[si] !== c) {
        seenStage[si] = c;
        entered[si]!++;
      }
      stage = si;
      stageAt = at;
    }
    if (!any) continue;
    customers++;
    if (card >= 0 && lastConversion < firstAtOfLast(log, from, to, cardOf, card)) droppedAt[card]!++;
    if (stage >= 0) {
      if (lastConversion >= stageAt) converted[stage]!++;
      else dropped[stage]!++;
    }
  }

  const rate = (n: number, d: number) => (d > 0 ? n / d : null);
  const stageFigures = stageOrder.map((s, i): StageFigures => ({
    stage: s.id,
    name: s.name,
    entered: entered[i]!,
    movedOn: movedOn[i]!,
    dropped: dropped[i]!,
    converted: converted[i]!,
    medianTimeInStageMs: medianOf(durations[i]!),
  }));
  const cardFigures = cards.map((card, i): CardFigures => ({
    card: card.id,
    customers: reached[i]!,
    converted: convertedAfter[i]!,
    conversionRate: rate(convertedAfter[i]!, reached[i]!),
    dropped: droppedAt[i]!,
    dropOffRate: rate(droppedAt[i]!, reached[i]!),
  }));
  const flowFigures = flows.map((f, i): FlowFigures => ({ flow: f.id, from: f.from, to: f.to, customers: flowTaken[i]! }));
  return {
    customers,
    stages: stageFigures,
    cards: cardFigures,
    flows: flowFigures,
    deadFlows: flowFigures.filter((f) => f.customers === 0).map((f) => f.flow),
    missingTransitions: [...missing]
      .map(([key, m]) => ({ from: stageOrder[Math.floor(key / S)]!.id, to: stageOrder[key % S]!.id, customers: m.count }))
      .sort((a, b) => b.customers - a.customers || (a.from + a.to < b.from + b.to ? -1 : 1)),
  };
}

/** When the customer's final run of events on `card` began (a drop-off counts from there). */
function firstAtOfLast(log: EventLog, from: number, to: number, cardOf: Int32Array, card: number): number {
  let at = Infinity;
  for (let k = to - 1; k >= from; k--) {
    const ci = cardOf[log.touchpoint[log.order[k]!]!]!;
    if (ci < 0) continue;
    if (ci !== card) break;
    at = log.at[log.order[k]!]!;
  }
  return at;
}

export function medianOf(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
