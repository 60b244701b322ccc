import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { STORE_FILE } from '../../sync-server/server/index.ts';
import { openStore } from '../../sync-server/store/index.ts';
import { CLI, cleanUp, connect, content, prng, randomEdit, tempDir } from '../sync/harness.ts';
import { startNode, startServices, type ClusterServices } from './harness.ts';

let services: ClusterServices;
beforeAll(async () => {
  services = await startServices();
}, 60_000);
afterAll(() => services?.remove());
afterEach(cleanUp);

const cli = (...args: string[]) =>
  spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, JOURNEYSCROLL_SECRET: '' } });

describe('journeyscroll migrate', () => {
  it('moves every room, its seq and its change log into PostgreSQL, and refuses to merge into existing rooms', async () => {
    const dir = tempDir();
    const store = openStore(join(dir, STORE_FILE));
    const expected = new Map<string, string>();
    for (const [room, edits] of [
      ['alpha', 40],
      ['beta', 5],
    ] as const) {
      const doc = new Y.Doc();
      const updates: Uint8Array[] = [];
      doc.on('update', (u: Uint8Array) => updates.push(u));
      const rand = prng(room.length);
      for (let i = 0; i < edits; i++) doc.transact(() => randomEdit(doc, rand, room));
      store.appendUpdates(
        updates.map((update) => ({
          room,
          update,
          changes: [{ kind: 'write', root: 'cards', key: 'c1' }],
          by: { author: 'Ann', team: 'Data' },
        })),
      );
      expected.set(room, JSON.stringify(content(doc)));
    }
    store.compact('alpha');
    const seqs = Object.fromEntries(store.listRooms().map((r) => [r.name, r.seq]));
    store.close();
    const db = await services.database();

    expect(cli('migrate', '--from', dir).status).toBe(2);
    const moved = cli('migrate', '--from', dir, '--to', db);
    expect(moved.stderr).toMatch(/migrated 2 room\(s\)/);
    expect(moved.status).toBe(0);

    const client = new pg.Client({ connectionString: db });
    client.on('error', () => {});
    await client.connect();
    const rows = (await client.query<{ name: string; last_seq: string }>('SELECT name, last_seq FROM rooms ORDER BY name')).rows;
    expect(Object.fromEntries(rows.map((r) => [r.name, Number(r.last_seq)]))).toEqual(seqs);
    const changes = (
      await client.query<{ n: string; authors: string }>("SELECT count(*) AS n, string_agg(DISTINCT author, ',') AS authors FROM changes")
    ).rows[0]!;
    expect(Number(changes.n)).toBe(45);
    expect(changes.authors).toBe('Ann');

    const node = await startNode({ postgres: db });
    for (const [room, json] of expected) {
      const c = connect(node.syncUrl, room);
      await c.synced();
      expect(JSON.stringify(content(c.doc))).toBe(json);
    }

    const again = cli('migrate', '--from', dir, '--to', db);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/2 room\(s\) already exist in the database \(alpha, beta\): nothing was written/);
    expect(Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM changes')).rows[0]!.n)).toBe(45);
    await client.end();
  });
});
