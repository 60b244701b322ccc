import { useEffect, useRef } from 'react';
import { Rectangle2d, ShapeUtil, T, type Geometry2d, type TLShape } from 'tldraw';
import { overviewBoxes } from '../overview-boxes.ts';
import { OVERVIEW, type OverviewProps } from '../shape-types.ts';

type OverviewShape = TLShape<typeof OVERVIEW>;

/** The bitmap's longer side: enough for a card to stay a few pixels wide at the far-out zoom it serves. */
const MAX_BITMAP = 4096;

/**
 * A large scroll's cheap picture: every card as a box in its kind's colour, drawn once per
 * projection into one canvas. The canvas shows it far out (where no card is mounted) and under
 * the cards being mounted as the view moves; never selected, never hit (cards are picked from the
 * layout). Card shapes drawn on top hide their own boxes.
 */
export class OverviewShapeUtil extends ShapeUtil<OverviewShape> {
  static override type = OVERVIEW;
  static override props = { w: T.number, h: T.number, cards: T.number, version: T.number };

  getDefaultProps(): OverviewProps {
    return { w: 1, h: 1, cards: 0, version: 0 };
  }
  getGeometry(shape: OverviewShape): Geometry2d {
    return new Rectangle2d({ width: shape.props.w, height: shape.props.h, isFilled: false });
  }
  override canBind(): boolean {
    return false;
  }
  override canSnap(): boolean {
    return false;
  }
  override canCull(): boolean {
    return false;
  }
  override hideSelectionBoundsFg(): boolean {
    return true;
  }
  getIndicatorPath(): undefined {
    return undefined;
  }

  component(shape: OverviewShape) {
    return <OverviewCanvas shape={shape} util={this} />;
  }
}

function OverviewCanvas({ shape, util }: { shape: OverviewShape; util: OverviewShapeUtil }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const { w, h, version, cards } = shape.props;
  const scale = Math.min(1, MAX_BITMAP / Math.max(w, h, 1));
  const width = Math.max(1, Math.round(w * scale));
  const height = Math.max(1, Math.round(h * scale));
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    ctx.clearRect(0, 0, width, height);
    let fill = '';
    for (const b of overviewBoxes(util.editor.store)) {
      if (b.fill !== fill) ctx.fillStyle = fill = b.fill;
      ctx.fillRect(b.x * scale, b.y * scale, Math.max(1, b.w * scale), Math.max(1, b.h * scale));
    }
    canvas.dataset.drawn = String(version);
  }, [util, version, width, height, scale]);
  return (
    <canvas
      ref={ref}
      className="js-overview"
      width={width}
      height={height}
      data-cards={cards}
      style={{ width: '100%', height: '100%', pointerEvents: 'none' }}
      aria-hidden="true"
    />
  );
}
