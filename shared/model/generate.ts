import { canonicalBlueprint } from './canonical.ts';
import { newId } from './ids.ts';
import { firstOrders } from './order.ts';
import { seededRandom } from './random.ts';
import { BLUEPRINT_FORMAT, blueprintSchema, type Blueprint, type Card, type Flow, type Lane, type Stage } from './schema.ts';
import { CARD_KIND_FOR_LANE, CHANNELS, LANE_KINDS } from './vocabulary.ts';

export interface GenerateOptions {
  readonly seed?: number;
  readonly stages?: number;
  readonly cards?: number;
  /** Flows as a fraction of cards. */
  readonly flowRatio?: number;
  readonly title?: string;
}

/**
 * A deterministic synthetic blueprint of any size (benchmarks, property tests, load tests):
 * the seven standard lanes, `stages` stages and `cards` cards spread over the cells, each card
 * with the fields its kind carries, and flows between cards in neighbouring stages.
 */
export function generateBlueprint(options: GenerateOptions = {}): Blueprint {
  const { seed = 1, stages: stageCount = 12, cards: cardCount = 100, flowRatio = 0.5, title = `Generated (${cardCount} cards)` } = options;
  const random = seededRandom(seed);
  const id = (kind: Parameters<typeof newId>[0]) => newId(kind, random.bytes);

  const stageOrders = firstOrders(stageCount);
  const stages: Stage[] = stageOrders.map((order, i) => ({
    id: id('stage'),
    name: `Stage ${i + 1}`,
    order,
    entryCriterion: `score >= ${i * 10}`,
    customerGoal: `Goal ${i + 1}`,
  }));
  const laneKinds = LANE_KINDS.filter((k) => k !== 'custom');
  const laneOrders = firstOrders(laneKinds.length);
  const lanes: Lane[] = laneKinds.map((kind, i) => ({ id: id('lane'), name: kind, kind, order: laneOrders[i]!, owner: '' }));

  const perCell = new Map<string, number>();
  const cards: Card[] = [];
  for (let i = 0; i < cardCount; i++) {
    const stage = stages[Math.floor((i * stageCount) / Math.max(1, cardCount))]!;
    const lane = random.pick(lanes);
    const cell = `${stage.id}/${lane.id}`;
    const n = (perCell.get(cell) ?? 0) + 1;
    perCell.set(cell, n);
    const kind = CARD_KIND_FOR_LANE[lane.kind];
    const card: Card = {
      id: id('card'),
      stageId: stage.id,
      laneId: lane.id,
      order: `a${n.toString(36).padStart(4, '0')}`,
      kind,
      title: `${kind} ${i + 1}`,
      notes: random.chance(0.3) ? `Notes for card ${i + 1}` : '',
      owner: random.pick(['Marketing', 'Sales', 'CX', 'Data']),
      status: 'active',
    };
    if (kind === 'touchpoint') Object.assign(card, { channel: random.pick(CHANNELS), content: `Offer ${i}` });
    if (kind === 'feeling') card.emotion = random.int(11) - 5;
    if (kind === 'data')
      Object.assign(card, { field: `field_${i}`, source: 'form', system: 'CRM', systemCategory: 'crm', consent: 'consent' });
    if (kind === 'system') Object.assign(card, { system: `System ${i % 17}`, vendor: `Vendor ${i % 7}`, systemStatus: 'in-use' });
    if (kind === 'automation')
      Object.assign(card, {
        trigger: { type: 'event', event: `event.${i}` },
        action: { type: 'send', channel: 'email', content: `Mail ${i}` },
      });
    cards.push(card);
  }

  const flows: Flow[] = [];
  const byStage = new Map<string, Card[]>();
  for (const card of cards) byStage.set(card.stageId, [...(byStage.get(card.stageId) ?? []), card]);
  const flowCount = Math.floor(cardCount * flowRatio);
  for (let i = 0; i < flowCount; i++) {
    const s = random.int(Math.max(1, stageCount - 1));
    const from = byStage.get(stages[s]!.id);
    const to = byStage.get(stages[Math.min(stageCount - 1, s + 1)]!.id);
    if (!from?.length || !to?.length) continue;
    flows.push({
      id: id('flow'),
      from: random.pick(from).id,
      to: random.pick(to).id,
      event: `step.${i}`,
      label: '',
      ...(random.chance(0.2) ? { delay: `${1 + random.int(5)}d` } : {}),
    });
  }

  return canonicalBlueprint(
    blueprintSchema.parse({
      format: BLUEPRINT_FORMAT,
      meta: { schemaVersion: 2, minAppVersion: '0.1.0', title, status: 'draft', owner: 'Journey ops', description: '' },
      personas: [{ id: id('persona'), name: 'Buyer', description: 'Generated persona' }],
      stages,
      lanes,
      cards,
      flows,
      annotations: [],
      history: [],
    }),
  );
}
