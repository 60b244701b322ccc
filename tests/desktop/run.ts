/**
 * `npm run test:desktop`: runs `npm run build` when its output is missing or older than the
 * sources, then the desktop suites (vitest.desktop.config.ts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

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
const run = (args: string[]) => spawnSync('npm', args, { cwd: repo, stdio: 'inherit', shell: false }).status ?? 1;

// `npm run build` builds both: the desktop app (out/main, out/preload, out/renderer) and the web
// edition its workshops serve (out/web).
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
const outputs = ['out/renderer/index.html', 'out/main/index.js', 'out/preload/index.cjs', 'out/web/index.html'];
if (outputs.some((output) => stale(output, inputs))) {
  console.log('test:desktop: building the desktop app and the web edition (out/ is missing or stale)');
  const status = run(['run', 'build']);
  if (status !== 0) process.exit(status);
}
process.exit(run(['exec', '--', 'vitest', 'run', '--config', 'vitest.desktop.config.ts', ...process.argv.slice(2)]));
