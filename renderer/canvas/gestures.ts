import { cellAt, type Point, type Rect, type ScrollLayout } from '../../shared/layout/index.ts';
import type { FlowLine } from './shape-types.ts';

/**
 * Gestures → model edits, the pure half: where a dropped card lands, where a dragged header goes.
 * The layout then snaps everything into place on every client; nothing is derived from x/y except
 * the target of the gesture itself.
 */
export interface CardDrop {
  readonly stageId: string;
  readonly laneId: string;
  /** Position among the cell's other cards. */
  readonly index: number;
}

/** The cell under `point` and the position in it (reading order: rows top to bottom, left to right). */
export function cardDropAt(layout: ScrollLayout, point: Point, movingId: string): CardDrop | null {
  const cell = cellAt(layout, point);
  if (!cell) return null;
  let index = 0;
  for (const id of cell.cardIds) {
    if (id === movingId) continue;
    const box = layout.cardsById.get(id);
    if (!box) continue;
    const rowAbove = point.y >= box.y + box.h;
    const sameRowLeft = point.y >= box.y && point.x >= box.x + box.w / 2;
    if (rowAbove || sameRowLeft) index++;
  }
  return { stageId: cell.stageId, laneId: cell.laneId, index };
}

/** Where a header dragged along `axis` lands: its index among the others, by centre position. */
export function reorderIndex(boxes: readonly (Rect & { id: string })[], movingId: string, center: number, axis: 'x' | 'y'): number {
  let index = 0;
  for (const box of boxes) {
    if (box.id === movingId) continue;
    const mid = axis === 'x' ? box.x + box.w / 2 : box.y + box.h / 2;
    if (center > mid) index++;
  }
  return index;
}

/** A stage width from a resize gesture, kept inside the model's limits. */
export function clampStageWidth(width: number): number {
  return Math.max(120, Math.min(4000, Math.round(width)));
}

/**
 * The flow under a point (page space), within `tolerance`: flows are drawn in one shape, so they
 * are hit-tested here, along the same curve the flow shape draws.
 */
export function flowAt(lines: readonly FlowLine[], origin: Point, point: Point, tolerance: number): string | null {
  let best: string | null = null;
  let bestDistance = tolerance;
  const p = { x: point.x - origin.x, y: point.y - origin.y };
  for (const line of lines) {
    const minX = Math.min(line.x1, line.x2) - tolerance;
    const maxX = Math.max(line.x1, line.x2) + tolerance;
    const minY = Math.min(line.y1, line.y2) - tolerance;
    const maxY = Math.max(line.y1, line.y2) + tolerance;
    if (p.x < minX || p.x > maxX || p.y < minY || p.y > maxY) continue;
    const points = flowCurve(line, 16);
    for (let i = 1; i < points.length; i++) {
      const d = distanceToSegment(p, points[i - 1]!, points[i]!);
      if (d < bestDistance) {
        bestDistance = d;
        best = line.id;
      }
    }
  }
  return best;
}

/** The flow's curve: a cubic from start to end, leaving and entering along the dominant axis. */
export function flowControls(l: Pick<FlowLine, 'x1' | 'y1' | 'x2' | 'y2'>): [Point, Point, Point, Point] {
  const dx = l.x2 - l.x1;
  const dy = l.y2 - l.y1;
  if (Math.abs(dx) >= Math.abs(dy))
    return [
      { x: l.x1, y: l.y1 },
      { x: l.x1 + dx / 2, y: l.y1 },
      { x: l.x2 - dx / 2, y: l.y2 },
      { x: l.x2, y: l.y2 },
    ];
  return [
    { x: l.x1, y: l.y1 },
    { x: l.x1, y: l.y1 + dy / 2 },
    { x: l.x2, y: l.y2 - dy / 2 },
    { x: l.x2, y: l.y2 },
  ];
}

/** The point at `t` (0…1) along a flow's curve. */
export function flowPointAt(line: Pick<FlowLine, 'x1' | 'y1' | 'x2' | 'y2'>, t: number): Point {
  const [a, b, c, d] = flowControls(line);
  const u = 1 - t;
  return {
    x: u * u * u * a.x + 3 * u * u * t * b.x + 3 * u * t * t * c.x + t * t * t * d.x,
    y: u * u * u * a.y + 3 * u * u * t * b.y + 3 * u * t * t * c.y + t * t * t * d.y,
  };
}

function flowCurve(line: FlowLine, segments: number): Point[] {
  const out: Point[] = [];
  for (let i = 0; i <= segments; i++) out.push(flowPointAt(line, i / segments));
  return out;
}

function distanceToSegment(p: Point, a: Point, b: Point): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len = dx * dx + dy * dy;
  const t = len === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}
