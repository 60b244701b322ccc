import { describe, expect, it } from 'vitest';
import { blueprintToDoc, updateCard } from '../../shared/doc/index.ts';
import { generateBlueprint } from '../../shared/model/index.ts';
import { currentBlueprint } from './current-blueprint.ts';

describe('currentBlueprint', () => {
  it('returns the same model until the document changes, then the new one', () => {
    const doc = blueprintToDoc(generateBlueprint({ cards: 20, stages: 2, seed: 1 }));
    const first = currentBlueprint(doc);
    expect(currentBlueprint(doc)).toBe(first);
    updateCard(doc, first.cards[0]!.id, { title: 'Changed' });
    const next = currentBlueprint(doc);
    expect(next).not.toBe(first);
    expect(next.cards.find((c) => c.id === first.cards[0]!.id)?.title).toBe('Changed');
  });

  it('never keeps a read made inside a transaction past its end', () => {
    const doc = blueprintToDoc(generateBlueprint({ cards: 5, stages: 1, seed: 2 }));
    const id = currentBlueprint(doc).cards[0]!.id;
    doc.transact(() => {
      updateCard(doc, id, { title: 'one' });
      currentBlueprint(doc);
      updateCard(doc, id, { title: 'two' });
    });
    expect(currentBlueprint(doc).cards.find((c) => c.id === id)?.title).toBe('two');
  });
});
