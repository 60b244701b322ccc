import type * as Y from 'yjs';
import { DOC_KEYS } from '../../../shared/doc/index.ts';
import type { Disposable } from './disposables.ts';

/** When to run a coalesced projection: the next frame, or a timer in a hidden tab (rAF pauses there). */
export interface FrameClock {
  request(run: () => void): () => void;
}

export const browserFrameClock: FrameClock = {
  request(run) {
    const raf = requestAnimationFrame(run);
    const timer = setTimeout(run, 120);
    return () => {
      cancelAnimationFrame(raf);
      clearTimeout(timer);
    };
  },
};

export interface ProjectionScheduleOptions {
  readonly doc: Y.Doc;
  /** Our own local edits project synchronously where they are made: they are not scheduled. */
  readonly origin: object;
  /** Re-projects; `annotations` says whether an annotation changed since the last run. */
  readonly run: (annotations: boolean) => void;
  readonly clock?: FrameClock;
}

/**
 * Remote changes (and undo/redo, whose origin is the undo manager) re-project once per frame,
 * however many transactions arrived in it. Reading every annotation costs tens of milliseconds on
 * a large blueprint, so the annotation sync runs only when the frame's transactions touched one.
 */
export class ProjectionSchedule implements Disposable {
  private cancel: (() => void) | null = null;
  private annotationsDirty = false;
  private readonly annotations: Y.Map<unknown>;
  private readonly clock: FrameClock;

  private readonly options: ProjectionScheduleOptions;

  constructor(options: ProjectionScheduleOptions) {
    this.options = options;
    this.annotations = options.doc.getMap(DOC_KEYS.annotations);
    this.clock = options.clock ?? browserFrameClock;
    options.doc.on('afterTransaction', this.onTransaction);
  }

  /** Whether a projection is waiting for its frame. */
  get pending(): boolean {
    return this.cancel !== null;
  }

  private readonly onTransaction = (tr: Y.Transaction) => {
    if (tr.origin === this.options.origin && tr.local) return;
    if (tr.changed.has(this.annotations as never) || tr.changedParentTypes.has(this.annotations as never)) this.annotationsDirty = true;
    this.schedule();
  };

  /** Asks for a projection in the next frame (several asks in one frame are one projection). */
  schedule(): void {
    if (this.cancel) return;
    this.cancel = this.clock.request(this.runNow);
  }

  /** Runs the waiting projection now (the frame's callback; also for whoever cannot wait). */
  readonly runNow = (): void => {
    if (!this.cancel) return;
    this.cancel();
    this.cancel = null;
    const annotations = this.annotationsDirty;
    this.annotationsDirty = false;
    this.options.run(annotations);
  };

  dispose(): void {
    this.options.doc.off('afterTransaction', this.onTransaction);
    this.cancel?.();
    this.cancel = null;
  }
}
