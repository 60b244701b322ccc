import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DEFAULT_RELAY_TIMING, Relay } from './relay.ts';

interface FakePeer {
  readonly name: string;
  readonly got: Uint8Array[];
}

function setUp(peerCount: number, timing = { updateWindowMs: () => 0, awarenessWindowMs: () => 0 }) {
  const peers = new Set<FakePeer>(Array.from({ length: peerCount }, (_, i) => ({ name: `p${i}`, got: [] })));
  const errors: unknown[] = [];
  const relay = new Relay<FakePeer>(
    { peers, send: (peer, message) => peer.got.push(message) },
    { update: (u) => u, awareness: (ids) => new Uint8Array(ids) },
    timing,
    (e) => errors.push(e),
  );
  return { peers: [...peers], relay, errors };
}

const tick = () => new Promise((r) => setImmediate(r));

function edits(n: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < n; i++) {
    const doc = new Y.Doc();
    doc.on('update', (u: Uint8Array) => out.push(u));
    doc.getMap('cards').set(`c${i}`, i);
  }
  return out;
}

describe('relay', () => {
  it('sends the updates of one window as one merged message, the same bytes to every peer', async () => {
    const { peers, relay } = setUp(3);
    const [a, b, c] = peers;
    const updates = edits(3);
    relay.update(updates[0]!, a);
    relay.update(updates[1]!, b);
    relay.update(updates[2]!, 'server');
    await tick();
    for (const peer of peers) expect(peer.got).toHaveLength(1);
    expect(a!.got[0]).toBe(c!.got[0]);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, a!.got[0]!);
    expect(doc.getMap('cards').toJSON()).toEqual({ c0: 0, c1: 1, c2: 2 });
  });

  it('leaves the writer out when the window holds one writer only', async () => {
    const { peers, relay } = setUp(3);
    for (const u of edits(2)) relay.update(u, peers[0]);
    await tick();
    expect(peers.map((p) => p.got.length)).toEqual([0, 1, 1]);
  });

  it('gathers for a window in large rooms and bounds the messages per peer', async () => {
    expect(DEFAULT_RELAY_TIMING.updateWindowMs(10)).toBe(0);
    expect(DEFAULT_RELAY_TIMING.updateWindowMs(500)).toBe(10);
    expect(DEFAULT_RELAY_TIMING.updateWindowMs(5000)).toBe(20);
    expect(DEFAULT_RELAY_TIMING.awarenessWindowMs(3)).toBe(0);
    const { peers, relay } = setUp(4, { updateWindowMs: () => 30, awarenessWindowMs: () => 30 });
    const updates = edits(20);
    for (const [i, u] of updates.entries()) {
      relay.update(u, peers[i % 4]);
      await tick();
    }
    expect(peers[0]!.got).toHaveLength(0);
    await new Promise((r) => setTimeout(r, 40));
    expect(peers.map((p) => p.got.length)).toEqual([1, 1, 1, 1]);
  });

  it('sends awareness ids once per window, then runs what waits for the flush', async () => {
    const { peers, relay } = setUp(2);
    const flushed: number[][] = [];
    relay.awareness([5, 6], peers[0]);
    relay.awareness([6, 7], 'left');
    relay.afterAwarenessFlush((ids) => flushed.push([...ids]));
    await tick();
    expect(peers.map((p) => p.got.map((m) => [...m]))).toEqual([[[5, 6, 7]], [[5, 6, 7]]]);
    expect(flushed).toEqual([[5, 6, 7]]);
  });

  it('sends nothing once stopped', async () => {
    const { peers, relay } = setUp(2);
    relay.update(edits(1)[0]!, 'x');
    relay.stop();
    relay.update(edits(1)[0]!, 'x');
    await tick();
    expect(peers.every((p) => p.got.length === 0)).toBe(true);
  });
});
