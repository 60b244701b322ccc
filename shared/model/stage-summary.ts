import { resolveBlueprint, type ResolvedBlueprint } from './resolve.ts';
import type { Blueprint, Card, Stage } from './schema.ts';

/**
 * What a stage holds, at a glance (the stage strip and unroll mode show it): how many touchpoints
 * meet the customer there, which data is captured, which systems and which teams are involved.
 * Retired cards are left out: they describe what no longer happens.
 */
export interface StageSummary {
  readonly stageId: string;
  readonly name: string;
  readonly touchpoints: number;
  readonly channels: readonly string[];
  /** Distinct fields captured by data cards. */
  readonly dataPoints: readonly string[];
  /** Distinct systems named by data and system cards. */
  readonly systems: readonly string[];
  /** Distinct owning teams of the stage's cards. */
  readonly owners: readonly string[];
  readonly automations: number;
  /** Mean emotion score of the stage's feeling cards, or null when none has one. */
  readonly emotion: number | null;
  readonly cards: number;
}

const distinct = (values: Iterable<string | undefined>): string[] =>
  [...new Set([...values].map((v) => v?.trim()).filter((v): v is string => !!v))].sort((a, b) => a.localeCompare(b));

function summarise(stage: Stage, cards: readonly Card[]): StageSummary {
  const live = cards.filter((c) => c.status !== 'retired');
  const of = (kind: Card['kind']) => live.filter((c) => c.kind === kind);
  const emotions = of('feeling')
    .map((c) => c.emotion)
    .filter((e): e is number => typeof e === 'number');
  return {
    stageId: stage.id,
    name: stage.name,
    touchpoints: of('touchpoint').length,
    channels: distinct(of('touchpoint').map((c) => c.channel)),
    dataPoints: distinct(of('data').map((c) => c.field)),
    systems: distinct([...of('data'), ...of('system')].map((c) => c.system)),
    owners: distinct(live.map((c) => c.owner)),
    automations: of('automation').length,
    emotion: emotions.length ? Math.round((emotions.reduce((s, e) => s + e, 0) / emotions.length) * 10) / 10 : null,
    cards: live.length,
  };
}

/** One summary per stage, in scroll order. */
export function summariseStages(input: Pick<Blueprint, 'stages' | 'lanes' | 'cards' | 'flows'> | ResolvedBlueprint): StageSummary[] {
  const view = 'cells' in input && input.cells instanceof Map ? (input as ResolvedBlueprint) : resolveBlueprint(input as Blueprint);
  const byStage = new Map<string, Card[]>();
  for (const cards of view.cells.values()) {
    for (const card of cards) {
      const list = byStage.get(card.stageId);
      if (list) list.push(card);
      else byStage.set(card.stageId, [card]);
    }
  }
  return view.stages.map((stage) => summarise(stage, byStage.get(stage.id) ?? []));
}
