import { describe, expect, it } from 'vitest';
import { cleanJourney } from '../journey/fixtures.ts';
import { getTemplate } from '../templates/index.ts';
import { buildScene } from './scene.ts';
import { sceneToSvg } from './svg.ts';

function withPersonas() {
  const bp = structuredClone(getTemplate('b2b-lead-to-renewal')!.build());
  bp.cards = bp.cards.map((c) => {
    const { personas: _p, ...rest } = c;
    return rest;
  });
  const feelingLane = bp.lanes.find((l) => l.kind === 'thinking-feeling');
  if (!feelingLane) throw new Error('fixture has no thinking-and-feeling lane');
  bp.personas = [
    { id: 'pe_it', name: 'IT buyer', description: '', color: '#2563eb' },
    { id: 'pe_cfo', name: 'CFO', description: '', color: '#dc2626' },
  ];
  const stages = bp.stages.slice(0, 2);
  stages.forEach((stage, i) =>
    bp.cards.push({
      id: `cd_feel_${i}`,
      stageId: stage.id,
      laneId: feelingLane.id,
      order: `z${i}`,
      kind: 'feeling',
      title: `Feeling ${i}`,
      notes: '',
      owner: '',
      status: 'draft',
      emotion: i === 0 ? 3 : -2,
      personas: ['pe_it'],
    }),
  );
  bp.cards[0]!.personas = ['pe_cfo', 'pe_it'];
  return bp;
}

describe('personas in the print', () => {
  it('puts a dot in each tagged persona’s colour on the card', () => {
    const bp = withPersonas();
    const svg = sceneToSvg(buildScene(bp));
    expect(svg).toMatch(new RegExp(`fill="#dc2626" data-role="card-persona" data-id="${bp.cards[0]!.id}:pe_cfo"`));
    expect(svg).toContain(`data-id="${bp.cards[0]!.id}:pe_it"`);
    expect(svg).not.toContain(`data-id="${bp.cards[1]!.id}:pe_it"`);
  });

  it('draws the personas’ curves with a legend — by default those that have a curve', () => {
    const bp = withPersonas();
    const svg = sceneToSvg(buildScene(bp));
    expect(svg).toContain('data-role="persona-legend" data-id="pe_it">IT buyer</text>');
    expect(svg).toMatch(/<polyline points="[^"]+" fill="none" stroke="#2563eb" stroke-width="2.5"/);
    // The CFO has no scored feeling card: no curve, no legend.
    expect(svg).not.toContain('data-role="persona-legend" data-id="pe_cfo"');
  });

  it('draws only the curves asked for (none when the list is empty)', () => {
    const bp = withPersonas();
    expect(sceneToSvg(buildScene(bp, { personaCurves: [] }))).not.toContain('persona-legend');
    expect(sceneToSvg(buildScene(bp, { personaCurves: ['pe_cfo'] }))).not.toContain('data-id="pe_it">IT buyer');
  });

  it('a blueprint without personas prints as before', () => {
    const bp = cleanJourney();
    bp.personas = [];
    expect(sceneToSvg(buildScene(bp))).not.toMatch(/persona/);
  });
});
