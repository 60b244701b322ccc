import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  buildScene,
  cardsToCsv,
  printCaption,
  sceneToSvg,
  PAPER_SIZES,
  type PaperSize,
  type PrintOptions,
} from '../../../shared/export/index.ts';
import { compileBlueprint, exportBpmn, exportXState, exportXStateModule, lintBlueprint, hasErrors } from '../../../shared/journey/index.ts';
import { UsageError, type CliCommand } from '../command.ts';
import { parseCommandArgs } from '../args.ts';
import { encodeBlueprintFile, InputError, loadInput, type Input } from '../../export/load.ts';
import { approvalState, provenanceOf, readVersion, VersionError } from '../../../shared/governance/versions.ts';
import { sceneToPdf } from '../../export/pdf.ts';
import { parseReentry } from './simulate.ts';

const FORMATS = ['definition', 'xstate', 'xstate-json', 'bpmn', 'blueprint-json', 'journey', 'csv', 'svg', 'pdf'] as const;
type Format = (typeof FORMATS)[number];
const FROM_DEFINITION = new Set<Format>(['definition', 'xstate', 'xstate-json', 'bpmn']);

const exportCommand: CliCommand = {
  name: 'export',
  summary: 'Export a blueprint: definition, xstate, xstate-json, bpmn, blueprint-json, journey, csv, svg or pdf',
  help: `Usage: journeyscroll export FILE --format FORMAT [-o OUT] [--version approved|vN|NAME] [--reentry never|always|after:DURATION]
       journeyscroll export --template NAME --format FORMAT [-o OUT]
       journeyscroll export FILE --format pdf -o OUT [--paper banner|a4|a3] [--scale S] [--overlap PT]

FILE is a .journey file or a blueprint JSON (for definition, xstate and bpmn also a journey
definition JSON). FORMAT:
  definition      Journey Definition v1 JSON (docs/journey-definition.md)
  xstate          a self-contained ES module (.mjs) that runs with only xstate installed:
                  the machine, its guards and actions, and a driver (startJourney, runScript)
  xstate-json     the XState v5 machine config alone (JSON; behaviour by name)
  bpmn            BPMN 2.0 XML (runs in bpmn-engine)
  blueprint-json  the blueprint interchange JSON
  journey         a .journey file
  csv             the cards as CSV
  svg             the whole scroll as SVG
  pdf             the whole scroll as PDF: one banner page (--paper banner, the default), or
                  tiled A4/A3 sheets that overlap by --overlap points (default 28) so they
                  can be taped into one scroll: one strip of sheets at the largest legible
                  scale, or several rows when the scroll is too tall; --scale sets points per
                  layout unit on tiled sheets
Without -o the export goes to standard output (pdf and journey need -o). Lint errors are
reported on standard error; the export is still written.

--version compiles a saved version of a .journey file instead of its working copy: approved (the
newest approved version), vN (approved version N), or a version's name. Definition, xstate and
bpmn exports carry the blueprint id, the version and the content hash they were compiled from.
Exporting a working copy that differs from its approved version says so on standard error.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      {
        format: { type: 'string', short: 'f' },
        output: { type: 'string', short: 'o' },
        template: { type: 'string' },
        reentry: { type: 'string' },
        paper: { type: 'string' },
        scale: { type: 'string' },
        overlap: { type: 'string' },
        version: { type: 'string' },
      },
      true,
    );
    const format = values.format as Format | undefined;
    if (!format) throw new UsageError(`missing --format (one of ${FORMATS.join(', ')})`);
    if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`unknown format "${format}" (one of ${FORMATS.join(', ')})`);
    if ((format === 'pdf' || format === 'journey') && !values.output) throw new UsageError(`--format ${format} is binary: give -o OUT`);
    const print = printOptions(values);
    if (print && format !== 'pdf') throw new UsageError('--paper, --scale and --overlap apply to --format pdf only');
    const loaded = loadInput(io.cwd, positionals[0], values.template, FROM_DEFINITION.has(format));
    const { input, provenance } = await chooseVersion(loaded, values.version, io.stderr);
    const reentry = parseReentry(values.reentry);
    if (input.kind === 'blueprint' && FROM_DEFINITION.has(format)) {
      const findings = lintBlueprint(input.blueprint);
      if (hasErrors(findings))
        io.stderr(
          `warning: ${findings.filter((f) => f.severity === 'error').length} lint error(s); run \`journeyscroll lint\` for details\n`,
        );
    }
    const definition = () =>
      input.kind === 'definition'
        ? input.definition
        : compileBlueprint(input.blueprint, { ...(reentry ? { reentry } : {}), ...(provenance ? { provenance } : {}) });
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
        out = exportXStateModule(definition());
        break;
      case 'xstate-json':
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
        out = await sceneToPdf(buildScene(blueprint(), { caption: printCaption(blueprint(), new Date()) }), print ?? { paper: 'banner' });
        break;
    }
    if (values.output) {
      writeFileSync(resolve(io.cwd, values.output), out);
      io.stderr(`wrote ${values.output} (${format})\n`);
    } else io.stdout(typeof out === 'string' ? out : new TextDecoder().decode(out));
    return 0;
  },
};
/**
 * The blueprint to export: a .journey file's saved version when --version names one, else its
 * working copy — with a warning when that differs from the approved version.
 */
