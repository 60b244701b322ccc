import type * as Y from 'yjs';
import { newId, type Lane } from '../../model/index.ts';
import { collection } from '../keys.ts';
import { deleteCardsWhere } from './cards.ts';
import { insertEntity, patchEntity, placeAt, removeEntity, siblings } from './entity.ts';

export type NewLane = Omit<Partial<Lane>, 'id' | 'order'> & Pick<Lane, 'name' | 'kind'> & { id?: string; index?: number };
export type LanePatch = Partial<Omit<Lane, 'id' | 'order'>>;

/** Adds a lane at `index` (default: the bottom); returns its id. */
export function addLane(doc: Y.Doc, input: NewLane, origin: unknown = null): string {
  const { index, ...fields } = input;
  const id = fields.id ?? newId('lane');
  doc.transact(() => {
    const sorted = siblings(doc, 'lanes');
    const order = placeAt(doc, 'lanes', sorted, id, index ?? sorted.length);
    insertEntity(doc, 'lanes', { ...fields, id, order });
  }, origin);
  return id;
}

export function updateLane(doc: Y.Doc, id: string, patch: LanePatch, origin: unknown = null): boolean {
  let done = false;
  doc.transact(() => (done = patchEntity(doc, 'lanes', id, patch)), origin);
  return done;
}

export function moveLane(doc: Y.Doc, id: string, index: number, origin: unknown = null): boolean {
  let done = false;
  doc.transact(() => {
    const map = collection(doc, 'lanes').get(id);
    if (!map) return;
    map.set('order', placeAt(doc, 'lanes', siblings(doc, 'lanes'), id, index));
    done = true;
  }, origin);
  return done;
}

/** Deletes a lane; its cards go to the Unplaced tray unless `withCards` deletes them too. */
export function deleteLane(doc: Y.Doc, id: string, options: { withCards?: boolean } = {}, origin: unknown = null): boolean {
  let done = false;
  doc.transact(() => {
    done = removeEntity(doc, 'lanes', id);
    if (done && options.withCards) deleteCardsWhere(doc, (card) => card.get('laneId') === id);
  }, origin);
  return done;
}
