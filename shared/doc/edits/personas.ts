import type * as Y from 'yjs';
import { newId, type Persona } from '../../model/index.ts';
import { insertEntity, patchEntity, removeEntity } from './entity.ts';

export function addPersona(
  doc: Y.Doc,
  input: Omit<Persona, 'id' | 'description'> & { id?: string; description?: string },
  origin: unknown = null,
): string {
  const id = input.id ?? newId('persona');
  doc.transact(() => insertEntity(doc, 'personas', { ...input, id }), origin);
  return id;
}

export function updatePersona(doc: Y.Doc, id: string, patch: Partial<Omit<Persona, 'id'>>, origin: unknown = null): boolean {
  let done = false;
  doc.transact(() => (done = patchEntity(doc, 'personas', id, patch)), origin);
  return done;
}

export function deletePersona(doc: Y.Doc, id: string, origin: unknown = null): boolean {
  let done = false;
  doc.transact(() => (done = removeEntity(doc, 'personas', id)), origin);
  return done;
}
