import { readFileSync, writeFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { applyMetrics, parseMetricsCsv } from '../../../shared/analytics/index.ts';
import { UsageError, type CliCommand } from '../command.ts';
import { parseCommandArgs } from '../args.ts';
import { encodeBlueprintFile, loadInput } from '../../export/load.ts';

const importMetrics: CliCommand = {
  name: 'import-metrics',
  summary: "Fill cards' metrics of a .journey file from a per-card metrics CSV",
  help: `Usage: journeyscroll import-metrics FILE.journey METRICS.csv [-o OUT.journey]

METRICS.csv names each card by "card" (its id) or by "stage", "lane" and "title", with any of
"period", "volume", "conversion_rate", "open_rate", "click_rate" (0–1 or 12.5%) and "revenue".
The figures go into the cards' metrics; FILE is rewritten unless -o names another file. A bad row
(unknown card, bad number) refuses the whole file with line numbers, and nothing is written.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { output: { type: 'string', short: 'o' } }, true);
    const [file, csv] = positionals;
    if (!file || !csv) throw new UsageError('missing FILE.journey and METRICS.csv');
    const out = values.output ?? file;
    if (extname(out).toLowerCase() !== '.journey') throw new UsageError('the output must be a .journey file');
    const input = loadInput(io.cwd, file, undefined);
    if (input.kind !== 'blueprint') throw new Error('import-metrics needs a blueprint');
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(resolve(io.cwd, csv)));
    } catch (error) {
      throw new Error(`cannot read ${csv}: ${(error as Error).message}`);
    }
    const rows = parseMetricsCsv(text, input.blueprint);
    writeFileSync(resolve(io.cwd, out), encodeBlueprintFile(applyMetrics(input.blueprint, rows)));
    io.stderr(`wrote ${out}: metrics for ${new Set(rows.map((r) => r.card)).size} cards from ${rows.length} rows\n`);
    return 0;
  },
};
export default importMetrics;
