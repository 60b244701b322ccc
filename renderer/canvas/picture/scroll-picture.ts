import { overlaps, type Rect } from '../../../shared/layout/index.ts';
import { browserFrameClock, type FrameClock } from '../bridge/projection-schedule.ts';
import type { TileSource } from './tile-worker-client.ts';
import { TILE_BITMAP_PX, TILE_PX, tileId, tileLevel, tileRect, tilesCovering, type TileKey } from './tile-grid.ts';

/** Tiles kept (each a 256×256 bitmap, 256 KiB; 80 MiB in all): a view at two levels, and some way ahead. */
export const MAX_TILES = 320;
/** Beyond the view, tiles are drawn this fraction of its size ahead, once the view itself is drawn. */
const AHEAD = 0.25;
/**
 * Tiles asked of the worker at a time: enough to keep it busy, few enough that what it draws is
 * still what the view needs when the camera moves on (the nearest the middle are asked first).
 */
const IN_FLIGHT = 2;
/** A frame later than this after the one before was late (60 Hz: 16.7 ms). */
const LATE_FRAME_MS = 25;
/** For how long after a late frame the worker is asked for one tile at a time. */
const CALM_MS = 250;

/** The page's idle time (a timer where the browser has no idle callbacks). */
const browserIdleClock: FrameClock = {
  request(run) {
    if (typeof requestIdleCallback !== 'function') {
      const timer = setTimeout(run, 50);
      return () => clearTimeout(timer);
    }
    const handle = requestIdleCallback(() => run(), { timeout: 1000 });
    return () => cancelIdleCallback(handle);
  },
};

/** Draw times kept for the figures (the first ones: enough for a median, bounded for a long session). */
const MAX_STATS = 10_000;

export interface PictureStats {
  readonly coverage: number;
  readonly tilesDrawn: number;
  readonly drawMs: readonly number[];
}

interface Tile {
  readonly key: TileKey;
  readonly id: string;
  readonly canvas: HTMLCanvasElement;
  /** The generation of scene and look its bitmap shows (-1: none yet). */
  drawn: number;
  /** Bumped when cards in it change; `clean` is the count its bitmap shows. */
  changes: number;
  clean: number;
  /** A bitmap has been asked for and not received yet. */
  pending: boolean;
  used: number;
}

export interface ScrollPictureOptions {
  /** Where the tiles go: an element whose local coordinates are page coordinates. */
  readonly host: HTMLElement;
  readonly source: TileSource;
  readonly clock?: FrameClock;
  /** When to work while the picture is not on screen (the page's idle time). */
  readonly idleClock?: FrameClock;
  readonly maxTiles?: number;
  /** Told whether every tile the view needs has a bitmap (the overview under them is then hidden). */
  readonly onCovered?: (covered: boolean) => void;
}

/**
 * The scroll's picture on the page: the tiles the view needs (tile-grid.ts), asked of the tile
 * worker nearest the middle of the view first and shown as their bitmaps arrive (docs/canvas.md).
 * While a tile of the view's level is missing or out of date, the page shows what it has there —
 * the old bitmap, or the tiles of a neighbouring level — and the overview under them all.
 * Nothing here draws: a frame's cost is placing a few canvases, whatever the scroll's size.
 */
export class ScrollPicture {
  private view: Rect | null = null;
  private level = 0;
  /** Bumped when every tile must be drawn again (a new layout, another look). */
  private generation = 0;
  private readonly tiles = new Map<string, Tile>();
  private readonly shown = new Set<Tile>();
  private readonly spare: HTMLCanvasElement[] = [];
  private cancelFrame: (() => void) | null = null;
  private uses = 0;
  private covered = false;
  private onScreen = true;
  private lastFrame = 0;
  private calmUntil = 0;
  private readonly drawMs: number[] = [];
  private disposed = false;
  private readonly options: ScrollPictureOptions;

  constructor(options: ScrollPictureOptions) {
    this.options = options;
  }

