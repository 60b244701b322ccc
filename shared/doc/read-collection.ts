import * as Y from 'yjs';
import { entityCache, sortedKeys, takeEdited, type CachedRead } from './read-cache.ts';

export interface CollectionProblem {
  readonly where: string;
  readonly message: string;
}

/** One collection read: its valid entities in id order, and what could not be read. */
export interface CollectionRead {
  readonly values: readonly object[];
  readonly problems: readonly CollectionProblem[];
}

type Validate = (fields: Record<string, unknown>) => CachedRead;

/** The last read of a collection map, to patch on the next. */
interface State {
  /** The sorted keys it was read with (the same array while no entity was added or removed). */
  readonly keys: readonly string[];
  readonly reads: readonly CachedRead[];
  /** Where each key's value is in `result.values` (-1 for one that did not validate). */
  readonly at: readonly number[];
  readonly index: ReadonlyMap<string, number>;
  readonly result: CollectionRead;
}

const states = new WeakMap<object, State>();

/**
 * Reads one entity collection of `doc`. While no entity was added to it or removed, the read is
 * the last one with the entities edited since put in their place: on a 20,000-card blueprint a
 * batch of title edits re-reads those cards, not the other thousands (the arrays returned are new;
 * unchanged entities are the same frozen objects as before).
 */
export function readCollection(doc: Y.Doc, name: string, map: Y.Map<unknown>, validate: Validate): CollectionRead {
  const keys = sortedKeys(doc, map);
  const edited = takeEdited(doc, map);
  const last = states.get(map);
  if (!last || last.keys !== keys || edited === null)
    return remember(
      map,
      name,
      keys,
      keys.map((id) => readEntry(doc, map, id, validate)),
    );
  if (edited.length === 0) return last.result;
  const reads = last.reads.slice();
  const values = last.result.values.slice();
  let sameValidity = true;
  for (const id of edited) {
    const i = last.index.get(id);
    if (i === undefined) continue;
    const read = readEntry(doc, map, id, validate);
    reads[i] = read;
    if (!read.ok || !last.reads[i]!.ok) sameValidity = false;
    else values[last.at[i]!] = read.value;
  }
  // An entity that did not validate, before or now: the list and the problems are made again.
  if (!sameValidity) return remember(map, name, keys, reads);
  const result = { values, problems: last.result.problems };
  states.set(map, { ...last, reads, result });
  return result;
}

function readEntry(doc: Y.Doc, map: Y.Map<unknown>, id: string, validate: Validate): CachedRead {
  const cache = entityCache(doc);
  const entry: unknown = map.get(id);
  let read = entry instanceof Y.Map ? cache.get(entry) : undefined;
  if (!read) {
    const fields = entry instanceof Y.Map ? (entry.toJSON() as Record<string, unknown>) : isPlainObject(entry) ? entry : undefined;
    read = fields ? validate({ ...fields, id }) : { ok: false, message: 'not an entity map' };
    if (entry instanceof Y.Map) cache.set(entry, read);
  }
  return read;
}

function remember(map: object, name: string, keys: readonly string[], reads: readonly CachedRead[]): CollectionRead {
  const values: object[] = [];
  const problems: CollectionProblem[] = [];
  const at: number[] = [];
  reads.forEach((read, i) => {
    if (read.ok) {
      at.push(values.length);
      values.push(read.value);
    } else {
      at.push(-1);
      problems.push({ where: `${name}.${keys[i]}`, message: read.message });
    }
  });
  const last = states.get(map);
  const index = last?.keys === keys ? last.index : new Map(keys.map((id, i) => [id, i]));
  const result = { values, problems };
  states.set(map, { keys, reads, at, index, result });
  return result;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}
