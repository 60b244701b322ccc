import { metricsSchema, type Blueprint, type Metrics } from '../model/index.ts';
import { createTableStream, TableError, type Problem } from './table-stream.ts';

/**
 * Per-card metrics CSV into the cards' `metrics`. Columns (header names, any order): `card` (a card
 * id) or `stage` + `lane` + `title` (names or ids, title case-insensitive); `period`; `volume`,
 * `conversion_rate`, `open_rate`, `click_rate` (0–1, or percentages like 12.5%), `revenue`. An empty
 * cell leaves that figure as it was. Any bad row — unknown card, bad number — refuses the whole file
 * with line numbers, and the blueprint is not changed.
 */
export interface MetricsRow {
  readonly line: number;
  readonly card: string;
  readonly metrics: Metrics;
}

const NUMBERS = [
  ['volume', 'volume'],
  ['conversion_rate', 'conversionRate'],
  ['open_rate', 'openRate'],
  ['click_rate', 'clickRate'],
  ['revenue', 'revenue'],
] as const;

export function parseMetricsCsv(text: string, blueprint: Pick<Blueprint, 'stages' | 'lanes' | 'cards'>): MetricsRow[] {
  const ids = new Set(blueprint.cards.map((c) => c.id));
  const stageOf = (s: string) => blueprint.stages.find((x) => x.id === s || x.name.toLowerCase() === s.toLowerCase())?.id;
  const laneOf = (s: string) => blueprint.lanes.find((x) => x.id === s || x.name.toLowerCase() === s.toLowerCase())?.id;
  const rows: MetricsRow[] = [];
  const columns = ['card', 'stage', 'lane', 'title', 'period', ...NUMBERS.map(([c]) => c)];
  const stream = createTableStream({ what: 'the metrics file', required: [], optional: columns }, 'csv', (v, line, problem) => {
    const [card, stage, lane, title, period, ...numbers] = v as string[];
    let id = card!;
    if (id) {
      if (!ids.has(id)) return problem(`no card with id "${id}"`);
    } else {
      if (!stage || !lane || !title) return problem('a row names its card by "card", or by "stage", "lane" and "title"');
      const s = stageOf(stage);
      const l = laneOf(lane);
      if (!s) return problem(`no stage "${stage}"`);
      if (!l) return problem(`no lane "${lane}"`);
      const found = blueprint.cards.filter(
        (c) => c.stageId === s && c.laneId === l && c.title.trim().toLowerCase() === title.toLowerCase(),
      );
      if (found.length !== 1)
        return problem(
          found.length === 0
            ? `no card "${title}" in ${stage} / ${lane}`
            : `${found.length} cards "${title}" in ${stage} / ${lane}: use "card" ids`,
        );
      id = found[0]!.id;
    }
    const metrics: Record<string, unknown> = {};
    if (period) metrics.period = period;
    for (let i = 0; i < NUMBERS.length; i++) {
      const text = numbers[i]!;
      if (text === '') continue;
      const percent = text.endsWith('%');
      const n = Number(percent ? text.slice(0, -1) : text);
      if (!Number.isFinite(n)) return problem(`"${NUMBERS[i]![0]}" is not a number: ${JSON.stringify(text.slice(0, 40))}`);
      metrics[NUMBERS[i]![1]] = percent ? n / 100 : n;
    }
    const parsed = metricsSchema.safeParse(metrics);
    if (!parsed.success) return problem(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    rows.push({ line, card: id, metrics: parsed.data });
  });
  stream.push(text);
  stream.end();
  if (rows.length === 0) throw new TableError('the metrics file', [{ line: 1, message: 'no rows' } satisfies Problem], 1);
  return rows;
}

/** The blueprint with the rows' figures merged into its cards' metrics (a new object; input untouched). */
export function applyMetrics(blueprint: Blueprint, rows: readonly MetricsRow[]): Blueprint {
  const byCard = new Map<string, Metrics>();
  for (const r of rows) byCard.set(r.card, { ...byCard.get(r.card), ...r.metrics });
  return {
    ...blueprint,
    cards: blueprint.cards.map((c) => (byCard.has(c.id) ? { ...c, metrics: { ...c.metrics, ...byCard.get(c.id) } } : c)),
  };
}
