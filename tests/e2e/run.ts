/**
 * `npm run test:e2e`: builds the web edition when out/web is missing or older than the renderer's
 * sources (or the shared code it bundles), then runs the browser suites (vitest.e2e.config.ts).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ensureWebBuild } from '../support/web-build.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const built = ensureWebBuild('test:e2e');
if (built !== 0) process.exit(built);
process.exit(
  spawnSync('npm', ['exec', '--', 'vitest', 'run', '--config', 'vitest.e2e.config.ts', ...process.argv.slice(2)], {
    cwd: repo,
    stdio: 'inherit',
    shell: false,
  }).status ?? 1,
);
