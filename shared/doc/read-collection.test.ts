import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { generateBlueprint } from '../model/index.ts';
import { addCard, deleteCard, updateCard } from './edits/index.ts';
import { readBlueprint, readBlueprintReport } from './read.ts';
import { blueprintToDoc } from './write.ts';

/** A fresh document with the same content: read with no cache at all. */
function fresh(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

describe('reading a collection incrementally', () => {
  it('after any mix of edits, here and from another client, reads what a fresh document reads', () => {
    const doc = blueprintToDoc(generateBlueprint({ cards: 120, stages: 5, seed: 11 }));
    const other = fresh(doc);
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648), seed % n);
    for (let step = 0; step < 160; step++) {
      // Edits land in either document, and are sometimes merged across.
      const target = random(3) === 0 ? other : doc;
      const cards = readBlueprint(target).cards;
      const card = cards[random(cards.length)]!;
      const cardsMap = target.getMap('cards') as Y.Map<Y.Map<unknown>>;
      switch (random(6)) {
        case 0:
          updateCard(target, card.id, { title: `Step ${step}` });
          break;
        case 1:
          target.transact(() => {
            for (let i = 0; i < 10; i++) updateCard(target, cards[random(cards.length)]!.id, { owner: `Team ${step}` });
          });
          break;
        case 2:
          addCard(target, { stageId: card.stageId, laneId: card.laneId, title: `Added ${step}` });
          break;
        case 3:
          deleteCard(target, card.id);
          break;
        case 4:
          // A peer writes a value that does not validate, and later puts it right.
          cardsMap.get(card.id)?.set('emotion', 'not a number');
          if (random(2)) cardsMap.get(card.id)?.delete('emotion');
          break;
        case 5:
          Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)));
          Y.applyUpdate(other, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(other)));
          break;
      }
      if (random(2)) {
        const report = readBlueprintReport(target);
        const expected = readBlueprintReport(fresh(target));
        expect(report.blueprint).toEqual(expected.blueprint);
        expect(report.problems).toEqual(expected.problems);
      }
    }
    expect(readBlueprintReport(doc)).toEqual(readBlueprintReport(fresh(doc)));
  });

  it('keeps every unchanged entity the same object between reads, and gives each read its own arrays', () => {
    const doc = blueprintToDoc(generateBlueprint({ cards: 50, seed: 5 }));
    const first = readBlueprint(doc);
    updateCard(doc, first.cards[7]!.id, { title: 'Edited' });
    const second = readBlueprint(doc);
    expect(second.cards).not.toBe(first.cards);
    second.cards.forEach((card, i) => (i === 7 ? expect(card).not.toBe(first.cards[i]) : expect(card).toBe(first.cards[i])));
    expect(second.cards[7]!.title).toBe('Edited');
  });
});
