/**
 * Versions through the CLI as a real process: a .journey file approved as v1, then edited; what
 * `versions`, `export --version` and `diff` say about it. "What runs is what was approved": the
 * approved export equals the definition compiled at approval, though the working copy moved on.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { blueprintToDoc, encodeJourneyFile, readBlueprint, updateCard } from '../../shared/doc/index.ts';
import { approveBlueprint, contentHash } from '../../shared/governance/versions.ts';
import { compileBlueprint } from '../../shared/journey/index.ts';
import { getTemplate } from '../../shared/templates/index.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const BIN = join(ROOT, 'bin/journeyscroll.js');
const dir = mkdtempSync(join(tmpdir(), 'journeyscroll-versions-'));
const cli = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 });

let compiledAtApproval: ReturnType<typeof compileBlueprint>;
let approvedHash: string;
let edited: string[];

beforeAll(async () => {
  const doc = blueprintToDoc(getTemplate('b2b-lead-to-renewal')!.build());
  const v1 = await approveBlueprint(doc, { by: 'Ana Approver', note: 'Q4 launch' });
  const atApproval = readBlueprint(doc);
  compiledAtApproval = compileBlueprint(atApproval);
  approvedHash = v1.hash;
  expect(approvedHash).toBe(contentHash(atApproval));
  const automation = atApproval.cards.filter((c) => c.kind === 'automation').slice(0, 2);
  edited = automation.map((c) => c.id);
  for (const card of automation) updateCard(doc, card.id, { title: `${card.title} (edited)`, wait: '9d' });
  writeFileSync(join(dir, 'plan.journey'), encodeJourneyFile(doc));
});

describe('versions in the CLI (real process)', () => {
  it('lists the versions and the changes since approval', () => {
    const r = cli('versions', 'plan.journey', '--json');
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ status: 'approved', approved: 'v1', changesSinceApproved: 2 });
    expect(out.versions).toEqual([
      expect.objectContaining({ name: 'v1', kind: 'approved', number: 1, by: 'Ana Approver', hash: approvedHash }),
    ]);
  });

  it('exports the approved version as it was compiled at approval, stamped with its version and hash', () => {
    const r = cli('export', 'plan.journey', '--format', 'definition', '--version', 'approved');
    expect(r.status, r.stderr).toBe(0);
    const definition = JSON.parse(r.stdout);
    const { provenance, ...rest } = definition;
    expect(rest).toEqual(compiledAtApproval);
    expect(provenance).toMatchObject({ version: 'v1', hash: approvedHash, approved: true });
    expect(provenance.blueprint).toMatch(/\S/);
    for (const format of ['xstate', 'bpmn', 'xstate-json']) {
      const e = cli('export', 'plan.journey', '--format', format, '--version', 'v1');
      expect(e.status, e.stderr).toBe(0);
      expect(e.stdout, format).toContain(`version v1 (approved), content sha256 ${approvedHash}`);
    }
  });

  it('exporting the working copy says it differs from the approved version', () => {
    const r = cli('export', 'plan.journey', '--format', 'definition');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('working copy, 2 change(s) since approved v1; --version approved exports what was approved');
    const definition = JSON.parse(r.stdout);
    expect(definition.provenance).toMatchObject({ version: 'working copy', approved: false });
    expect(definition.provenance.hash).not.toBe(approvedHash);
  });

  it('diffs the approved version against the working copy, blueprint and journey', () => {
    const r = cli('diff', 'plan.journey@approved', 'plan.journey', '--json');
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.a).toBe('plan.journey@v1');
    expect(out.blueprint.counts).toEqual({ added: 0, removed: 0, moved: 0, changed: 2 });
    expect(out.blueprint.entities.map((e: { id: string }) => e.id).sort()).toEqual([...edited].sort());
    const changedReactions = out.journey.states.flatMap((s: { reactions: { id: string }[] }) => s.reactions.map((x) => x.id));
    expect(changedReactions.some((id: string) => edited.includes(id))).toBe(true);
    const text = cli('diff', 'plan.journey@v1', 'plan.journey');
    expect(text.stdout).toMatch(/changed card '.* \(edited\)'/);
    expect(text.stdout).toMatch(/wait: \(none\) → "9d"|wait: "\w+" → "9d"/);
  });

  it('refuses unknown versions and versions of files that have none, clearly', () => {
    const r = cli('export', 'plan.journey', '--format', 'definition', '--version', 'Workshop');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("There is no version 'Workshop' (versions: 'v1')");
    writeFileSync(join(dir, 'plain.json'), JSON.stringify(getTemplate('blank')!.build()));
    const d = cli('diff', 'plain.json@approved', 'plan.journey');
    expect(d.status).not.toBe(0);
    expect(d.stderr).toContain('versions are kept in .journey files');
  });
});
