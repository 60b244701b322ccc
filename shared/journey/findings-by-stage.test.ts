import { describe, expect, it } from 'vitest';
import { getTemplate } from '../templates/index.ts';
import { findingsByStage } from './findings-by-stage.ts';
import { lintBlueprint } from './lint.ts';

describe('findingsByStage', () => {
  it('files each finding under the stages of what it names, and nothing under a clean template', () => {
    const blueprint = getTemplate('b2b-lead-to-renewal')!.build();
    const clean = findingsByStage(
      blueprint,
      lintBlueprint(blueprint).filter((f) => f.severity !== 'info'),
    );
    expect([...clean.values()].flat()).toEqual([]);
    expect(clean.size).toBe(blueprint.stages.length);

    // Seed defects in two known stages: a touchpoint without an owner, a data card without a system.
    const touchpoint = blueprint.cards.find((c) => c.kind === 'touchpoint')!;
    const data = blueprint.cards.find((c) => c.kind === 'data' && c.stageId !== touchpoint.stageId)!;
    touchpoint.owner = '';
    data.system = '';
    const byStage = findingsByStage(blueprint, lintBlueprint(blueprint));
    expect(byStage.get(touchpoint.stageId)!.map((f) => f.rule)).toContain('touchpoint-no-owner');
    expect(byStage.get(data.stageId)!.map((f) => f.rule)).toContain('capture-no-system');
    expect(byStage.get(touchpoint.stageId)!.map((f) => f.rule)).not.toContain('capture-no-system');
    const others = blueprint.stages.filter((s) => s.id !== touchpoint.stageId && s.id !== data.stageId);
    for (const stage of others) expect(byStage.get(stage.id)!.filter((f) => f.severity !== 'info')).toEqual([]);
  });
});
