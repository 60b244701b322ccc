import { describe, expect, it } from 'vitest';
import { checkConformance } from './conformance.ts';
import { trialBlueprint } from './fixture.ts';
import { analyzeJourney } from './journey-analytics.ts';
import { mapTouchpoints } from './map-touchpoints.ts';
import { logOf, type Row } from './testing.ts';

const blueprint = trialBlueprint();
// ann and bob follow the blueprint; cat jumps from the ad to checkout (no such flow); dan drops in Trial.
const ROWS: Row[] = [
  ['ann', 0, 'cd_ad'],
  ['ann', 2, 'trial.started'],
  ['ann', 3, 'Webinar'],
  ['ann', 6, 'purchase', 100],
  ['bob', 0, 'cd_ad'],
  ['bob', 4, 'trial.started'],
  ['bob', 8, 'purchase', 50],
  ['cat', 0, 'cd_ad'],
  ['cat', 1, 'checkout', 20],
  ['dan', 0, 'email'],
  ['dan', 1, 'cd_ad'],
  ['dan', 2, 'trial.started'],
  ['eve', 0, 'tiktok'],
];
const log = logOf(ROWS);
const mapping = mapTouchpoints(blueprint, log.touchpointNames);

describe('mapping touchpoints to cards', () => {
  it('maps by id, by flow event, by title, then by channel, and lists the rest', () => {
    const m = Object.fromEntries(log.touchpointNames.map((n, i) => [n, mapping.matches[i]]));
    expect(m['cd_ad']).toEqual({ kind: 'card', card: 'cd_ad', by: 'id' });
    expect(m['trial.started']).toEqual({ kind: 'card', card: 'cd_trial', by: 'event' });
    expect(m['purchase']).toEqual({ kind: 'card', card: 'cd_checkout', by: 'event' });
    expect(m['Webinar']).toEqual({ kind: 'card', card: 'cd_webinar', by: 'title' });
    expect(m['checkout']).toEqual({ kind: 'card', card: 'cd_checkout', by: 'title' });
    expect(m['email']).toEqual({ kind: 'channel', channel: 'email' });
    expect(mapping.unmapped).toEqual(['tiktok']);
  });
  it('prefers a trigger event over a title', () => {
    const bp = trialBlueprint();
    bp.cards.push({ ...bp.cards[0]!, id: 'cd_auto', kind: 'automation', title: 'Auto', trigger: { type: 'event', event: 'Webinar' } });
    expect(mapTouchpoints(bp, ['Webinar']).matches[0]).toEqual({ kind: 'card', card: 'cd_auto', by: 'event' });
  });
});

describe('journey analytics', () => {
  const a = analyzeJourney(blueprint, log, mapping);
  const stage = (id: string) => a.stages.find((s) => s.stage === id)!;
  it('counts per stage: entered, moved on, dropped, converted, median time in stage', () => {
    expect(a.customers).toBe(4);
    expect(stage('st_visit')).toMatchObject({ entered: 4, movedOn: 4, dropped: 0, converted: 0 });
    expect(stage('st_visit').medianTimeInStageMs).toBe(1.5 * 86_400_000); // 2, 4, 1, 1 days
    expect(stage('st_trial')).toMatchObject({ entered: 3, movedOn: 2, dropped: 1, converted: 0 });
    expect(stage('st_trial').medianTimeInStageMs).toBe(4 * 86_400_000); // 4 and 4 days
    expect(stage('st_paid')).toMatchObject({ entered: 3, movedOn: 0, dropped: 0, converted: 3, medianTimeInStageMs: null });
  });
  it('per card: reached, converted afterwards, dropped there', () => {
    const card = (id: string) => a.cards.find((c) => c.card === id)!;
    expect(card('cd_ad')).toMatchObject({ customers: 4, converted: 3, conversionRate: 0.75 });
    expect(card('cd_trial')).toMatchObject({ customers: 3, converted: 2, dropped: 1 });
    expect(card('cd_trial').dropOffRate).toBeCloseTo(1 / 3, 12);
  });
  it('finds the dead flow and the missing transition', () => {
    expect(a.flows.find((f) => f.flow === 'fl_start')!.customers).toBe(3);
    expect(a.flows.find((f) => f.flow === 'fl_buy')!.customers).toBe(1); // ann went via the webinar
    expect(a.deadFlows).toEqual([]);
    expect(a.missingTransitions).toEqual([{ from: 'st_visit', to: 'st_paid', customers: 1 }]);
  });
  it('a flow nobody takes is dead', () => {
    const none = logOf(ROWS.filter((r) => r[0] !== 'ann'));
    const b = analyzeJourney(blueprint, none, mapTouchpoints(blueprint, none.touchpointNames));
    expect(b.deadFlows).toEqual(['fl_webinar']);
  });
});

describe('conformance (replayed through the simulator)', () => {
  it('fits the customers who follow the flows, and says where the others first deviate', () => {
    const c = checkConformance(blueprint, log, mapping);
    expect(c.replayed).toBe(4);
    // ann: the webinar is in Trial, where the journey has her; her purchase moves her on. bob, dan fit.
    expect(c.fitting).toBe(3);
    expect(c.share).toBe(0.75);
    expect(c.deviations).toEqual([{ expected: 'st_visit', observed: 'st_paid', touchpoint: 'checkout', customers: 1 }]);
    expect(c.deviating.get('cat')).toBe(0);
  });
});
