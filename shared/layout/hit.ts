import { contains, type Point } from './geometry.ts';
import type { CellBox, ScrollLayout } from './layout.ts';

/** The cell under a point of the page (a drop target), or null outside the grid. */
export function cellAt(layout: ScrollLayout, point: Point): CellBox | null {
  if (!contains(layout.grid, point)) return null;
  return layout.cells.find((cell) => contains(cell, point)) ?? null;
}
