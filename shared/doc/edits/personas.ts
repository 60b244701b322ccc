import * as Y from 'yjs';
import { newId, type Persona } from '../../model/index.ts';
import { collection } from '../keys.ts';
import { EditError, insertEntity, patchEntity, removeEntity } from './entity.ts';

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

/**
 * Deletes a persona and takes its tag off every card, in one transaction (one undo step brings
 * both back). Readers ignore a tag whose persona is gone anyway (a concurrent tag may add one).
 */
export function deletePersona(doc: Y.Doc, id: string, origin: unknown = null): boolean {
  let done = false;
  doc.transact(() => {
    done = removeEntity(doc, 'personas', id);
    if (!done) return;
    for (const card of collection(doc, 'cards').values()) {
      if (!(card instanceof Y.Map)) continue;
      const tags = card.get('personas');
      if (!Array.isArray(tags) || !tags.includes(id)) continue;
      const rest = tags.filter((t) => t !== id);
      if (rest.length) card.set('personas', rest);
      else card.delete('personas');
    }
  }, origin);
  return done;
}

/**
 * Tags `cardId` with the persona (`on`) or takes the tag off. The card's list is replaced whole
 * (two people tagging one card at the same moment: the last write wins, see docs/document-layout.md).
 * Returns false when the card no longer exists; an unknown persona is refused.
 */
export function setCardPersona(doc: Y.Doc, cardId: string, personaId: string, on: boolean, origin: unknown = null): boolean {
  let done = false;
  doc.transact(() => {
    if (on && !collection(doc, 'personas').has(personaId)) throw new EditError(`no persona ${personaId}`);
    const card = collection(doc, 'cards').get(cardId);
    if (!(card instanceof Y.Map)) return;
    const tags = Array.isArray(card.get('personas')) ? (card.get('personas') as string[]) : [];
    const next = on ? (tags.includes(personaId) ? tags : [...tags, personaId]) : tags.filter((t) => t !== personaId);
    done = patchEntity(doc, 'cards', cardId, { personas: next.length ? next : undefined });
  }, origin);
  return done;
}
