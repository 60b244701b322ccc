import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildScene, cardsToCsv, sceneToSvg } from '../../../shared/export/index.ts';
import { compileBlueprint, exportBpmn, exportXState, lintBlueprint, hasErrors } from '../../../shared/journey/index.ts';
import { UsageError, type CliCommand } from '../command.ts';
import { parseCommandArgs } from '../args.ts';
import { encodeBlueprintFile, loadInput } from '../../export/load.ts';
import { sceneToPdf } from '../../export/pdf.ts';
import { parseReentry } from './simulate.ts';

const FORMATS = ['definition', 'xstate', 'bpmn', 'blueprint-json', 'journey', 'csv', 'svg', 'pdf'] as const;
type Format = (typeof FORMATS)[number];
const FROM_DEFINITION = new Set<Format>(['definition', 'xstate', 'bpmn']);

const exportCommand: CliCommand = {
  name: 'export',
  summary: 'Export a blueprint: definition, xstate, bpmn, blueprint-json, journey, csv, svg or pdf',
  help: `Usage: journeyscroll export FILE --format FORMAT [-o OUT] [--reentry never|always|after:DURATION]
       journeyscroll export --template NAME --format FORMAT [-o OUT]

FILE is a .journey file or a blueprint JSON (for definition, xstate and bpmn also a journey
definition JSON). FORMAT:
  definition      Journey Definition v1 JSON (docs/journey-definition.md)
  xstate          XState v5 machine config (JSON)
  bpmn            BPMN 2.0 XML (runs in bpmn-engine)
  blueprint-json  the blueprint interchange JSON
  journey         a .journey file
  csv             the cards as CSV
  svg             the whole scroll as SVG
  pdf             the whole scroll as PDF (one banner page)
Without -o the export goes to standard output (pdf and journey need -o). Lint errors are
reported on standard error; the export is still written.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { format: { type: 'string', short: 'f' }, output: { type: 'string', short: 'o' }, template: { type: 'string' }, reentry: { type: 'string' } }, true);
    const format = values.format as Format | undefined;
    if (!format) throw new UsageError(`missing --format (one of ${FORMATS.join(', ')})`);
    if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`unknown format "${format}" (one of ${FORMATS.join(', ')})`);
    if ((format === 'pdf' || format === 'journey') && !values.output) throw new UsageError(`--format ${format} is binary: give -o OUT`);
    const input = loadInput(io.cwd, positionals[0], values.template, FROM_DEFINITION.has(format));
    const reentry = parseReentry(values.reentry);
    if (input.kind === 'blueprint' && FROM_DEFINITION.has(format)) {
      const findings = lintBlueprint(input.blueprint);
      if (hasErrors(findings)) io.stderr(`warning: ${findings.filter((f) => f.severity === 'error').length} lint error(s); run \`journeyscroll lint\` for details\n`);
    }
    const definition = () => (input.kind === 'definition' ? input.definition : compileBlueprint(input.blueprint, reentry ? { reentry } : {}));
    const blueprint = () => {
      if (input.kind !== 'blueprint') throw new Error(`--format ${format} needs a blueprint`);
      return input.blueprint;
    };
    let out: string | Uint8Array;
    switch (format) {
      case 'definition':
        out = `${JSON.stringify(definition(), null, 2)}\n`;
        break;
      case 'xstate':
        out = `${JSON.stringify(exportXState(definition()), null, 2)}\n`;
        break;
      case 'bpmn':
        out = exportBpmn(definition());
        break;
      case 'blueprint-json':
        out = `${JSON.stringify(blueprint(), null, 2)}\n`;
        break;
      case 'journey':
        out = encodeBlueprintFile(blueprint());
        break;
      case 'csv':
        out = cardsToCsv(blueprint());
        break;
      case 'svg':
        out = sceneToSvg(buildScene(blueprint()));
        break;
      case 'pdf':
        out = await sceneToPdf(buildScene(blueprint()));
        break;
    }
    if (values.output) {
      writeFileSync(resolve(io.cwd, values.output), out);
      io.stderr(`wrote ${values.output} (${format})\n`);
    } else io.stdout(typeof out === 'string' ? out : new TextDecoder().decode(out));
    return 0;
  },
};
export default exportCommand;
