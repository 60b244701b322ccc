/**
 * The built web edition (out/web) that the browser tests and the canvas bench load, rebuilt when it
 * is missing or older than the sources it bundles — the same check `journeyscroll serve` makes
 * (sync-server/cli/web-edition.ts), so neither ever measures or tests stale code.
 */
import { ensureWebEdition } from '../../sync-server/cli/web-edition.ts';

/** Builds the web edition if needed; returns npm's exit status (0 when nothing had to be done). */
export function ensureWebBuild(who: string): number {
  return ensureWebEdition((line) => process.stdout.write(`${who}: ${line}`));
}
