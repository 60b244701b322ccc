import { analyzeBlueprint, createEventLogParser, findUnderperformers, parseHalfLife } from '../../../shared/analytics/index.ts';
import { UsageError, type CliCommand } from '../command.ts';
import { parseCommandArgs } from '../args.ts';
import { readTable } from '../read-table.ts';
import { loadInput } from '../../export/load.ts';

const analyze: CliCommand = {
  name: 'analyze',
  summary: 'Journey analytics, conformance, attribution and CLV of an event log on a blueprint',
  help: `Usage: journeyscroll analyze FILE.journey --events EVENTS.csv [--half-life 7d] [--threshold 0.05] [--min-customers 30] [--json]

Maps the log's touchpoints to the blueprint's cards (by id, trigger/flow event, title, then
channel), then reports per stage customers entered, moved on, dropped and the median time in
stage; flows taken and dead flows; transitions the blueprint lacks; conformance (each customer
replayed through the compiled journey); attribution per card and per channel by all six models;
CLV from the log's conversions; and underperforming cards (conversion rate below --threshold with
at least --min-customers customers). --json prints the whole analysis (docs/analytics.md).`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      {
        events: { type: 'string' },
        template: { type: 'string' },
        'half-life': { type: 'string' },
        threshold: { type: 'string' },
        'min-customers': { type: 'string' },
        json: { type: 'boolean' },
      },
      true,
    );
    if (!values.events) throw new UsageError('missing --events EVENTS.csv');
    const threshold = values.threshold === undefined ? 0.05 : Number(values.threshold);
    if (!(threshold >= 0 && threshold <= 1)) throw new UsageError(`--threshold must be a rate from 0 to 1, not "${values.threshold}"`);
    const minCustomers = values['min-customers'] === undefined ? 30 : Number(values['min-customers']);
    if (!Number.isInteger(minCustomers) || minCustomers < 1)
      throw new UsageError(`--min-customers must be a whole number from 1, not "${values['min-customers']}"`);
    let halfLifeMs: number | undefined;
    if (values['half-life'] !== undefined) {
      try {
        halfLifeMs = parseHalfLife(values['half-life']);
      } catch (error) {
        throw new UsageError(`--half-life: ${(error as Error).message}`);
      }
    }
    const input = loadInput(io.cwd, positionals[0], values.template);
    if (input.kind !== 'blueprint') throw new Error('analyze needs a blueprint');
    const log = await readTable(io.cwd, values.events, createEventLogParser);
    const analysis = analyzeBlueprint(input.blueprint, log, halfLifeMs ? { halfLifeMs } : {});
    const underperformers = findUnderperformers(analysis.journey.cards, threshold, minCustomers);
    if (values.json) {
      io.stdout(`${JSON.stringify({ ...analysis, underperformers }, null, 2)}\n`);
      return 0;
    }
    const bp = input.blueprint;
    const stageName = new Map(bp.stages.map((s) => [s.id, s.name]));
    const cardName = new Map(bp.cards.map((c) => [c.id, c.title || c.id]));
    const days = (ms: number | null) => (ms === null ? '—' : `${(ms / 86_400_000).toFixed(1)} d`);
    const pct = (x: number | null) => (x === null ? '—' : `${(100 * x).toFixed(1)} %`);
    const out: string[] = [];
    out.push(
      `${analysis.events} events, ${analysis.customers} customers; ${analysis.mapping.mapped} of ${analysis.mapping.touchpoints} touchpoints mapped`,
    );
    if (analysis.mapping.unmapped.length)
      out.push(`unmapped: ${analysis.mapping.unmapped.slice(0, 20).join(', ')}${analysis.mapping.unmapped.length > 20 ? ', …' : ''}`);
    out.push('', 'stage                     entered  moved on  dropped  converted  median time');
    for (const s of analysis.journey.stages)
      out.push(
        `${s.name.slice(0, 24).padEnd(24)}  ${String(s.entered).padStart(7)}  ${String(s.movedOn).padStart(8)}  ${String(s.dropped).padStart(7)}  ${String(s.converted).padStart(9)}  ${days(s.medianTimeInStageMs).padStart(11)}`,
      );
    const dead = analysis.journey.deadFlows;
    out.push(
      '',
      `dead flows (${dead.length}): ${dead.slice(0, 10).join(', ') || 'none'}${dead.length > 10 ? ', … (--json lists all)' : ''}`,
    );
    out.push(
      `missing transitions: ${analysis.journey.missingTransitions.map((m) => `${stageName.get(m.from)} → ${stageName.get(m.to)} (${m.customers})`).join(', ') || 'none'}`,
    );
    const c = analysis.conformance;
    out.push(`conformance: ${c.fitting} of ${c.replayed} customers fit (${pct(c.share)})`);
    for (const d of c.deviations.slice(0, 5))
      out.push(
        `  ${d.customers} deviate at "${d.touchpoint}": journey in ${stageName.get(d.expected) ?? d.expected}, log in ${stageName.get(d.observed) ?? d.observed}`,
      );
    out.push('', 'attribution (conversions credited per card)');
    for (const m of analysis.attribution)
      out.push(
        `  ${m.model.padEnd(11)} ${m.cards
          .slice(0, 5)
          .map((t) => `${cardName.get(t.touchpoint) ?? t.touchpoint} ${t.conversions.toFixed(1)}`)
          .join(', ')}`,
      );
    out.push(
      '',
      analysis.clv.fit
        ? `CLV: ${analysis.clv.fit.customers} buyers; by entry stage ${analysis.clv.byEntryStage.map((g) => `${stageName.get(g.group) ?? g.group} ${g.clv.toFixed(2)}`).join(', ')}`
        : `CLV: not fitted (${analysis.clv.error})`,
    );
    out.push(
      '',
      `underperformers (below ${pct(threshold)}, ≥ ${minCustomers} customers): ${underperformers.map((u) => `${cardName.get(u.card)} ${pct(u.conversionRate)} of ${u.customers}`).join(', ') || 'none'}`,
    );
    io.stdout(`${out.join('\n')}\n`);
    return 0;
  },
};
export default analyze;
