import * as Y from 'yjs';
import { ENTITY_COLLECTIONS } from '../model/index.ts';
import { collection, metaMap } from './keys.ts';
import { newEntityMap } from './fields.ts';
import { movePersonasOutOfMeta } from './migrations.ts';

/**
 * The write side of "repair, never lose" (docs/architecture.md §2). Most of repair is a read-side view
 * (`resolveBlueprint`: Unplaced tray, hidden flows, ties by id) that writes nothing. This fixes the
 * few structural faults a view cannot paper over, deterministically so concurrent repairs converge:
 * - an entity stored as a plain object (an outside program, an old bug) becomes a field-level map;
 * - personas a v1 peer wrote into `meta.personas` after the v2 migration move to `personas`.
 * It opens a transaction only when there is something to fix: running it on a sound document
 * produces no update at all. Returns the number of fixes.
 */
export function repairDoc(doc: Y.Doc, origin: unknown = null): number {
  const plainEntities: Array<[ReturnType<typeof collection>, string, Record<string, unknown>]> = [];
  for (const name of ENTITY_COLLECTIONS) {
    const map = collection(doc, name);
    for (const [id, entry] of map.entries()) {
      const value: unknown = entry;
      if (value instanceof Y.Map) continue;
      if (typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Y.AbstractType)) {
        plainEntities.push([map, id, value as Record<string, unknown>]);
      }
    }
  }
  const strayPersonas =
    metaMap(doc).has('personas') &&
    typeof metaMap(doc).get('schemaVersion') === 'number' &&
    (metaMap(doc).get('schemaVersion') as number) >= 2;
  if (plainEntities.length === 0 && !strayPersonas) return 0;

  let fixes = 0;
  doc.transact(() => {
    for (const [map, id, fields] of plainEntities) {
      map.set(id, newEntityMap(fields));
      fixes++;
    }
    if (strayPersonas) fixes += movePersonasOutOfMeta(doc);
  }, origin);
  return fixes;
}
