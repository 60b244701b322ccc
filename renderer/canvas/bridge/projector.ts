import type * as Y from 'yjs';
import type { TLRecord, TLShapeId, TLStore } from 'tldraw';
import type { Rect, ScrollLayout } from '../../../shared/layout/index.ts';
import { currentBlueprint } from '../current-blueprint.ts';
import { setOverviewBoxes } from '../overview-boxes.ts';
import {
  diffProjection,
  overviewBoxesOf,
  overviewRecord,
  projectModel,
  projectWindow,
  type ModelProjection,
  type ShapeRecord,
} from '../projection.ts';
import { CARD, PROJECTED_TYPES, type CardProps } from '../shape-types.ts';
import type { Disposable } from './disposables.ts';
import { browserFrameClock, type FrameClock } from './projection-schedule.ts';

/** What windowing needs to know of the camera. */
export interface ViewportSource {
  /** The part of the page on screen. */
  bounds(): Rect;
  zoom(): number;
  /**
   * Whether the camera is moving (from its first move until it has settled): the window then
   * stays where it is, and the scroll picture stands in for the cards (docs/canvas.md).
   */
  moving?(): boolean;
  /** Calls `handler` whenever the camera, the screen size or whether it moves changes. */
  onChange(handler: () => void): () => void;
}

/**
 * From this many cards on, only the cards in and near the view are shapes in the store; the rest
 * are drawn by the overview bitmap. Below it every card is a shape, as a small scroll always was.
 */
export const VIRTUAL_FROM_CARDS = 2_000;
/**
 * Below this zoom a windowed scroll draws its cards in the overview alone. A card's 12.5 px title is
 * 6 px high here, barely legible; further out the view spans thousands of cards, whose mounting and
 * unmounting as it moves, not their drawing, would cost the frames.
 */
export const FAR_ZOOM = 0.5;
/** The window reaches this fraction of the view's size beyond each edge, so a short pan mounts nothing. */
const MARGIN = 0.35;
/** At most this many cards are mounted in one frame as the view moves (the nearest first); the overview shows the rest meanwhile. */
export const CARDS_PER_FRAME = 60;
/** At most this many cards are unmounted in one frame (those left behind do no harm for a few frames). */
export const REMOVALS_PER_FRAME = 200;

export interface ProjectorOptions {
  readonly store: TLStore;
  readonly doc: Y.Doc;
  /** Shapes the local user is dragging or resizing now: a re-projection leaves their place alone. */
  readonly held?: () => ReadonlySet<string>;
  /** Shapes drawn wherever the view is (the selection, the shape being edited). */
  readonly keep?: () => ReadonlySet<string>;
  /** The camera; without one every card is drawn. */
  readonly viewport?: ViewportSource;
  readonly clock?: FrameClock;
  /** Cards from which the scroll is windowed (VIRTUAL_FROM_CARDS unless a test says otherwise). */
  readonly virtualFrom?: number;
  /** Told after every model projection (the flow selection checks its flow still exists). */
  readonly onProjected?: (projection: ModelProjection) => void;
  /** Told when the camera brought cards in or took them out (annotations bound to them follow). */
  readonly onWindowMoved?: () => void;
  /**
   * Told whether every card the view needs is a shape now (a windowed scroll near enough for
   * cards, with nothing left to mount): the picture under them can then be hidden.
   */
  readonly onWindowFull?: (full: boolean) => void;
}

const NOWHERE: Rect = { x: -1e12, y: -1e12, w: 0, h: 0 };
const contains = (outer: Rect, inner: Rect) =>
  inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.w <= outer.x + outer.w && inner.y + inner.h <= outer.y + outer.h;
/** Whether the window still serves this view: it holds the view, and is not much larger than needed (after zooming in). */
const fits = (window: Rect, view: Rect) => contains(window, view) && window.w <= view.w * (1 + 2 * MARGIN) * 1.5;

