import type * as Y from 'yjs';
import { newId, type Stage } from '../../model/index.ts';
import { collection } from '../keys.ts';
import { deleteCardsWhere } from './cards.ts';
import { insertEntity, patchEntity, placeAt, removeEntity, siblings } from './entity.ts';

export type NewStage = Omit<Partial<Stage>, 'id' | 'order'> & { name: string; id?: string; index?: number };
export type StagePatch = Partial<Omit<Stage, 'id' | 'order'>>;

/** Adds a stage at `index` (default: the end of the scroll); returns its id. */
export function addStage(doc: Y.Doc, input: NewStage, origin: unknown = null): string {
  const { index, ...fields } = input;
  const id = fields.id ?? newId('stage');
  doc.transact(() => {
    const sorted = siblings(doc, 'stages');
    const order = placeAt(doc, 'stages', sorted, id, index ?? sorted.length);
    insertEntity(doc, 'stages', { ...fields, id, order });
  }, origin);
  return id;
}

export function updateStage(doc: Y.Doc, id: string, patch: StagePatch, origin: unknown = null): boolean {
  let done = false;
  doc.transact(() => (done = patchEntity(doc, 'stages', id, patch)), origin);
  return done;
}

export function moveStage(doc: Y.Doc, id: string, index: number, origin: unknown = null): boolean {
  let done = false;
  doc.transact(() => {
    const map = collection(doc, 'stages').get(id);
    if (!map) return;
    map.set('order', placeAt(doc, 'stages', siblings(doc, 'stages'), id, index));
    done = true;
  }, origin);
  return done;
}

/**
 * Deletes a stage. Its cards stay (they show in the Unplaced tray, and come back if the delete is
 * undone) unless `withCards` is set, which deletes them and their flows too.
 */
export function deleteStage(doc: Y.Doc, id: string, options: { withCards?: boolean } = {}, origin: unknown = null): boolean {
  let done = false;
  doc.transact(() => {
    done = removeEntity(doc, 'stages', id);
    if (done && options.withCards) deleteCardsWhere(doc, (card) => card.get('stageId') === id);
  }, origin);
  return done;
}
