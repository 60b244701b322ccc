/**
 * `npm run test:desktop`: builds what the desktop suites use when it is missing or older than the
 * sources, then runs them (vitest.desktop.config.ts):
 * - `npm run build`, the production app (out/main, out/preload, out/renderer) and web edition
 *   (out/web) — what the packaging test packs, with no test hook in it;
 * - the test builds, with the test hook (JOURNEYSCROLL_TEST_HOOK=1): the desktop renderer
 *   (out/renderer-test) the suites load, and the web edition (out/web-test) their workshops serve
 *   to browser guests.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureWebBuild } from '../support/web-build.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));

function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = 0;
  for (const name of readdirSync(path)) if (name !== 'node_modules') latest = Math.max(latest, newest(join(path, name)));
  return latest;
}
const stale = (output: string, inputs: string[]) =>
  !existsSync(join(repo, output)) || statSync(join(repo, output)).mtimeMs < Math.max(...inputs.map((i) => newest(join(repo, i))));
const run = (args: string[], env: NodeJS.ProcessEnv = process.env) =>
  spawnSync('npm', args, { cwd: repo, stdio: 'inherit', shell: false, env }).status ?? 1;

const inputs = [
  'renderer',
  'shared',
  'electron',
  'sync-server',
  'build/vite-renderer.ts',
  'electron.vite.config.ts',
  'vite.web.config.ts',
  'package.json',
];
const production = ['out/renderer/index.html', 'out/main/index.js', 'out/preload/index.cjs', 'out/web/index.html'];
if (production.some((output) => stale(output, inputs))) {
  console.log('test:desktop: building the desktop app and the web edition (out/ is missing or stale)');
  const status = run(['run', 'build'], { ...process.env, JOURNEYSCROLL_TEST_HOOK: '0' });
  if (status !== 0) process.exit(status);
}
if (stale('out/renderer-test/index.html', inputs)) {
  console.log('test:desktop: building the test build of the desktop renderer (out/renderer-test is missing or stale)');
  // electron-vite builds main and preload again too: the same files, the hook only changes the renderer.
  const status = run(['exec', '--', 'electron-vite', 'build'], { ...process.env, JOURNEYSCROLL_TEST_HOOK: '1' });
  if (status !== 0) process.exit(status);
}
const web = ensureWebBuild('test:desktop');
if (web !== 0) process.exit(web);
process.exit(run(['exec', '--', 'vitest', 'run', '--config', 'vitest.desktop.config.ts', ...process.argv.slice(2)]));
