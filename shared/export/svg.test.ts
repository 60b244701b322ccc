import { describe, expect, it } from 'vitest';
import { cleanJourney } from '../journey/fixtures.ts';
import { buildScene } from './scene.ts';
import { sceneToSvg } from './svg.ts';

describe('SVG export', () => {
  it('draws every stage, lane and card, escaping text', () => {
    const bp = cleanJourney();
    bp.stages[0]!.name = 'Lead <& "quotes">';
    const svg = sceneToSvg(buildScene(bp));
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    for (const s of bp.stages) expect(svg).toContain(`data-role="stage" data-id="${s.id}"`);
    for (const l of bp.lanes) expect(svg).toContain(`data-role="lane" data-id="${l.id}"`);
    for (const c of bp.cards) expect(svg).toContain(`data-role="card" data-id="${c.id}"`);
    expect(svg).toContain('Lead &lt;&amp; &quot;quotes&quot;&gt;');
    expect(svg).not.toContain('<&');
  });
});
