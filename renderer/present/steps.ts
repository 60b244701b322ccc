import type { ScrollLayout } from '../../shared/layout/index.ts';

/**
 * The walk of unroll mode: the whole scroll first, then each stage left to right. Every step has
 * the page rectangle to frame: a stage step frames the stage's whole column (every lane), with
 * room for the lane names beside it.
 */
export interface Bounds {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export type PresentationStep =
  | { readonly kind: 'overview'; readonly index: 0; readonly bounds: Bounds }
  | { readonly kind: 'stage'; readonly index: number; readonly stageId: string; readonly stageNumber: number; readonly bounds: Bounds };

/**
 * Room on each side of a framed stage (page units): the lane names are shown on the left (the
 * lane headers are far away at the start of the scroll), and the column stays centred.
 */
export const STAGE_GUTTER = 200;

export function presentationSteps(layout: Pick<ScrollLayout, 'bounds' | 'stages'>): PresentationStep[] {
  const steps: PresentationStep[] = [{ kind: 'overview', index: 0, bounds: layout.bounds }];
  layout.stages.forEach((stage, i) => {
    const c = stage.column;
    steps.push({
      kind: 'stage',
      index: i + 1,
      stageId: stage.id,
      stageNumber: i + 1,
      bounds: { x: c.x - STAGE_GUTTER, y: c.y, w: c.w + 2 * STAGE_GUTTER, h: c.h },
    });
  });
  return steps;
}

export type PresentAction = 'next' | 'previous' | 'first' | 'last' | 'overview' | 'exit' | 'laser';

/**
 * Keys of a presentation: arrows, Space and PageUp/PageDown (what presentation clickers send),
 * Home/End, O for the overview, L for the laser pointer, Esc to leave.
 */
export function presentAction(key: {
  key: string;
  shiftKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
}): PresentAction | null {
  if (key.ctrlKey || key.metaKey || key.altKey) return null;
  switch (key.key) {
    case 'ArrowRight':
    case 'ArrowDown':
    case 'PageDown':
      return 'next';
    case ' ':
      return key.shiftKey ? 'previous' : 'next';
    case 'ArrowLeft':
    case 'ArrowUp':
    case 'PageUp':
    case 'Backspace':
      return 'previous';
    case 'Home':
      return 'first';
    case 'End':
      return 'last';
    case 'o':
    case 'O':
      return 'overview';
    case 'l':
    case 'L':
      return 'laser';
    case 'Escape':
      return 'exit';
    default:
      return null;
  }
}

/** The step an action leads to from `current` (clamped to the walk; null for non-moving actions). */
export function stepAfter(action: PresentAction, current: number, count: number): number | null {
  const last = Math.max(0, count - 1);
  switch (action) {
    case 'next':
      return Math.min(last, current + 1);
    case 'previous':
      return Math.max(0, current - 1);
    case 'first':
      return Math.min(last, 1);
    case 'last':
      return last;
    case 'overview':
      return 0;
    default:
      return null;
  }
}
