import type * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { blueprintToDoc, readBlueprint } from '../doc/index.ts';
import { generateBlueprint, seededRandom, type Blueprint } from '../model/index.ts';
import { applyDiff, diffBlueprints, isEmptyDiff } from './diff.ts';
import { randomEdit } from './random-edits.ts';
import { writeDiff } from './versions.ts';

const withoutHistory = (b: Blueprint): Blueprint => ({ ...b, history: [] });

describe('diffBlueprints', () => {
  it('names each added, removed, moved and changed entity with its fields before → after', () => {
    const a = generateBlueprint({ seed: 3, stages: 3, cards: 6 });
    const doc = blueprintToDoc(a);
    const [first, second] = a.cards;
    const third = a.cards[2]!;
    const otherStage = a.stages.find((s) => s.id !== second!.stageId)!;
    doc.transact(() => {
      const cards = doc.getMap<Y.Map<unknown>>('cards');
      cards.get(first!.id)!.set('title', 'Welcome email v2');
      cards.get(second!.id)!.set('stageId', otherStage.id);
      cards.delete(third.id);
      doc.getMap('meta').set('title', 'Renamed journey');
    });
    const b = readBlueprint(doc);
    const diff = diffBlueprints(a, b);
    expect(diff.meta).toEqual([{ field: 'title', before: a.meta.title, after: 'Renamed journey' }]);
    const byId = new Map(diff.entities.map((e) => [e.id, e]));
    expect(byId.get(first!.id)).toMatchObject({
      change: 'changed',
      label: 'Welcome email v2',
      fields: [{ field: 'title', before: first!.title, after: 'Welcome email v2' }],
    });
    expect(byId.get(second!.id)).toMatchObject({
      change: 'moved',
      fields: [{ field: 'stageId', before: second!.stageId, after: otherStage.id }],
    });
    expect(byId.get(third.id)).toMatchObject({ change: 'removed', label: third.title });
    // A raw delete leaves the card's flows (they are hidden, not deleted): only the card is removed.
    expect(diff.counts).toEqual({ changed: 1, moved: 1, added: 0, removed: 1 });
  });

  it('is empty between equal blueprints whatever the key order', () => {
    const a = generateBlueprint({ seed: 4, cards: 40 });
    const b = JSON.parse(JSON.stringify(readBlueprint(blueprintToDoc(a)))) as Blueprint;
    b.cards = b.cards.map((c) => Object.fromEntries(Object.entries(c).reverse()) as typeof c);
    expect(isEmptyDiff(diffBlueprints(a, b))).toBe(true);
  });

  it('property: over random edit sequences, applying the diff of A → B to A gives B, as JSON and in a document', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const random = seededRandom(seed);
      const doc = blueprintToDoc(generateBlueprint({ seed, stages: 4, cards: 20 }));
      const a = readBlueprint(doc);
      const edits = 1 + random.int(25);
      for (let i = 0; i < edits; i++) randomEdit(doc, random);
      const b = readBlueprint(doc);
      const diff = diffBlueprints(a, b);
      expect(withoutHistory(applyDiff(a, diff)), `seed ${seed}`).toEqual(withoutHistory(b));
      const copy = blueprintToDoc(a);
      writeDiff(copy, diff);
      expect(withoutHistory(readBlueprint(copy)), `seed ${seed} (document)`).toEqual(withoutHistory(b));
      // And back: the reverse diff undoes it.
      expect(withoutHistory(applyDiff(b, diffBlueprints(b, a))), `seed ${seed} (reverse)`).toEqual(withoutHistory(a));
    }
  });
});
