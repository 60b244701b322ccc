import type { DocumentStore } from '../store/index.ts';

/**
 * The cap on what one data folder stores, summed over its rooms (docs/security.md, "Sync server").
 * The store's own figures (snapshots plus logs) are read when the server starts and again, at
 * most once a second, when a write would pass the cap; between reads, every write admitted is
 * added in full. So the estimate only errs high (a write that changes nothing, a compaction not
 * yet counted), and a write is refused only on an estimate read from the store in the last second.
 */
export class StorageQuota {
  readonly max: number;
  readonly #store: DocumentStore;
  /** Commits what is queued, so a fresh read counts it. */
  readonly #flush: () => void;
  readonly #now: () => number;
  #base = 0;
  #admitted = 0;
  #readAt = Number.NEGATIVE_INFINITY;

  constructor(store: DocumentStore, max: number, flush: () => void, now: () => number = () => performance.now()) {
    this.max = max;
    this.#store = store;
    this.#flush = flush;
    this.#now = now;
    this.#read();
  }

  /** Bytes stored, as last estimated. */
  get used(): number {
    return this.#base + this.#admitted;
  }

  #read(): void {
    this.#flush();
    let total = 0;
    for (const room of this.#store.listRooms()) total += room.bytes;
    this.#base = total;
    this.#admitted = 0;
    this.#readAt = this.#now();
  }

  /** Would a write of `bytes` keep the folder within the cap? If so it is counted. */
  admits(bytes: number): boolean {
    if (this.used + bytes > this.max && this.#now() - this.#readAt >= 1000) this.#read();
    if (this.used + bytes > this.max) return false;
    this.#admitted += bytes;
    return true;
  }
}