async function chooseVersion(input: Input, ref: string | boolean | undefined, stderr: (text: string) => void) {
  if (input.kind !== 'blueprint') {
    if (ref !== undefined) throw new UsageError('--version needs a .journey file');
    return { input, provenance: undefined };
  }
  if (ref !== undefined) {
    if (typeof ref !== 'string' || !input.doc) throw new UsageError('--version needs a .journey file (versions are kept in it)');
    try {
      const { info, blueprint } = await readVersion(input.doc, ref);
      return { input: { ...input, blueprint, source: `${input.source}@${info.name}` }, provenance: provenanceOf(blueprint, info) };
    } catch (error) {
      if (error instanceof VersionError) throw new InputError(`${input.source}: ${error.message}`);
      throw error;
    }
  }
  if (input.doc) {
    const state = await approvalState(input.doc);
    if (state && state.changesSince > 0)
      stderr(
        `note: this is the working copy, ${state.changesSince} change(s) since approved ${state.approved.name}; --version approved exports what was approved\n`,
      );
  }
  return { input, provenance: provenanceOf(input.blueprint) };
}

/** The print layout from --paper/--scale/--overlap, or undefined when none was given. */
function printOptions(values: {
  paper?: string | boolean;
  scale?: string | boolean;
  overlap?: string | boolean;
}): PrintOptions | undefined {
  const { paper, scale, overlap } = values;
  if (paper === undefined && scale === undefined && overlap === undefined) return undefined;
  if (paper !== undefined && !(PAPER_SIZES as readonly unknown[]).includes(paper))
    throw new UsageError(`unknown --paper "${String(paper)}" (one of ${PAPER_SIZES.join(', ')})`);
  const number = (name: string, value: string | boolean | undefined, min: number, max: number): number | undefined => {
    if (value === undefined) return undefined;
    const n = Number(value);
    if (typeof value !== 'string' || !Number.isFinite(n) || n <= min || n > max)
      throw new UsageError(`--${name} must be a number above ${min} and at most ${max}, got "${String(value)}"`);
    return n;
  };
  const s = number('scale', scale, 0, 4);
  const o = number('overlap', overlap, -1, 200);
  const chosen = (paper ?? 'a4') as PaperSize;
  if (chosen === 'banner' && (s !== undefined || o !== undefined))
    throw new UsageError('--scale and --overlap apply to tiled paper (--paper a4 or a3)');
  return { paper: chosen, ...(s !== undefined ? { scale: s } : {}), ...(o !== undefined ? { overlap: o } : {}) };
}

export default exportCommand;
