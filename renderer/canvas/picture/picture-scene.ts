import type { Rect } from '../../../shared/layout/index.ts';
import { labelledFlowLines, type ModelProjection } from '../projection.ts';
import { CELL, type CardProps, type CellProps, type FlowLine } from '../shape-types.ts';
import type { PictureCard, PictureCell } from './draw-tile.ts';

/** A card shape's record as the picture needs it: only what crosses to the tile worker. */
export function pictureCard(record: ModelProjection['cards'][number]): PictureCard {
  return { id: record.id, x: record.x, y: record.y, props: record.props as CardProps };
}

/** The grid's cells, every card and flow of a model projection, as the tile worker draws them. */
export function pictureScene(model: ModelProjection): { cells: PictureCell[]; cards: PictureCard[]; flows: readonly FlowLine[] } {
  const cells = model.fixed
    .filter((r) => r.type === CELL)
    .map((r) => {
      const p = r.props as CellProps;
      return { x: r.x, y: r.y, w: p.w, h: p.h, shade: p.shade };
    });
  return { cells, cards: model.cards.map(pictureCard), flows: labelledFlowLines(model) };
}

/**
 * What changed in the picture between two projections: the cards whose record changed, by index,
 * with their boxes (a batch of title edits keeps the layout), or 'all' when anything moved.
 */
export function pictureChange(
  previous: ModelProjection | null,
  next: ModelProjection,
): 'all' | { readonly indices: readonly number[]; readonly boxes: readonly Rect[] } {
  if (!previous || previous.layout !== next.layout || previous.flowLines !== next.flowLines || previous.cards.length !== next.cards.length)
    return 'all';
  const indices: number[] = [];
  const boxes: Rect[] = [];
  for (let i = 0; i < next.cards.length; i++) {
    const card = next.cards[i]!;
    if (card === previous.cards[i]) continue;
    const p = card.props as CardProps;
    indices.push(i);
    boxes.push({ x: card.x, y: card.y, w: p.w, h: p.h });
  }
  return { indices, boxes };
}
