/**
 * `npm run test:e2e`: builds the web edition when out/web is missing or older than the renderer's
 * sources (or the shared code it bundles), then runs the browser suites (vitest.e2e.config.ts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const built = join(repo, 'out/web/index.html');

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

const sources = Math.max(newest(join(repo, 'renderer')), newest(join(repo, 'shared')), statSync(join(repo, 'vite.web.config.ts')).mtimeMs, statSync(join(repo, 'build/vite-renderer.ts')).mtimeMs);
const run = (args: string[]) => spawnSync('npm', args, { cwd: repo, stdio: 'inherit', shell: false }).status ?? 1;

if (!existsSync(built) || statSync(built).mtimeMs < sources) {
  console.log('test:e2e: building the web edition (out/web is missing or stale)');
  const status = run(['run', 'build:web']);
  if (status !== 0) process.exit(status);
}
process.exit(run(['exec', '--', 'vitest', 'run', '--config', 'vitest.e2e.config.ts', ...process.argv.slice(2)]));
