import type { FlowLine } from '../shape-types.ts';
import type { PictureCard, PictureCell } from './draw-tile.ts';
import type { TileKey } from './tile-grid.ts';

/**
 * What the page and the tile worker (tile-worker.ts) say to each other. Tiles are drawn in a
 * worker so that drawing them never takes a frame's time on the page: the page sends the scene
 * once (and the cards that change after), the look, and which tiles it wants; the worker answers
 * each with its bitmap. Messages are handled in order, so a tile asked for after a new scene is
 * drawn from that scene.
 */
export type ToWorker =
  /** The canvas's font faces (tldraw's), to load before drawing text. */
  | { readonly type: 'fonts'; readonly faces: readonly WireFontFace[] }
  /** The grid's cells, every card and flow of the scroll. */
  | {
      readonly type: 'scene';
      readonly cells: readonly PictureCell[];
      readonly cards: readonly PictureCard[];
      readonly flows: readonly FlowLine[];
    }
  /** Cards that changed where they are (the layout kept): by their index in the scene's cards. */
  | { readonly type: 'patch'; readonly cards: ReadonlyArray<readonly [number, PictureCard]> }
  | { readonly type: 'look'; readonly look: WireLook }
  | { readonly type: 'draw'; readonly request: number; readonly key: TileKey };

export type FromWorker =
  /** A tile's bitmap, and how long the worker took to draw it. */
  | { readonly type: 'tile'; readonly request: number; readonly bitmap: ImageBitmap; readonly ms: number }
  /** A tile asked for before the worker had a scene and a look to draw it from: ask again. */
  | { readonly type: 'skipped'; readonly request: number }
  /** The worker could not draw (no OffscreenCanvas 2D there): the page stops asking. */
  | { readonly type: 'unable'; readonly reason: string };

export interface WireFontFace {
  readonly family: string;
  readonly url: string;
  readonly weight: string;
}

/** The look as it crosses to the worker: plain data (locks as the set of locked cards' shape ids). */
export interface WireLook {
  readonly dark: boolean;
  readonly personaFilter: string | null;
  readonly selectedFlow: string | null;
  readonly locked: readonly string[];
  readonly fontFamily: string;
}
