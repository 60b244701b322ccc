import type { DocumentStore } from '../store/index.ts';

/** Bytes stored: now (SQLite), or once the database answers (PostgreSQL). */
export type MeasureStored = () => number | Promise<number>;

/**
 * The cap on what one data folder stores, summed over its rooms (docs/security.md, "Sync server").
 * The store's own figures (snapshots plus logs) are read when the server starts and again, at
 * most once a second, when a write would pass the cap; between reads, every write admitted is
 * added in full. So the estimate only errs high (a write that changes nothing, a compaction not
 * yet counted), and a write is refused only on an estimate read from the store in the last second.
 * On PostgreSQL the read is asynchronous: until it answers, the previous estimate stands.
 */
export class StorageQuota {
  readonly max: number;
  readonly #measure: MeasureStored;
  #reading = false;
  /** Commits what is queued, so a fresh read counts it. */
  readonly #flush: () => void;
  readonly #now: () => number;
  #base = 0;
  #admitted = 0;
  #readAt = Number.NEGATIVE_INFINITY;

  constructor(source: DocumentStore | MeasureStored, max: number, flush: () => void, now: () => number = () => performance.now()) {
    this.max = max;
    this.#measure = typeof source === 'function' ? source : () => source.listRooms().reduce((total, room) => total + room.bytes, 0);
    this.#flush = flush;
    this.#now = now;
    this.#read();
  }

  /** Bytes stored, as last estimated. */
  get used(): number {
    return this.#base + this.#admitted;
  }

  #read(): void {
    if (this.#reading) return;
    this.#flush();
    const total = this.#measure();
    this.#readAt = this.#now();
    if (!(total instanceof Promise)) {
      this.#base = total;
      this.#admitted = 0;
      return;
    }
    this.#reading = true;
    const admittedBefore = this.#admitted;
    total.then(
      (bytes) => {
        this.#reading = false;
        this.#base = bytes;
        // What was admitted while the database was being read may not be in its answer yet.
        this.#admitted -= admittedBefore;
      },
      () => (this.#reading = false),
    );
  }

  /** Would a write of `bytes` keep the folder within the cap? If so it is counted. */
  admits(bytes: number): boolean {
    if (this.used + bytes > this.max && this.#now() - this.#readAt >= 1000) this.#read();
    if (this.used + bytes > this.max) return false;
    this.#admitted += bytes;
    return true;
  }
}