/** Whether two projections draw the same overview: the same layout and every card of the same kind. */
function sameOverview(a: ModelProjection, b: ModelProjection): boolean {
  if (a.layout !== b.layout || a.cards.length !== b.cards.length) return false;
  for (let i = 0; i < a.cards.length; i++) {
    const x = a.cards[i]!;
    const y = b.cards[i]!;
    if (x !== y && (x.props as CardProps).kind !== (y.props as CardProps).kind) return false;
  }
  return true;
}

/**
 * Model → canvas: reads the document, projects it and applies the difference to the store with
 * `mergeRemoteChanges`, so projected shapes are never synced and never enter tldraw's history.
 * A large scroll is windowed: the store holds the fixed shapes (grid, headers), the overview, and
 * only the cards (and flows) in a window around the view, which follows the camera; so the cost of
 * drawing, panning and applying a remote change depends on what is in view, not on the scroll's size.
 */
export class Projector implements Disposable {
  private model: ModelProjection | null = null;
  private version = 0;
  /** The part of the page whose cards are in the store (null: not windowed). */
  private window: Rect | null = null;
  private far = false;
  private backlog = false;
  /** Whether every card the view needs is a shape (told to onWindowFull when it changes). */
  private full: boolean | null = null;
  private cancelFrame: (() => void) | null = null;
  private pinned: ReadonlySet<string> = new Set();
  private disposed = false;
  private readonly options: ProjectorOptions;
  private readonly stopViewport: () => void;

  constructor(options: ProjectorOptions) {
    this.options = options;
    this.stopViewport = options.viewport?.onChange(this.onCamera) ?? (() => undefined);
  }

  /** Whether the scroll is windowed now. */
  get windowed(): boolean {
    return this.isVirtual(this.current());
  }

  /** The projected shapes now in the store, by id. */
  projectedInStore(): Map<string, ShapeRecord> {
    const map = new Map<string, ShapeRecord>();
    for (const record of this.options.store.allRecords())
      if (record.typeName === 'shape' && PROJECTED_TYPES.has(record.type)) map.set(record.id, record as unknown as ShapeRecord);
    return map;
  }

  /** Re-projects the model (after a change to the document) and draws the window. */
  readonly project = (): void => {
    if (this.disposed) return;
    const previous = this.model;
    const model = projectModel(currentBlueprint(this.options.doc), previous);
    this.model = model;
    // The overview bitmap (every card's box in its kind's colour) is redrawn only when a box moved
    // or changed colour: a batch of title edits leaves it as it was.
    if (!previous || !sameOverview(previous, model)) {
      this.version++;
      if (this.options.viewport) setOverviewBoxes(this.options.store, this.version, overviewBoxesOf(model));
    }
    this.draw(false);
    this.options.onProjected?.(model);
  };

  /**
   * Puts these shapes into the store now, wherever the view is — for whoever selects a shape that
   * may be far off (a lint finding, a search hit) before the camera gets there.
   */
  reveal(shapeIds: readonly string[]): void {
    this.pinned = new Set(shapeIds);
    this.draw(false);
    this.pinned = new Set();
  }

  /** The last model projection (made now if there was none yet). */
  current(): ModelProjection {
    return (this.model ??= projectModel(currentBlueprint(this.options.doc)));
  }

  /** The last layout drawn (for zoom-to-stage and drop targets). */
  layout(): ScrollLayout {
    return this.current().layout;
  }

  private isVirtual(model: ModelProjection): boolean {
    return !!this.options.viewport && model.cards.length >= (this.options.virtualFrom ?? VIRTUAL_FROM_CARDS);
  }

  private readonly onCamera = (): void => {
    if (this.disposed || !this.model || !this.isVirtual(this.model) || this.cancelFrame) return;
    const { viewport } = this.options;
    // Mounting cards as the view moves is what costs a moving camera its frames: the window
    // follows once the camera has settled, and the picture shows the scroll meanwhile.
    if (viewport!.moving?.()) return;
    const far = viewport!.zoom() < FAR_ZOOM;
    if (!this.backlog && far === this.far && (far || (this.window && fits(this.window, viewport!.bounds())))) return;
    this.cancelFrame = (this.options.clock ?? browserFrameClock).request(this.onFrame);
  };

