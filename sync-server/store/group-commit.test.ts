import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createGroupCommit, openStore, type CommitBatch, type DocumentStore } from './index.ts';

let dir: string;
let store: DocumentStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'js-gc-'));
  store = openStore(join(dir, 's.sqlite'));
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

function updates(n: number): Uint8Array[] {
  const doc = new Y.Doc();
  const out: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => out.push(u));
  for (let i = 0; i < n; i++) doc.getMap('m').set(`k${i}`, i);
  return out;
}

describe('group commit', () => {
  it('commits everything queued in one event-loop turn as one batch, before any callback runs', async () => {
    const batches: CommitBatch[] = [];
    const group = createGroupCommit(store, { onBatch: (b) => batches.push(b) });
    const ups = updates(5);
    const seen: Array<[number, number]> = [];
    const done = ups.map(
      (u, i) =>
        new Promise<void>((resolve) =>
          group.enqueue(i % 2 ? 'odd' : 'even', u, (error, seq) => {
            expect(error).toBeNull();
            // Every update of the batch is in the store when the first callback runs.
            expect(store.roomInfo('even')?.seq).toBe(3);
            expect(store.roomInfo('odd')?.seq).toBe(2);
            seen.push([i, seq]);
            resolve();
          }),
        ),
    );
    expect(group.pending).toBe(5);
    expect(store.roomInfo('even')).toBeUndefined();
    await Promise.all(done);
    expect(batches.map((b) => b.updates)).toEqual([5]);
    expect(seen).toEqual([
      [0, 1],
      [1, 1],
      [2, 2],
      [3, 2],
      [4, 3],
    ]);
    expect(await group.commit('even', updates(1)[0]!)).toBe(4);
  });

  it('reports a failed commit to every update of the batch and to none as committed', async () => {
    const group = createGroupCommit(store);
    const [u] = updates(1);
    const results = Promise.allSettled([group.commit('a', u!), group.commit('b', u!)]);
    store.close();
    const settled = await results;
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected']);
    store = openStore(join(dir, 's.sqlite'));
    expect(store.listRooms()).toEqual([]);
  });

  it('keeps calling back after one callback throws', () => {
    const thrown: unknown[] = [];
    const group = createGroupCommit(store, { schedule: () => {}, onCallbackError: (e) => thrown.push(e) });
    const [a, b] = updates(2);
    let second = 0;
    group.enqueue('r', a!, () => {
      throw new Error('boom');
    });
    group.enqueue('r', b!, (_e, seq) => (second = seq));
    group.flush();
    expect(second).toBe(2);
    expect(thrown).toHaveLength(1);
  });
});
