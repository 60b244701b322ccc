import { useEffect, useRef } from 'react';
import { useValue, type Editor } from 'tldraw';
import type { HeatMap } from '../../shared/analytics/heat.ts';
import type { Blueprint } from '../../shared/model/index.ts';
import type { CanvasBridge } from '../canvas/bridge.ts';

/** Above this many cards in view, or below this zoom, the figures are not written on the cards. */
const MAX_LABELS = 400;
const LABEL_MIN_ZOOM = 0.45;

/**
 * The heat overlay: each card with a figure is tinted with its colour (drawn in one <canvas> over
 * the scroll, multiplied so the card's text stays readable) and, close enough in, labelled with the
 * figure. It follows the camera and takes no pointer events; only the cards in view are drawn, so a
 * large scroll costs what its visible part costs.
 */
export function HeatOverlay({
  editor,
  bridge,
  heat,
  blueprint,
}: {
  editor: Editor;
  bridge: CanvasBridge;
  heat: HeatMap;
  /** The model: the cards' boxes are read again when it changes (the camera alone is watched). */
  blueprint: Blueprint;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const view = useValue(
    'heat overlay',
    () => {
      const camera = editor.getCamera();
      const screen = editor.getViewportScreenBounds();
      const page = editor.getViewportPageBounds();
      const boxes: { id: string; x: number; y: number; w: number; h: number; fill: string; text: string }[] = [];
      for (const box of bridge.layout().cards) {
        const cell = heat.cards.get(box.id);
        if (!cell || box.x > page.maxX || box.x + box.w < page.minX || box.y > page.maxY || box.y + box.h < page.minY) continue;
        const p = editor.pageToViewport({ x: box.x, y: box.y });
        boxes.push({ id: box.id, x: p.x, y: p.y, w: box.w * camera.z, h: box.h * camera.z, fill: cell.fill, text: cell.text });
      }
      return { w: screen.w, h: screen.h, z: camera.z, boxes };
    },
    [editor, bridge, heat, blueprint],
  );
  useEffect(() => {
    const c = canvas.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    c.width = Math.round(view.w * dpr);
    c.height = Math.round(view.h * dpr);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, view.w, view.h);
    ctx.globalAlpha = 0.75;
    for (const b of view.boxes) {
      ctx.fillStyle = b.fill;
      ctx.fillRect(b.x, b.y, b.w, b.h);
    }
    c.dataset.cards = String(view.boxes.length);
  }, [view]);
  const labels = view.z >= LABEL_MIN_ZOOM && view.boxes.length <= MAX_LABELS ? view.boxes : [];
  return (
    <div className="js-heat" role="img" aria-label={`Heat overlay: ${heat.title}, ${heat.cards.size} cards`} data-cards={heat.cards.size}>
      <canvas ref={canvas} className="js-heat-canvas" style={{ width: view.w, height: view.h }} />
      {labels.map((b) => (
        <span key={b.id} className="js-heat-label" data-card={b.id} style={{ left: b.x + b.w - 4, top: b.y + b.h - 4 }}>
          {b.text}
        </span>
      ))}
    </div>
  );
}
