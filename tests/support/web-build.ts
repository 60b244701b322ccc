/**
 * The test build of the web edition (out/web-test: the web edition with the test hook compiled in,
 * JOURNEYSCROLL_TEST_HOOK=1) that the browser tests and the canvas bench load, rebuilt when it is
 * missing or older than the sources it bundles — the same check `journeyscroll serve` makes for
 * out/web (sync-server/cli/web-edition.ts), so nothing ever measures or tests stale code.
 */
import { ensureWebEdition, REPO_ROOT } from '../../sync-server/cli/web-edition.ts';

/** Builds the test web edition if needed; returns npm's exit status (0 when nothing had to be done). */
export function ensureWebBuild(who: string): number {
  return ensureWebEdition((line) => process.stdout.write(`${who}: ${line}`), REPO_ROOT, 'test');
}
