import { describe, expect, it } from 'vitest';
import { ID_PATTERN } from '../model/ids.ts';
import { sortByOrder } from '../model/order.ts';
import { parseDuration } from '../model/duration.ts';
import { blueprintSchema } from '../model/schema.ts';
import type { Blueprint } from '../model/schema.ts';
import { LANE_KINDS } from '../model/vocabulary.ts';
import { getTemplate, TEMPLATES } from './index.ts';
import { checkJourneyRules, crossStageFlows } from './lib/rules.ts';

const MIN_CARDS: Record<string, number> = { 'b2b-lead-to-renewal': 40, 'b2c-ecommerce': 30, 'saas-trial-to-paid': 30 };
const filled = TEMPLATES.filter((t) => t.id !== 'blank');

function stageNames(bp: Blueprint): string[] {
  return sortByOrder(bp.stages).map((s) => s.name);
}

function stageIdOf(bp: Blueprint): Map<string, string> {
  return new Map(bp.cards.map((c) => [c.id, c.stageId]));
}

describe('the template list', () => {
  it('has the four templates, with unique kebab-case ids, names and descriptions', () => {
    expect(TEMPLATES.map((t) => t.id).sort()).toEqual(['b2b-lead-to-renewal', 'b2c-ecommerce', 'blank', 'saas-trial-to-paid']);
    for (const t of TEMPLATES) {
      expect(t.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(t.name.length).toBeGreaterThan(0);
      expect(t.description.length).toBeGreaterThan(20);
    }
    expect(new Set(TEMPLATES.map((t) => t.name)).size).toBe(TEMPLATES.length);
  });

  it('finds a template by id', () => {
    expect(getTemplate('b2b-lead-to-renewal')?.name).toBe('B2B lead to renewal');
    expect(getTemplate('nope')).toBeUndefined();
  });
});

describe.each(TEMPLATES.map((t) => [t.id, t] as const))('%s', (_id, template) => {
  const bp = template.build();

  it('is a valid blueprint of the current format', () => {
    expect(blueprintSchema.parse(bp)).toEqual(bp);
    expect(bp.format).toBe('journeyscroll.blueprint');
    expect(bp.meta.schemaVersion).toBe(2);
    expect(bp.meta.minAppVersion).toBe('0.1.0');
  });

  it('is deterministic: built twice, deep-equal; and every build is a fresh copy', () => {
    const again = template.build();
    expect(again).toEqual(bp);
    expect(again).not.toBe(bp);
    expect(again.cards).not.toBe(bp.cards);
  });

  it('has unique, valid ids across every entity, arrays sorted by id', () => {
    const all = [bp.personas, bp.stages, bp.lanes, bp.cards, bp.flows].flatMap((list) => {
      const ids = list.map((e) => e.id);
      expect(ids).toEqual([...ids].sort());
      return ids;
    });
    expect(new Set(all).size).toBe(all.length);
    for (const id of all) expect(id).toMatch(ID_PATTERN);
  });

  it('has the seven lanes of docs/domain.md in order, and a few stages', () => {
    expect(sortByOrder(bp.lanes).map((l) => l.kind)).toEqual(LANE_KINDS.filter((k) => k !== 'custom'));
    expect(bp.stages.length).toBeGreaterThanOrEqual(4);
    expect(new Set(bp.stages.map((s) => s.order)).size).toBe(bp.stages.length);
  });
});

describe.each(filled.map((t) => [t.id, t] as const))('%s (filled in)', (id, template) => {
  const bp = template.build();
  const stageOf = stageIdOf(bp);

  it(`has at least ${MIN_CARDS[id]} cards, in every lane and every stage`, () => {
    expect(bp.cards.length).toBeGreaterThanOrEqual(MIN_CARDS[id]!);
    for (const lane of bp.lanes) expect(bp.cards.filter((c) => c.laneId === lane.id).length, lane.id).toBeGreaterThanOrEqual(3);
    for (const stage of bp.stages) expect(bp.cards.filter((c) => c.stageId === stage.id).length, stage.id).toBeGreaterThanOrEqual(4);
    expect(bp.flows.length).toBeGreaterThanOrEqual(bp.stages.length);
  });

  it('meets every structural rule the journey compiler lints', () => {
    expect(checkJourneyRules(bp)).toEqual([]);
  });

  it('puts every card kind of its lane in its lane, and stages have entry criteria and goals', () => {
    const laneKind = new Map(bp.lanes.map((l) => [l.id, l.kind]));
    const expectedKind = {
      'customer-actions': 'action',
      'thinking-feeling': 'feeling',
      touchpoints: 'touchpoint',
      data: 'data',
      systems: 'system',
      teams: 'team',
      automation: 'automation',
      custom: 'note',
    };
    for (const card of bp.cards) expect(card.kind, card.id).toBe(expectedKind[laneKind.get(card.laneId)!]);
    for (const stage of bp.stages) {
      expect(stage.macroStage, stage.id).toBeDefined();
      expect(stage.entryCriterion, stage.id).not.toBe('');
      expect(stage.customerGoal, stage.id).not.toBe('');
    }
  });

  it('draws an emotion curve: a scored feeling in every stage, with highs and lows', () => {
    const feelings = bp.cards.filter((c) => c.kind === 'feeling');
    for (const stage of bp.stages)
      expect(
        feelings.some((c) => c.stageId === stage.id && c.emotion !== undefined),
        stage.id,
      ).toBe(true);
    const scores = feelings.map((c) => c.emotion!);
    expect(Math.max(...scores)).toBeGreaterThanOrEqual(2);
    expect(Math.min(...scores)).toBeLessThanOrEqual(-1);
  });

  it('fills the kind-specific fields: channels and content, data with consent, systems with vendors, owners, metrics', () => {
    for (const card of bp.cards) {
      if (card.kind === 'touchpoint') expect([card.channel, card.content, card.owner].every(Boolean), card.id).toBe(true);
      if (card.kind === 'data')
        expect([card.field, card.source, card.system, card.systemCategory, card.consent].every(Boolean), card.id).toBe(true);
      if (card.kind === 'system') expect([card.system, card.vendor, card.purpose, card.systemStatus].every(Boolean), card.id).toBe(true);
      if (card.kind === 'team') expect(card.owner, card.id).not.toBe('');
    }
    const statuses = new Set(bp.cards.map((c) => c.systemStatus).filter(Boolean));
    expect(statuses).toEqual(new Set(['in-use', 'planned', 'gap', 'retire']));
    expect(bp.cards.filter((c) => c.metrics).length).toBeGreaterThanOrEqual(3);
    expect(bp.cards.some((c) => c.kind === 'touchpoint' && c.status === 'retired')).toBe(true);
  });

  it('lets a customer opt out: an opt-out exit triggered by email.unsubscribed', () => {
    const optOut = bp.cards.filter((c) => c.exit?.type === 'opt-out');
    expect(optOut.length).toBeGreaterThanOrEqual(1);
    for (const card of optOut) expect(card.trigger).toEqual({ type: 'event', event: 'email.unsubscribed' });
  });

  it('has branches: some stage is left by more than one transition', () => {
    const leaving = new Map<string, number>();
    for (const f of crossStageFlows(bp)) leaving.set(stageOf.get(f.from)!, (leaving.get(stageOf.get(f.from)!) ?? 0) + 1);
    expect([...leaving.values()].some((n) => n >= 2)).toBe(true);
  });

  it('loops back only through a delay', () => {
    const rank = new Map(sortByOrder(bp.stages).map((s, i) => [s.id, i]));
    const back = crossStageFlows(bp).filter((f) => rank.get(stageOf.get(f.to)!)! < rank.get(stageOf.get(f.from)!)!);
    expect(back.length).toBeGreaterThanOrEqual(1);
    for (const f of back) expect(f.delay, f.id).toBeDefined();
  });
});

describe('B2B lead to renewal', () => {
  const bp = getTemplate('b2b-lead-to-renewal')!.build();
  const stageOf = stageIdOf(bp);
  const transitions = crossStageFlows(bp).map((f) => ({ ...f, fromStage: stageOf.get(f.from)!, toStage: stageOf.get(f.to)! }));

  it('runs the twelve stages of docs/domain.md with their macro stages', () => {
    expect(stageNames(bp)).toEqual([
      'Lead',
      'Prospect stage 1',
      'Prospect stage 2',
      'MQL',
      'SQL',
      'Opportunity',
      'Quote',
      'Customer',
      'Onboarding',
      'Adoption',
      'Churn risk',
      'Renewal',
    ]);
    const macro = sortByOrder(bp.stages).map((s) => s.macroStage);
    expect(macro[0]).toBe('awareness');
    expect(new Set(macro)).toEqual(new Set(['awareness', 'consideration', 'purchase', 'onboarding', 'retention']));
  });

  it('waits 3 days in nurture and 365 days for the renewal', () => {
    expect(transitions.find((f) => f.delay === '3d')).toMatchObject({ fromStage: 'st_prospect_1', toStage: 'st_prospect_2' });
    expect(transitions.find((f) => f.delay === '365d')).toMatchObject({ fromStage: 'st_adoption', toStage: 'st_renewal' });
    expect(parseDuration('365d')).toBeGreaterThan(2 ** 31 - 1); // beyond a JS timer: the engines must cope
  });

  it('sends a rejected SQL back to nurture after a wait, and branches churn risk into a save play or back to adoption', () => {
    expect(transitions.find((f) => f.fromStage === 'st_sql' && f.toStage === 'st_prospect_2')).toMatchObject({
      event: 'lead.rejected',
      delay: '30d',
    });
    expect(
      transitions
        .filter((f) => f.fromStage === 'st_adoption')
        .map((f) => f.toStage)
        .sort(),
    ).toEqual(['st_churn_risk', 'st_renewal']);
    expect(
      transitions
        .filter((f) => f.fromStage === 'st_churn_risk')
        .map((f) => f.toStage)
        .sort(),
    ).toEqual(['st_adoption', 'st_renewal']);
    expect(transitions.find((f) => f.fromStage === 'st_renewal')).toMatchObject({
      toStage: 'st_adoption',
      event: 'renewal.signed',
      delay: '30d',
    });
  });

  it('carries every transition on an event, a condition or a delay written the way the compiler reads them', () => {
    for (const f of transitions) expect(Boolean(f.event || f.condition || f.delay), f.id).toBe(true);
    expect(transitions.some((f) => f.condition === 'score >= 50 && company.size >= 50')).toBe(true);
  });

  it('collects each field once, enriching rather than asking again', () => {
    const fields = bp.cards.filter((c) => c.kind === 'data').map((c) => c.field);
    expect(new Set(fields).size).toBe(fields.length);
    expect(fields).toEqual(expect.arrayContaining(['email', 'score', 'company.size', 'healthScore']));
  });

  it('moves lost deals and churned customers to other journeys', () => {
    const journeys = bp.cards.filter((c) => c.exit?.type === 'move-to-journey').map((c) => c.exit!.journey);
    expect(journeys).toEqual(expect.arrayContaining(['Closed-lost re-engagement', 'Win-back']));
  });
});

describe('B2C e-commerce', () => {
  const bp = getTemplate('b2c-ecommerce')!.build();
  const stageOf = stageIdOf(bp);

  it('runs browse → cart → purchase → loyalty with an abandoned-cart branch', () => {
    expect(stageNames(bp)).toEqual(['Browse', 'Cart', 'Abandoned cart', 'Purchase', 'Delivery', 'Loyalty']);
    const out = crossStageFlows(bp).filter((f) => stageOf.get(f.from) === 'st_cart');
    expect(out.map((f) => stageOf.get(f.to)).sort()).toEqual(['st_abandoned_cart', 'st_purchase']);
    expect(out.find((f) => stageOf.get(f.to) === 'st_abandoned_cart')?.delay).toBe('1h');
    const recovered = crossStageFlows(bp).filter((f) => stageOf.get(f.from) === 'st_abandoned_cart' && stageOf.get(f.to) === 'st_purchase');
    expect(recovered.every((f) => f.event === 'checkout.completed')).toBe(true);
    expect(recovered.length).toBeGreaterThanOrEqual(1);
  });
});

describe('SaaS trial to paid', () => {
  const bp = getTemplate('saas-trial-to-paid')!.build();

  it('runs sign-up → activation → paid → expansion → renewal', () => {
    expect(stageNames(bp)).toEqual(['Sign-up', 'Activation', 'Paid', 'Expansion', 'Renewal']);
    expect(bp.cards.find((c) => c.exit?.type === 'move-to-journey' && c.stageId === 'st_activation')?.trigger?.event).toBe('trial.expired');
  });
});

describe('Blank', () => {
  const bp = getTemplate('blank')!.build();

  it('has default stages and lanes and nothing else', () => {
    expect(stageNames(bp)).toEqual(['Awareness', 'Consideration', 'Purchase', 'Onboarding', 'Retention']);
    expect(bp.lanes).toHaveLength(7);
    expect([bp.cards, bp.flows, bp.personas, bp.annotations, bp.history]).toEqual([[], [], [], [], []]);
  });

  it('breaks no rule except the ones an empty sheet cannot meet (stages not yet joined by flows)', () => {
    const rules = new Set(checkJourneyRules(bp).map((f) => f.rule));
    expect(rules).toEqual(new Set(['stage-unreachable', 'stage-no-way-out']));
  });
});
