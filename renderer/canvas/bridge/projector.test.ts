import { describe, expect, it } from 'vitest';
import type { TLRecord, TLStore } from 'tldraw';
import { blueprintToDoc, deleteCard, readBlueprint, updateCard } from '../../../shared/doc/index.ts';
import { generateBlueprint } from '../../../shared/model/index.ts';
import { CARD, shapeIds } from '../shape-types.ts';
import { CARDS_PER_FRAME, Projector, REMOVALS_PER_FRAME } from './projector.ts';
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

describe('Projector on a large scroll (windowed)', () => {
  function windowed(cards = 600) {
    const doc = blueprintToDoc(generateBlueprint({ cards, stages: 12, seed: 9 }));
    const store = canvasStore();
    let view = { x: 0, y: 0, w: 1600, h: 900 };
    let zoom = 1;
    let moving = false;
    let changed: () => void = () => undefined;
    const frames = new Set<() => void>();
    const keep = new Set<string>();
    const full: boolean[] = [];
    const projector = new Projector({
      store,
      doc,
      virtualFrom: 100,
      keep: () => keep,
      viewport: {
        bounds: () => view,
        zoom: () => zoom,
        moving: () => moving,
        onChange: (h) => ((changed = h), () => undefined),
      },
      clock: { request: (run) => (frames.add(run), () => frames.delete(run)) },
      onWindowFull: (f) => full.push(f),
    });
    projector.project();
    const cardIds = () =>
      store
        .allRecords()
        .filter((r) => r.typeName === 'shape' && r.type === CARD)
        .map((r) => r.id as string);
    const move = (next: Partial<typeof view>, z = zoom, drain = true) => {
      view = { ...view, ...next };
      zoom = z;
      changed();
      for (let i = 0; drain && i < 50 && frames.size; i++) [...frames].forEach((f) => f());
    };
    const setMoving = (m: boolean) => {
      moving = m;
      changed();
      for (let i = 0; i < 50 && frames.size; i++) [...frames].forEach((f) => f());
    };
    return { doc, store, projector, cardIds, move, keep, frames, view: () => view, setMoving, full };
  }

  it('mounts nothing while the camera moves, and follows once it has settled', () => {
    const { projector, cardIds, move, setMoving, full } = windowed();
    expect(full.at(-1)).toBe(true);
    const before = cardIds();
    const last = projector.layout().cards.at(-1)!;
    setMoving(true);
    move({ x: last.x - 400, y: last.y - 300 });
    move({ x: last.x - 300, y: last.y - 200 });
    expect(cardIds()).toEqual(before);
    setMoving(false);
    expect(cardIds()).toContain(shapeIds.card(last.id));
    expect(cardIds()).not.toEqual(before);
    expect(full.at(-1)).toBe(true);
  });

  it('a remote edit while the camera moves updates the cards where they are, and mounts no others', () => {
    const { doc, projector, cardIds, move, setMoving, store } = windowed();
    const before = cardIds();
    const shown = readBlueprint(doc).cards.find((c) => before.includes(shapeIds.card(c.id)))!;
    const last = projector.layout().cards.at(-1)!;
    setMoving(true);
    move({ x: last.x - 400, y: last.y - 300 });
    updateCard(doc, shown.id, { title: 'Edited mid-pan' });
    projector.project();
    expect(cardIds()).toEqual(before);
    expect(cardShape(store, shown.id)?.props.title).toBe('Edited mid-pan');
  });

  it('says the window is full only near enough for cards and with nothing left to mount', () => {
    const { move, full, frames, view } = windowed(3000);
    const b = view();
    move({ x: b.x - 10_000, y: b.y - 5000, w: 40_000, h: 20_000 }, 0.05);
    expect(full.at(-1)).toBe(false);
    move({ x: b.x, y: b.y, w: b.w / 0.51, h: b.h / 0.51 }, 0.51, false);
    [...frames].forEach((f) => f());
    expect(frames.size).toBeGreaterThan(0); // still mounting
    expect(full.at(-1)).toBe(false);
    for (let i = 0; i < 50 && frames.size; i++) [...frames].forEach((f) => f());
    expect(full.at(-1)).toBe(true);
  });

  it('holds as shapes only the cards near the view, and the overview draws them all', () => {
    const { store, projector, cardIds, doc, view } = windowed();
    const all = projector.layout().cards;
    const inView = all.filter(
      (c) => c.x < view().x + view().w && c.x + c.w > view().x && c.y < view().y + view().h && c.y + c.h > view().y,
    );
    const ids = new Set(cardIds());
    expect(ids.size).toBeGreaterThan(0);
    expect(ids.size).toBeLessThan(all.length);
    for (const c of inView) expect(ids.has(shapeIds.card(c.id))).toBe(true);
    const overview = store.get(shapeIds.overview() as TLRecord['id']) as unknown as { props: { cards: number } };
    expect(overview.props.cards).toBe(readBlueprint(doc).cards.length);
  });

  it('follows the camera: cards far off come in as the view gets there, those left behind go', () => {
    const { projector, cardIds, move } = windowed();
    const last = projector.layout().cards.at(-1)!;
    expect(cardIds()).not.toContain(shapeIds.card(last.id));
    const first = new Set(cardIds());
    move({ x: last.x - 400, y: last.y - 300 });
    expect(cardIds()).toContain(shapeIds.card(last.id));
    expect(cardIds().filter((id) => first.has(id)).length).toBeLessThan(first.size);
  });

  it('far out draws no card shapes (the overview alone), and mounts them again on zooming in', () => {
    const { cardIds, move, view } = windowed();
    const b = { ...view() };
    move({ x: b.x - 10_000, y: b.y - 5000, w: 40_000, h: 20_000 }, 0.05);
    expect(cardIds()).toEqual([]);
    move({ x: b.x, y: b.y, w: b.w / 0.4, h: b.h / 0.4 }, 0.4);
    expect(cardIds()).toEqual([]);
    move(b, 1);
    expect(cardIds().length).toBeGreaterThan(0);
  });

  it('keeps a selected card wherever the view goes, and reveals a far-off one on request', () => {
    const { projector, cardIds, move, keep } = windowed();
    const cards = projector.layout().cards;
    const near = shapeIds.card(cards[0]!.id);
    const far = shapeIds.card(cards.at(-1)!.id);
    keep.add(near);
    move({ x: cards.at(-1)!.x, y: cards.at(-1)!.y });
    expect(cardIds()).toContain(near);
    move({ x: 0, y: 0 });
    projector.reveal([far]);
    expect(cardIds()).toContain(far);
  });

  it('applies a remote edit to a card in the window and leaves those outside out of the store', () => {
    const { doc, store, projector, cardIds } = windowed();
    const shown = new Set(cardIds());
    const inside = readBlueprint(doc).cards.find((c) => shown.has(shapeIds.card(c.id)))!;
    const outside = readBlueprint(doc).cards.find((c) => !shown.has(shapeIds.card(c.id)))!;
    updateCard(doc, inside.id, { title: 'Seen' });
    updateCard(doc, outside.id, { title: 'Not drawn yet' });
    projector.project();
    expect(cardShape(store, inside.id)?.props.title).toBe('Seen');
    expect(cardShape(store, outside.id)).toBeUndefined();
    expect(projector.layout().cardsById.has(outside.id)).toBe(true);
  });

  it('mounts a big jump in slices, nearest first, so no frame mounts more than its budget', () => {
    const { cardIds, move, frames, view } = windowed(3000);
    // Zoom out to just above the far threshold: many cards come into the window at once.
    const z = 0.51;
    const b = view();
    move({ x: b.x, y: b.y, w: b.w / z, h: b.h / z }, z, false);
    let count = cardIds().length;
    const steps: number[] = [];
    for (let i = 0; i < 50 && frames.size; i++) {
      [...frames].forEach((f) => f());
      steps.push(cardIds().length - count);
      count = cardIds().length;
    }
    expect(steps.length).toBeGreaterThan(1);
    expect(Math.max(...steps)).toBeLessThanOrEqual(CARDS_PER_FRAME);
    expect(frames.size).toBe(0); // and then it is done
  });
});

