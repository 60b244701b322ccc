import * as Y from 'yjs';
import type { z } from 'zod';
import { ENTITY_SCHEMAS, planMove, sortByOrder, type EntityCollection, type Ordered } from '../../model/index.ts';
import { collection } from '../keys.ts';
import { newEntityMap, readFields, writeFields } from '../fields.ts';

/** An edit that would make the document invalid; nothing was written. */
export class EditError extends Error {
  override name = 'EditError';
}

type Schema<K extends EntityCollection> = (typeof ENTITY_SCHEMAS)[K];
export type EntityOf<K extends EntityCollection> = z.infer<Schema<K>>;

/** One validation problem in words a person reads in the app's error bar. */
function describeIssue(value: Record<string, unknown>, issue: z.core.$ZodIssue): string {
  const field = issue.path.join('.') || 'value';
  if (issue.code === 'too_big' && issue.origin === 'string') {
    const actual = issue.path.reduce<unknown>(
      (at, key) => (at && typeof at === 'object' ? (at as Record<PropertyKey, unknown>)[key] : undefined),
      value,
    );
    const length = typeof actual === 'string' ? `${actual.length.toLocaleString('en')} characters; ` : '';
    return `${field} is too long (${length}at most ${issue.maximum.toLocaleString('en')})`;
  }
  return `${field}: ${issue.message}`;
}

function validate<K extends EntityCollection>(name: K, value: Record<string, unknown>): EntityOf<K> {
  const parsed = ENTITY_SCHEMAS[name].safeParse(value);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => describeIssue(value, i)).join('; ');
    throw new EditError(`${name.replace(/s$/, '')} ${String(value.id)} not changed: ${detail}`);
  }
  return parsed.data as EntityOf<K>;
}

/** Validates and inserts a whole new entity; returns what was stored. */
export function insertEntity<K extends EntityCollection>(doc: Y.Doc, name: K, fields: Record<string, unknown>): EntityOf<K> {
  const entity = validate(name, fields);
  const map = collection(doc, name);
  if (map.has(entity.id)) throw new EditError(`${name}: id ${entity.id} already exists`);
  map.set(entity.id, newEntityMap(entity));
  return entity;
}

/**
 * Applies a patch field by field after validating the merged result. Returns false when the entity
 * no longer exists (a concurrent delete won): callers treat that as a no-op, not an error.
 * Only the patched keys are written, so concurrent edits of other fields survive.
 */
export function patchEntity<K extends EntityCollection>(doc: Y.Doc, name: K, id: string, patch: Record<string, unknown>): boolean {
  const map = collection(doc, name).get(id);
  if (!(map instanceof Y.Map)) return false;
  const merged: Record<string, unknown> = { ...readFields(map), ...patch, id };
  for (const key of Object.keys(merged)) if (merged[key] === undefined) delete merged[key];
  const valid = validate(name, merged) as Record<string, unknown>;
  const write: Record<string, unknown> = {};
  for (const key of Object.keys(patch)) write[key] = valid[key];
  writeFields(map, write);
  return true;
}

export function removeEntity(doc: Y.Doc, name: EntityCollection, id: string): boolean {
  const map = collection(doc, name);
  if (!map.has(id)) return false;
  map.delete(id);
  return true;
}

/** Orders of the entities of a collection that pass `filter`, as the resolved view sorts them. */
export function siblings(
  doc: Y.Doc,
  name: 'stages' | 'lanes' | 'cards',
  filter: (fields: Y.Map<unknown>) => boolean = () => true,
): Ordered[] {
  const out: Ordered[] = [];
  for (const [id, map] of collection(doc, name).entries()) {
    if (!(map instanceof Y.Map) || !filter(map)) continue;
    const order = map.get('order');
    if (typeof order === 'string') out.push({ id, order });
  }
  return sortByOrder(out);
}

/** Places `id` at `index` among `sorted`, re-keying a tied run when needed; returns the new key. */
export function placeAt(doc: Y.Doc, name: 'stages' | 'lanes' | 'cards', sorted: Ordered[], id: string, index: number): string {
  const plan = planMove(sorted, id, index);
  const map = collection(doc, name);
  for (const { id: other, order } of plan.rekeyed) map.get(other)?.set('order', order);
  return plan.order;
}
