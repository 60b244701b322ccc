import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import type { TLRecord } from 'tldraw';
import { blueprintToDoc, putAnnotation, readBlueprint } from '../../../shared/doc/index.ts';
import { generateBlueprint } from '../../../shared/model/index.ts';
import { shapeIds } from '../shape-types.ts';
import { createUndoManager } from '../undo.ts';
import { SCHEMA_RECORD_ID } from '../annotations.ts';
import { AnnotationSync } from './annotation-sync.ts';
import { Projector } from './projector.ts';
import { arrowBetween, canvasStore, geoShape } from './test-store.ts';

const settle = (ms = 10) => new Promise((r) => setTimeout(r, ms));

function setup(state = { gesture: false, canEdit: true, editing: null as string | null }) {
  const doc = blueprintToDoc(generateBlueprint({ cards: 12, stages: 3, seed: 6 }));
  const store = canvasStore();
  const projector = new Projector({ store, doc });
  projector.project();
  const origin = { me: 1 };
  const undo = createUndoManager(doc, origin);
  const writes: number[] = [];
  const sync = new AnnotationSync({
    store,
    doc,
    origin,
    undo,
    canEdit: () => state.canEdit,
    gestureActive: () => state.gesture,
    editingShapeId: () => state.editing,
    afterWrite: () => writes.push(1),
    retryMs: 5,
  });
  const annotationIds = () => readBlueprint(doc).annotations.map((a) => a.id);
  return { doc, store, undo, sync, writes, state, annotationIds };
}

describe('AnnotationSync', () => {
  it('writes a drawn shape into the document as this person edit (with the schema), and undo takes it away', async () => {
    const { store, undo, annotationIds, writes, sync } = setup();
    store.put([geoShape(store, 'shape:box')]);
    await settle();
    expect(annotationIds()).toEqual(expect.arrayContaining(['shape:box', SCHEMA_RECORD_ID]));
    expect(writes).toHaveLength(1);
    undo.undo();
    expect(annotationIds()).not.toContain('shape:box');
    sync.pull();
    expect(store.has('shape:box' as TLRecord['id'])).toBe(false);
  });

  it('waits for the gesture to end: one drag is one write', async () => {
    const { store, annotationIds, state } = setup({ gesture: true, canEdit: true, editing: null });
    store.put([geoShape(store, 'shape:box')]);
    store.put([{ ...store.get('shape:box' as TLRecord['id'])!, x: 50 } as TLRecord]);
    await settle(20);
    expect(annotationIds()).not.toContain('shape:box');
    state.gesture = false;
    await settle(20);
    expect(annotationIds()).toContain('shape:box');
  });

  it('puts a peer annotation into the store as a remote change', () => {
    const { doc, store, sync } = setup();
    const peer = new Y.Doc();
    const record = geoShape(store, 'shape:peer', 30, 40);
    putAnnotation(peer, JSON.parse(JSON.stringify(record)), 'peer');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(peer));
    sync.pull();
    expect(store.get('shape:peer' as TLRecord['id'])).toMatchObject({ x: 30, y: 40, type: 'geo' });
  });

  it('leaves a record this tldraw cannot read in the document and out of the store', () => {
    const { doc, store, sync, annotationIds } = setup();
    putAnnotation(doc, { id: 'shape:broken', typeName: 'shape', type: 'geo', x: 'not a number' } as never, 'peer');
    sync.pull();
    expect(store.has('shape:broken' as TLRecord['id'])).toBe(false);
    expect(annotationIds()).toContain('shape:broken');
  });

  it('turns an arrow drawn from one card to another into a flow, and keeps no arrow', async () => {
    const { doc, store, annotationIds } = setup();
    const [a, b] = readBlueprint(doc).cards;
    const before = readBlueprint(doc).flows.length;
    store.put(arrowBetween(store, 'shape:arrow1', shapeIds.card(a!.id), shapeIds.card(b!.id)));
    await settle();
    const flows = readBlueprint(doc).flows;
    expect(flows).toHaveLength(before + 1);
    expect(flows.some((f) => f.from === a!.id && f.to === b!.id)).toBe(true);
    expect(store.has('shape:arrow1' as TLRecord['id'])).toBe(false);
    expect(annotationIds()).not.toContain('shape:arrow1');
  });

  it('keeps an arrow between two annotations as an annotation', async () => {
    const { store, annotationIds } = setup();
    store.put([geoShape(store, 'shape:p'), geoShape(store, 'shape:q', 300, 0)]);
    store.put(arrowBetween(store, 'shape:arrow2', 'shape:p', 'shape:q'));
    await settle();
    expect(annotationIds()).toEqual(expect.arrayContaining(['shape:arrow2', 'binding:arrow2-start', 'binding:arrow2-end']));
  });

  it('writes nothing for a viewer', async () => {
    const { store, annotationIds } = setup({ gesture: false, canEdit: false, editing: null });
    store.put([geoShape(store, 'shape:box')]);
    await settle();
    expect(annotationIds()).toEqual([]);
  });

  it('stops writing on dispose', async () => {
    const { store, sync, annotationIds } = setup();
    sync.dispose();
    store.put([geoShape(store, 'shape:box')]);
    await settle();
    expect(annotationIds()).toEqual([]);
  });
});

describe('AnnotationSync with a windowed scroll', () => {
  it('brings back an arrow bound to a far-off card when the view reaches the card', () => {
    const doc = blueprintToDoc(generateBlueprint({ cards: 600, stages: 12, seed: 9 }));
    const store = canvasStore();
    let view = { x: 0, y: 0, w: 1600, h: 900 };
    let changed: () => void = () => undefined;
    const frames = new Set<() => void>();
    let sync: AnnotationSync | null = null;
    const projector = new Projector({
      store,
      doc,
      virtualFrom: 100,
      viewport: { bounds: () => view, zoom: () => 1, onChange: (h) => ((changed = h), () => undefined) },
      clock: { request: (run) => (frames.add(run), () => frames.delete(run)) },
      onWindowMoved: () => sync?.pull(),
    });
    projector.project();
    sync = new AnnotationSync({
      store,
      doc,
      origin: {},
      undo: createUndoManager(doc, {}),
      canEdit: () => true,
      gestureActive: () => false,
      editingShapeId: () => null,
      afterWrite: () => undefined,
    });
    const far = projector.layout().cards.at(-1)!;
    const near = projector.layout().cards[0]!;
    // A peer's arrow from a note to the far card.
    const peer = canvasStore();
    const records = [
      geoShape(peer, 'shape:note', near.x, near.y - 200),
      ...arrowBetween(peer, 'shape:arr', 'shape:note', shapeIds.card(far.id)),
    ];
    for (const r of records) putAnnotation(doc, JSON.parse(JSON.stringify(r)), 'peer');
    sync.pull();
    expect(store.has('binding:arr-end' as TLRecord['id'])).toBe(false); // its card is not a shape here
    view = { x: far.x - 400, y: far.y - 300, w: 1600, h: 900 };
    changed();
    for (let i = 0; i < 50 && frames.size; i++) [...frames].forEach((f) => f());
    expect(store.has(shapeIds.card(far.id) as TLRecord['id'])).toBe(true);
    expect(store.has('binding:arr-end' as TLRecord['id'])).toBe(true);
  });
});
