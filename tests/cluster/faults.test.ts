/**
 * Faults in a cluster, with real processes: a node killed with SIGKILL mid-burst, Redis stopped and
 * restarted while people edit, PostgreSQL stopped while people edit. After each, every client
 * converges, and nothing any client received is missing from PostgreSQL (nothing was relayed
 * before it was committed).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/sync/contract.ts';
import { cleanUp, connect, content, firstMissing, prng, randomEdit, sleep, waitFor, type Client } from '../sync/harness.ts';
import { metric, startNode, startNodes, startServices, type ClusterServices } from './harness.ts';

let services: ClusterServices;
beforeAll(async () => {
  services = await startServices();
}, 60_000);
afterAll(() => services?.remove());
afterEach(cleanUp);

const args = ['--max-messages-per-second', '5000'];
const same = (clients: readonly Client[]) => {
  const first = JSON.stringify(content(clients[0]!.doc));
  return clients.every((c) => JSON.stringify(content(c.doc)) === first);
};

/** Each client edits every few ms until stopped. */
function burst(clients: readonly Client[], seed: number) {
  let running = true;
  const loops = clients.map(async (client, i) => {
    const rand = prng(seed + i);
    while (running) {
      client.doc.transact(() => randomEdit(client.doc, rand, `k${i}`));
      await sleep(3);
    }
  });
  return async () => {
    running = false;
    await Promise.all(loops);
  };
}

/** Everything every client received, and whether a fresh node's view of the room holds it all. */
async function storeHoldsAll(db: string, room: string, received: readonly Uint8Array[]): Promise<number> {
  const probeNode = await startNode({ postgres: db });
  const probe = connect(probeNode.syncUrl, room);
  await probe.synced();
  const missing = firstMissing(probe.doc, received);
  probe.destroy();
  await probeNode.stop();
  return missing;
}

describe('cluster faults', () => {
  it('kill -9 of a node mid-burst: what anyone received is in PostgreSQL, and its clients converge on another node', async () => {
    const db = await services.database();
    const nodes = await startNodes(3, { postgres: db, redis: services.redis.url, args });
    const clients = Array.from({ length: 6 }, (_, i) => connect(nodes[i % 3]!.syncUrl, 'burst'));
    await Promise.all(clients.map((c) => c.synced()));
    const stop = burst(clients, 7);
    await waitFor(() => clients.reduce((n, c) => n + c.received.length, 0) > 300, 'updates relayed');
    nodes[0]!.proc.kill('SIGKILL');
    expect((await nodes[0]!.exited).signal).toBe('SIGKILL');
    await sleep(100);
    await stop();
    const received = clients.flatMap((c) => c.received);
    // The clients of the dead node come back through another one (what a load balancer does).
    const moved = clients.map((c, i) => {
      if (i % 3 !== 0) return c;
      c.provider.destroy();
      return connect(nodes[1]!.syncUrl, 'burst', { doc: c.doc });
    });
    await waitFor(() => same(moved), 'every client to converge after the move', 20_000);
    const missing = await storeHoldsAll(db, 'burst', received);
    expect(missing, `update ${missing} of ${received.length} received ones is not in PostgreSQL`).toBe(-1);
  });

  it('Redis stopped and restarted during edits: each node keeps serving, everyone converges, nothing lost', async () => {
    const db = await services.database();
    const nodes = await startNodes(2, { postgres: db, redis: services.redis.url, args });
    const a = [connect(nodes[0]!.syncUrl, 'redis'), connect(nodes[0]!.syncUrl, 'redis')];
    const b = [connect(nodes[1]!.syncUrl, 'redis'), connect(nodes[1]!.syncUrl, 'redis')];
    const all = [...a, ...b];
    await Promise.all(all.map((c) => c.synced()));
    const stop = burst(all, 11);
    await sleep(300);
    await services.redis.stop('SIGKILL');
    await sleep(300);
    // Redis is down: two clients of one node still see each other.
    a[0]!.doc.getMap('cards').set('while-redis-down', 'seen');
    await waitFor(() => a[1]!.doc.getMap('cards').get('while-redis-down') === 'seen', 'the same node relays alone');
    await sleep(300);
    await services.redis.start();
    await sleep(300);
    await stop();
    await waitFor(() => same(all), 'all four to converge', 20_000);
    expect(b[0]!.doc.getMap('cards').get('while-redis-down')).toBe('seen');
    expect(await metric(nodes[0]!, 'journeyscroll_redis_disconnects_total')).toBeGreaterThan(0);
    expect(await metric(nodes[0]!, 'journeyscroll_redis_up')).toBe(1);
    expect(await metric(nodes[0]!, 'journeyscroll_cluster_catchups_total')).toBeGreaterThan(0);
    const missing = await storeHoldsAll(
      db,
      'redis',
      all.flatMap((c) => c.received),
    );
    expect(missing).toBe(-1);
    expect(nodes.some((n) => n.logs.some((l) => String(l.msg).startsWith('Redis unreachable')))).toBe(true);
  });

  it('PostgreSQL stopped during edits: writes refused with 4502, nothing relayed uncommitted, converge after restart', async () => {
    const db = await services.database();
    const nodes = await startNodes(2, { postgres: db, redis: services.redis.url, args });
    const clients = [0, 1, 0, 1].map((n) => connect(nodes[n]!.syncUrl, 'pgdown'));
    await Promise.all(clients.map((c) => c.synced()));
    const stop = burst(clients, 23);
    await sleep(300);
    await services.postgres.stop('fast');
    // Edits made while the database is down: each client keeps them.
    await sleep(200);
    clients.forEach((c, i) => c.doc.getMap('cards').set(`offline-${i}`, 'kept'));
    await waitFor(
      () => clients.every((c) => c.closes.some((x) => x.code === CloseCode.storageUnavailable)),
      'close 4502 at every client',
      10_000,
    );
    await stop();
    const receivedWhileDown = clients.flatMap((c) => c.received);
    await services.postgres.start();
    await waitFor(() => same(clients), 'convergence after the restart', 20_000);
    for (const c of clients) for (let i = 0; i < 4; i++) expect(c.doc.getMap('cards').get(`offline-${i}`)).toBe('kept');
    expect(await metric(nodes[0]!, 'journeyscroll_commit_failures_total')).toBeGreaterThan(0);
    const missing = await storeHoldsAll(db, 'pgdown', receivedWhileDown);
    expect(missing, 'a client received an update PostgreSQL never stored').toBe(-1);
    expect(nodes.some((n) => n.logs.some((l) => String(l.msg).startsWith('commit failed')))).toBe(true);
  });
});
