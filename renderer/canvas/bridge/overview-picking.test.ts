import { describe, expect, it } from 'vitest';
import { blueprintToDoc, readBlueprint } from '../../../shared/doc/index.ts';
import { generateBlueprint } from '../../../shared/model/index.ts';
import { projectModel } from '../projection.ts';
import { OverviewPicking } from './overview-picking.ts';
import type { Point } from './flow-picking.ts';

function setup(overviewOnly: boolean) {
  const layout = projectModel(readBlueprint(blueprintToDoc(generateBlueprint({ cards: 300, stages: 6, seed: 3 })))).layout;
  let click: (p: Point) => void = () => undefined;
  const selected: string[] = [];
  const picking = new OverviewPicking({
    onBareCanvasClick: (h) => ((click = h), () => (click = () => undefined)),
    overviewOnly: () => overviewOnly,
    layout: () => layout,
    select: (id) => selected.push(id),
  });
  return { layout, click: (p: Point) => click(p), selected, picking };
}

describe('OverviewPicking', () => {
  it('selects the card whose box is under a click far out', () => {
    const { layout, click, selected } = setup(true);
    const card = layout.cards[123]!;
    click({ x: card.x + card.w / 2, y: card.y + card.h / 2 });
    expect(selected).toEqual([card.id]);
    click({ x: layout.bounds.x - 100, y: layout.bounds.y - 100 });
    expect(selected).toEqual([card.id]);
  });

  it('does nothing where cards are shapes (tldraw selects them itself), or once disposed', () => {
    const near = setup(false);
    const card = near.layout.cards[0]!;
    near.click({ x: card.x + 1, y: card.y + 1 });
    expect(near.selected).toEqual([]);
    const far = setup(true);
    far.picking.dispose();
    far.click({ x: card.x + 1, y: card.y + 1 });
    expect(far.selected).toEqual([]);
  });
});
