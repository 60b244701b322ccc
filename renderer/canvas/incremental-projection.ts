import { cellKey, type Card, type ResolvedBlueprint } from '../../shared/model/index.ts';
import type { ModelProjection, ProjectionSource } from './projection.ts';

/**
 * The incremental half of the projection. `readBlueprint` returns each entity as one frozen object
 * shared between reads while it is unchanged, and every entity array sorted by id; so comparing two
 * reads is a walk of identities, and the entities a change touched are the few that differ.
 *
 * When those are only cards, and none of them changed what the layout reads — its stage, lane,
 * order (place in the cell), emotion (the curves) or personas (the persona curves) — the geometry
 * is the previous one: the resolved view is patched (the changed cards swapped into their cells
 * and `cardsById`), and the layout, the flows' lines and every other card's record are kept. A
 * remote batch of 500 title edits on a 20,000-card scroll then costs 500 records, not a resolve
 * and layout of 20,000 cards. Anything else (a card added, removed or moved, a stage, lane, flow
 * or persona changed) returns null: the caller resolves and lays out the whole blueprint.
 */
export function patchProjectionSource(
  previous: ModelProjection,
  next: ProjectionSource,
): { readonly view: ResolvedBlueprint; readonly changed: readonly Card[] } | null {
  const before = previous.source;
  if (
    !sameEntities(before.stages, next.stages) ||
    !sameEntities(before.lanes, next.lanes) ||
    !sameEntities(before.flows, next.flows) ||
    !sameEntities(before.personas ?? [], next.personas ?? []) ||
    before.cards.length !== next.cards.length
  )
    return null;
  const changed: Card[] = [];
  for (let i = 0; i < next.cards.length; i++) {
    const a = before.cards[i]!;
    const b = next.cards[i]!;
    if (a === b) continue;
    if (!movesNothing(a, b)) return null;
    changed.push(b);
  }
  if (changed.length === 0 && next.cards === before.cards) return { view: previous.view, changed };
  return { view: patchView(previous.view, changed), changed };
}

function sameEntities<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Whether `b` (the same card as `a`, edited) is drawn in the same place with the same curves. */
function movesNothing(a: Card, b: Card): boolean {
  return (
    a.id === b.id &&
    a.stageId === b.stageId &&
    a.laneId === b.laneId &&
    a.order === b.order &&
    a.emotion === b.emotion &&
    samePersonas(a.personas, b.personas)
  );
}

function samePersonas(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The view with `changed` swapped in where their previous versions were (same cell, same index). */
function patchView(view: ResolvedBlueprint, changed: readonly Card[]): ResolvedBlueprint {
  if (changed.length === 0) return view;
  const cardsById = new Map(view.cardsById);
  const cells = new Map(view.cells);
  const copied = new Set<string>();
  let unplaced: Card[] | null = null;
  for (const card of changed) {
    cardsById.set(card.id, card);
    const key = cellKey(card.stageId, card.laneId);
    const cell = cells.get(key);
    const at = cell ? cell.findIndex((c) => c.id === card.id) : -1;
    if (cell && at >= 0) {
      const list = copied.has(key) ? (cell as Card[]) : cell.slice();
      copied.add(key);
      list[at] = card;
      cells.set(key, list);
      continue;
    }
    unplaced ??= view.unplaced.slice();
    const i = unplaced.findIndex((c) => c.id === card.id);
    if (i >= 0) unplaced[i] = card;
  }
  return { ...view, cells, cardsById, unplaced: unplaced ?? view.unplaced };
}
