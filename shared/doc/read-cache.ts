import type * as Y from 'yjs';

/**
 * Per-document cache of validated entities, keyed by the entity's Y.Map. A re-read after an edit
 * re-validates only the entities that transaction touched: Yjs reports every changed type in
 * `transaction.changed` (a field edit changes the entity's own map), and those are evicted.
 * Cached values are frozen: the model a read returns is shared and must not be mutated.
 */
export type CachedRead = { readonly ok: true; readonly value: object } | { readonly ok: false; readonly message: string };

const caches = new WeakMap<Y.Doc, WeakMap<object, CachedRead>>();

export function entityCache(doc: Y.Doc): WeakMap<object, CachedRead> {
  let cache = caches.get(doc);
  if (!cache) {
    const fresh = new WeakMap<object, CachedRead>();
    doc.on('afterTransaction', (transaction: Y.Transaction) => {
      for (const type of transaction.changed.keys()) fresh.delete(type);
    });
    caches.set(doc, fresh);
    cache = fresh;
  }
  return cache;
}
