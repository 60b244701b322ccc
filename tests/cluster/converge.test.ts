import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanUp, connect, content, prng, randomEdit, sleep, waitFor, type Client } from '../sync/harness.ts';
import { eventually, metric, startNodes, startServices, type ClusterServices } from './harness.ts';

let services: ClusterServices;
beforeAll(async () => {
  services = await startServices();
}, 60_000);
afterAll(() => services?.remove());
afterEach(cleanUp);

const same = (clients: readonly Client[]) => {
  const first = JSON.stringify(content(clients[0]!.doc));
  return clients.every((c) => JSON.stringify(content(c.doc)) === first);
};

describe('three nodes sharing PostgreSQL and Redis', () => {
  it('two clients on different nodes see each other at once, through Redis', async () => {
    const db = await services.database();
    const nodes = await startNodes(3, { postgres: db, redis: services.redis.url });
    const a = connect(nodes[0]!.syncUrl, 'pair');
    const b = connect(nodes[2]!.syncUrl, 'pair');
    await Promise.all([a.synced(), b.synced()]);
    a.doc.getText('notes').insert(0, 'from A ');
    await waitFor(() => b.doc.getText('notes').toString() === 'from A ', 'B sees A');
    b.doc.getMap('cards').set('c1', 'from B');
    await waitFor(() => a.doc.getMap('cards').get('c1') === 'from B', 'A sees B');
    // Through Redis, not through the store's poll: node 3 heard node 1's batch.
    expect(await metric(nodes[2]!, 'journeyscroll_cluster_remote_updates_total')).toBeGreaterThan(0);
    expect(await metric(nodes[0]!, 'journeyscroll_cluster_published_total')).toBeGreaterThan(0);
  });

  it('30 clients spread over the nodes converge; late joiners on every node get everything', async () => {
    const db = await services.database();
    const nodes = await startNodes(3, { postgres: db, redis: services.redis.url, args: ['--max-messages-per-second', '5000'] });
    const clients = Array.from({ length: 30 }, (_, i) => connect(nodes[i % 3]!.syncUrl, 'crowd'));
    await Promise.all(clients.map((c) => c.synced()));
    for (let round = 0; round < 10; round++) {
      clients.forEach((c, i) => c.doc.transact(() => randomEdit(c.doc, prng(round * 100 + i), `c${i}`)));
      await sleep(20);
    }
    await waitFor(() => same(clients), '30 clients to converge', 20_000);
    const expected = JSON.stringify(content(clients[0]!.doc));
    expect(clients[0]!.doc.getArray('history').length + clients[0]!.doc.getText('notes').length).toBeGreaterThan(0);
    // Late joiners, one per node: they load the room from PostgreSQL (or the node's memory).
    const late = nodes.map((n) => connect(n.syncUrl, 'crowd'));
    await Promise.all(late.map((c) => c.synced()));
    for (const c of late) expect(JSON.stringify(content(c.doc))).toBe(expected);
    // And a node that had never loaded the room serves it from PostgreSQL alone.
    const [fresh] = await startNodes(1, { postgres: db, redis: services.redis.url });
    const fromStore = connect(fresh!.syncUrl, 'crowd');
    await fromStore.synced();
    expect(JSON.stringify(content(fromStore.doc))).toBe(expected);
  });

  it('without Redis, nodes still converge through the store (the poll catches them up)', async () => {
    const db = await services.database();
    const nodes = await startNodes(2, { postgres: db });
    const a = connect(nodes[0]!.syncUrl, 'quiet');
    const b = connect(nodes[1]!.syncUrl, 'quiet');
    await Promise.all([a.synced(), b.synced()]);
    a.doc.getText('notes').insert(0, 'polled');
    await waitFor(() => b.doc.getText('notes').toString() === 'polled', 'B catches up by polling', 5000);
    expect(await metric(nodes[1]!, 'journeyscroll_cluster_catchups_total', 'reason="poll"')).toBeGreaterThan(0);
  });
});

describe('rooms on each node', () => {
  it('a node unloads its idle room (compacting it under the lock) while another keeps serving it; it loads again from PostgreSQL', async () => {
    const db = await services.database();
    const nodes = await startNodes(2, { postgres: db, redis: services.redis.url, args: ['--room-idle-ms', '300'] });
    const a = connect(nodes[0]!.syncUrl, 'idle');
    const b = connect(nodes[1]!.syncUrl, 'idle');
    await Promise.all([a.synced(), b.synced()]);
    for (let i = 0; i < 20; i++) a.doc.getArray('history').push([`a${i}`]);
    await waitFor(() => b.doc.getArray('history').length === 20, 'B has A’s edits');
    a.destroy();
    await eventually(async () => (await metric(nodes[0]!, 'journeyscroll_rooms')) === 0, 'node 1 unloads the room', 5000);
    expect(await metric(nodes[0]!, 'journeyscroll_compactions_total')).toBe(1);
    expect(await metric(nodes[1]!, 'journeyscroll_rooms')).toBe(1);
    b.doc.getArray('history').push(['b-after']);
    const again = connect(nodes[0]!.syncUrl, 'idle');
    await again.synced();
    await waitFor(() => again.doc.getArray('history').length === 21, 'the reloaded room has everything');
    expect(again.doc.getArray('history').toArray()).toEqual(b.doc.getArray('history').toArray());
  });
});
