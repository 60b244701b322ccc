import { lintBlueprint, hasErrors } from '../../../shared/journey/index.ts';
import type { CliCommand } from '../command.ts';
import { parseCommandArgs } from '../args.ts';
import { loadInput } from '../../export/load.ts';

const lint: CliCommand = {
  name: 'lint',
  summary: 'Check a blueprint for what breaks its journey (exit 1 on errors)',
  help: `Usage: journeyscroll lint FILE [--json]
       journeyscroll lint --template NAME [--json]

FILE is a .journey file or a blueprint JSON. Prints every finding with its severity, rule,
message and the ids of the stages, cards and flows at fault. Exits 1 when any finding is an
error, 0 otherwise (warnings and infos included). --json prints the findings as JSON.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' }, template: { type: 'string' } }, true);
    const input = loadInput(io.cwd, positionals[0], values.template);
    if (input.kind !== 'blueprint') throw new Error('lint needs a blueprint');
    const findings = lintBlueprint(input.blueprint);
    if (values.json)
      io.stdout(
        `${JSON.stringify({ source: input.source, errors: findings.filter((f) => f.severity === 'error').length, findings }, null, 2)}\n`,
      );
    else if (findings.length === 0) io.stdout(`${input.source}: no findings\n`);
    else {
      for (const f of findings) {
        const ids = [
          ...f.stageIds.map((i) => `stage ${i}`),
          ...f.cardIds.map((i) => `card ${i}`),
          ...f.flowIds.map((i) => `flow ${i}`),
        ].join(', ');
        io.stdout(`${f.severity.padEnd(7)} ${f.rule.padEnd(26)} ${f.message}${ids ? `  [${ids}]` : ''}\n`);
      }
      const count = (s: string) => findings.filter((f) => f.severity === s).length;
      io.stdout(`\n${input.source}: ${count('error')} error(s), ${count('warning')} warning(s), ${count('info')} info\n`);
    }
    return hasErrors(findings) ? 1 : 0;
  },
};
export default lint;
