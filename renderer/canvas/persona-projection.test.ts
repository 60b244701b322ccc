import { describe, expect, it } from 'vitest';
import { addPersona, blueprintToDoc, readBlueprint, setCardPersona } from '../../shared/doc/index.ts';
import { getTemplate } from '../../shared/templates/index.ts';
import { PERSONA_CURVES, personaCurvesShapeId, type PersonaCurvesProps } from './persona-curve-shape.ts';
import { projectBlueprint } from './projection.ts';
import { CARD, shapeIds, type CardProps } from './shape-types.ts';

function taggedB2b() {
  const doc = blueprintToDoc(getTemplate('b2b-lead-to-renewal')!.build());
  const bp = readBlueprint(doc);
  const lane = bp.lanes.find((l) => l.kind === 'thinking-feeling')!;
  const feelings = bp.cards.filter((c) => c.laneId === lane.id && typeof c.emotion === 'number');
  const p = addPersona(doc, { name: 'IT buyer', color: '#2563eb' });
  for (const card of feelings.slice(0, 3)) setCardPersona(doc, card.id, p, true);
  return { doc, lane, feelings, p };
}

describe('persona projection', () => {
  it('draws no persona shape while the blueprint has no personas', () => {
    const bp = { ...readBlueprint(blueprintToDoc(getTemplate('b2b-lead-to-renewal')!.build())), personas: [] };
    expect(projectBlueprint(bp).shapes.some((s) => s.type === PERSONA_CURVES)).toBe(false);
  });

  it('puts each persona’s curve on the thinking-and-feeling band, with the card tags in the card props', () => {
    const { doc, lane, feelings, p } = taggedB2b();
    const bp = readBlueprint(doc);
    const { shapes, layout } = projectBlueprint(bp);
    const shape = shapes.find((s) => s.id === personaCurvesShapeId(lane.id))!;
    const band = layout.emotionCurves.find((c) => c.laneId === lane.id)!.band;
    expect([shape.x, shape.y, shape.isLocked]).toEqual([band.x, band.y, true]);
    const curve = (shape.props as PersonaCurvesProps).curves.find((c) => c.id === p)!;
    expect(curve.colour).toBe('#2563eb');
    const stagesTagged = new Set(feelings.slice(0, 3).map((c) => c.stageId));
    expect(curve.points).toHaveLength(stagesTagged.size);
    const tagged = shapes.find((s) => s.type === CARD && s.id === shapeIds.card(feelings[0]!.id))!;
    expect((tagged.props as CardProps).personas).toEqual([p]);
    const untagged = shapes.find((s) => s.type === CARD && s.id === shapeIds.card(feelings.at(-1)!.id))!;
    expect((untagged.props as CardProps).personas).toEqual([]);
  });
});
