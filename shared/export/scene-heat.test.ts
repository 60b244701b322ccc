import { describe, expect, it } from 'vitest';
import { trialBlueprint } from '../analytics/fixture.ts';
import { buildScene } from './scene.ts';
import { sceneToSvg } from './svg.ts';

describe('the heat overlay in prints', () => {
  const heat = { title: 'Conversion rate', maxText: '100 %', cards: new Map([['cd_ad', { fill: '#c73a2f', text: '42 %' }]]) };
  it('fills the card with its heat colour, writes the figure and says what the colours mean', () => {
    const scene = buildScene(trialBlueprint(), { heat });
    const card = scene.primitives.find((p) => p.type === 'rect' && p.role === 'card' && p.id === 'cd_ad');
    expect(card).toMatchObject({ fill: '#c73a2f' });
    const other = scene.primitives.find((p) => p.type === 'rect' && p.role === 'card' && p.id === 'cd_trial');
    expect(other).not.toMatchObject({ fill: '#c73a2f' });
    expect(scene.primitives.find((p) => p.type === 'text' && p.role === 'heat')).toMatchObject({ id: 'cd_ad', text: '42 %' });
    const svg = sceneToSvg(scene);
    expect(svg).toContain('data-role="heat-legend"');
    expect(svg).toContain('>Heat overlay: pale 0 → deep 100 %</text>');
    expect(svg).toContain('data-role="heat-legend">Conversion rate</text>');
  });
  it('draws nothing of it without an overlay', () => {
    expect(sceneToSvg(buildScene(trialBlueprint()))).not.toMatch(/heat/);
  });
});
