import { ATTRIBUTION_MODELS, type AttributionModel } from './attribution.ts';
import type { BlueprintAnalysis } from './analyze.ts';

/**
 * The heat overlay's figures: one number per card from an analysis, chosen in the legend, with a
 * colour on one scale (pale = low, deep = high) and the figure as people read it. Shared by the
 * canvas overlay and the SVG/PDF prints, so a print shows what the screen showed.
 * - `conversions` / `value`: the card's attributed conversions or value under one model;
 * - `conversion-rate`: customers who converted after reaching the card / customers who reached it;
 * - `drop-off`: customers whose last mapped event was on the card, no conversion after / reached;
 * - `clv`: the mean CLV of the customers who reached the card.
 * Cards without the figure (nobody reached them, no CLV fit) get no heat.
 */
export const HEAT_METRICS = ['conversions', 'value', 'conversion-rate', 'drop-off', 'clv'] as const;
export type HeatMetric = (typeof HEAT_METRICS)[number];

export interface HeatChoice {
  readonly metric: HeatMetric;
  /** For `conversions` and `value`. */
  readonly model: AttributionModel;
}

export const HEAT_METRIC_LABELS: Record<HeatMetric, string> = {
  conversions: 'Attributed conversions',
  value: 'Attributed value',
  'conversion-rate': 'Conversion rate',
  'drop-off': 'Drop-off rate',
  clv: 'CLV of customers passing',
};

export const MODEL_LABELS: Record<AttributionModel, string> = {
  first: 'first touch',
  last: 'last touch',
  linear: 'linear',
  position: 'position-based',
  'time-decay': 'time decay',
  markov: 'Markov',
};

export interface HeatCell {
  readonly value: number;
  /** value / the largest value on the scroll, 0–1 (rates: the rate itself). */
  readonly share: number;
  readonly fill: string;
  readonly text: string;
}

export interface HeatMap {
  /** "Attributed conversions (Markov)". */
  readonly title: string;
  readonly cards: ReadonlyMap<string, HeatCell>;
  /** The top of the scale, as text ("100 %", "131.2"). */
  readonly maxText: string;
}

export const isHeatMetric = (v: string): v is HeatMetric => (HEAT_METRICS as readonly string[]).includes(v);
export const isModel = (v: string): v is AttributionModel => (ATTRIBUTION_MODELS as readonly string[]).includes(v);

const isRate = (m: HeatMetric) => m === 'conversion-rate' || m === 'drop-off';

export function heatTitle(choice: HeatChoice): string {
  const label = HEAT_METRIC_LABELS[choice.metric];
  return choice.metric === 'conversions' || choice.metric === 'value' ? `${label} (${MODEL_LABELS[choice.model]})` : label;
}

export function formatHeat(metric: HeatMetric, value: number): string {
  if (isRate(metric)) return `${(value * 100).toFixed(value < 0.1 ? 1 : 0)} %`;
  if (metric === 'conversions') return value >= 100 ? Math.round(value).toLocaleString('en') : value.toFixed(1);
  return Math.round(value).toLocaleString('en');
}

/** Seven steps from pale yellow to deep red: dark text stays readable on the first five. */
export const HEAT_SCALE = ['#fff7d6', '#fee8a8', '#fdd07a', '#fbae5c', '#f6874a', '#e8603c', '#c73a2f'] as const;

export function heatFill(share: number): string {
  const s = Math.min(1, Math.max(0, Number.isFinite(share) ? share : 0));
  return HEAT_SCALE[Math.min(HEAT_SCALE.length - 1, Math.floor(s * HEAT_SCALE.length))]!;
}

/** The figure per card for the choice. Only ids of the blueprint's cards are keys. */
export function heatMap(analysis: BlueprintAnalysis, choice: HeatChoice): HeatMap {
  const values = new Map<string, number>();
  if (choice.metric === 'conversions' || choice.metric === 'value') {
    const model = analysis.attribution.find((a) => a.model === choice.model);
    for (const c of model?.cards ?? []) {
      values.set(c.touchpoint, choice.metric === 'conversions' ? c.conversions : c.value);
    }
  } else if (choice.metric === 'clv') {
    for (const g of analysis.clv.byCard) values.set(g.group, g.clv);
  } else {
    for (const c of analysis.journey.cards) {
      const v = choice.metric === 'conversion-rate' ? c.conversionRate : c.dropOffRate;
      if (v !== null) values.set(c.card, v);
    }
  }
  // Credits name channels and unmapped touchpoints too: keep the cards.
  const cardIds = new Set(analysis.journey.cards.map((c) => c.card));
  for (const key of values.keys()) if (!cardIds.has(key)) values.delete(key);
  let max = 0;
  for (const v of values.values()) max = Math.max(max, v);
  const top = isRate(choice.metric) ? 1 : max;
  const cards = new Map<string, HeatCell>();
  for (const [card, value] of values) {
    const share = top > 0 ? value / top : 0;
    cards.set(card, { value, share, fill: heatFill(share), text: formatHeat(choice.metric, value) });
  }
  return { title: heatTitle(choice), cards, maxText: formatHeat(choice.metric, top) };
}
