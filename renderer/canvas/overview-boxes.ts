import type { TLStore } from 'tldraw';

/** One card in the overview bitmap: its box relative to the overview shape, and its fill. */
export interface OverviewBox {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly fill: string;
}

/**
 * The overview's boxes travel beside the store, not in the shape's props: tldraw validates and
 * copies props on every put, and 20,000 boxes there would cost more than the cards they replace.
 * The shape's `version` prop says which boxes it must draw.
 */
const boxes = new WeakMap<TLStore, { version: number; boxes: readonly OverviewBox[] }>();

export function setOverviewBoxes(store: TLStore, version: number, list: readonly OverviewBox[]): void {
  boxes.set(store, { version, boxes: list });
}

export function overviewBoxes(store: TLStore): readonly OverviewBox[] {
  return boxes.get(store)?.boxes ?? [];
}
