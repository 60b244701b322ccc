import type * as Y from 'yjs';
import { UNDO_CAPTURE_MS } from '../undo.ts';
import type { Disposable } from './disposables.ts';

export type ModelEdit = (doc: Y.Doc, origin: object) => void;

export interface EditQueueOptions {
  readonly doc: Y.Doc;
  /** This person's origin: the undo manager tracks it. */
  readonly origin: object;
  readonly undo: Y.UndoManager;
  readonly canEdit: () => boolean;
  /** Runs after the edits were written (or refused): the canvas re-projects at once. */
  readonly afterEdit: () => void;
  readonly onError?: (message: string) => void;
}

/**
 * Gestures → model edits. Edits asked for in one task (a drop that moves a card and resizes its
 * stage, a multi-shape delete) are written as one transaction with this person's origin, so they
 * are one undo step of their own; a refused edit (read-only, a card deleted by a peer meanwhile)
 * changes nothing and is reported, and the canvas re-projects so the shape snaps back.
 */
export class EditQueue implements Disposable {
  private queue: ModelEdit[] = [];
  private disposed = false;

  private readonly options: EditQueueOptions;

  constructor(options: EditQueueOptions) {
    this.options = options;
  }

  readonly edit = (fn: ModelEdit): void => {
    if (this.disposed) return;
    if (!this.options.canEdit()) {
      this.options.afterEdit();
      return;
    }
    if (this.queue.length === 0) queueMicrotask(this.flush);
    this.queue.push(fn);
  };

  /** Writes what is queued now (also run by the microtask the first edit queued). */
  readonly flush = (): void => {
    const fns = this.queue;
    this.queue = [];
    if (fns.length === 0 || this.disposed) return;
    const { doc, origin, undo, onError, afterEdit } = this.options;
    undo.captureTimeout = UNDO_CAPTURE_MS;
    undo.stopCapturing();
    try {
      doc.transact(() => {
        for (const fn of fns) fn(doc, origin);
      }, origin);
    } catch (error) {
      onError?.(error instanceof Error ? error.message : String(error));
    }
    afterEdit();
  };

  dispose(): void {
    this.disposed = true;
    this.queue = [];
  }
}
