import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type DocumentStore } from '../store/index.ts';
import { StorageQuota } from './storage-quota.ts';

let dir: string;
let store: DocumentStore;
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the data folder cap', () => {
  it('starts from what the store holds, counts admitted writes, and refuses one that would pass the cap', () => {
    dir = mkdtempSync(join(tmpdir(), 'js-quota-'));
    store = openStore(join(dir, 's.sqlite'));
    store.appendUpdate('a', new Uint8Array(3000));
    store.appendUpdate('b', new Uint8Array(2000));
    let now = 0;
    let flushes = 0;
    const quota = new StorageQuota(
      store,
      10_000,
      () => flushes++,
      () => now,
    );
    expect(quota.used).toBe(5000);
    expect(quota.admits(4000)).toBe(true);
    expect(quota.used).toBe(9000);
    expect(quota.admits(2000)).toBe(false);
    expect(quota.used).toBe(9000);
    // The admitted 4000 bytes never reached the store (say, they changed nothing): a fresh read,
    // at most once a second, finds the room and admits again.
    now = 1500;
    expect(quota.admits(2000)).toBe(true);
    expect(quota.used).toBe(7000);
    expect(flushes).toBe(2);
  });
});
