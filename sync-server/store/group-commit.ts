import type { AppendEntry, Authorship, ChangeRecord, DocumentStore } from './types.ts';

/** Called once the update is committed (`error` null, its seq) or once the commit failed. */
export type CommitCallback = (error: Error | null, seq: number) => void;

export interface CommitBatch {
  readonly updates: number;
  readonly durationMs: number;
}

export interface GroupCommitOptions {
  /** When to flush what was queued (default: `setImmediate`, i.e. once per event-loop turn). */
  readonly schedule?: (flush: () => void) => void;
  /** After every batch (metrics). */
  readonly onBatch?: (batch: CommitBatch) => void;
  /** A callback threw; the others still ran (default: console.error). */
  readonly onCallbackError?: (error: unknown) => void;
}

export interface GroupCommit {
  /**
   * Queues an update; `done` runs after the batch holding it was committed (or failed). `about`
   * (what it changed, who made it) goes into the change log in the same transaction.
   */
  enqueue(room: string, update: Uint8Array, done: CommitCallback, about?: { changes?: readonly ChangeRecord[]; by?: Authorship }): void;
  /** The same as a promise: resolves to the seq once the update is on disk. */
  commit(room: string, update: Uint8Array): Promise<number>;
  /** Commits everything queued now, synchronously. */
  flush(): void;
  readonly pending: number;
}

interface Entry extends AppendEntry {
  readonly done: CommitCallback;
}

/**
 * Group commit: updates queued during one event-loop turn are written in one transaction, so one
 * fsync covers them all. Nobody hears "committed" before the transaction holding the update did.
 */
export function createGroupCommit(store: DocumentStore, options: GroupCommitOptions = {}): GroupCommit {
  const schedule = options.schedule ?? ((fn) => void setImmediate(fn));
  const onCallbackError = options.onCallbackError ?? ((error) => console.error('group commit callback failed', error));
  let queue: Entry[] = [];
  let scheduled = false;

  function flush(): void {
    scheduled = false;
    if (queue.length === 0) return;
    const batch = queue;
    queue = [];
    const start = performance.now();
    let seqs: number[] | null = null;
    let failure: Error | null = null;
    try {
      seqs = store.appendUpdates(batch);
    } catch (error) {
      failure = error instanceof Error ? error : new Error(String(error));
    }
    options.onBatch?.({ updates: batch.length, durationMs: performance.now() - start });
    batch.forEach((entry, i) => {
      try {
        entry.done(failure, seqs ? seqs[i]! : 0);
      } catch (error) {
        onCallbackError(error);
      }
    });
  }

  function enqueue(
    room: string,
    update: Uint8Array,
    done: CommitCallback,
    about?: { changes?: readonly ChangeRecord[]; by?: Authorship },
  ): void {
    queue.push({ room, update, done, changes: about?.changes, by: about?.by });
    if (!scheduled) {
      scheduled = true;
      schedule(flush);
    }
  }

  return {
    enqueue,
    commit: (room, update) =>
      new Promise<number>((resolve, reject) => enqueue(room, update, (error, seq) => (error ? reject(error) : resolve(seq)))),
    flush,
    get pending() {
      return queue.length;
    },
  };
}
