/**
 * The web edition `journeyscroll serve` serves at / when no --static DIR is given: out/web of this
 * checkout, built by `npm run build:web` when it is missing or older than the sources it bundles
 * (a fresh clone after `npm install`, or a pull). The browser tests and the canvas bench use the
 * same check (tests/support/web-build.ts), so nothing ever serves or measures stale code.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const WEB_EDITION_DIR = join(REPO_ROOT, 'out/web');

/**
 * `production` is the web edition served to people (out/web); `test` the browser suites' build with
 * the test hook compiled in (out/web-test, JOURNEYSCROLL_TEST_HOOK=1; build/vite-renderer.ts).
 */
export type WebEditionKind = 'production' | 'test';
const OUT_DIR: Record<WebEditionKind, string> = { production: 'out/web', test: 'out/web-test' };

function newest(dir: string): number {
  let latest = 0;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules') continue;
    const full = join(dir, name);
    const stat = statSync(full);
    latest = Math.max(latest, stat.isDirectory() ? newest(full) : stat.mtimeMs);
  }
  return latest;
}

/** Why out/web (or out/web-test) must be (re)built, or null when it is up to date. */
export function webEditionStale(root = REPO_ROOT, kind: WebEditionKind = 'production'): 'missing' | 'stale' | null {
  const built = join(root, OUT_DIR[kind], 'index.html');
  if (!existsSync(built)) return 'missing';
  const sources = Math.max(
    newest(join(root, 'renderer')),
    newest(join(root, 'shared')),
    statSync(join(root, 'vite.web.config.ts')).mtimeMs,
    statSync(join(root, 'build/vite-renderer.ts')).mtimeMs,
  );
  return statSync(built).mtimeMs >= sources ? null : 'stale';
}

/** Builds out/web when needed, saying so on `progress`; returns the build's exit status (0 when nothing was needed). */
export function ensureWebEdition(progress: (line: string) => void, root = REPO_ROOT, kind: WebEditionKind = 'production'): number {
  const why = webEditionStale(root, kind);
  if (!why) return 0;
  const what = kind === 'test' ? 'the test build of the web edition' : 'the web edition';
  progress(`building ${what} (${OUT_DIR[kind]} is ${why}); this takes a minute the first time…\n`);
  const started = Date.now();
  // The variable is set either way, so a JOURNEYSCROLL_TEST_HOOK left in the shell cannot put the
  // test hook into the production edition.
  const env = { ...process.env, JOURNEYSCROLL_TEST_HOOK: kind === 'test' ? '1' : '0' };
  const status = spawnSync('npm', ['run', 'build:web', '--silent'], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] }).status ?? 1;
  progress(status === 0 ? `built ${what} in ${((Date.now() - started) / 1000).toFixed(1)} s\n` : `building ${what} failed\n`);
  return status;
}
