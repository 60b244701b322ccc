/**
 * `npm run package [-- --without-license-key] [-- electron-builder options]`: the installers.
 * Checks the tldraw license key first (build/license-key.ts, docs/license.md) — a packaged app
 * runs at app://journeyscroll/, which tldraw treats as production — then builds the production app
 * (no test hook) with the key compiled in and runs electron-builder → release/.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { LicenseKeyError, packagingLicenseKey } from './license-key.ts';

const repo = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const withoutKey = args.includes('--without-license-key');
const builderArgs = args.filter((a) => a !== '--without-license-key');

let key: string | null;
try {
  key = packagingLicenseKey(process.env, withoutKey);
} catch (error) {
  if (!(error instanceof LicenseKeyError)) throw error;
  console.error(`package: ${error.message}`);
  process.exit(1);
}
if (!key) console.warn('package: no TLDRAW_LICENSE_KEY — this app will show the license notice instead of the canvas (docs/license.md).');

const env = { ...process.env, JOURNEYSCROLL_TEST_HOOK: '0', TLDRAW_LICENSE_KEY: key ?? '' };
const run = (command: string, argv: string[]) => spawnSync(command, argv, { cwd: repo, env, stdio: 'inherit' }).status ?? 1;
const built = run('npm', ['run', 'build']);
if (built !== 0) process.exit(built);
process.exit(run('npm', ['exec', '--', 'electron-builder', '--config', 'electron-builder.yml', ...builderArgs]));
