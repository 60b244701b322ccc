import type { ScrollLayout } from '../../../shared/layout/index.ts';
import type { Disposable } from './disposables.ts';
import type { Point } from './flow-picking.ts';

export interface OverviewPickingOptions {
  /** Calls `handler` with the page point of a click on bare canvas. */
  readonly onBareCanvasClick: (handler: (point: Point) => void) => () => void;
  /** Whether the cards are drawn by the overview alone now (a windowed scroll, far out). */
  readonly overviewOnly: () => boolean;
  readonly layout: () => ScrollLayout;
  /** Selects the card: revealed as a shape first, wherever it is. */
  readonly select: (cardId: string) => void;
}

/**
 * Far out on a large scroll the cards are boxes in the overview bitmap, not shapes: a click on one
 * selects its card all the same (the card is revealed as a shape, and the inspector shows it).
 */
export class OverviewPicking implements Disposable {
  private readonly stop: () => void;

  constructor({ onBareCanvasClick, overviewOnly, layout, select }: OverviewPickingOptions) {
    this.stop = onBareCanvasClick((p) => {
      if (!overviewOnly()) return;
      const card = layout().cards.find((c) => p.x >= c.x && p.x <= c.x + c.w && p.y >= c.y && p.y <= c.y + c.h);
      if (card) select(card.id);
    });
  }

  dispose(): void {
    this.stop();
  }
}
