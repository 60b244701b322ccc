import { describe, expect, it } from 'vitest';
import { analyzeBlueprint } from './analyze.ts';
import { trialBlueprint } from './fixture.ts';
import { HEAT_SCALE, heatFill, heatMap } from './heat.ts';
import { logOf, type Row } from './testing.ts';

// 10 customers: all see the ad; the even ones take the trial and buy (100), the odd ones stop.
const rows: Row[] = [];
for (let i = 0; i < 10; i++) {
  rows.push([`c${i}`, 0, 'cd_ad']);
  if (i % 2 === 0) rows.push([`c${i}`, 1, 'trial.started'], [`c${i}`, 2, 'purchase', 100]);
}
rows.push(['x', 0, 'display-ad'], ['x', 1, 'purchase', 10]);
const analysis = analyzeBlueprint(trialBlueprint(), logOf(rows), { conformance: false });

describe('heatMap', () => {
  it('last-touch conversions: the trial welcome gets the 5 card conversions, channels and (direct) stay off the cards', () => {
    const heat = heatMap(analysis, { metric: 'conversions', model: 'last' });
    expect(heat.title).toBe('Attributed conversions (last touch)');
    // trial.started (the ad → trial flow's event) maps to the trial welcome; a conversion row's own
    // touchpoint is not a touch, so the trial welcome is the last touch of every converting path.
    expect(heat.cards.get('cd_trial')!.value).toBe(5);
    expect(heat.cards.get('cd_trial')!.share).toBe(1);
    expect(heat.cards.get('cd_trial')!.fill).toBe(HEAT_SCALE.at(-1));
    expect([...heat.cards.keys()].every((k) => k.startsWith('cd_'))).toBe(true);
    expect(heat.maxText).toBe('5.0');
  });
  it('conversion and drop-off rates are shares of 1, printed as percentages', () => {
    const rate = heatMap(analysis, { metric: 'conversion-rate', model: 'markov' });
    expect(rate.cards.get('cd_ad')!.value).toBeCloseTo(0.5, 9);
    expect(rate.cards.get('cd_ad')!.text).toBe('50 %');
    expect(rate.cards.get('cd_trial')!.value).toBe(1);
    expect(rate.maxText).toBe('100 %');
    const drop = heatMap(analysis, { metric: 'drop-off', model: 'markov' });
    expect(drop.cards.get('cd_ad')!.value).toBeCloseTo(0.5, 9);
    // Nobody reached the webinar: no figure, no heat.
    expect(drop.cards.has('cd_webinar')).toBe(false);
  });
  it('value by model sums to the conversions on cards', () => {
    const heat = heatMap(analysis, { metric: 'value', model: 'linear' });
    const total = [...heat.cards.values()].reduce((s, c) => s + c.value, 0);
    expect(total).toBeCloseTo(500, 9); // the 10 of the channel-only customer is not on a card
  });
  it('clamps the colour scale', () => {
    expect(heatFill(-1)).toBe(HEAT_SCALE[0]);
    expect(heatFill(0.5)).toBe(HEAT_SCALE[3]);
    expect(heatFill(Number.NaN)).toBe(HEAT_SCALE[0]);
    expect(heatFill(7)).toBe(HEAT_SCALE.at(-1));
  });
});
