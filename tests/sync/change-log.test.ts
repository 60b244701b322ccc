/**
 * The change log (issue 13's history, recorded by the server): each stored update's author, time
 * and the entities and fields it touched, read from the update by the server — through a real
 * `journeyscroll serve` process, then read back from its SQLite store after it stopped, and kept
 * through compaction.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addCard, addLane, addStage, initBlueprint, updateCard, updateStage } from '../../shared/doc/index.ts';
import { openStore } from '../../sync-server/store/index.ts';
import { cleanUp, connect, handMadeToken, startServerProcess, tempDir, waitFor } from './harness.ts';

afterEach(cleanUp);

const SECRET = 'change-log-secret-0123456789';
const ROOM = 'logged';
function mintToken(claims: { role: string; team?: string; name?: string }): string {
  return handMadeToken(SECRET, { room: ROOM, ...claims });
}

describe('the change log', () => {
  it('attributes every change to the person who made it, with the entity, field and time, and outlives compaction', async () => {
    const dataDir = tempDir();
    const server = await startServerProcess(dataDir, { env: { JOURNEYSCROLL_SECRET: SECRET }, args: ['--log-level', 'warn'] });
    const ann = connect(server.syncUrl, ROOM, { params: { token: mintToken({ role: 'approver', name: 'Ann Ops' }) } });
    await ann.synced();
    initBlueprint(ann.doc, { title: 'Logged' });
    const stage = addStage(ann.doc, { name: 'Lead' });
    const lane = addLane(ann.doc, { name: 'Data captured', kind: 'data', owner: 'Data' });
    const card = addCard(ann.doc, { stageId: stage, laneId: lane, title: 'Lead score' });
    const maria = connect(server.syncUrl, ROOM, { params: { token: mintToken({ role: 'editor', team: 'Data', name: 'Maria Ionescu' }) } });
    const bo = connect(server.syncUrl, ROOM, { params: { token: mintToken({ role: 'editor', name: 'Bo Ops' }) } });
    await Promise.all([maria.synced(), bo.synced()]);
    await waitFor(() => maria.doc.getMap('cards').has(card) && bo.doc.getMap('cards').has(card), 'the card everywhere');
    const beforeEdits = Date.now();
    updateCard(maria.doc, card, { title: 'Lead score (v2)' });
    updateStage(bo.doc, stage, { name: 'Leads' });
    await waitFor(
      () => (ann.doc.getMap('cards').get(card) as { get(k: string): unknown }).get('title') === 'Lead score (v2)',
      "Maria's edit at Ann",
    );
    await waitFor(() => (ann.doc.getMap('stages').get(stage) as { get(k: string): unknown }).get('name') === 'Leads', "Bo's edit at Ann");
    const afterEdits = Date.now();
    await server.stop('SIGTERM');

    const store = openStore(join(dataDir, 'journeyscroll.sqlite'));
    try {
      const log = store.listChanges(ROOM);
      const mariaTitle = log.find((c) => c.author === 'Maria Ionescu' && c.key === card && c.field === 'title');
      expect(mariaTitle).toMatchObject({ kind: 'write', root: 'cards', team: 'Data' });
      expect(mariaTitle!.at).toBeGreaterThanOrEqual(beforeEdits - 5);
      expect(mariaTitle!.at).toBeLessThanOrEqual(afterEdits + 5);
      expect(log.find((c) => c.author === 'Bo Ops' && c.root === 'stages' && c.key === stage && c.field === 'name')).toBeDefined();
      expect(
        log
          .filter((c) => c.author === 'Ann Ops')
          .map((c) => `${c.root}/${c.key === card ? 'card' : c.key === stage ? 'stage' : c.key === lane ? 'lane' : c.key}`),
      ).toEqual(expect.arrayContaining(['meta/title', 'stages/stage', 'lanes/lane', 'cards/card']));
      // Nobody else is credited with Maria's or Bo's edits.
      expect(log.filter((c) => c.key === card && c.field === 'title').map((c) => c.author)).toEqual(['Ann Ops', 'Maria Ionescu']);
      // Compaction drops updates, never the log.
      expect(store.compact(ROOM)).not.toBeNull();
      store.compact(ROOM);
      expect(store.listChanges(ROOM)).toEqual(log);
      expect(store.listChanges(ROOM, { since: beforeEdits - 5 }).every((c) => c.author !== 'Ann Ops' || c.at >= beforeEdits - 5)).toBe(
        true,
      );
    } finally {
      store.close();
    }
  });
});
