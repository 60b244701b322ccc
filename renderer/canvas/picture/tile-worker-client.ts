import type { FlowLine } from '../shape-types.ts';
import type { PictureCard, PictureCell } from './draw-tile.ts';
import type { TileKey } from './tile-grid.ts';
import type { FromWorker, ToWorker, WireFontFace, WireLook } from './tile-protocol.ts';

/** Where tiles come from: asked for one at a time, answered with a bitmap. */
export interface TileSource {
  /**
   * `done` gets the tile's bitmap (and owns it) and the ms it took to draw, or null when the tile
   * could not be drawn yet (ask again); never called once the source is closed or unable.
   */
  request(key: TileKey, done: (bitmap: ImageBitmap | null, ms: number) => void): void;
  /** Tiles asked for and not answered yet. */
  readonly inFlight: number;
}

/** The page's side of the tile worker (tile-worker.ts, tile-protocol.ts). */
export class TileWorkerClient implements TileSource {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, (bitmap: ImageBitmap | null, ms: number) => void>();
  private next = 0;
  private unable = false;
  private readonly onUnable: (reason: string) => void;

  constructor(onUnable: (reason: string) => void) {
    this.onUnable = onUnable;
    this.worker = new Worker(new URL('./tile-worker.ts', import.meta.url), { type: 'module', name: 'journeyscroll-tiles' });
    this.worker.onmessage = (event: MessageEvent<FromWorker>) => this.receive(event.data);
    this.worker.onerror = (event) => this.fail(event.message || 'the tile worker failed to start');
  }

  get inFlight(): number {
    return this.waiting.size;
  }

  setFonts(faces: readonly WireFontFace[]): void {
    this.send({ type: 'fonts', faces });
  }

  setScene(scene: { cells: readonly PictureCell[]; cards: readonly PictureCard[]; flows: readonly FlowLine[] }): void {
    this.send({ type: 'scene', ...scene });
  }

  patch(cards: ReadonlyArray<readonly [number, PictureCard]>): void {
    this.send({ type: 'patch', cards });
  }

  setLook(look: WireLook): void {
    this.send({ type: 'look', look });
  }

  request(key: TileKey, done: (bitmap: ImageBitmap | null, ms: number) => void): void {
    if (this.unable) return;
    const request = ++this.next;
    this.waiting.set(request, done);
    this.send({ type: 'draw', request, key });
  }

  private send(message: ToWorker): void {
    if (!this.unable) this.worker.postMessage(message);
  }

  private receive(message: FromWorker): void {
    if (message.type === 'unable') return this.fail(message.reason);
    const done = this.waiting.get(message.request);
    this.waiting.delete(message.request);
    if (message.type === 'skipped') return done?.(null, 0);
    if (done) done(message.bitmap, message.ms);
    else message.bitmap.close();
  }

  private fail(reason: string): void {
    if (this.unable) return;
    this.unable = true;
    this.waiting.clear();
    this.worker.terminate();
    this.onUnable(reason);
  }

  close(): void {
    this.unable = true;
    this.waiting.clear();
    this.worker.terminate();
  }
}