describe('Projector window after zooming in', () => {
  it('shrinks the window when the view zooms in from far out, instead of mounting the whole scroll', () => {
    const doc = blueprintToDoc(generateBlueprint({ cards: 3000, stages: 12, seed: 9 }));
    const store = canvasStore();
    let view = { x: -1000, y: -1000, w: 100_000, h: 60_000 };
    let zoom = 0.02;
    let changed: () => void = () => undefined;
    const frames = new Set<() => void>();
    const projector = new Projector({
      store,
      doc,
      virtualFrom: 100,
      viewport: { bounds: () => view, zoom: () => zoom, onChange: (h) => ((changed = h), () => undefined) },
      clock: { request: (run) => (frames.add(run), () => frames.delete(run)) },
    });
    projector.project();
    view = { x: 0, y: 0, w: 1600, h: 900 };
    zoom = 1;
    changed();
    for (let i = 0; i < 50 && frames.size; i++) [...frames].forEach((f) => f());
    const cards = store.allRecords().filter((r) => r.typeName === 'shape' && r.type === CARD).length;
    expect(cards).toBeGreaterThan(0);
    expect(cards).toBeLessThan(400);
  });
});

describe('Projector unmounting', () => {
  it('takes cards out a slice per frame when the view jumps away, and ends with none left behind', () => {
    const doc = blueprintToDoc(generateBlueprint({ cards: 3000, stages: 12, seed: 9 }));
    const store = canvasStore();
    let view = { x: 0, y: 0, w: 1600 / 0.55, h: 900 / 0.55 };
    let zoom = 0.55;
    let changed: () => void = () => undefined;
    const frames = new Set<() => void>();
    const projector = new Projector({
      store,
      doc,
      virtualFrom: 100,
      viewport: { bounds: () => view, zoom: () => zoom, onChange: (h) => ((changed = h), () => undefined) },
      clock: { request: (run) => (frames.add(run), () => frames.delete(run)) },
    });
    projector.project();
    const count = () => store.allRecords().filter((r) => r.typeName === 'shape' && r.type === CARD).length;
    const start = count();
    expect(start).toBeGreaterThan(REMOVALS_PER_FRAME);
    view = { x: -1e6, y: -1e6, w: 1600, h: 900 };
    zoom = 1;
    changed();
    const steps: number[] = [];
    for (let i = 0; i < 50 && frames.size; i++) {
      const before = count();
      [...frames].forEach((f) => f());
      steps.push(before - count());
    }
    expect(Math.max(...steps)).toBeLessThanOrEqual(REMOVALS_PER_FRAME);
    expect(count()).toBe(0);
  });
});
