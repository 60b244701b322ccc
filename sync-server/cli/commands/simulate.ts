import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { compileBlueprint, formatTrace, parseEventScript, simulate as run, type Reentry } from '../../../shared/journey/index.ts';
import { isDuration } from '../../../shared/model/index.ts';
import { UsageError, type CliCommand } from '../command.ts';
import { parseCommandArgs } from '../args.ts';
import { loadInput } from '../../export/load.ts';

export function parseReentry(text: string | undefined): Reentry | undefined {
  if (text === undefined) return undefined;
  if (text === 'never' || text === 'always') return { mode: text };
  const m = /^after:(.+)$/.exec(text);
  if (m && isDuration(m[1]!)) return { mode: 'after', after: m[1]! };
  throw new UsageError(`--reentry must be never, always or after:DURATION (e.g. after:30d), not "${text}"`);
}

const simulate: CliCommand = {
  name: 'simulate',
  summary: 'Run a journey for a test customer over a script of events (virtual time)',
  help: `Usage: journeyscroll simulate FILE --events EVENTS.json [--json] [--reentry never|always|after:DURATION]
       journeyscroll simulate --template NAME --events EVENTS.json

FILE is a .journey file, a blueprint JSON or a journey definition JSON. EVENTS.json:
  { "attributes": { "score": 10 },
    "events": [ { "at": "0s", "event": "form.submitted", "data": { "score": 20 } },
                { "at": "3d", "event": "email.opened" } ],
    "until": "400d" }
Times are durations since the start. Prints the trace: stages entered, fields captured, actions
fired and the exit, each with its virtual time. --json prints the trace as JSON.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      { events: { type: 'string' }, json: { type: 'boolean' }, template: { type: 'string' }, reentry: { type: 'string' } },
      true,
    );
    if (!values.events) throw new UsageError('missing --events EVENTS.json');
    const input = loadInput(io.cwd, positionals[0], values.template, true);
    const reentry = parseReentry(values.reentry);
    const definition = input.kind === 'definition' ? input.definition : compileBlueprint(input.blueprint, reentry ? { reentry } : {});
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(resolve(io.cwd, values.events), 'utf8'));
    } catch (error) {
      throw new Error(`cannot read events ${values.events}: ${(error as Error).message}`);
    }
    const result = run(definition, parseEventScript(json));
    if (values.json) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    else {
      const names = new Map<string, string>(definition.states.map((s) => [s.id, s.name]));
      for (const s of definition.states) for (const r of s.reactions) if (r.label) names.set(r.id, r.label);
      io.stdout(
        `${formatTrace(result.trace, names)}\n\nended in ${names.get(result.state) ?? result.state} (${result.stoppedBy === 'done' ? 'journey over' : 'end of script'})\n`,
      );
    }
    return 0;
  },
};
export default simulate;
