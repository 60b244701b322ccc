import { describe, expect, it } from 'vitest';
import { analyzeBlueprint } from './analyze.ts';
import { DIRECT } from './attribution.ts';
import { trialBlueprint } from './fixture.ts';
import { applyMetrics, parseMetricsCsv } from './metrics-import.ts';
import { logOf, type Row } from './testing.ts';
import { findUnderperformers } from './underperformers.ts';

const blueprint = trialBlueprint();

describe('analyzeBlueprint', () => {
  // 40 customers: those who attend the webinar buy; those who only get the trial welcome do not.
  const rows: Row[] = [];
  for (let i = 0; i < 40; i++) {
    const c = `c${i}`;
    rows.push([c, 0, 'cd_ad'], [c, 1, 'trial.started']);
    if (i % 2 === 0) rows.push([c, 2, 'Webinar'], [c, 3, 'purchase', 100], [c, 30 + i, 'purchase', 80]);
  }
  rows.push(['x', 0, 'display-ad'], ['x', 1, 'purchase', 10]);
  const a = analyzeBlueprint(blueprint, logOf(rows));

  it('credits cards and channels, and per channel sums to the same totals', () => {
    const markov = a.attribution.find((m) => m.model === 'markov')!;
    // Second purchases have no touch before them: (direct). Every other card conversion passes the ad,
    // the trial welcome and the webinar, so removing any one of them loses the same: equal credit.
    expect(markov.cards.find((c) => c.touchpoint === DIRECT)!.conversions).toBe(20);
    const credit = (id: string) => markov.cards.find((c) => c.touchpoint === id)!.conversions;
    expect(credit('cd_webinar')).toBeCloseTo(credit('cd_ad'), 9);
    expect(credit('cd_trial')).toBeCloseTo(credit('cd_ad'), 9);
    expect(credit('cd_ad')).toBeGreaterThan(credit('channel:display-ad'));
    const sum = (cs: readonly { conversions: number }[]) => cs.reduce((s, c) => s + c.conversions, 0);
    for (const m of a.attribution) {
      expect(sum(m.cards)).toBeCloseTo(m.conversions, 9);
      expect(sum(m.channels)).toBeCloseTo(m.conversions, 9);
    }
    expect(markov.channels.map((c) => c.touchpoint)).toContain('display-ad');
  });
  it('reports mapping, conformance and CLV groups', () => {
    expect(a.mapping).toEqual({ touchpoints: 5, mapped: 5, unmapped: [] });
    expect(a.conformance.replayed).toBe(41);
    expect(a.clv.fit?.customers).toBe(21);
    expect(a.clv.byCard.find((g) => g.group === 'cd_webinar')!.customers).toBe(20);
  });
  it('flags the underperforming card, not the ones with too few customers', () => {
    const under = findUnderperformers(a.journey.cards, 0.6, 10);
    expect(under.map((u) => u.card)).toEqual(['cd_ad', 'cd_trial']);
    expect(under[0]!.conversionRate).toBeCloseTo(0.5, 9);
    expect(findUnderperformers(a.journey.cards, 0.6, 100)).toEqual([]);
  });
});

describe('metrics CSV import', () => {
  it('fills cards by id or by stage, lane and title', () => {
    const rows = parseMetricsCsv(
      'card,stage,lane,title,period,volume,conversion_rate,revenue\ncd_ad,,,,2026-Q1,1200,4%,\n,Trial,Touchpoints,webinar,2026-Q1,300,0.25,900\n',
      blueprint,
    );
    const next = applyMetrics(blueprint, rows);
    expect(next.cards.find((c) => c.id === 'cd_ad')!.metrics).toEqual({ period: '2026-Q1', volume: 1200, conversionRate: 0.04 });
    expect(next.cards.find((c) => c.id === 'cd_webinar')!.metrics).toEqual({
      period: '2026-Q1',
      volume: 300,
      conversionRate: 0.25,
      revenue: 900,
    });
    expect(blueprint.cards.every((c) => c.metrics === undefined)).toBe(true);
  });
  it('refuses bad rows with line numbers', () => {
    expect(() =>
      parseMetricsCsv('card,volume,conversion_rate\ncd_ad,10,0.1\nnope,1,0.1\ncd_ad,lots,0.1\ncd_ad,1,1.5\n', blueprint),
    ).toThrow(/line 3: no card with id "nope"[\s\S]*line 4: "volume" is not a number[\s\S]*line 5: conversionRate/);
  });
});
