import {
  attribute,
  buildPaths,
  createEventLogParser,
  DEFAULT_HALF_LIFE_MS,
  isAttributionModel,
  parseHalfLife,
  ATTRIBUTION_MODELS,
} from '../../../shared/analytics/index.ts';
import { UsageError, type CliCommand } from '../command.ts';
import { parseCommandArgs } from '../args.ts';
import { readTable } from '../read-table.ts';

const attribution: CliCommand = {
  name: 'attribution',
  summary: 'Credit conversions and value to touchpoints from an event log (six models)',
  help: `Usage: journeyscroll attribution EVENTS.csv|EVENTS.ndjson --model ${ATTRIBUTION_MODELS.join('|')} [--half-life 7d] [--json]

EVENTS has rows customer, at (ISO 8601), touchpoint, conversion (0 for a touch, > 0 the value of a
conversion). A conversion closes the customer's current path; credits add up to the conversions
and their value. --half-life applies to time-decay (e.g. 7d, 12h). --json prints
{"model", "conversions", "value", "touchpoints": [{"touchpoint", "conversions", "value"}]}.
The models are defined in docs/analytics.md.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      { model: { type: 'string' }, 'half-life': { type: 'string' }, json: { type: 'boolean' } },
      true,
    );
    const file = positionals[0];
    if (!file) throw new UsageError('missing EVENTS.csv');
    if (!values.model) throw new UsageError(`missing --model (${ATTRIBUTION_MODELS.join(', ')})`);
    if (!isAttributionModel(values.model)) throw new UsageError(`unknown --model "${values.model}" (${ATTRIBUTION_MODELS.join(', ')})`);
    let halfLifeMs = DEFAULT_HALF_LIFE_MS;
    if (values['half-life'] !== undefined) {
      try {
        halfLifeMs = parseHalfLife(values['half-life']);
      } catch (error) {
        throw new UsageError(`--half-life: ${(error as Error).message}`);
      }
    }
    const log = await readTable(io.cwd, file, createEventLogParser);
    const result = attribute(log, buildPaths(log), values.model, { halfLifeMs });
    if (values.json) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    else {
      const width = Math.max(10, ...result.touchpoints.map((t) => t.touchpoint.length));
      io.stdout(
        `${result.model}: ${result.conversions} conversions, value ${result.value.toFixed(2)}\n\n${'touchpoint'.padEnd(width)}  conversions        value\n${result.touchpoints
          .map((t) => `${t.touchpoint.padEnd(width)}  ${t.conversions.toFixed(2).padStart(11)}  ${t.value.toFixed(2).padStart(11)}`)
          .join('\n')}\n`,
      );
    }
    return 0;
  },
};
export default attribution;
