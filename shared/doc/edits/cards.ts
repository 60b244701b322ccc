import * as Y from 'yjs';
import { CARD_KIND_FOR_LANE, LANE_KINDS, newId, type Card, type LaneKind } from '../../model/index.ts';
import { collection } from '../keys.ts';
import { EditError, insertEntity, patchEntity, placeAt, removeEntity, siblings } from './entity.ts';

export type NewCard = Omit<Partial<Card>, 'id' | 'order'> & Pick<Card, 'stageId' | 'laneId' | 'title'> & { id?: string; index?: number };
/** Fields a card edit may change; where a card sits changes through `moveCard`. */
export type CardPatch = Partial<Omit<Card, 'id' | 'order' | 'stageId' | 'laneId'>>;

export interface CardPlace {
  readonly stageId: string;
  readonly laneId: string;
  /** Position among the cell's cards; default: the end. */
  readonly index?: number;
}

const inCell = (stageId: string, laneId: string) => (card: Y.Map<unknown>) =>
  card.get('stageId') === stageId && card.get('laneId') === laneId;

function laneKind(doc: Y.Doc, laneId: string): LaneKind | undefined {
  const kind = collection(doc, 'lanes').get(laneId)?.get('kind');
  return (LANE_KINDS as readonly unknown[]).includes(kind) ? (kind as LaneKind) : undefined;
}

/** Adds a card to a cell; its kind defaults from the lane. Returns its id. */
export function addCard(doc: Y.Doc, input: NewCard, origin: unknown = null): string {
  const { index, ...fields } = input;
  const id = fields.id ?? newId('card');
  doc.transact(() => {
    if (!collection(doc, 'stages').has(fields.stageId)) throw new EditError(`no stage ${fields.stageId}`);
    const kindOfLane = laneKind(doc, fields.laneId);
    if (!kindOfLane) throw new EditError(`no lane ${fields.laneId}`);
    const sorted = siblings(doc, 'cards', inCell(fields.stageId, fields.laneId));
    const order = placeAt(doc, 'cards', sorted, id, index ?? sorted.length);
    insertEntity(doc, 'cards', { kind: CARD_KIND_FOR_LANE[kindOfLane], ...fields, id, order });
  }, origin);
  return id;
}

export function updateCard(doc: Y.Doc, id: string, patch: CardPatch, origin: unknown = null): boolean {
  let done = false;
  doc.transact(() => (done = patchEntity(doc, 'cards', id, patch)), origin);
  return done;
}

/** Moves a card to a cell (possibly its own) at a position. Writes only what changes. */
export function moveCard(doc: Y.Doc, id: string, place: CardPlace, origin: unknown = null): boolean {
  let done = false;
  doc.transact(() => {
    const card = collection(doc, 'cards').get(id);
    if (!(card instanceof Y.Map)) return;
    if (!collection(doc, 'stages').has(place.stageId)) throw new EditError(`no stage ${place.stageId}`);
    if (!collection(doc, 'lanes').has(place.laneId)) throw new EditError(`no lane ${place.laneId}`);
    const sorted = siblings(doc, 'cards', inCell(place.stageId, place.laneId));
    const order = placeAt(doc, 'cards', sorted, id, place.index ?? sorted.length);
    if (card.get('stageId') !== place.stageId) card.set('stageId', place.stageId);
    if (card.get('laneId') !== place.laneId) card.set('laneId', place.laneId);
    card.set('order', order);
    done = true;
  }, origin);
  return done;
}

/** Deletes a card and the flows drawn from or to it. */
export function deleteCard(doc: Y.Doc, id: string, origin: unknown = null): boolean {
  let done = false;
  doc.transact(() => {
    done = removeEntity(doc, 'cards', id);
    if (done) deleteFlowsTouching(doc, new Set([id]));
  }, origin);
  return done;
}

/** Deletes every card matching `test`, and their flows; call inside a transaction. */
export function deleteCardsWhere(doc: Y.Doc, test: (card: Y.Map<unknown>) => boolean): void {
  const cards = collection(doc, 'cards');
  const doomed = new Set<string>();
  for (const [id, card] of cards.entries()) if (card instanceof Y.Map && test(card)) doomed.add(id);
  for (const id of doomed) cards.delete(id);
  deleteFlowsTouching(doc, doomed);
}

function deleteFlowsTouching(doc: Y.Doc, cardIds: ReadonlySet<string>): void {
  const flows = collection(doc, 'flows');
  const doomed: string[] = [];
  for (const [id, flow] of flows.entries()) {
    if (flow instanceof Y.Map && (cardIds.has(flow.get('from') as string) || cardIds.has(flow.get('to') as string))) doomed.push(id);
  }
  for (const id of doomed) flows.delete(id);
}