  /** The scene or the look changed: `changed` is where the picture looks different ('all': everywhere). */
  invalidate(changed: readonly Rect[] | 'all'): void {
    if (changed === 'all') this.generation++;
    else for (const tile of this.tiles.values()) if (changed.some((r) => overlaps(r, tileRect(tile.key)))) tile.changes++;
    this.schedule();
  }

  /** The part of the page on screen and its zoom (`dpr`: device pixels per CSS pixel). */
  setView(view: Rect, zoom: number, dpr: number): void {
    this.view = view;
    this.level = tileLevel(zoom, dpr);
    this.schedule();
  }

  /**
   * Figures for tests and the bench: of the tiles the view needs at its level, the share that
   * shows the scene as it is (0…1); tiles drawn so far, and how long the worker took for each.
   */
  stats(): PictureStats {
    const needed = this.view ? tilesCovering(this.view, this.level) : [];
    const fresh = needed.filter((k) => {
      const tile = this.tiles.get(tileId(k));
      return !!tile && this.fresh(tile);
    }).length;
    return { coverage: needed.length ? fresh / needed.length : 0, tilesDrawn: this.drawMs.length, drawMs: [...this.drawMs] };
  }

  private fresh(tile: Tile): boolean {
    return tile.drawn === this.generation && tile.clean === tile.changes;
  }

  /**
   * Whether the picture is on screen: while the camera moves, or where cards are not shapes. When
   * it is not (the cards at rest cover it), tiles are drawn only in the page's idle time and one
   * at a time, so keeping it ready never competes with what is on screen — a remote batch of
   * edits, a load.
   */
  setOnScreen(onScreen: boolean): void {
    if (onScreen === this.onScreen) return;
    this.onScreen = onScreen;
    this.cancelFrame?.();
    this.cancelFrame = null;
    this.schedule();
  }

  private schedule(): void {
    if (this.cancelFrame || this.disposed) return;
    const clock = this.onScreen ? (this.options.clock ?? browserFrameClock) : (this.options.idleClock ?? browserIdleClock);
    this.cancelFrame = clock.request(this.frame);
  }

  /** Asks for what the view needs most, then shows what has been drawn. */
  private readonly frame = (): void => {
    this.cancelFrame?.();
    this.cancelFrame = null;
    const view = this.view;
    if (!view || this.disposed) return;
    // A frame that came late (the page or the compositor behind): the worker, which shares the
    // machine's cores with them, draws one tile at a time for a while.
    const now = performance.now();
    const gap = now - this.lastFrame;
    if (this.onScreen && gap > LATE_FRAME_MS && gap < 250) this.calmUntil = now + CALM_MS;
    this.lastFrame = now;
    const needed = tilesCovering(view, this.level);
    const ahead = tilesCovering(view, this.level, AHEAD);
    const { source } = this.options;
    let viewDone = true;
    for (const key of needed) {
      const tile = this.tile(key);
      tile.used = ++this.uses;
      if (this.fresh(tile)) continue;
      viewDone = false;
      if (source.inFlight < this.inFlightLimit() && !tile.pending) this.ask(tile);
    }
    // Tiles ahead of the view only once it is drawn: while the camera sweeps on, what is ahead now
    // is seldom what the view needs next, and the worker's time is better spent on the view.
    if (viewDone)
      for (const key of ahead) {
        const tile = this.tile(key);
        tile.used = ++this.uses;
        if (source.inFlight < this.inFlightLimit() && !tile.pending && !this.fresh(tile)) this.ask(tile);
      }
    this.show(needed);
    this.evict(new Set(ahead.map(tileId)));
  };

  private inFlightLimit(): number {
    return this.onScreen && performance.now() >= this.calmUntil ? IN_FLIGHT : 1;
  }

