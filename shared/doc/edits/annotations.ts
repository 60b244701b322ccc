import * as Y from 'yjs';
import { annotationSchema, type Annotation } from '../../model/index.ts';
import { collection } from '../keys.ts';
import { newEntityMap, writeFields } from '../fields.ts';
import { EditError } from './entity.ts';

/**
 * Stores a free-form tldraw record, one field per property. An existing record is updated field by
 * field, and properties the record no longer has are removed, so two people moving and recolouring
 * the same note both keep their change.
 */
export function putAnnotation(doc: Y.Doc, record: Annotation, origin: unknown = null): void {
  const parsed = annotationSchema.safeParse(record);
  if (!parsed.success) throw new EditError(`invalid annotation: ${parsed.error.issues[0]?.message ?? 'unknown'}`);
  const value = parsed.data as Record<string, unknown>;
  doc.transact(() => {
    const annotations = collection(doc, 'annotations');
    const existing = annotations.get(parsed.data.id);
    if (!(existing instanceof Y.Map)) {
      annotations.set(parsed.data.id, newEntityMap(value));
      return;
    }
    const patch: Record<string, unknown> = { ...value };
    for (const key of existing.keys()) if (!(key in value)) patch[key] = undefined;
    writeFields(existing, patch);
  }, origin);
}

export function deleteAnnotation(doc: Y.Doc, id: string, origin: unknown = null): boolean {
  let done = false;
  doc.transact(() => {
    const annotations = collection(doc, 'annotations');
    done = annotations.has(id);
    annotations.delete(id);
  }, origin);
  return done;
}
