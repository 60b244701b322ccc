import { readFileSync, writeFileSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { csvToBlueprint } from '../../../shared/export/index.ts';
import { UsageError, type CliCommand } from '../command.ts';
import { parseCommandArgs } from '../args.ts';
import { encodeBlueprintFile, loadInput } from '../../export/load.ts';

const importCommand: CliCommand = {
  name: 'import',
  summary: 'Import a blueprint JSON or a cards CSV into a .journey file',
  help: `Usage: journeyscroll import FILE.json|FILE.csv -o OUT.journey

A blueprint JSON is validated and saved as a .journey file. A CSV (the columns of
\`journeyscroll export --format csv\`) becomes a blueprint whose stages and lanes are named in
the file; a bad row fails the whole import with its line number, and nothing is written.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { output: { type: 'string', short: 'o' } }, true);
    const file = positionals[0];
    if (!file) throw new UsageError('missing FILE.json or FILE.csv');
    if (!values.output) throw new UsageError('missing -o OUT.journey');
    if (extname(values.output).toLowerCase() !== '.journey') throw new UsageError('the output must be a .journey file');
    const ext = extname(file).toLowerCase();
    let blueprint;
    if (ext === '.csv') {
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(resolve(io.cwd, file)));
      } catch (error) {
        throw new Error(`cannot read ${file}: ${(error as Error).message}`);
      }
      blueprint = csvToBlueprint(text, basename(file, extname(file)));
    } else if (ext === '.json') {
      const input = loadInput(io.cwd, file, undefined);
      if (input.kind !== 'blueprint') throw new Error('import needs a blueprint');
      blueprint = input.blueprint;
    } else throw new UsageError(`${file}: import reads .json or .csv, not "${ext || '(none)'}"`);
    writeFileSync(resolve(io.cwd, values.output), encodeBlueprintFile(blueprint));
    io.stderr(
      `wrote ${values.output}: ${blueprint.stages.length} stages, ${blueprint.lanes.length} lanes, ${blueprint.cards.length} cards\n`,
    );
    return 0;
  },
};
export default importCommand;
