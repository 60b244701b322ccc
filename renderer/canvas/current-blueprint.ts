import type * as Y from 'yjs';
import { readBlueprint } from '../../shared/doc/index.ts';
import type { Blueprint } from '../../shared/model/index.ts';

const cache = new WeakMap<Y.Doc, { blueprint: Blueprint | null }>();

/**
 * The document's model, read once per change however many parts of the page ask for it in one
 * frame (the canvas projection and the app's panels). readBlueprint caches each entity, but still
 * walks and sorts them all: at 20,000 cards that walk is tens of milliseconds a call.
 * Nobody mutates a Blueprint (its entities are frozen, its arrays only read), so sharing it is safe.
 */
export function currentBlueprint(doc: Y.Doc): Blueprint {
  // Inside a transaction the document is changing under the reader: read it afresh, keep nothing.
  if ((doc as unknown as { _transaction: unknown })._transaction) return readBlueprint(doc);
  let entry = cache.get(doc);
  if (!entry) {
    const fresh: { blueprint: Blueprint | null } = { blueprint: null };
    doc.on('afterTransaction', () => (fresh.blueprint = null));
    cache.set(doc, fresh);
    entry = fresh;
  }
  return (entry.blueprint ??= readBlueprint(doc));
}
