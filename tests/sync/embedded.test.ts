/**
 * The server as the desktop app embeds it: `startServer` in this process, with a store the caller
 * opened and keeps. Real sockets, real SQLite; lets the tests look into the store while it runs.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, silentLogger, type RunningServer, type ServerOptions } from '../../sync-server/server/index.ts';
import { openStore, type DocumentStore } from '../../sync-server/store/index.ts';
import { connect, destroyAllClients, removeDir, sleep, tempDir, waitFor } from './harness.ts';

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  destroyAllClients();
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function embedded(options: Partial<ServerOptions> = {}) {
  const dir = tempDir();
  const store = openStore(join(dir, 'local.sqlite'));
  const server = await startServer({ port: 0, store, logger: silentLogger, ...options });
  cleanup.push(
    () => removeDir(dir),
    () => store.close(),
    () => server.close(),
  );
  return { server, store };
}

const roomsOf = async (server: RunningServer) => ((await (await fetch(`${server.httpUrl}/healthz`)).json()) as { rooms: number }).rooms;

describe('embedded server', () => {
  it('compacts a busy room in the background, off the relay path, and keeps the content', async () => {
    const { server, store } = await embedded({ compaction: { maxTailUpdates: 50, maxTailBytes: 1 << 20, delayMs: 20 } });
    const a = connect(server.syncUrl, 'busy');
    const b = connect(server.syncUrl, 'busy');
    await Promise.all([a.synced(), b.synced()]);
    for (let i = 0; i < 300; i++) {
      a.doc.getText('notes').insert(i, 'x');
      if (i % 20 === 0) await sleep(5);
    }
    await waitFor(() => b.doc.getText('notes').length === 300, 'all edits relayed');
    await waitFor(() => (store.roomInfo('busy')?.snapshotSeq ?? 0) >= 250, 'a compaction', 5000);
    const info = store.roomInfo('busy')!;
    expect(info.seq).toBe(300);
    expect(info.tailUpdates).toBeLessThan(60);
    expect(server.stats().rooms).toBe(1);
    expect(store.loadDoc('busy').doc.getText('notes').toString()).toBe('x'.repeat(300));
  });

  it('unloads an idle room (compacted) and loads it again on demand', async () => {
    const { server, store } = await embedded({ roomIdleMs: 100 });
    const a = connect(server.syncUrl, 'idle');
    await a.synced();
    a.doc.getMap('cards').set('kept', 'yes');
    await waitFor(() => store.roomInfo('idle')?.seq === 1, 'the commit');
    expect(await roomsOf(server)).toBe(1);
    a.destroy();
    await waitFor(() => server.stats().rooms === 0, 'the room to unload', 3000);
    expect(store.roomInfo('idle')).toMatchObject({ snapshotSeq: 1, tailUpdates: 0 });
    const again = connect(server.syncUrl, 'idle');
    await again.synced();
    expect(again.doc.getMap('cards').get('kept')).toBe('yes');
    expect(server.stats().rooms).toBe(1);
  });

  it('relays nothing when the commit fails; the room reloads from what was stored', async () => {
    const dir = tempDir();
    cleanup.push(() => removeDir(dir));
    let store: DocumentStore = openStore(join(dir, 'local.sqlite'));
    const server = await startServer({ port: 0, store, logger: silentLogger });
    cleanup.push(() => server.close());
    const a = connect(server.syncUrl, 'fragile');
    const b = connect(server.syncUrl, 'fragile');
    await Promise.all([a.synced(), b.synced()]);
    a.doc.getMap('cards').set('stored', 1);
    await waitFor(() => b.doc.getMap('cards').get('stored') === 1, 'a committed edit');

    store.close(); // the disk "fails": every commit now throws
    a.doc.getMap('cards').set('never-stored', 1);
    await waitFor(() => a.closes.length > 0 && b.closes.length > 0, 'both clients to be closed');
    expect(a.closes[0]).toEqual({ code: 1011, reason: 'storage failure, reconnect' });
    expect(b.doc.getMap('cards').get('never-stored')).toBeUndefined();
    await server.close();

    store = openStore(join(dir, 'local.sqlite'));
    cleanup.push(() => store.close());
    expect(store.loadDoc('fragile').doc.getMap('cards').toJSON()).toEqual({ stored: 1 });
  });

  it('close() leaves a store it was given open for its owner', async () => {
    const { server, store } = await embedded();
    await server.close();
    expect(store.closed).toBe(false);
    expect(store.listRooms()).toEqual([]);
  });
});
