import type * as Y from 'yjs';
import { newId, type Flow } from '../../model/index.ts';
import { collection } from '../keys.ts';
import { EditError, insertEntity, patchEntity, removeEntity } from './entity.ts';

export type NewFlow = Omit<Partial<Flow>, 'id'> & Pick<Flow, 'from' | 'to'> & { id?: string };
export type FlowPatch = Partial<Omit<Flow, 'id' | 'from' | 'to'>>;

/** Connects two existing cards; returns the flow's id. */
export function addFlow(doc: Y.Doc, input: NewFlow, origin: unknown = null): string {
  const id = input.id ?? newId('flow');
  doc.transact(() => {
    const cards = collection(doc, 'cards');
    for (const end of [input.from, input.to]) if (!cards.has(end)) throw new EditError(`no card ${end}`);
    insertEntity(doc, 'flows', { ...input, id });
  }, origin);
  return id;
}

export function updateFlow(doc: Y.Doc, id: string, patch: FlowPatch, origin: unknown = null): boolean {
  let done = false;
  doc.transact(() => (done = patchEntity(doc, 'flows', id, patch)), origin);
  return done;
}

export function deleteFlow(doc: Y.Doc, id: string, origin: unknown = null): boolean {
  let done = false;
  doc.transact(() => (done = removeEntity(doc, 'flows', id)), origin);
  return done;
}
