import type * as Y from 'yjs';

/**
 * Per-document caches for reading the model, kept right by one `afterTransaction` listener:
 * - validated entities, keyed by the entity's Y.Map. A re-read after an edit re-validates only the
 *   entities that transaction touched: Yjs reports every changed type in `transaction.changed` (a
 *   field edit changes the entity's own map), and those are evicted. Cached values are frozen: the
 *   model a read returns is shared and must not be mutated.
 * - each collection's keys in id order, kept until an entity is added to or taken from it (the
 *   collection's own map then changes): a re-read after field edits neither lists nor sorts
 *   20,000 ids again.
 * - per collection, the entity maps edited since it was last read, so a re-read visits those
 *   and not the thousands that did not change (read-collection.ts).
 */
export type CachedRead = { readonly ok: true; readonly value: object } | { readonly ok: false; readonly message: string };

interface DocCaches {
  readonly entities: WeakMap<object, CachedRead>;
  readonly keys: WeakMap<object, readonly string[]>;
  readonly edited: WeakMap<object, Set<object>>;
}

const caches = new WeakMap<Y.Doc, DocCaches>();

/** The map a type sits in, and under which key (Yjs keeps both on the type's item). */
interface Placed {
  readonly _item: { readonly parent: unknown; readonly parentSub: string | null } | null;
}

function docCaches(doc: Y.Doc): DocCaches {
  let cache = caches.get(doc);
  if (!cache) {
    const fresh: DocCaches = { entities: new WeakMap(), keys: new WeakMap(), edited: new WeakMap() };
    doc.on('afterTransaction', (transaction: Y.Transaction) => {
      for (const type of transaction.changed.keys()) {
        fresh.entities.delete(type);
        fresh.keys.delete(type);
        const parent = (type as unknown as Placed)._item?.parent;
        if (parent && typeof parent === 'object') fresh.edited.get(parent)?.add(type);
      }
    });
    caches.set(doc, fresh);
    cache = fresh;
  }
  return cache;
}

export function entityCache(doc: Y.Doc): WeakMap<object, CachedRead> {
  return docCaches(doc).entities;
}

/** The keys of a collection map of `doc`, sorted (code unit order, as ids compare). */
export function sortedKeys(doc: Y.Doc, map: { keys(): IterableIterator<string> }): readonly string[] {
  const { keys } = docCaches(doc);
  let sorted = keys.get(map);
  if (!sorted) {
    sorted = [...map.keys()].sort();
    keys.set(map, sorted);
  }
  return sorted;
}

/**
 * The keys of the entities of `map` edited since the last call (null on the first call for a
 * map: from then on its edits are recorded).
 */
export function takeEdited(doc: Y.Doc, map: object): string[] | null {
  const { edited } = docCaches(doc);
  const types = edited.get(map);
  edited.set(map, new Set());
  if (!types) return null;
  const keys: string[] = [];
  for (const type of types) {
    const key = (type as unknown as Placed)._item?.parentSub;
    if (typeof key === 'string') keys.push(key);
  }
  return keys;
}
