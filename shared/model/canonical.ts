import { ENTITY_COLLECTIONS, type Blueprint } from './schema.ts';

/**
 * The canonical interchange form: every entity array sorted by id (display order lives in
 * `order`). `readBlueprint` returns this form, so equal documents give deep-equal JSON and
 * files diff cleanly.
 */
export function canonicalBlueprint(blueprint: Blueprint): Blueprint {
  const out = { ...blueprint };
  for (const name of ENTITY_COLLECTIONS) {
    (out as Record<string, unknown>)[name] = [...blueprint[name]].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
  return out;
}
