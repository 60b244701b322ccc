import { cellAt, type Point, type Rect, type ScrollLayout } from '../../shared/layout/index.ts';

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
