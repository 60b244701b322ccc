import { describe, expect, it } from 'vitest';
import type { Blueprint, Card } from '../../model/schema.ts';
import { templateBuilder } from './builder.ts';
import { checkJourneyRules, crossStageFlows, findCycles } from './rules.ts';

/** Three stages, one path through them, a loop back with a delay: clean under every rule. */
function clean(): Blueprint {
  const t = templateBuilder({ title: 'Rules fixture' });
  const a = t.stage('a', 'A');
  const b = t.stage('b', 'B');
  const c = t.stage('c', 'C');
  const touch = t.lane('touch', 'Touch', 'touchpoints');
  const data = t.lane('data', 'Data', 'data');
  const auto = t.lane('auto', 'Auto', 'automation');
  const ad = t.card(a, touch, { key: 'ad', title: 'Ad', channel: 'display-ad', owner: 'Marketing' });
  t.card(a, data, { key: 'email', title: 'Email', field: 'email', system: 'CRM' });
  const score = t.card(b, auto, {
    key: 'score',
    title: 'Score',
    owner: 'Ops',
    trigger: { type: 'score', condition: 'score >= 50' },
    action: { type: 'change-classification', classification: 'MQL' },
  });
  const call = t.card(c, touch, { key: 'call', title: 'Call', channel: 'sales-call', owner: 'Sales' });
  t.flow(ad, score, { event: 'form.submitted' });
  t.flow(score, call, { condition: 'score >= 50' });
  t.flow(call, score, { event: 'lead.rejected', delay: '30d' });
  return t.build();
}

function card(bp: Blueprint, id: string): Card {
  return bp.cards.find((c) => c.id === id)!;
}

function rulesOf(bp: Blueprint): string[] {
  return checkJourneyRules(bp).map((f) => f.rule);
}

describe('checkJourneyRules', () => {
  it('finds nothing in a clean blueprint', () => {
    expect(checkJourneyRules(clean())).toEqual([]);
  });

  // One seeded defect per rule: a guard that never fires is not a guard.
  const defects: Array<[string, (bp: Blueprint) => void, string[]]> = [
    [
      'a stage nothing leads into',
      (bp) => (bp.flows = bp.flows.filter((f) => f.id !== 'fl_a_ad__b_score')),
      ['stage-unreachable', 'stage-no-way-out'],
    ],
    [
      'a stage with no way out',
      (bp) => (bp.flows = bp.flows.filter((f) => f.from !== 'cd_b_score')),
      ['stage-unreachable', 'stage-no-way-out'],
    ],
    [
      'a transition with no trigger',
      (bp) => (bp.flows.find((f) => f.id === 'fl_a_ad__b_score')!.event = undefined),
      ['transition-without-trigger'],
    ],
    [
      'a loop back without a delay',
      (bp) => (bp.flows.find((f) => f.from === 'cd_c_call')!.delay = undefined),
      ['loop-back-without-delay', 'loop-without-delay', 'loop-without-delay'],
    ],
    ['a touchpoint without owner', (bp) => (card(bp, 'cd_a_ad').owner = ' '), ['owner-missing']],
    ['a touchpoint without channel', (bp) => (card(bp, 'cd_a_ad').channel = undefined), ['channel-missing']],
    ['a data card without system', (bp) => (card(bp, 'cd_a_email').system = undefined), ['system-missing']],
    ['a data card without field', (bp) => (card(bp, 'cd_a_email').field = undefined), ['field-missing']],
    ['an automation without trigger', (bp) => (card(bp, 'cd_b_score').trigger = undefined), ['trigger-missing']],
    ['a trigger without its condition', (bp) => (card(bp, 'cd_b_score').trigger = { type: 'score' }), ['trigger-incomplete']],
    ['an automation without action', (bp) => (card(bp, 'cd_b_score').action = undefined), ['action-missing']],
    ['an action without its fields', (bp) => (card(bp, 'cd_b_score').action = { type: 'send', channel: 'email' }), ['action-incomplete']],
    ['an exit without its journey', (bp) => (card(bp, 'cd_b_score').exit = { type: 'move-to-journey' }), ['exit-incomplete']],
    ['a bad condition', (bp) => (bp.flows.find((f) => f.from === 'cd_b_score')!.condition = 'score => 50'), ['bad-condition']],
    ['a bad event', (bp) => (bp.flows.find((f) => f.from === 'cd_a_ad')!.event = 'Form Submitted'), ['bad-event']],
    [
      'a field asked twice',
      (bp) => bp.cards.push({ ...card(bp, 'cd_a_email'), id: 'cd_c_email', stageId: 'st_c' }),
      ['field-collected-twice'],
    ],
    ['a dangling flow', (bp) => bp.flows.push({ id: 'fl_x', from: 'cd_a_ad', to: 'cd_gone', label: '' }), ['dangling-flow']],
  ];
  it.each(defects)('reports %s', (_name, seed, expected) => {
    const bp = structuredClone(clean());
    seed(bp);
    expect(rulesOf(bp).sort()).toEqual([...expected].sort());
  });

  it('names the ids at fault', () => {
    const bp = clean();
    card(bp, 'cd_a_ad').owner = '';
    expect(checkJourneyRules(bp)).toEqual([{ rule: 'owner-missing', message: 'touchpoint card cd_a_ad has no owner', ids: ['cd_a_ad'] }]);
  });

  it('catches a loop inside one stage, too', () => {
    const bp = clean();
    bp.flows.push({ id: 'fl_self', from: 'cd_b_score', to: 'cd_b_score', label: '' });
    expect(rulesOf(bp)).toEqual(['loop-without-delay']);
    bp.flows.at(-1)!.delay = '1d';
    expect(rulesOf(bp)).toEqual([]);
  });
});

describe('findCycles', () => {
  it('finds each loop once and nothing in a DAG', () => {
    expect(
      findCycles([
        ['a', 'b'],
        ['b', 'c'],
        ['a', 'c'],
      ]),
    ).toEqual([]);
    expect(
      findCycles([
        ['a', 'b'],
        ['b', 'c'],
        ['c', 'a'],
        ['c', 'd'],
      ]),
    ).toEqual([['a', 'b', 'c', 'a']]);
  });
});

describe('crossStageFlows', () => {
  it('keeps only flows that change stage', () => {
    expect(
      crossStageFlows(clean())
        .map((f) => f.id)
        .sort(),
    ).toEqual(['fl_a_ad__b_score', 'fl_b_score__c_call', 'fl_c_call__b_score']);
  });
});
