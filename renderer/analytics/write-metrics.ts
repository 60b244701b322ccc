import type * as Y from 'yjs';
import { applyMetrics, type MetricsRow } from '../../shared/analytics/index.ts';
import { readBlueprint, updateCard } from '../../shared/doc/index.ts';

/**
 * Merges imported metrics rows into the cards of the document as it is now (a card deleted since
 * the file was parsed is skipped), inside the caller's transaction. Returns how many cards changed.
 */
export function writeMetrics(doc: Y.Doc, rows: readonly MetricsRow[], origin: unknown): number {
  const named = new Set(rows.map((r) => r.card));
  let changed = 0;
  for (const card of applyMetrics(readBlueprint(doc), rows).cards)
    if (named.has(card.id) && card.metrics && updateCard(doc, card.id, { metrics: card.metrics }, origin)) changed++;
  return changed;
}
