import type { AppendEntry, Authorship, ChangeRecord } from './types.ts';

/** What a group commit writes to: the SQLite store (returns the seqs) or PostgreSQL (a promise of them). */
export interface CommitTarget {
  appendUpdates(entries: ReadonlyArray<AppendEntry>): number[] | Promise<number[]>;
}

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
  /**
   * Commits everything queued now: synchronously on a synchronous target; on an asynchronous one
   * it starts the batch (or leaves it to follow the batch in flight) — see `idle`.
   */
  flush(): void;
  /** Resolves once nothing is queued or in flight. */
  idle(): Promise<void>;
  readonly pending: number;
}

interface Entry extends AppendEntry {
  readonly done: CommitCallback;
}

/**
 * Group commit: updates queued during one event-loop turn are written in one transaction, so one
 * fsync covers them all. Nobody hears "committed" before the transaction holding the update did.
 *
 * On an asynchronous target (PostgreSQL) one batch is in flight at a time, and what is queued
 * meanwhile forms the next batch: callbacks run in commit order, and the seqs they hear only grow.
 */
export function createGroupCommit(target: CommitTarget, options: GroupCommitOptions = {}): GroupCommit {
  const schedule = options.schedule ?? ((fn) => void setImmediate(fn));
  const onCallbackError = options.onCallbackError ?? ((error) => console.error('group commit callback failed', error));
  let queue: Entry[] = [];
  let scheduled = false;
  let inFlight = false;
  let idleWaiters: Array<() => void> = [];

  function finish(batch: Entry[], start: number, failure: Error | null, seqs: number[] | null): void {
    options.onBatch?.({ updates: batch.length, durationMs: performance.now() - start });
    batch.forEach((entry, i) => {
      try {
        entry.done(failure, seqs ? seqs[i]! : 0);
      } catch (error) {
        onCallbackError(error);
      }
    });
  }

  function settleIdle(): void {
    if (queue.length > 0 || inFlight) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const fn of waiters) fn();
  }

  function flush(): void {
    scheduled = false;
    if (queue.length === 0 || inFlight) return settleIdle();
    const batch = queue;
    queue = [];
    const start = performance.now();
    let result: number[] | Promise<number[]>;
    try {
      result = target.appendUpdates(batch);
    } catch (error) {
      finish(batch, start, error instanceof Error ? error : new Error(String(error)), null);
      return settleIdle();
    }
    if (!(result instanceof Promise)) {
      finish(batch, start, null, result);
      return settleIdle();
    }
    inFlight = true;
    result.then(
      (seqs) => after(batch, start, null, seqs),
      (error: unknown) => after(batch, start, error instanceof Error ? error : new Error(String(error)), null),
    );
  }

  function after(batch: Entry[], start: number, failure: Error | null, seqs: number[] | null): void {
    inFlight = false;
    finish(batch, start, failure, seqs);
    // What was queued while this batch was in flight goes next, at once.
    if (queue.length > 0) flush();
    else settleIdle();
  }

  function enqueue(
    room: string,
    update: Uint8Array,
    done: CommitCallback,
    about?: { changes?: readonly ChangeRecord[]; by?: Authorship },
  ): void {
    queue.push({ room, update, done, changes: about?.changes, by: about?.by });
    if (!scheduled && !inFlight) {
      scheduled = true;
      schedule(flush);
    }
  }

  return {
    enqueue,
    commit: (room, update) =>
      new Promise<number>((resolve, reject) => enqueue(room, update, (error, seq) => (error ? reject(error) : resolve(seq)))),
    flush,
    idle: () =>
      new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        flush();
      }),
    get pending() {
      return queue.length;
    },
  };
}
