import * as Y from 'yjs';

/**
 * What a Yjs update would change in a blueprint document, read from the update itself against the
 * document it is about to be applied to — never from what the sender claims. The sync server uses
 * it to enforce roles and team scopes before anything is applied or stored, and the change log is
 * built from the same reading.
 *
 * Every struct of the update and every range it deletes is placed in the document layout
 * (docs/document-layout.md): a top-level key, then, inside a collection, the entity id and the
 * field. Yjs omits an item's parent when it has a left or right neighbour (its origin): then the
 * neighbour's place is the item's place; neighbours and parents are looked up in the update
 * itself, then in the document.
 */
export interface Touch {
  /** `write` inserts or replaces; `delete` removes. */
  readonly kind: 'write' | 'delete';
  /** The top-level key: `cards`, `stages`, `meta`, `history`, … */
  readonly root: string;
  /** Inside a map collection, the entity id (for `meta`, the field). Absent for list roots. */
  readonly key?: string;
  /** The entity's field, when the change is inside an entity's map. */
  readonly field?: string;
  /** For a plain value written to a key or field (not a nested type), the value. */
  readonly value?: unknown;
}

export interface UpdateScope {
  readonly touches: readonly Touch[];
  /** Structs or deleted ranges whose place in the document could not be found. */
  readonly unplaced: number;
}

/** Nesting deeper than this is never a blueprint (entity → field → text): refuse to place it. */
const MAX_DEPTH = 16;
const LIST = '[]';

type DecodedItem = Y.Item;

/** An item of the update, by the client and clock range it covers. */
class UpdateIndex {
  readonly #byClient = new Map<number, DecodedItem[]>();
  constructor(structs: ReadonlyArray<Y.Item | Y.GC | Y.Skip>) {
    for (const struct of structs) {
      if (!(struct instanceof Y.Item)) continue;
      const list = this.#byClient.get(struct.id.client) ?? [];
      list.push(struct);
      this.#byClient.set(struct.id.client, list);
    }
  }
  /** Binary search: a decoded update lists each client's structs in clock order. */
  find(id: Y.ID): DecodedItem | null {
    const list = this.#byClient.get(id.client);
    if (!list) return null;
    let low = 0;
    let high = list.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const item = list[mid]!;
      if (id.clock < item.id.clock) high = mid - 1;
      else if (id.clock >= item.id.clock + item.length) low = mid + 1;
      else return item;
    }
    return null;
  }
}

/** The integrated struct of the document holding this id (an item, or collected content), or null. */
function docStruct(doc: Y.Doc, id: Y.ID): Y.Item | Y.GC | null {
  const structs = doc.store.clients.get(id.client);
  if (!structs || structs.length === 0) return null;
  const last = structs[structs.length - 1]!;
  if (id.clock >= last.id.clock + last.length) return null;
  try {
    const struct = Y.getItem(doc.store, id) as Y.Item | Y.GC;
    return struct instanceof Y.Item || struct instanceof Y.GC ? struct : null;
  } catch {
    return null;
  }
}

function docItem(doc: Y.Doc, id: Y.ID): Y.Item | null {
  const struct = docStruct(doc, id);
  return struct instanceof Y.Item ? struct : null;
}

/**
 * The place of an item Yjs will turn into collected content on arrival: its neighbour or parent
 * is itself collected (an edit made beside content the server refused or collected). It changes
 * nothing, so it touches nothing.
 */
const GONE: string[] = ['(gone)'];

class Placer {
  readonly #doc: Y.Doc;
  readonly #index: UpdateIndex;
  constructor(doc: Y.Doc, index: UpdateIndex) {
    this.#doc = doc;
    this.#index = index;
  }

  /** The path of an integrated type: its root key, then the key (or LIST) of each item above it. */
  typePath(type: Y.AbstractType<unknown>, depth: number): string[] | null {
    if (depth > MAX_DEPTH) return null;
    const holder = type._item;
    if (holder === null) {
      const root = rootKey(this.#doc, type);
      return root === null ? null : [root];
    }
    return this.integratedPath(holder, depth + 1);
  }

  /** The path of an integrated item: where it sits, ending with its own key (or LIST). */
  integratedPath(item: Y.Item, depth: number): string[] | null {
    if (!(item.parent instanceof Y.AbstractType)) return null;
    const parent = this.typePath(item.parent, depth + 1);
    return parent && [...parent, item.parentSub ?? LIST];
  }

  /** The path of any item: integrated, or decoded from the update (parent as root name, id, or via a neighbour). */
  path(item: Y.Item, depth = 0): string[] | null {
    if (depth > MAX_DEPTH) return null;
    const parent: unknown = item.parent;
    if (parent instanceof Y.AbstractType) return this.integratedPath(item, depth);
    if (typeof parent === 'string') return [parent, item.parentSub ?? LIST];
    if (parent instanceof Y.ID) {
      const holder = this.#resolve(parent);
      if (holder instanceof Y.GC) return GONE;
      const holderPath = holder && this.path(holder, depth + 1);
      if (holderPath === GONE) return GONE;
      return holderPath && [...holderPath, item.parentSub ?? LIST];
    }
    // No parent written: the item sits beside its origin (or right origin), under the same key —
    // unless either neighbour is collected content, which makes Yjs collect the item too.
    const left = item.origin && this.#resolve(item.origin);
    const right = item.rightOrigin && this.#resolve(item.rightOrigin);
    if (left instanceof Y.GC || right instanceof Y.GC) return GONE;
    const neighbour = left ?? right;
    return neighbour ? this.path(neighbour, depth + 1) : null;
  }

  #resolve(id: Y.ID): Y.Item | Y.GC | null {
    return this.#index.find(id) ?? docStruct(this.#doc, id);
  }
}

