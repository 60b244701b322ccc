import { sortByOrder } from './order.ts';
import type { Blueprint, Card, Flow, Lane, Stage } from './schema.ts';

/**
 * The blueprint as every reader should see it, whatever concurrent edits left behind. This is the
 * read side of docs/architecture.md §2 "repair, never lose": it is pure, deterministic and idempotent, and it
 * never changes the document.
 * - Stages, lanes and the cards of each cell are sorted by order, ties broken by id.
 * - A card whose stage or lane no longer exists goes to the Unplaced tray, its data untouched.
 * - A flow whose end no longer exists is hidden, not deleted (its card may come back through undo).
 */
export interface ResolvedBlueprint {
  readonly stages: readonly Stage[];
  readonly lanes: readonly Lane[];
  /** Cards of each cell, sorted; key from `cellKey`. Cells without cards are absent. */
  readonly cells: ReadonlyMap<string, readonly Card[]>;
  /** Cards whose stage or lane is gone, sorted by id so the tray is stable. */
  readonly unplaced: readonly Card[];
  readonly flows: readonly Flow[];
  readonly hiddenFlows: readonly Flow[];
  readonly cardsById: ReadonlyMap<string, Card>;
}

export const cellKey = (stageId: string, laneId: string): string => `${stageId}\u0000${laneId}`;

export function resolveBlueprint(blueprint: Pick<Blueprint, 'stages' | 'lanes' | 'cards' | 'flows'>): ResolvedBlueprint {
  const stages = sortByOrder(blueprint.stages);
  const lanes = sortByOrder(blueprint.lanes);
  const stageIds = new Set(stages.map((s) => s.id));
  const laneIds = new Set(lanes.map((l) => l.id));

  const cells = new Map<string, Card[]>();
  const unplaced: Card[] = [];
  const cardsById = new Map<string, Card>();
  for (const card of blueprint.cards) {
    cardsById.set(card.id, card);
    if (!stageIds.has(card.stageId) || !laneIds.has(card.laneId)) {
      unplaced.push(card);
      continue;
    }
    const key = cellKey(card.stageId, card.laneId);
    const cell = cells.get(key);
    if (cell) cell.push(card);
    else cells.set(key, [card]);
  }
  for (const [key, cell] of cells) cells.set(key, sortByOrder(cell));
  unplaced.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  const flows: Flow[] = [];
  const hiddenFlows: Flow[] = [];
  for (const flow of blueprint.flows) {
    if (cardsById.has(flow.from) && cardsById.has(flow.to)) flows.push(flow);
    else hiddenFlows.push(flow);
  }
  return { stages, lanes, cells, unplaced, flows, hiddenFlows, cardsById };
}
