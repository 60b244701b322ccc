/**
 * Versions in a shared room (issue 13) are kept through the server's compaction and a restart:
 * they live in the blueprint's own document, so compaction (which merges the stored updates into
 * one) must keep every version's name, author, hash and content, and the approval's number.
 * A real server process on loopback, a real SQLite file compacted between two runs of it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBlueprint, updateCard, writeBlueprint } from '../../shared/doc/index.ts';
import { generateBlueprint } from '../../shared/model/index.ts';
import { approveBlueprint, contentHash, listVersions, readVersion, saveVersion } from '../../shared/governance/versions.ts';
import { cleanUp, connect, restartCompacted, startServerProcess, tempDir, waitFor, type ServerProcess } from './harness.ts';

const ROOM = 'versions-compaction';
let server: ServerProcess;
let dataDir: string;

describe('versions of a shared room', () => {
  beforeAll(async () => {
    dataDir = tempDir();
    server = await startServerProcess(dataDir, { args: ['--log-level', 'warn'] });
  });
  afterAll(cleanUp);

  it('are all there, with their content, after a compaction and a restart', { timeout: 60_000 }, async () => {
    const maria = connect(server.syncUrl, ROOM);
    await maria.synced();
    writeBlueprint(maria.doc, generateBlueprint({ seed: 7, cards: 60 }));
    const workshop = readBlueprint(maria.doc);
    const named = await saveVersion(maria.doc, { name: 'Workshop 12 Nov', note: 'after the workshop', by: 'Maria Ionescu' });
    const card = workshop.cards[0]!;
    updateCard(maria.doc, card.id, { title: 'Changed before approval' });
    const approved = await approveBlueprint(maria.doc, { by: 'Ana Ops', note: 'go' });
    updateCard(maria.doc, card.id, { title: 'Working copy moved on' });

    // The server has it all once another client sees it.
    const probe = connect(server.syncUrl, ROOM);
    await probe.synced();
    await waitFor(
      () => listVersions(probe.doc).length === 2 && probe.doc.getMap<Map<string, unknown>>('cards').size === workshop.cards.length,
      'the versions at the server',
    );
    await waitFor(() => readBlueprint(probe.doc).cards.find((c) => c.id === card.id)?.title === 'Working copy moved on', 'the last edit');
    const listed = listVersions(probe.doc);
    maria.destroy();
    probe.destroy();

    const restarted = await restartCompacted(server, dataDir, ROOM, { args: ['--log-level', 'warn'] });
    server = restarted.server;
    expect(restarted.compacted).toBe(true);

    const newcomer = connect(server.syncUrl, ROOM);
    await newcomer.synced();
    await waitFor(() => listVersions(newcomer.doc).length === 2, 'the versions after the restart');
    expect(listVersions(newcomer.doc)).toEqual(listed);
    expect(listed.map((v) => v.id).sort()).toEqual([named.id, approved.id].sort());
    const readNamed = await readVersion(newcomer.doc, 'Workshop 12 Nov');
    expect(readNamed.blueprint.cards).toEqual(workshop.cards);
    expect(contentHash(readNamed.blueprint)).toBe(named.hash);
    const readApproved = await readVersion(newcomer.doc, 'approved');
    expect(readApproved.info).toMatchObject({ kind: 'approved', by: 'Ana Ops' });
    expect(readApproved.blueprint.cards.find((c) => c.id === card.id)?.title).toBe('Changed before approval');
    expect(contentHash(readApproved.blueprint)).toBe(approved.hash);
    expect(readBlueprint(newcomer.doc).cards.find((c) => c.id === card.id)?.title).toBe('Working copy moved on');
  });
});
