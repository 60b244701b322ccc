import type { Rect } from '../layout/index.ts';
import type { BlueprintDiff, EntityChangeKind } from './diff.ts';

/** One card's mark in the "changes since approved" overlay. */
export interface ChangeMark {
  readonly cardId: string;
  readonly change: EntityChangeKind;
  readonly label: string;
  /** Where to draw it, in page space: the card's place now, or — removed — where it was then. */
  readonly box: Rect;
  /** A removed card, drawn as a ghost at its place in the base version's layout. */
  readonly ghost: boolean;
}

/**
 * The marks the overlay draws for a diff of a base version → the working copy: added, changed and
 * moved cards at their current boxes, removed cards as ghosts at their boxes in the base's layout.
 * Cards without a box on either side (never the case for a laid-out card) are left out.
 */
export function changeMarks(diff: BlueprintDiff, now: ReadonlyMap<string, Rect>, then: ReadonlyMap<string, Rect>): ChangeMark[] {
  const out: ChangeMark[] = [];
  for (const e of diff.entities) {
    if (e.collection !== 'cards') continue;
    const ghost = e.change === 'removed';
    const box = (ghost ? then : now).get(e.id);
    if (box) out.push({ cardId: e.id, change: e.change, label: e.label, box: { x: box.x, y: box.y, w: box.w, h: box.h }, ghost });
  }
  return out;
}

/** What a mark says to people and to assistive technology: "Added card: Book a demo". */
export function markName(change: EntityChangeKind, label: string): string {
  return `${change[0]!.toUpperCase()}${change.slice(1)} card: ${label}`;
}