  private readonly onFrame = (): void => {
    this.cancelFrame?.();
    this.cancelFrame = null;
    this.draw(true);
  };

  /** Applies the window's shapes; `budgeted`: mount at most CARDS_PER_FRAME new cards now, the rest next frame. */
  private draw(budgeted: boolean): void {
    if (this.disposed) return;
    const model = this.current();
    const held = this.options.held?.() ?? new Set<string>();
    if (!this.isVirtual(model)) {
      // Every card is a shape; the overview (and the picture in it) still draws the scroll while
      // the camera moves, when the cards' text would cost every frame.
      this.window = null;
      const shapes = projectWindow(model, null);
      if (this.options.viewport) shapes.push(overviewRecord(model, this.version));
      this.apply(shapes, held);
      this.setFull(true);
      return;
    }
    const viewport = this.options.viewport!;
    const view = viewport.bounds();
    const moving = viewport.moving?.() ?? false;
    // A model change while the camera moves updates the cards where they are, and no others.
    if (!moving || !this.window) this.far = viewport.zoom() < FAR_ZOOM;
    if (!this.window || (!moving && !fits(this.window, view))) {
      const mx = view.w * MARGIN;
      const my = view.h * MARGIN;
      this.window = { x: view.x - mx, y: view.y - my, w: view.w + 2 * mx, h: view.h + 2 * my };
    }
    const keep = new Set([...(this.options.keep?.() ?? []), ...held, ...this.pinned]);
    let shapes = projectWindow(model, this.far ? NOWHERE : this.window, keep);
    const current = this.projectedInStore();
    this.backlog = false;
    if (budgeted) {
      const fresh = shapes.filter((s) => s.type === CARD && !current.has(s.id) && !keep.has(s.id));
      if (fresh.length > CARDS_PER_FRAME) {
        // The nearest to the middle of the view first.
        const cx = view.x + view.w / 2;
        const cy = view.y + view.h / 2;
        const distance = (s: ShapeRecord) => {
          const p = s.props as CardProps;
          return Math.abs(s.x + p.w / 2 - cx) / view.w + Math.abs(s.y + p.h / 2 - cy) / view.h;
        };
        const later = new Set(
          fresh
            .sort((a, b) => distance(a) - distance(b))
            .slice(CARDS_PER_FRAME)
            .map((s) => s.id),
        );
        shapes = shapes.filter((s) => !later.has(s.id));
        this.backlog = true;
      }
    }
    if (budgeted) {
      // Cards left behind go a slice at a time too: they stay in the desired set until their turn.
      const wanted = new Set(shapes.map((s) => s.id));
      const leaving = [...current.values()].filter((s) => s.type === CARD && !wanted.has(s.id));
      if (leaving.length > REMOVALS_PER_FRAME) {
        for (const s of leaving.slice(REMOVALS_PER_FRAME)) shapes.push(s);
        this.backlog = true;
      }
    }
    shapes.push(overviewRecord(model, this.version));
    const changed = this.apply(shapes, held, current);
    if (budgeted && changed) this.options.onWindowMoved?.();
    this.setFull(!this.far && !this.backlog && contains(this.window, view));
    if (this.backlog) this.onCamera();
  }

  private setFull(full: boolean): void {
    if (full === this.full) return;
    this.full = full;
    this.options.onWindowFull?.(full);
  }

  /** Makes the store's projected shapes equal `desired`; says whether anything changed. */
  private apply(desired: readonly ShapeRecord[], held: ReadonlySet<string>, current = this.projectedInStore()): boolean {
    const { store } = this.options;
    const { put, remove } = diffProjection(current, desired, held);
    if (!put.length && !remove.length) return false;
    store.mergeRemoteChanges(() => {
      if (remove.length) store.remove(remove as TLShapeId[]);
      if (put.length) store.put(put as unknown as TLRecord[]);
    });
    return true;
  }

  dispose(): void {
    this.disposed = true;
    this.stopViewport();
    this.cancelFrame?.();
    this.cancelFrame = null;
  }
}
