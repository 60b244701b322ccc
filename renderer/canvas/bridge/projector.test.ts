import { describe, expect, it } from 'vitest';
import type { TLRecord, TLStore } from 'tldraw';
import { blueprintToDoc, deleteCard, readBlueprint, updateCard } from '../../../shared/doc/index.ts';
import { generateBlueprint } from '../../../shared/model/index.ts';
import { CARD, shapeIds } from '../shape-types.ts';
import { Projector } from './projector.ts';
import { canvasStore } from './test-store.ts';

function setup(held = new Set<string>()) {
  const doc = blueprintToDoc(generateBlueprint({ cards: 40, stages: 4, seed: 3 }));
  const store = canvasStore();
  const sources: string[] = [];
  store.listen(
    (entry) => {
      const touched = [...Object.values(entry.changes.added), ...Object.values(entry.changes.updated).map(([, to]) => to)];
      if (touched.some((r) => r.typeName === 'shape')) sources.push(entry.source);
    },
    { scope: 'document' },
  );
  const projector = new Projector({ store, doc, held: () => held });
  return { doc, store, projector, sources };
}

const cardShape = (store: TLStore, id: string) =>
  store.get(shapeIds.card(id) as TLRecord['id']) as unknown as { x: number; y: number; props: { title: string } } | undefined;

describe('Projector', () => {
  it('puts every card of the model into the store as a remote change (never synced, never undone)', async () => {
    const { doc, store, projector, sources } = setup();
    projector.project();
    const cards = readBlueprint(doc).cards;
    expect(store.allRecords().filter((r) => r.typeName === 'shape' && r.type === CARD)).toHaveLength(cards.length);
    await new Promise((r) => setTimeout(r, 0));
    expect(sources.length).toBeGreaterThan(0);
    expect(new Set(sources)).toEqual(new Set(['remote']));
  });

  it('applies an edit and a delete as the smallest change', () => {
    const { doc, store, projector } = setup();
    projector.project();
    const [a, b] = readBlueprint(doc).cards;
    updateCard(doc, a!.id, { title: 'Renamed' });
    deleteCard(doc, b!.id);
    let changed = 0;
    const stop = store.listen((e) => (changed += Object.keys(e.changes.updated).length + Object.keys(e.changes.removed).length));
    projector.project();
    stop();
    expect(cardShape(store, a!.id)?.props.title).toBe('Renamed');
    expect(cardShape(store, b!.id)).toBeUndefined();
    // The edited card, the deleted one, and what depends on them (its cell's neighbours, the flows, the stage summary).
    expect(changed).toBeLessThan(20);
  });

  it('leaves a held shape where the pointer has it', () => {
    const held = new Set<string>();
    const { doc, store, projector } = setup(held);
    projector.project();
    const card = readBlueprint(doc).cards[0]!;
    const id = shapeIds.card(card.id);
    const shape = store.get(id as TLRecord['id'])!;
    store.mergeRemoteChanges(() => store.put([{ ...shape, x: 9999 } as TLRecord]));
    held.add(id);
    updateCard(doc, card.id, { title: 'While dragging' });
    projector.project();
    expect(cardShape(store, card.id)).toMatchObject({ x: 9999, props: { title: 'While dragging' } });
  });

  it('keeps the layout it drew, and projects nothing after dispose', () => {
    const { doc, store, projector } = setup();
    projector.project();
    expect(projector.layout().cards).toHaveLength(readBlueprint(doc).cards.length);
    projector.dispose();
    updateCard(doc, readBlueprint(doc).cards[0]!.id, { title: 'After' });
    projector.project();
    expect(cardShape(store, readBlueprint(doc).cards[0]!.id)?.props.title).not.toBe('After');
  });
});
