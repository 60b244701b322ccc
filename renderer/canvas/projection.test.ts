import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { getTemplate } from '../../shared/templates/index.ts';
import { addStage, blueprintToDoc, deleteStage, moveCard, readBlueprint, updateCard, updateStage } from '../../shared/doc/index.ts';
import { generateBlueprint } from '../../shared/model/index.ts';
import { overlaps } from '../../shared/layout/index.ts';
import { diffProjection, projectBlueprint, type ShapeRecord } from './projection.ts';
import { CARD, CELL, FLOWS, STAGE, TRAY, shapeIds } from './shape-types.ts';
import { cardDropAt, flowAt, reorderIndex } from './gestures.ts';

const ME = { me: true };
const byId = (shapes: readonly ShapeRecord[]) => new Map(shapes.map((s) => [s.id, s]));

function b2bDoc(): Y.Doc {
  return blueprintToDoc(getTemplate('b2b-lead-to-renewal')!.build());
}

describe('projection', () => {
  it('draws every card, stage, lane and cell of the B2B template where the layout puts them', () => {
    const bp = readBlueprint(b2bDoc());
    const { shapes, layout } = projectBlueprint(bp);
    const cards = shapes.filter((s) => s.type === CARD);
    expect(cards).toHaveLength(bp.cards.length);
    for (const card of cards) {
      const box = layout.cardsById.get(card.id.replace('shape:c:', ''))!;
      expect([card.x, card.y]).toEqual([box.x, box.y]);
    }
    expect(shapes.filter((s) => s.type === STAGE)).toHaveLength(bp.stages.length);
    expect(shapes.filter((s) => s.type === CELL)).toHaveLength(bp.stages.length * bp.lanes.length);
    expect(shapes.find((s) => s.type === FLOWS)?.props).toMatchObject({ lines: expect.any(Array) });
    // No two cards overlap, and stage headers sit edge to edge.
    for (let i = 0; i < cards.length; i++) {
      for (let j = i + 1; j < cards.length; j++) {
        const a = cards[i]!.props as { w: number; h: number };
        const b = cards[j]!.props as { w: number; h: number };
        expect(overlaps({ x: cards[i]!.x, y: cards[i]!.y, ...a }, { x: cards[j]!.x, y: cards[j]!.y, ...b })).toBe(false);
      }
    }
    expect(new Set(shapes.map((s) => s.id)).size).toBe(shapes.length);
  });

  it('is deterministic: two clients with the same model draw identical records', () => {
    const a = b2bDoc();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(JSON.stringify(projectBlueprint(readBlueprint(a)).shapes)).toBe(JSON.stringify(projectBlueprint(readBlueprint(b)).shapes));
  });

  it('re-projects a remote edit as the smallest change: one card edited → one record', () => {
    const doc = b2bDoc();
    const before = projectBlueprint(readBlueprint(doc)).shapes;
    const card = readBlueprint(doc).cards[3]!;
    updateCard(doc, card.id, { title: 'Renamed by a peer' }, ME);
    const diff = diffProjection(byId(before), projectBlueprint(readBlueprint(doc)).shapes);
    expect(diff.remove).toEqual([]);
    expect(diff.put.map((s) => s.id)).toEqual([shapeIds.card(card.id)]);
    expect(diff.put[0]!.props).toMatchObject({ title: 'Renamed by a peer' });
    expect(diffProjection(byId(projectBlueprint(readBlueprint(doc)).shapes), projectBlueprint(readBlueprint(doc)).shapes)).toEqual({
      put: [],
      remove: [],
    });
  });

  it('moves a card between cells and keeps its shape id (selection survives)', () => {
    const doc = b2bDoc();
    const bp = readBlueprint(doc);
    const card = bp.cards[0]!;
    const other = bp.stages.find((s) => s.id !== card.stageId)!;
    const before = byId(projectBlueprint(bp).shapes);
    moveCard(doc, card.id, { stageId: other.id, laneId: card.laneId }, ME);
    const after = projectBlueprint(readBlueprint(doc));
    const diff = diffProjection(before, after.shapes);
    expect(diff.remove).toEqual([]);
    const moved = diff.put.find((s) => s.id === shapeIds.card(card.id))!;
    const cell = after.layout.cells.find((c) => c.stageId === other.id && c.laneId === card.laneId)!;
    expect(moved.x).toBeGreaterThanOrEqual(cell.x);
    expect(moved.x).toBeLessThan(cell.x + cell.w);
  });

  it('holds the position of a shape being dragged while the rest re-projects', () => {
    const doc = b2bDoc();
    const shapes = projectBlueprint(readBlueprint(doc)).shapes;
    const card = readBlueprint(doc).cards[0]!;
    const id = shapeIds.card(card.id);
    const current = byId(shapes.map((s) => (s.id === id ? { ...s, x: s.x + 333, y: s.y + 77 } : s)));
    updateCard(doc, card.id, { title: 'Edited while dragged' }, ME);
    updateStage(doc, readBlueprint(doc).stages[0]!.id, { width: 600 }, ME);
    const diff = diffProjection(current, projectBlueprint(readBlueprint(doc)).shapes, new Set([id]));
    const held = diff.put.find((s) => s.id === id)!;
    expect([held.x, held.y]).toEqual([current.get(id)!.x, current.get(id)!.y]);
    expect(held.props).toMatchObject({ title: 'Edited while dragged' });
  });

  it('shows cards of a deleted stage in the Unplaced tray, and a new stage as a new column', () => {
    const doc = b2bDoc();
    const stage = readBlueprint(doc).stages[0]!;
    deleteStage(doc, stage.id, {}, ME);
    const added = addStage(doc, { name: 'Advocacy' }, ME);
    const { shapes, view } = projectBlueprint(readBlueprint(doc));
    expect(view.unplaced.length).toBeGreaterThan(0);
    expect(shapes.find((s) => s.type === TRAY)?.props).toMatchObject({ count: view.unplaced.length });
    expect(shapes.some((s) => s.id === shapeIds.stage(added))).toBe(true);
    expect(shapes.some((s) => s.id === shapeIds.stage(stage.id))).toBe(false);
  });

  it('projects 5,000 cards and diffs an unchanged model quickly (the canvas does this per remote change)', () => {
    const bp = generateBlueprint({ cards: 5000, stages: 12, seed: 3 });
    const first = projectBlueprint(bp).shapes;
    const t0 = performance.now();
    const again = projectBlueprint(bp).shapes;
    const diff = diffProjection(byId(first), again);
    const elapsed = performance.now() - t0;
    expect(diff).toEqual({ put: [], remove: [] });
    expect(elapsed).toBeLessThan(1000);
  });
});

