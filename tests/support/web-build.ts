/**
 * The built web edition (out/web) that the browser tests and the canvas bench load, rebuilt when it
 * is missing or older than the sources it bundles — so neither ever measures or tests stale code.
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

/** Builds the web edition if needed; returns npm's exit status (0 when nothing had to be done). */
export function ensureWebBuild(who: string): number {
  const sources = Math.max(
    newest(join(repo, 'renderer')),
    newest(join(repo, 'shared')),
    statSync(join(repo, 'vite.web.config.ts')).mtimeMs,
    statSync(join(repo, 'build/vite-renderer.ts')).mtimeMs,
  );
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return 0;
  console.log(`${who}: building the web edition (out/web is missing or stale)`);
  return spawnSync('npm', ['run', 'build:web'], { cwd: repo, stdio: 'inherit', shell: false }).status ?? 1;
}
