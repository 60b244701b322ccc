import * as Y from 'yjs';
import type { EntityMap } from './keys.ts';

/**
 * Field-level writes: only fields whose value actually changes are written, so an edit never
 * overwrites a concurrent edit of another field, and re-applying the same patch writes nothing.
 * `undefined` removes a field. Values are JSON (objects such as `trigger` are replaced whole).
 */
export function writeFields(map: EntityMap, patch: Readonly<Record<string, unknown>>): number {
  let writes = 0;
  for (const [key, value] of Object.entries(patch)) {
    if (key === 'id') continue;
    if (value === undefined) {
      if (map.has(key)) {
        map.delete(key);
        writes++;
      }
    } else if (!jsonEqual(map.get(key), value)) {
      map.set(key, value);
      writes++;
    }
  }
  return writes;
}

export function newEntityMap(fields: Readonly<Record<string, unknown>>): EntityMap {
  const map: EntityMap = new Y.Map();
  for (const [key, value] of Object.entries(fields)) if (key !== 'id' && value !== undefined) map.set(key, value);
  return map;
}

/** The fields of an entity map as a plain object (nested Yjs types become JSON). */
export function readFields(map: EntityMap): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of map.entries()) out[key] = value instanceof Y.AbstractType ? value.toJSON() : value;
  return out;
}

export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (a instanceof Y.AbstractType || b instanceof Y.AbstractType) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
