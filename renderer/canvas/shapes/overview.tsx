import { useEffect, useRef } from 'react';
import { Rectangle2d, ShapeUtil, T, type Geometry2d, type TLShape } from 'tldraw';
import { canvasActions } from '../canvas-actions.ts';
import { overviewBoxes } from '../overview-boxes.ts';
import { OVERVIEW, type OverviewProps } from '../shape-types.ts';

type OverviewShape = TLShape<typeof OVERVIEW>;

/** The bitmap's longer side: enough for a card to stay a few pixels wide at the far-out zoom it serves. */
const MAX_BITMAP = 4096;

/**
 * A large scroll's picture, under the cards: every card as a box in its kind's colour, drawn once
 * per projection into one bitmap (the farthest view, and what shows where no tile is drawn yet),
 * and over it the scroll picture's tiles (picture/scroll-picture.ts: cards with their text, flows,
 * at the view's resolution), which stand in for the cards while the camera moves and wherever no
 * card is mounted. Never selected, never hit (cards are picked from the layout).
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
    return (
      <>
        {/* The tiles first: canvas.css hides the overview after them where they cover the view. */}
        <PictureTiles shape={shape} util={this} />
        <OverviewCanvas shape={shape} util={this} />
      </>
    );
  }
}

/** The element the picture's tiles go into, placed so that its coordinates are the page's. */
function PictureTiles({ shape, util }: { shape: OverviewShape; util: OverviewShapeUtil }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const host = ref.current;
    return host ? canvasActions(util.editor)?.attachPicture(host) : undefined;
  }, [util]);
  return <div ref={ref} className="js-picture-tiles" style={{ left: -shape.x, top: -shape.y }} aria-hidden="true" />;
}

function OverviewCanvas({ shape, util }: { shape: OverviewShape; util: OverviewShapeUtil }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const { w, h, version, cards } = shape.props;
  const scale = Math.min(1, MAX_BITMAP / Math.max(w, h, 1));
  const width = Math.max(1, Math.round(w * scale));
  const height = Math.max(1, Math.round(h * scale));
  useEffect(() => {
    const canvas = ref.current;
    const target = canvas?.getContext('bitmaprenderer');
    if (!canvas || !target) return;
    // Drawn offscreen and handed over as a still image: a page canvas with a 2D context is copied
    // to the compositor again on every frame the camera moves (~4 ms a frame for this one).
    const offscreen = new OffscreenCanvas(width, height);
    const ctx = offscreen.getContext('2d');
    if (!ctx) return;
    let fill = '';
    for (const b of overviewBoxes(util.editor.store)) {
      if (b.fill !== fill) ctx.fillStyle = fill = b.fill;
      ctx.fillRect(b.x * scale, b.y * scale, Math.max(1, b.w * scale), Math.max(1, b.h * scale));
    }
    target.transferFromImageBitmap(offscreen.transferToImageBitmap());
    canvas.dataset.drawn = String(version);
  }, [util, version, width, height, scale]);
  return (
    <canvas
      ref={ref}
      className="js-overview"
      width={width}
      height={height}
      data-cards={cards}
      style={{ position: 'absolute', width: '100%', height: '100%', pointerEvents: 'none' }}
      aria-hidden="true"
    />
  );
}
