import { compileBlueprint } from '../../../shared/journey/index.ts';
import { diffBlueprints, type BlueprintDiff, type FieldChange } from '../../../shared/governance/diff.ts';
import { diffJourneys, type JourneyDiff } from '../../../shared/governance/journey-diff.ts';
import { readVersion, VersionError } from '../../../shared/governance/versions.ts';
import type { Blueprint } from '../../../shared/model/index.ts';
import { UsageError, type CliCommand, type CliIo } from '../command.ts';
import { parseCommandArgs } from '../args.ts';
import { InputError, loadInput } from '../../export/load.ts';

const diff: CliCommand = {
  name: 'diff',
  summary: 'Compare two blueprints or versions: what was added, removed, moved and changed, and how the journey changes',
  help: `Usage: journeyscroll diff A B [--json]

A and B are .journey files or blueprint JSONs; a saved version of a .journey file is written
FILE@REF, where REF is approved (the newest approved version), vN (approved version N) or a
version's name: \`journeyscroll diff plan.journey@approved plan.journey\` shows what changed since
the approval. Prints the stages, lanes, cards, flows and personas added, removed, moved and
changed with each field's before → after, then the compiled journey's changes (transitions,
in-stage steps and exits, waits). --json prints {"a", "b", "blueprint": {meta, entities,
counts}, "journey": {entry, states, counts}} (docs/governance.md). Exits 0 either way.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' } }, true);
    if (positionals.length !== 2) throw new UsageError('give two blueprints to compare: journeyscroll diff A B');
    const [a, b] = await Promise.all(positionals.map((ref) => load(io, ref!)));
    const blueprint = diffBlueprints(a!.blueprint, b!.blueprint);
    const journey = diffJourneys(compileBlueprint(a!.blueprint), compileBlueprint(b!.blueprint));
    if (values.json) io.stdout(`${JSON.stringify({ a: a!.source, b: b!.source, blueprint, journey }, null, 2)}\n`);
    else io.stdout(describe(a!.source, b!.source, blueprint, journey));
    return 0;
  },
};
export default diff;

async function load(io: CliIo, ref: string): Promise<{ blueprint: Blueprint; source: string }> {
  const at = ref.lastIndexOf('@');
  const [file, version] = at > 0 ? [ref.slice(0, at), ref.slice(at + 1)] : [ref, undefined];
  const input = loadInput(io.cwd, file, undefined);
  if (input.kind !== 'blueprint') throw new InputError(`${file}: diff needs blueprints`);
  if (version === undefined) return input;
  if (!input.doc) throw new InputError(`${ref}: versions are kept in .journey files; ${file} is not one`);
  try {
    const { info, blueprint } = await readVersion(input.doc, version);
    return { blueprint, source: `${file}@${info.name}` };
  } catch (error) {
    if (error instanceof VersionError) throw new InputError(`${file}: ${error.message}`);
    throw error;
  }
}

const show = (value: unknown): string =>
  value === undefined ? '(none)' : typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value);
const fieldLine = (f: FieldChange) => `      ${f.field}: ${show(f.before)} → ${show(f.after)}`;

function describe(a: string, b: string, blueprint: BlueprintDiff, journey: JourneyDiff): string {
  const lines = [`${a} → ${b}`];
  const { counts } = blueprint;
  lines.push(`${counts.added} added, ${counts.removed} removed, ${counts.moved} moved, ${counts.changed} changed`);
  if (blueprint.meta.length) {
    lines.push('  blueprint details');
    lines.push(...blueprint.meta.map(fieldLine));
  }
  for (const e of blueprint.entities) {
    lines.push(`  ${e.change.padEnd(7)} ${e.collection.replace(/s$/, '')} '${e.label}' (${e.id})`);
    if (e.change === 'changed' || e.change === 'moved') lines.push(...e.fields.map(fieldLine));
  }
  const jc = journey.counts;
  lines.push(
    '',
    `journey: ${jc.transitions} transition(s), ${jc.steps} step(s), ${jc.exits} exit(s) changed; ${jc.states} stage(s) added or removed`,
  );
  if (journey.entry.length) lines.push('  entry', ...journey.entry.map(fieldLine));
  for (const state of journey.states) {
    lines.push(`  ${state.change.padEnd(7)} stage '${state.name}'`);
    for (const r of state.reactions)
      lines.push(`    ${r.change.padEnd(7)} ${r.kind} ${r.summary}`, ...r.fields.map((f) => `  ${fieldLine(f)}`));
    for (const c of state.captures) lines.push(`    ${c.change.padEnd(7)} capture ${c.field}`);
  }
  return `${lines.join('\n')}\n`;
}
