import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing';

/**
 * Ordering of stages, lanes and cards by fractional index keys: moving one item writes one key, so
 * concurrent moves of different items never conflict. Two peers may generate the same key
 * concurrently; every reader breaks such ties by id (see `compareByOrder`).
 */
export interface Ordered {
  readonly id: string;
  readonly order: string;
}

export function compareByOrder(a: Ordered, b: Ordered): number {
  if (a.order !== b.order) return a.order < b.order ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function sortByOrder<T extends Ordered>(items: Iterable<T>): T[] {
  return [...items].sort(compareByOrder);
}

/** The key for a new item at the end of a sorted list. */
export function orderAfterLast(sorted: readonly Ordered[]): string {
  return generateKeyBetween(sorted.at(-1)?.order ?? null, null);
}

export function firstOrders(count: number): string[] {
  return generateNKeysBetween(null, null, count);
}

export interface OrderPlan {
  /** The key for the moved item. */
  readonly order: string;
  /** Other items whose keys must change too (only when neighbours share a key). */
  readonly rekeyed: ReadonlyArray<{ id: string; order: string }>;
}

/**
 * Where to put `movingId` so that it lands at `index` among `sorted` (which may contain it).
 * Normally only the moved item gets a new key. When its neighbours share a key (a tie left by a
 * concurrent insert) there is no key strictly between them, so the tied run is re-keyed in the
 * same transaction: still deterministic, and only when a user actually moves something.
 */
export function planMove(sorted: readonly Ordered[], movingId: string, index: number): OrderPlan {
  const others = sorted.filter((item) => item.id !== movingId);
  const at = Math.max(0, Math.min(index, others.length));
  const before = others[at - 1];
  const after = others[at];
  if (!before || !after || before.order < after.order) {
    return { order: generateKeyBetween(before?.order ?? null, after?.order ?? null), rekeyed: [] };
  }
  // Re-key the run of items that share `before`'s key, from its first member to `after`'s last.
  const tie = before.order;
  let start = at - 1;
  while (start > 0 && others[start - 1]!.order === tie) start--;
  let end = at;
  while (end + 1 < others.length && others[end + 1]!.order === tie) end++;
  const low = others[start - 1]?.order ?? null;
  const high = others[end + 1]?.order ?? null;
  const runLength = end - start + 1;
  const keys = generateNKeysBetween(low, high, runLength + 1);
  const rekeyed: Array<{ id: string; order: string }> = [];
  let k = 0;
  let order = '';
  for (let i = start; i <= end; i++) {
    if (i === at) order = keys[k++]!;
    rekeyed.push({ id: others[i]!.id, order: keys[k++]! });
  }
  if (at > end) order = keys[k++]!;
  return { order, rekeyed };
}
