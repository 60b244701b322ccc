import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { generateBlueprint } from '../model/index.ts';
import { addCard, deleteCard, moveCard, updateCard } from './edits/index.ts';
import { readBlueprint } from './read.ts';
import { blueprintToDoc } from './write.ts';

describe('read cache', () => {
  it('re-reads exactly what local and remote edits changed', () => {
    const doc = blueprintToDoc(generateBlueprint({ cards: 50, seed: 2 }));
    const first = readBlueprint(doc);
    const [a, b] = first.cards;
    updateCard(doc, a!.id, { title: 'Changed locally' });
    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
    moveCard(remote, b!.id, { stageId: a!.stageId, laneId: a!.laneId, index: 0 });
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote, Y.encodeStateVector(doc)));
    const second = readBlueprint(doc);
    expect(second.cards.find((c) => c.id === a!.id)?.title).toBe('Changed locally');
    expect(second.cards.find((c) => c.id === b!.id)).toMatchObject({ stageId: a!.stageId, laneId: a!.laneId });
    // Untouched entities are the same (frozen) objects; a fresh document reads equal.
    const untouched = first.cards[10]!;
    expect(second.cards.find((c) => c.id === untouched.id)).toBe(untouched);
    expect(Object.isFrozen(untouched)).toBe(true);
    const fresh = new Y.Doc();
    Y.applyUpdate(fresh, Y.encodeStateAsUpdate(doc));
    expect(readBlueprint(fresh)).toEqual(second);
  });

  it('notices a field removed or made invalid', () => {
    const doc = blueprintToDoc(generateBlueprint({ cards: 5, seed: 3 }));
    const card = readBlueprint(doc).cards[0]!;
    const map = (doc.getMap('cards') as Y.Map<Y.Map<unknown>>).get(card.id)!;
    map.set('emotion', 'not a number');
    expect(readBlueprint(doc).cards.map((c) => c.id)).not.toContain(card.id);
    map.delete('emotion');
    expect(readBlueprint(doc).cards.map((c) => c.id)).toContain(card.id);
  });

  it('lists entities added and removed since the last read, in id order, by this client or another', () => {
    const doc = blueprintToDoc(generateBlueprint({ cards: 30, seed: 4 }));
    const first = readBlueprint(doc);
    const { stageId, laneId } = first.cards[0]!;
    const added = addCard(doc, { stageId, laneId, title: 'Added here' });
    deleteCard(doc, first.cards[3]!.id);
    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
    const addedThere = addCard(remote, { stageId, laneId, title: 'Added there' });
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote, Y.encodeStateVector(doc)));
    const ids = readBlueprint(doc).cards.map((c) => c.id);
    expect(ids).toContain(added);
    expect(ids).toContain(addedThere);
    expect(ids).not.toContain(first.cards[3]!.id);
    expect(ids).toEqual([...ids].sort());
    expect(ids).toHaveLength(first.cards.length + 1);
    // An edit that adds nothing keeps the listing, and a read still sees the edit.
    updateCard(doc, added, { title: 'Renamed' });
    expect(readBlueprint(doc).cards.find((c) => c.id === added)?.title).toBe('Renamed');
  });
});