  private ask(tile: Tile): void {
    tile.pending = true;
    const generation = this.generation;
    const changes = tile.changes;
    this.options.source.request(tile.key, (bitmap, ms) => {
      tile.pending = false;
      if (!bitmap) return this.schedule();
      if (this.drawMs.length < MAX_STATS) this.drawMs.push(ms);
      if (this.disposed || this.tiles.get(tile.id) !== tile) return bitmap.close();
      tile.canvas.getContext('bitmaprenderer')?.transferFromImageBitmap(bitmap);
      tile.drawn = generation;
      tile.clean = changes;
      this.schedule();
    });
  }

  private tile(key: TileKey): Tile {
    const id = tileId(key);
    let tile = this.tiles.get(id);
    if (!tile) {
      // A `bitmaprenderer` canvas shows the worker's bitmap as a still image: copied to the
      // compositor once, where a 2D canvas would be copied again on every frame the camera moves.
      const canvas = this.spare.pop() ?? this.options.host.ownerDocument.createElement('canvas');
      canvas.width = TILE_BITMAP_PX;
      canvas.height = TILE_BITMAP_PX;
      const r = tileRect(key);
      const side = (r.w * TILE_BITMAP_PX) / TILE_PX;
      // Sized in page units: the canvas layer's camera transform scales it onto the screen.
      canvas.style.cssText = `position:absolute;left:${r.x}px;top:${r.y}px;width:${side}px;height:${side}px;pointer-events:none`;
      canvas.dataset.tile = id;
      tile = { key, id, canvas, drawn: -1, changes: 0, clean: 0, pending: false, used: 0 };
      this.tiles.set(id, tile);
    }
    return tile;
  }

  /**
   * Shows the view's tiles that have a bitmap (even an old one: better than nothing), and under a
   * tile that has none or an old one, the tiles of other levels over that place. Every tile shown
   * is drawn by the compositor on every frame, so nothing is shown that a tile in front hides.
   */
  private show(needed: readonly TileKey[]): void {
    const next = new Set<Tile>();
    let covered = true;
    for (const key of needed) {
      const tile = this.tiles.get(tileId(key));
      if (tile && tile.drawn >= 0) next.add(tile);
      if (tile && this.fresh(tile)) continue;
      if (!tile || tile.drawn < 0) covered = false;
      const rect = tileRect(key);
      for (const other of this.tiles.values())
        if (other.key.level !== this.level && other.drawn >= 0 && overlaps(tileRect(other.key), rect)) next.add(other);
    }
    for (const tile of this.shown) if (!next.has(tile)) tile.canvas.remove();
    for (const tile of next) {
      // Nearer levels in front: the view's own on top, then the next sharpest.
      const z = String(10 - Math.abs(tile.key.level - this.level));
      if (tile.canvas.style.zIndex !== z) tile.canvas.style.zIndex = z;
      if (!tile.canvas.isConnected) this.options.host.append(tile.canvas);
    }
    this.shown.clear();
    for (const tile of next) this.shown.add(tile);
    if (covered !== this.covered) {
      this.covered = covered;
      this.options.onCovered?.(covered);
    }
  }

  /** Forgets the least recently used tiles beyond MAX_TILES (never those shown or just ahead). */
  private evict(keep: ReadonlySet<string>): void {
    const max = this.options.maxTiles ?? MAX_TILES;
    if (this.tiles.size <= max) return;
    const candidates = [...this.tiles.values()].filter((t) => !this.shown.has(t) && !keep.has(t.id)).sort((a, b) => a.used - b.used);
    for (const tile of candidates.slice(0, this.tiles.size - max)) {
      this.tiles.delete(tile.id);
      tile.canvas.remove();
      this.spare.push(tile.canvas);
    }
  }

  dispose(): void {
    this.disposed = true;
    this.cancelFrame?.();
    this.cancelFrame = null;
    for (const tile of this.tiles.values()) tile.canvas.remove();
    this.tiles.clear();
    this.shown.clear();
    this.spare.length = 0;
  }
}
