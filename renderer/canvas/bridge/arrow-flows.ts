import type { TLRecord, TLStore } from 'tldraw';
import { CARD, entityOf } from '../shape-types.ts';

export interface ArrowFlow {
  readonly arrowId: string;
  readonly bindingIds: string[];
  readonly from: string;
  readonly to: string;
}

/**
 * Of the records `ids`, the arrows drawn from one card to another (both ends bound to a card):
 * they become flows in the model, and the arrow itself is not kept.
 */
export function arrowsBetweenCards(store: TLStore, ids: readonly string[]): ArrowFlow[] {
  const arrows = ids.filter((id) => (store.get(id as TLRecord['id']) as { type?: string } | undefined)?.type === 'arrow');
  if (arrows.length === 0) return [];
  const wanted = new Set(arrows);
  const bindings = new Map<string, Array<{ id: string; toId: string; terminal?: string }>>();
  for (const r of store.allRecords()) {
    if (r.typeName !== 'binding' || r.type !== 'arrow' || !wanted.has(r.fromId)) continue;
    const list = bindings.get(r.fromId) ?? [];
    list.push({ id: r.id, toId: r.toId, terminal: (r.props as { terminal?: string }).terminal });
    bindings.set(r.fromId, list);
  }
  const out: ArrowFlow[] = [];
  for (const arrowId of arrows) {
    const list = bindings.get(arrowId) ?? [];
    const start = list.find((b) => b.terminal === 'start');
    const end = list.find((b) => b.terminal === 'end');
    if (!start || !end) continue;
    const cardOf = (shapeId: string) => {
      const shape = store.get(shapeId as TLRecord['id']) as { type?: string } | undefined;
      return shape?.type === CARD ? entityOf(shapeId)?.id : undefined;
    };
    const from = cardOf(start.toId);
    const to = cardOf(end.toId);
    if (!from || !to) continue;
    out.push({ arrowId, bindingIds: list.map((b) => b.id), from, to });
  }
  return out;
}