function rootKey(doc: Y.Doc, type: Y.AbstractType<unknown>): string | null {
  for (const [key, value] of doc.share) if (value === type) return key;
  return null;
}

function touchOf(kind: Touch['kind'], path: readonly string[], value?: unknown): Touch {
  const [root, key, field] = path as [string, string | undefined, string | undefined];
  const out: { -readonly [K in keyof Touch]: Touch[K] } = { kind, root };
  if (key !== undefined && key !== LIST) out.key = key;
  if (field !== undefined && field !== LIST) out.field = field;
  if (value !== undefined) out.value = value;
  return out;
}

/** A plain value written by this item directly at a key or field (not inside a nested text or list). */
function plainValue(item: Y.Item, path: readonly string[]): unknown {
  // Yjs writes no key for an item that has a neighbour: the path (found through it) knows the key.
  if (path.length > 3 || path[path.length - 1] === LIST) return undefined;
  const content = item.content;
  if (content instanceof Y.ContentAny || content instanceof Y.ContentString || content instanceof Y.ContentJSON) {
    return content.getContent()[0];
  }
  return undefined;
}

/** Reads an update's scope against `doc` (which is not changed). Throws if the update does not decode. */
export function readUpdateScope(doc: Y.Doc, update: Uint8Array): UpdateScope {
  const { structs, ds } = Y.decodeUpdate(update);
  const index = new UpdateIndex(structs);
  const placer = new Placer(doc, index);
  const touches = new Map<string, Touch>();
  let unplaced = 0;
  const add = (touch: Touch) => {
    const key = `${touch.kind}|${touch.root}|${touch.key ?? ''}|${touch.field ?? ''}|${JSON.stringify(touch.value) ?? ''}`;
    if (!touches.has(key)) touches.set(key, touch);
  };

  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    // Already in the document: applying it again changes nothing.
    if (docItem(doc, struct.id)) continue;
    const path = placer.path(struct);
    if (path === GONE) continue;
    if (!path) unplaced++;
    else add(touchOf('write', path, plainValue(struct, path)));
  }

  for (const [client, ranges] of ds.clients) {
    for (const range of ranges) {
      let clock = range.clock;
      const end = range.clock + range.len;
      while (clock < end) {
        const id = Y.createID(client, clock);
        const integrated = docItem(doc, id);
        if (integrated) {
          if (!integrated.deleted) {
            const path = placer.integratedPath(integrated, 0);
            if (path) add(touchOf('delete', path));
            else unplaced++;
          }
          clock = integrated.id.clock + integrated.length;
          continue;
        }
        const fresh = index.find(id);
        if (fresh) {
          // Deleting what the same update inserts: already counted as its write.
          clock = fresh.id.clock + fresh.length;
          continue;
        }
        const structsOfClient = doc.store.clients.get(client);
        const known = structsOfClient ? structsOfClient[structsOfClient.length - 1]! : null;
        if (known && clock < known.id.clock + known.length) {
          // Inside the document but not an item: garbage-collected content, already gone.
          const gc = Y.getItem(doc.store, id);
          clock = gc.id.clock + gc.length;
          continue;
        }
        unplaced++;
        break;
      }
    }
  }
  return { touches: collapse([...touches.values()]), unplaced };
}

/**
 * Setting a key deletes the value it replaces, and deleting an entity deletes each of its fields:
 * those deletions say nothing the write (or the entity's deletion) does not already say.
 */
function collapse(touches: Touch[]): Touch[] {
  const at = (t: Touch, withField = true) => `${t.root}|${t.key ?? ''}|${withField ? (t.field ?? '') : ''}`;
  const written = new Set(touches.filter((t) => t.kind === 'write').map((t) => at(t)));
  const entitiesDeleted = new Set(
    touches.filter((t) => t.kind === 'delete' && t.field === undefined && t.key !== undefined).map((t) => at(t)),
  );
  return touches.filter((t) => {
    if (t.kind !== 'delete') return true;
    if (written.has(at(t))) return false;
    return t.field === undefined || !entitiesDeleted.has(at(t, false));
  });
}
