import type { CardFigures } from './journey-analytics.ts';

/**
 * Underperformer findings for the Check panel: cards reached by at least `minCustomers` customers
 * whose conversion rate (customers converting after reaching the card / customers reaching it) is
 * below `threshold`. Sorted worst first. The user sets both; a card with few customers is never
 * flagged, since its rate says little.
 */
export interface Underperformer {
  readonly card: string;
  readonly customers: number;
  readonly conversionRate: number;
}

export function findUnderperformers(cards: readonly CardFigures[], threshold: number, minCustomers: number): Underperformer[] {
  return cards
    .filter((c) => c.customers >= minCustomers && c.conversionRate !== null && c.conversionRate < threshold)
    .map((c) => ({ card: c.card, customers: c.customers, conversionRate: c.conversionRate! }))
    .sort((a, b) => a.conversionRate - b.conversionRate || b.customers - a.customers || (a.card < b.card ? -1 : 1));
}
