import { readBlueprint } from '../../../shared/doc/index.ts';
import { approvalState, listVersions } from '../../../shared/governance/versions.ts';
import { UsageError, type CliCommand } from '../command.ts';
import { parseCommandArgs } from '../args.ts';
import { InputError, loadInput } from '../../export/load.ts';

const versions: CliCommand = {
  name: 'versions',
  summary: 'List the saved and approved versions kept in a .journey file',
  help: `Usage: journeyscroll versions FILE.journey [--json]

Lists each version: its name, kind (named, approved, safety), who saved it and when, its note
and content hash; then the blueprint's status and how many changes the working copy has made
since the newest approved version. --json prints {"status", "approved", "changesSinceApproved",
"versions": [{id, name, note, by, at, kind, number?, hash, bytes}]}.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' } }, true);
    if (positionals.length !== 1) throw new UsageError('give one .journey file');
    const input = loadInput(io.cwd, positionals[0], undefined);
    if (input.kind !== 'blueprint' || !input.doc) throw new InputError(`${positionals[0]}: versions are kept in .journey files`);
    const list = listVersions(input.doc);
    const state = await approvalState(input.doc);
    const status = readBlueprint(input.doc).meta.status;
    if (values.json) {
      io.stdout(
        `${JSON.stringify({ status, approved: state?.approved.name ?? null, changesSinceApproved: state?.changesSince ?? null, versions: list }, null, 2)}\n`,
      );
      return 0;
    }
    if (list.length === 0) io.stdout(`${input.source}: no versions\n`);
    for (const v of list)
      io.stdout(`${v.at}  ${v.kind.padEnd(8)} ${v.name}  by ${v.by || '?'}${v.note ? ` — ${v.note}` : ''}  ${v.hash.slice(0, 12)}\n`);
    io.stdout(`status: ${status}${state ? `; approved ${state.approved.name}, ${state.changesSince} change(s) since` : ''}\n`);
    return 0;
  },
};
export default versions;
