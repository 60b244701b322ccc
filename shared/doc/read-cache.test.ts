import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { generateBlueprint } from '../model/index.ts';
import { moveCard, updateCard } from './edits/index.ts';
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
});
