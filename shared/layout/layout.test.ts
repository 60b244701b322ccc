import { describe, expect, it } from 'vitest';
import { generateBlueprint, type Blueprint } from '../model/index.ts';
import { cellAt, layoutBlueprint, overlaps, type Rect } from './index.ts';

const inside = (inner: Rect, outer: Rect) =>
  inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.w <= outer.x + outer.w && inner.y + inner.h <= outer.y + outer.h;

describe('layoutBlueprint', () => {
  const bp = generateBlueprint({ cards: 400, stages: 12, seed: 9 });
  const layout = layoutBlueprint(bp);

  it('puts stages left to right and lanes top to bottom, in order, edge to edge', () => {
    expect(layout.stages.map((s) => s.index)).toEqual([...Array(12).keys()]);
    for (let i = 1; i < layout.stages.length; i++) expect(layout.stages[i]!.x).toBe(layout.stages[i - 1]!.x + layout.stages[i - 1]!.w);
    for (let i = 1; i < layout.lanes.length; i++) expect(layout.lanes[i]!.y).toBe(layout.lanes[i - 1]!.y + layout.lanes[i - 1]!.h);
    expect(layout.cells).toHaveLength(12 * 7);
  });

  it('keeps every card inside its cell, and no two cards overlap', () => {
    const cells = new Map(layout.cells.map((c) => [`${c.stageId}/${c.laneId}`, c]));
    expect(layout.cards).toHaveLength(400);
    for (const card of layout.cards) expect(inside(card, cells.get(`${card.cell!.stageId}/${card.cell!.laneId}`)!)).toBe(true);
    const sorted = [...layout.cards].sort((a, b) => a.x - b.x);
    for (let i = 0; i < sorted.length; i++) {
      for (let j = i + 1; j < sorted.length && sorted[j]!.x < sorted[i]!.x + sorted[i]!.w; j++)
        expect(overlaps(sorted[i]!, sorted[j]!)).toBe(false);
    }
  });

  it('grows a lane to its fullest cell', () => {
    const fullest = Math.max(...layout.cells.map((c) => c.cardIds.length));
    const lane = layout.lanes.find((l) => layout.cells.some((c) => c.laneId === l.id && c.cardIds.length === fullest))!;
    const rows = Math.ceil(fullest / 2);
    expect(lane.h).toBeGreaterThanOrEqual(rows * (layout.options.cardHeight + layout.options.gap));
  });

  it('reserves the emotion band so feeling cards sit below the curve', () => {
    const feeling = layout.lanes.find((l) => l.kind === 'thinking-feeling')!;
    const curve = layout.emotionCurves.find((c) => c.laneId === feeling.id)!;
    expect(curve.points.length).toBeGreaterThan(0);
    for (const p of curve.points) expect(p.y).toBeGreaterThanOrEqual(curve.band.y);
    for (const p of curve.points) expect(p.y).toBeLessThanOrEqual(curve.band.y + curve.band.h);
    for (const card of layout.cards.filter((c) => c.cell?.laneId === feeling.id))
      expect(card.y).toBeGreaterThanOrEqual(curve.band.y + curve.band.h);
  });

  it('draws orphaned cards in the Unplaced tray below the grid', () => {
    const orphaned: Blueprint = { ...bp, cards: bp.cards.map((c, i) => (i < 3 ? { ...c, stageId: 'st_deleted' } : c)) };
    const withTray = layoutBlueprint(orphaned);
    expect(withTray.tray?.cardIds).toHaveLength(3);
    expect(withTray.tray!.y).toBeGreaterThan(withTray.grid.y + withTray.grid.h);
    for (const id of withTray.tray!.cardIds) expect(inside(withTray.cardsById.get(id)!, withTray.tray!)).toBe(true);
    expect(withTray.bounds.h).toBeGreaterThanOrEqual(withTray.tray!.y + withTray.tray!.h);
    expect(layout.tray).toBeNull();
  });

  it('anchors flows on the facing sides of their cards', () => {
    expect(layout.flows.length).toBe(bp.flows.length);
    for (const f of layout.flows) {
      const a = layout.cardsById.get(f.from)!;
      const b = layout.cardsById.get(f.to)!;
      if (b.x >= a.x + a.w) expect([f.start.x, f.end.x]).toEqual([a.x + a.w, b.x]);
    }
  });

  it('respects a stage width and finds the cell under a point', () => {
    const target = bp.stages[0]!.id;
    const wide = layoutBlueprint({ ...bp, stages: bp.stages.map((s) => (s.id === target ? { ...s, width: 900 } : s)) });
    const first = wide.stages.find((s) => s.id === target)!;
    expect(first.w).toBe(900);
    const cell = wide.cells.find((c) => c.stageId === first.id)!;
    expect(cellAt(wide, { x: cell.x + 5, y: cell.y + 5 })).toBe(cell);
    expect(cellAt(wide, { x: -10, y: 5 })).toBeNull();
  });

  it('is deterministic', () => {
    expect(JSON.stringify(layoutBlueprint(bp))).toBe(JSON.stringify(layout));
  });
});
