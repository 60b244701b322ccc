import { describe, expect, it } from 'vitest';
import type { Blueprint, Card } from '../model/index.ts';
import { cleanJourney } from './fixtures.ts';
import { hasErrors, lintBlueprint, LINT_RULES, type LintRule } from './lint.ts';

const edit = (change: (bp: Blueprint) => void): Blueprint => {
  const bp = cleanJourney();
  change(bp);
  return bp;
};
const cardOf = (bp: Blueprint, id: string): Card => bp.cards.find((c) => c.id === id)!;

/** One fixture per rule: a seeded defect, and the ids the finding must name. */
const FIXTURES: Record<LintRule, { bp: Blueprint; stages?: string[]; cards?: string[]; flows?: string[] }> = {
  'stage-unreachable': {
    bp: edit((bp) => (bp.flows = bp.flows.filter((f) => f.id !== 'fl_year' && f.id !== 'fl_back'))),
    stages: ['st_renewal'],
  },
  'stage-no-way-out': {
    bp: edit((bp) => {
      bp.flows = bp.flows.filter((f) => f.id !== 'fl_year');
      bp.flows.push({ id: 'fl_skip', from: 'cd_form', to: 'cd_renew', event: 'skip.ahead', label: '' });
    }),
    stages: ['st_customer'],
  },
  'loop-without-wait': {
    bp: edit((bp) => {
      bp.flows.find((f) => f.id === 'fl_back')!.delay = undefined;
      Object.assign(
        bp.flows.find((f) => f.id === 'fl_year')!,
        { delay: undefined, event: 'renewal.due' },
      );
    }),
    stages: ['st_customer', 'st_renewal'],
    flows: ['fl_year', 'fl_back'],
  },
  'overlapping-conditions': {
    bp: edit((bp) => {
      bp.flows.push({ id: 'fl_vip', from: 'cd_form', to: 'cd_renew', event: 'order.placed', condition: 'score >= 50', label: 'big order' });
    }),
    stages: ['st_lead'],
    flows: ['fl_buy', 'fl_vip'],
  },
  'invalid-condition': { bp: edit((bp) => (bp.flows.find((f) => f.id === 'fl_buy')!.condition = 'score => 50')), flows: ['fl_buy'] },
  'touchpoint-no-owner': { bp: edit((bp) => (cardOf(bp, 'cd_form').owner = '')), cards: ['cd_form'], stages: ['st_lead'] },
  'automation-no-owner': { bp: edit((bp) => (cardOf(bp, 'cd_welcome').owner = '')), cards: ['cd_welcome'] },
  'action-no-system': { bp: edit((bp) => delete cardOf(bp, 'cd_classify').action!.system), cards: ['cd_classify'] },
  'capture-no-system': { bp: edit((bp) => delete cardOf(bp, 'cd_email').system), cards: ['cd_email'] },
  'automation-no-trigger': { bp: edit((bp) => delete cardOf(bp, 'cd_nurture').trigger), cards: ['cd_nurture'] },
  'trigger-incomplete': { bp: edit((bp) => (cardOf(bp, 'cd_welcome').trigger = { type: 'event' })), cards: ['cd_welcome'] },
  'automation-no-action': { bp: edit((bp) => delete cardOf(bp, 'cd_nurture').action), cards: ['cd_nurture'] },
  'exit-no-journey': { bp: edit((bp) => (cardOf(bp, 'cd_optout').exit = { type: 'move-to-journey' })), cards: ['cd_optout'] },
  'transition-without-trigger': { bp: edit((bp) => (bp.flows.find((f) => f.id === 'fl_year')!.delay = undefined)), flows: ['fl_year'] },
  'hidden-flow': { bp: edit((bp) => bp.flows.push({ id: 'fl_gone', from: 'cd_form', to: 'cd_deleted', label: '' })), flows: ['fl_gone'] },
  'unplaced-card': { bp: edit((bp) => (cardOf(bp, 'cd_renew').laneId = 'ln_deleted')), cards: ['cd_renew'] },
  'no-entry-trigger': { bp: edit((bp) => (cardOf(bp, 'cd_welcome').trigger = { type: 'elapsed', after: '1h' })), stages: ['st_lead'] },
  'not-executable': {
    bp: edit((bp) => {
      bp.cards = [];
      bp.flows = [];
    }),
    stages: ['st_lead'],
  },
};

describe('lint', () => {
  it('finds nothing in the clean journey', () => {
    expect(lintBlueprint(cleanJourney())).toEqual([]);
  });

  it('has a fixture for every rule', () => {
    expect(Object.keys(FIXTURES).sort()).toEqual(Object.keys(LINT_RULES).sort());
  });

  it.each(Object.entries(FIXTURES))('finds the seeded defect: %s', (rule, fixture) => {
    const findings = lintBlueprint(fixture.bp);
    const hit = findings.find((f) => f.rule === rule);
    expect(hit, JSON.stringify(findings, null, 1)).toBeDefined();
    expect(hit!.severity).toBe(LINT_RULES[rule as LintRule]);
    expect(hit!.message.length).toBeGreaterThan(10);
    for (const id of fixture.stages ?? []) expect(hit!.stageIds).toContain(id);
    for (const id of fixture.cards ?? []) expect(hit!.cardIds).toContain(id);
    for (const id of fixture.flows ?? []) expect(hit!.flowIds).toContain(id);
    expect(hit!.stageIds.length + hit!.cardIds.length + hit!.flowIds.length).toBeGreaterThan(0);
  });

  it('does not report disjoint conditions as overlapping', () => {
    const bp = edit((b) => {
      b.flows.find((f) => f.id === 'fl_buy')!.condition = 'score < 50';
      b.flows.push({ id: 'fl_vip', from: 'cd_form', to: 'cd_renew', event: 'order.placed', condition: 'score >= 50', label: '' });
    });
    expect(lintBlueprint(bp).filter((f) => f.rule === 'overlapping-conditions')).toEqual([]);
  });

  it('hasErrors tells errors from warnings', () => {
    expect(hasErrors(lintBlueprint(FIXTURES['transition-without-trigger'].bp))).toBe(false);
    expect(hasErrors(lintBlueprint(FIXTURES['stage-unreachable'].bp))).toBe(true);
  });
});
