/**
 * Which of a room's seqs a node has applied. Seqs are given by the shared store in commit order
 * without holes (store/postgres/schema.ts), so "everything through `seq`" plus the ranges seen
 * beyond it (a node's own commits, or a message that overtook another) says exactly what is
 * missing: a gap is a range between `seq` and the first range ahead. The node catches up from the
 * store whenever one stays open.
 */
export class SeqTracker {
  /** Every seq up to and including this one has been applied. */
  #seq: number;
  /** Disjoint ranges [from, to] beyond `seq + 1`, sorted by `from`. */
  #ahead: Array<[number, number]> = [];

  constructor(seq: number) {
    this.#seq = seq;
  }

  get seq(): number {
    return this.#seq;
  }

  /** Is a seq missing below the newest one seen? */
  get hasGap(): boolean {
    return this.#ahead.length > 0;
  }

  /** The newest seq seen, applied contiguously or not. */
  get newest(): number {
    return this.#ahead.length > 0 ? this.#ahead[this.#ahead.length - 1]![1] : this.#seq;
  }

  /** True when every seq of [from, to] was already seen (a duplicate). */
  covers(from: number, to: number): boolean {
    if (to <= this.#seq) return true;
    return this.#ahead.some(([a, b]) => a <= Math.max(from, this.#seq + 1) && b >= to);
  }

  /** Seqs [from, to] were applied. */
  add(from: number, to: number): void {
    if (to <= this.#seq) return;
    this.#ahead.push([Math.max(from, this.#seq + 1), to]);
    this.#ahead.sort((x, y) => x[0] - y[0]);
    this.#absorb();
  }

  /** Everything through `seq` was applied (a catch-up read from the store). */
  advanceTo(seq: number): void {
    if (seq <= this.#seq) return;
    this.#seq = seq;
    this.#absorb();
  }

  #absorb(): void {
    const rest: Array<[number, number]> = [];
    for (const [from, to] of this.#ahead) {
      if (from <= this.#seq + 1) this.#seq = Math.max(this.#seq, to);
      else if (rest.length > 0 && from <= rest[rest.length - 1]![1] + 1)
        rest[rest.length - 1]![1] = Math.max(rest[rest.length - 1]![1], to);
      else rest.push([from, to]);
    }
    // A range that only touched the contiguous part after an earlier one was merged.
    this.#ahead = rest.filter(([, to]) => to > this.#seq);
    if (this.#ahead.length > 0 && this.#ahead[0]![0] <= this.#seq + 1) this.#absorb();
  }
}
