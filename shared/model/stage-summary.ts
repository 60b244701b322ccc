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

/**
 * A stage's summary, kept with the cell arrays it was made from: a resolved view that an edit
 * patched keeps every untouched cell's array, and a changed cell whose cards count alike (titles
 * edited) changes nothing, so a batch of title edits on 20,000 cards summarises no stage again.
 */
const memo = new WeakMap<Stage, { readonly cells: readonly (readonly Card[])[]; readonly summary: StageSummary }>();

/** Whether two cards count the same in a summary (what `summarise` reads: not the title, say). */
const countsAlike = (a: Card, b: Card) =>
  a === b ||
  (a.status === b.status &&
    a.kind === b.kind &&
    a.channel === b.channel &&
    a.field === b.field &&
    a.system === b.system &&
    a.owner === b.owner &&
    a.emotion === b.emotion);

/** Whether two stages' cells hold cards that count alike, cell by cell (the same arrays: at once). */
const sameCells = (a: readonly (readonly Card[])[], b: readonly (readonly Card[])[]) =>
  a.length === b.length &&
  a.every((x, i) => x === b[i] || (x.length === b[i]!.length && x.every((card, j) => countsAlike(card, b[i]![j]!))));

/** One summary per stage, in scroll order. */
export function summariseStages(input: Pick<Blueprint, 'stages' | 'lanes' | 'cards' | 'flows'> | ResolvedBlueprint): StageSummary[] {
  const view = 'cells' in input && input.cells instanceof Map ? (input as ResolvedBlueprint) : resolveBlueprint(input as Blueprint);
  const byStage = new Map<string, (readonly Card[])[]>();
  for (const cards of view.cells.values()) {
    const stageId = cards[0]?.stageId;
    if (stageId === undefined) continue;
    const list = byStage.get(stageId);
    if (list) list.push(cards);
    else byStage.set(stageId, [cards]);
  }
  return view.stages.map((stage) => {
    const cells = byStage.get(stage.id) ?? [];
    const known = memo.get(stage);
    if (known && sameCells(known.cells, cells)) {
      memo.set(stage, { cells, summary: known.summary });
      return known.summary;
    }
    const summary = summarise(stage, cells.flat());
    // Stages read from a document are frozen and shared while unchanged; others are not kept.
    if (Object.isFrozen(stage)) memo.set(stage, { cells, summary });
    return summary;
  });
}
