import { describe, expect, it } from 'vitest';
import type { TLRecord, TLShape } from 'tldraw';
import { blueprintToDoc, readBlueprint } from '../../../shared/doc/index.ts';
import { generateBlueprint } from '../../../shared/model/index.ts';
import { shapeIds } from '../shape-types.ts';
import type { ModelEdit } from './edit-queue.ts';
import { ProjectedShapeGuards } from './projected-shape-guards.ts';
import { Projector } from './projector.ts';
import { canvasStore } from './test-store.ts';

function setup(state: { gesture: boolean; canEdit: boolean }) {
  const doc = blueprintToDoc(generateBlueprint({ cards: 12, stages: 3, seed: 5 }));
  const store = canvasStore();
  new Projector({ store, doc }).project();
  const edits: ModelEdit[] = [];
  const guards = new ProjectedShapeGuards({
    store,
    gestureActive: () => state.gesture,
    canEdit: () => state.canEdit,
    edit: (fn) => edits.push(fn),
  });
  const card = readBlueprint(doc).cards[0]!;
  const id = shapeIds.card(card.id) as TLRecord['id'];
  const shape = () => store.get(id) as TLShape;
  return { doc, store, guards, edits, card, id, shape };
}

describe('ProjectedShapeGuards', () => {
  it('refuses a user change to a projected shape outside a gesture (a nudge, a style change)', () => {
    const { store, shape } = setup({ gesture: false, canEdit: true });
    const before = shape();
    store.put([{ ...before, x: before.x + 10 } as TLRecord]);
    expect(shape().x).toBe(before.x);
  });

  it('lets a gesture move it, but never rotate it', () => {
    const { store, shape } = setup({ gesture: true, canEdit: true });
    const before = shape();
    store.put([{ ...before, x: before.x + 10 } as TLRecord]);
    expect(shape().x).toBe(before.x + 10);
    store.put([{ ...shape(), rotation: 1 } as TLRecord]);
    expect(shape().rotation).toBe(0);
  });

  it('refuses a viewer dragging a card', () => {
    const { store, shape } = setup({ gesture: true, canEdit: false });
    const before = shape();
    store.put([{ ...before, x: before.x + 10 } as TLRecord]);
    expect(shape().x).toBe(before.x);
  });

  it('turns a user delete into a model edit and keeps the shape until the model says so', () => {
    const { doc, store, edits, id, card } = setup({ gesture: false, canEdit: true });
    store.remove([id]);
    expect(store.has(id)).toBe(true);
    expect(edits).toHaveLength(1);
    edits[0]!(doc, {});
    expect(readBlueprint(doc).cards.some((c) => c.id === card.id)).toBe(false);
  });

  it('lets remote changes (the projection itself) through', () => {
    const { store, id, shape } = setup({ gesture: false, canEdit: false });
    store.mergeRemoteChanges(() => store.put([{ ...shape(), x: 5 } as TLRecord]));
    expect(shape().x).toBe(5);
    store.mergeRemoteChanges(() => store.remove([id]));
    expect(store.has(id)).toBe(false);
  });

  it('drops a pasted copy of a projected shape', async () => {
    const { store, shape } = setup({ gesture: false, canEdit: true });
    const copy = { ...shape(), id: 'shape:c:copy' } as TLRecord;
    store.put([copy]);
    await new Promise((r) => setTimeout(r, 0));
    expect(store.has(copy.id)).toBe(false);
  });

  it('guards nothing once disposed', () => {
    const { store, guards, shape } = setup({ gesture: false, canEdit: true });
    guards.dispose();
    store.put([{ ...shape(), x: 77 } as TLRecord]);
    expect(shape().x).toBe(77);
  });
});
