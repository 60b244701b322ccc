import { CardTextCache, drawTile, type PictureCard, type PictureLook, type PictureScene } from './draw-tile.ts';
import { flowBox } from './flow-pieces.ts';
import { SceneIndex } from './scene-index.ts';
import type { FromWorker, ToWorker } from './tile-protocol.ts';
import { TILE_BITMAP_PX } from './tile-grid.ts';

/**
 * The tile worker: draws the scroll picture's tiles off the page's main thread (tile-protocol.ts).
 * It keeps the scene (cards and flows, indexed by place here), the look and the text set so far,
 * and answers each tile asked for with a bitmap, transferred (not copied) to the page.
 */
interface WorkerScope {
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
  postMessage(message: FromWorker, transfer: Transferable[]): void;
  /** A worker's font set (the project type-checks against the DOM's library, not the worker's). */
  readonly fonts?: FontFaceSet;
}
const scope = globalThis as unknown as WorkerScope;

let cards: PictureCard[] = [];
let scene: PictureScene | null = null;
let look: PictureLook | null = null;
let fontsReady: Promise<unknown> = Promise.resolve();
const canvas = typeof OffscreenCanvas === 'undefined' ? null : new OffscreenCanvas(TILE_BITMAP_PX, TILE_BITMAP_PX);
// A CPU-backed canvas: drawing many small shapes and glyphs, it is faster than a GPU one emulated
// in software, and its bitmap is handed over without a round trip through the GPU process.
const ctx = canvas?.getContext('2d', { willReadFrequently: true }) ?? null;
const text = ctx ? new CardTextCache(ctx) : null;
// Messages are handled one after another, each after the one before has finished (fonts load
// asynchronously): a draw asked for after a scene is drawn from that scene.
let queue: Promise<void> = Promise.resolve();

const post = (message: FromWorker, transfer: Transferable[] = []) => scope.postMessage(message, transfer);

scope.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  queue = queue.then(() => handle(message)).catch((error: unknown) => post({ type: 'unable', reason: String(error) }));
};

async function handle(message: ToWorker): Promise<void> {
  switch (message.type) {
    case 'fonts': {
      const fonts = scope.fonts;
      if (!fonts) return;
      fontsReady = Promise.all(
        message.faces.map(async (face) => {
          const loaded = await new FontFace(face.family, `url(${JSON.stringify(face.url)})`, { weight: face.weight }).load();
          fonts.add(loaded);
        }),
      ).catch(() => undefined);
      return;
    }
    case 'scene':
      cards = [...message.cards];
      scene = {
        cells: message.cells,
        cards,
        cardIndex: new SceneIndex(cards.map((c) => ({ x: c.x, y: c.y, w: c.props.w, h: c.props.h }))),
        flows: message.flows,
        flowIndex: new SceneIndex(message.flows.map(flowBox)),
      };
      return;
    case 'patch':
      for (const [index, card] of message.cards) cards[index] = card;
      return;
    case 'look': {
      const locked = new Set(message.look.locked);
      look = { ...message.look, lockOf: locked.size ? (id) => (locked.has(id) ? 'locked' : null) : null };
      return;
    }
    case 'draw': {
      if (!canvas || !ctx || !text) return post({ type: 'unable', reason: 'This browser cannot draw on an OffscreenCanvas in a worker.' });
      if (!scene || !look) return post({ type: 'skipped', request: message.request });
      await fontsReady;
      const started = performance.now();
      drawTile(ctx, message.key, scene, look, text);
      // A copy, not `transferToImageBitmap`: a transfer takes the canvas's memory with it, and
      // allocating it again for the next tile cost more than drawing the tile.
      const bitmap = await createImageBitmap(canvas);
      return post({ type: 'tile', request: message.request, bitmap, ms: performance.now() - started }, [bitmap]);
    }
  }
}