describe('gestures', () => {
  const bp = readBlueprint(b2bDoc());
  const { layout } = projectBlueprint(bp);

  it('finds the cell and position a card is dropped at', () => {
    const cell = layout.cells.find((c) => c.cardIds.length >= 2)!;
    const first = layout.cardsById.get(cell.cardIds[0]!)!;
    const moving = 'cd_elsewhere';
    expect(cardDropAt(layout, { x: first.x + 2, y: first.y + 2 }, moving)).toEqual({
      stageId: cell.stageId,
      laneId: cell.laneId,
      index: 0,
    });
    expect(cardDropAt(layout, { x: first.x + first.w - 2, y: first.y + 2 }, moving)).toMatchObject({ index: 1 });
    expect(cardDropAt(layout, { x: cell.x + cell.w - 2, y: cell.y + cell.h - 2 }, moving)).toMatchObject({ index: cell.cardIds.length });
    expect(cardDropAt(layout, { x: -50, y: 10 }, moving)).toBeNull();
  });

  it('hit-tests flows along their curves, not their bounding boxes', () => {
    const lines = [
      { id: 'f1', x1: 0, y1: 0, x2: 200, y2: 0, label: '', lx: 0, ly: 0 },
      { id: 'f2', x1: 0, y1: 0, x2: 200, y2: 200, label: '', lx: 0, ly: 0 },
    ];
    const origin = { x: 1000, y: 500 };
    expect(flowAt(lines, origin, { x: 1100, y: 503 }, 6)).toBe('f1');
    expect(flowAt(lines, origin, { x: 1100, y: 600 }, 6)).toBe('f2'); // the S-curve's midpoint
    expect(flowAt(lines, origin, { x: 1150, y: 540 }, 6)).toBeNull(); // inside f2's box, off its curve
  });

  it('places flow labels where they cover no card and no other label', () => {
    const { shapes } = projectBlueprint(bp);
    const flows = shapes.find((s) => s.type === FLOWS)!;
    const lines = (flows.props as { lines: Array<{ label: string; lx: number; ly: number }> }).lines.filter((l) => l.label);
    expect(lines.length).toBeGreaterThan(10);
    const boxes = lines.map((l) => ({
      x: flows.x + l.lx - (l.label.length * 5.6 + 6) / 2,
      y: flows.y + l.ly - 6.5,
      w: l.label.length * 5.6 + 6,
      h: 13,
    }));
    for (let i = 0; i < boxes.length; i++) {
      for (const card of layout.cards) expect(overlaps(boxes[i]!, card)).toBe(false);
      for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i]!, boxes[j]!)).toBe(false);
    }
  });

  it('reorders headers by centre position', () => {
    const boxes = layout.stages;
    const third = boxes[2]!;
    expect(reorderIndex(boxes, boxes[0]!.id, third.x + third.w / 2 + 1, 'x')).toBe(2);
    expect(reorderIndex(boxes, boxes[2]!.id, -100, 'x')).toBe(0);
    expect(reorderIndex(layout.lanes, layout.lanes[0]!.id, 1e9, 'y')).toBe(layout.lanes.length - 1);
  });
});
