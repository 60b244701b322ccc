import { describe, expect, it } from 'vitest';
import { layoutBlueprint } from '../../shared/layout/index.ts';
import { getTemplate } from '../../shared/templates/index.ts';
import { presentAction, presentationSteps, STAGE_GUTTER, stepAfter } from './steps.ts';

describe('presentation steps', () => {
  it('open on the whole scroll, then frame each stage column left to right', () => {
    const layout = layoutBlueprint(getTemplate('b2b-lead-to-renewal')!.build());
    const steps = presentationSteps(layout);
    expect(steps[0]).toMatchObject({ kind: 'overview', bounds: layout.bounds });
    expect(steps.length).toBe(layout.stages.length + 1);
    for (let i = 1; i < steps.length; i++) {
      const step = steps[i]!;
      if (step.kind !== 'stage') throw new Error('expected a stage step');
      expect(step.stageId).toBe(layout.stages[i - 1]!.id);
      const column = layout.stages[i - 1]!.column;
      expect(step.bounds).toEqual({ x: column.x - STAGE_GUTTER, y: column.y, w: column.w + 2 * STAGE_GUTTER, h: column.h });
      // Left to right, each column below the headers spans every lane.
      if (i > 1) expect(step.bounds.x).toBeGreaterThan(steps[i - 1]!.bounds.x);
      expect(step.bounds.y + step.bounds.h).toBeGreaterThanOrEqual(Math.max(...layout.lanes.map((l) => l.y + l.h)) - 1);
    }
  });

  it('map the keys presentation clickers send and clamp the walk', () => {
    expect(['ArrowRight', 'PageDown', ' ', 'ArrowDown'].map((key) => presentAction({ key }))).toEqual(['next', 'next', 'next', 'next']);
    expect(['ArrowLeft', 'PageUp', 'ArrowUp'].map((key) => presentAction({ key }))).toEqual(['previous', 'previous', 'previous']);
    expect(presentAction({ key: ' ', shiftKey: true })).toBe('previous');
    expect(presentAction({ key: 'Escape' })).toBe('exit');
    expect(presentAction({ key: 'o' })).toBe('overview');
    expect(presentAction({ key: 'ArrowRight', ctrlKey: true })).toBeNull();
    expect(presentAction({ key: 'x' })).toBeNull();
    expect(stepAfter('next', 12, 13)).toBe(12);
    expect(stepAfter('previous', 0, 13)).toBe(0);
    expect(stepAfter('first', 7, 13)).toBe(1);
    expect(stepAfter('last', 2, 13)).toBe(12);
    expect(stepAfter('overview', 5, 13)).toBe(0);
    expect(stepAfter('laser', 5, 13)).toBeNull();
  });
});
