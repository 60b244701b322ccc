import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { webEditionStale } from './web-edition.ts';

const roots: string[] = [];
afterEach(() => roots.splice(0).forEach((r) => rmSync(r, { recursive: true, force: true })));

/** A checkout's shape: the sources the edition bundles, with their times, and the builds present. */
function checkout(builds: Record<string, number>, sourcesAt: number): string {
  const root = mkdtempSync(join(tmpdir(), 'journeyscroll-web-edition-'));
  roots.push(root);
  for (const dir of ['renderer', 'shared', 'build']) mkdirSync(join(root, dir), { recursive: true });
  for (const file of ['renderer/main.tsx', 'shared/model.ts', 'vite.web.config.ts', 'build/vite-renderer.ts']) {
    writeFileSync(join(root, file), '');
    utimesSync(join(root, file), sourcesAt, sourcesAt);
  }
  for (const [dir, at] of Object.entries(builds)) {
    mkdirSync(join(root, dir), { recursive: true });
    writeFileSync(join(root, dir, 'index.html'), '');
    utimesSync(join(root, dir, 'index.html'), at, at);
  }
  return root;
}

describe('which web edition build is due', () => {
  it('the production edition (out/web) and the test build (out/web-test) are judged apart', () => {
    const root = checkout({ 'out/web': 2000 }, 1000);
    expect(webEditionStale(root)).toBeNull();
    // A production build does not stand in for the test build, which has the test hook in it.
    expect(webEditionStale(root, 'test')).toBe('missing');
  });

  it('each is stale when a source it bundles is newer', () => {
    const root = checkout({ 'out/web': 900, 'out/web-test': 2000 }, 1000);
    expect(webEditionStale(root)).toBe('stale');
    expect(webEditionStale(root, 'test')).toBeNull();
  });
});
