import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openPostgresStore, type PostgresStore } from '../../sync-server/store/index.ts';
import { startServices, type ClusterServices } from './harness.ts';

let services: ClusterServices;
const stores: PostgresStore[] = [];
beforeAll(async () => {
  services = await startServices();
}, 60_000);
afterAll(async () => {
  for (const s of stores) await s.close();
  await services?.remove();
});

const open = async (url: string) => {
  const store = await openPostgresStore(url);
  stores.push(store);
  return store;
};

function edits(n: number, tag: string): Uint8Array[] {
  const doc = new Y.Doc();
  const out: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => out.push(u));
  for (let i = 0; i < n; i++) doc.getMap('m').set(`${tag}${i}`, i);
  return out;
}

describe('the PostgreSQL store', () => {
  it('gives two writers of one room seqs without holes or repeats, in commit order', async () => {
    const url = await services.database();
    const [a, b] = await Promise.all([open(url), open(url)]);
    const fromA = edits(50, 'a');
    const fromB = edits(50, 'b');
    const seqs = (
      await Promise.all([
        ...fromA.map((update) => a.appendUpdates([{ room: 'shared', update }])),
        ...fromB.map((update) => b.appendUpdates([{ room: 'shared', update }])),
      ])
    ).flat();
    expect([...seqs].sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    const loaded = await a.load('shared');
    expect(loaded.seq).toBe(100);
    expect(loaded.doc.getMap('m').size).toBe(100);
    const since = await b.readSince('shared', 90);
    expect(since.updates.map((u) => u.seq)).toEqual([91, 92, 93, 94, 95, 96, 97, 98, 99, 100]);
    expect(await b.lastSeqs(['shared', 'nothing'])).toEqual(new Map([['shared', 100]]));
  });

  it('compacts under an advisory lock (skipped while another holds it), and a reader behind the compaction gets the snapshot', async () => {
    const url = await services.database();
    const store = await open(url);
    const doc = new Y.Doc();
    for (const update of edits(30, 'x')) {
      Y.applyUpdate(doc, update);
      await store.appendUpdates([{ room: 'r', update }]);
    }
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    await holder.query("SELECT pg_advisory_lock(hashtextextended('journeyscroll:' || $1, 0))", ['r']);
    expect(await store.compact('r', { state: Y.encodeStateAsUpdate(doc), throughSeq: 20 })).toBeNull();
    await holder.query("SELECT pg_advisory_unlock(hashtextextended('journeyscroll:' || $1, 0))", ['r']);
    await holder.end();
    const first = await store.compact('r', { state: Y.encodeStateAsUpdate(doc), throughSeq: 20 });
    expect(first).toMatchObject({ seq: 20, removedUpdates: 0, tailUpdates: 10 });
    const second = await store.compact('r', { state: Y.encodeStateAsUpdate(doc), throughSeq: 30 });
    // The previous generation's log (seqs 1-20) goes; its snapshot stays as a fallback until the next one.
    expect(second).toMatchObject({ seq: 30, removedUpdates: 20, tailUpdates: 0 });
    const behind = await store.readSince('r', 5);
    expect(behind.snapshot?.seq).toBe(30);
    const probe = new Y.Doc();
    Y.applyUpdate(probe, behind.snapshot!.data);
    expect(probe.getMap('m').size).toBe(30);
    const info = await store.roomInfo('r');
    expect(info).toMatchObject({ seq: 30, snapshotSeq: 30, tailUpdates: 0 });
    expect((await store.load('r')).doc.getMap('m').size).toBe(30);
  });

  it('commits a batch over several rooms in one transaction: per-room seqs in order, and the change log', async () => {
    const url = await services.database();
    const store = await open(url);
    const [u1, u2, u3] = edits(3, 'm');
    const by = { author: 'Ann', team: 'Data' };
    const seqs = await store.appendUpdates([
      { room: 'b', update: u1!, changes: [{ kind: 'write', root: 'cards', key: 'c1', field: 'title' }], by },
      { room: 'a', update: u2! },
      { room: 'b', update: u3!, changes: [{ kind: 'delete', root: 'cards', key: 'c2' }], by },
    ]);
    expect(seqs).toEqual([1, 1, 2]);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ seq: string; kind: string; author: string }>(
      "SELECT c.seq, c.kind, c.author FROM changes c JOIN rooms r ON r.id = c.room_id WHERE r.name = 'b' ORDER BY c.seq",
    );
    await client.end();
    expect(rows.map((r) => [Number(r.seq), r.kind, r.author])).toEqual([
      [1, 'write', 'Ann'],
      [2, 'delete', 'Ann'],
    ]);
    expect((await store.load('b')).seq).toBe(2);
    expect((await store.load('a')).seq).toBe(1);
  });

  it('refuses a bad room name and changes nothing', async () => {
    const store = await open(await services.database());
    await expect(store.appendUpdates([{ room: 'bad name!', update: edits(1, 'z')[0]! }])).rejects.toThrow(/invalid room name/);
    expect(await store.listRooms()).toEqual([]);
  });
});
