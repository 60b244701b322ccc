import { afterEach, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import {
  cleanUp,
  connect,
  content,
  destroyAllClients,
  prng,
  randomEdit,
  sleep,
  startServerProcess,
  tempDir,
  waitFor,
  type Client,
} from './harness.ts';

afterEach(cleanUp);

const same = (clients: readonly Client[]) => {
  const first = JSON.stringify(content(clients[0]!.doc));
  return clients.every((c) => JSON.stringify(content(c.doc)) === first);
};

/** Every client edits at random, concurrently, with small random pauses. */
async function editConcurrently(clients: readonly Client[], editsEach: number, seed: number) {
  await Promise.all(
    clients.map(async (client, i) => {
      const rand = prng(seed + i);
      for (let n = 0; n < editsEach; n++) {
        randomEdit(client.doc, rand, `c${i}`);
        if (rand.int(3) === 0) await sleep(rand.int(6));
      }
    }),
  );
}

describe('clients converge through the server', () => {
  it('2 WebsocketProvider clients converge on random edits, and a newcomer loads the same', async () => {
    const dir = tempDir();
    const server = await startServerProcess(dir);
    const clients = [connect(server.syncUrl, 'pair'), connect(server.syncUrl, 'pair')];
    await Promise.all(clients.map((c) => c.synced()));
    await editConcurrently(clients, 150, 1);
    await waitFor(() => same(clients), 'two clients to converge');
    expect(JSON.stringify(content(clients[0]!.doc)).length).toBeGreaterThan(500);
    const late = connect(server.syncUrl, 'pair');
    await late.synced();
    expect(content(late.doc)).toEqual(content(clients[0]!.doc));
  });

  it('20 clients converge on random edits; the room survives a restart', async () => {
    const dir = tempDir();
    let server = await startServerProcess(dir);
    const clients = Array.from({ length: 20 }, () => connect(server.syncUrl, 'crowd'));
    await Promise.all(clients.map((c) => c.synced()));
    await editConcurrently(clients, 25, 100);
    await waitFor(() => same(clients), 'twenty clients to converge', 20_000);
    const expected = content(clients[0]!.doc);
    destroyAllClients();
    expect((await server.stop('SIGTERM')).code).toBe(0);
    server = await startServerProcess(dir);
    const fresh = connect(server.syncUrl, 'crowd');
    await fresh.synced();
    expect(content(fresh.doc)).toEqual(expected);
  });

  it('a client that edited offline reconnects and both sides merge', async () => {
    const dir = tempDir();
    const server = await startServerProcess(dir);
    const a = connect(server.syncUrl, 'offline');
    const b = connect(server.syncUrl, 'offline');
    await Promise.all([a.synced(), b.synced()]);
    a.doc.getText('notes').insert(0, 'shared start. ');
    await waitFor(() => b.doc.getText('notes').toString() === 'shared start. ', 'the first edit to reach b');

    a.provider.disconnect();
    a.doc.getText('notes').insert(a.doc.getText('notes').length, 'typed offline by a. ');
    a.doc.getMap('cards').set('offline-card', 'from a');
    b.doc.getText('notes').insert(0, 'b online. ');
    b.doc.getMap('cards').set('online-card', 'from b');
    await sleep(100);
    expect(b.doc.getMap('cards').get('offline-card')).toBeUndefined();

    a.provider.connect();
    await waitFor(() => same([a, b]) && a.doc.getMap('cards').size === 2, 'a and b to merge');
    for (const doc of [a.doc, b.doc]) {
      expect(doc.getText('notes').toString()).toContain('typed offline by a.');
      expect(doc.getText('notes').toString()).toContain('b online.');
      expect(doc.getMap('cards').toJSON()).toEqual({ 'offline-card': 'from a', 'online-card': 'from b' });
    }
  });

  it("relays awareness and removes a vanished client's awareness for the others", async () => {
    const dir = tempDir();
    const server = await startServerProcess(dir);
    const a = connect(server.syncUrl, 'presence');
    const b = connect(server.syncUrl, 'presence');
    await Promise.all([a.synced(), b.synced()]);
    a.provider.awareness.setLocalStateField('cursor', { x: 10, y: 20 });
    const aId = a.doc.clientID;
    await waitFor(() => (b.provider.awareness.getStates().get(aId) as { cursor?: unknown })?.cursor !== undefined, "a's cursor at b");
    // The socket dies without a's goodbye message: only the server can tell b.
    a.provider.shouldConnect = false;
    (a.provider.ws as unknown as WebSocket).terminate();
    await waitFor(() => !b.provider.awareness.getStates().has(aId), "a's awareness removed at b", 5000);
  });
});
