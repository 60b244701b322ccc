import { describe, expect, it } from 'vitest';
import { compareByOrder, firstOrders, orderAfterLast, planMove, sortByOrder, type Ordered } from './order.ts';

function apply(items: Ordered[], movingId: string, index: number): string[] {
  const plan = planMove(sortByOrder(items), movingId, index);
  const next = new Map(items.map((i) => [i.id, i.order]));
  next.set(movingId, plan.order);
  for (const r of plan.rekeyed) next.set(r.id, r.order);
  return sortByOrder([...next].map(([id, order]) => ({ id, order }))).map((i) => i.id);
}

describe('ordering', () => {
  it('breaks ties by id', () => {
    const items = [
      { id: 'b', order: 'a0' },
      { id: 'a', order: 'a0' },
      { id: 'c', order: 'Zz' },
    ];
    expect(sortByOrder(items).map((i) => i.id)).toEqual(['c', 'a', 'b']);
    expect(compareByOrder(items[0]!, items[0]!)).toBe(0);
  });

  it('appends after the last item', () => {
    const [a, b] = firstOrders(2);
    const next = orderAfterLast([
      { id: 'x', order: a! },
      { id: 'y', order: b! },
    ]);
    expect(next > b!).toBe(true);
    expect(orderAfterLast([])).toBe('a0');
  });

  it('moves an item to every position with one key when there are no ties', () => {
    const keys = firstOrders(4);
    const items = ['a', 'b', 'c', 'd'].map((id, i) => ({ id, order: keys[i]! }));
    expect(apply(items, 'd', 0)).toEqual(['d', 'a', 'b', 'c']);
    expect(apply(items, 'a', 2)).toEqual(['b', 'c', 'a', 'd']);
    expect(apply(items, 'b', 9)).toEqual(['a', 'c', 'd', 'b']);
    expect(planMove(sortByOrder(items), 'a', 2).rekeyed).toEqual([]);
  });

  it('re-keys a tied run when moving between tied neighbours', () => {
    const items = [
      { id: 'a', order: 'a0' },
      { id: 'b', order: 'a1' },
      { id: 'c', order: 'a1' },
      { id: 'd', order: 'a1' },
      { id: 'e', order: 'a2' },
    ];
    expect(apply(items, 'a', 2)).toEqual(['b', 'c', 'a', 'd', 'e']);
    expect(apply(items, 'e', 1)).toEqual(['a', 'e', 'b', 'c', 'd']);
    expect(apply(items, 'e', 2)).toEqual(['a', 'b', 'e', 'c', 'd']);
    expect(apply(items, 'x', 3)).toEqual(['a', 'b', 'c', 'x', 'd', 'e']);
    const plan = planMove(sortByOrder(items), 'a', 2);
    expect(plan.rekeyed.map((r) => r.id)).toEqual(['b', 'c', 'd']);
  });
});
