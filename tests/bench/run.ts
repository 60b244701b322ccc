/**
 * `npm run bench [-- PART…]`: runs every `tests/bench/*.bench.ts` (or those whose name contains one
 * of PART) one after another and prints their figures. Figures only: nothing here passes or fails
 * on time; budgets live in the issues and are checked by reading this output.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import os from 'node:os';

const here = dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2);
const parts = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((p) => f.includes(p)))
  .sort();

console.log(`JourneyScroll bench — node ${process.version}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB`);
if (parts.length === 0) {
  console.error(`no benchmark part matches ${filters.join(', ')}`);
  process.exit(2);
}
for (const file of parts) {
  const mod = (await import(pathToFileURL(join(here, file)).href)) as { run: () => Promise<void> };
  await mod.run();
}
// Every part has printed its figures and closed what it opened; a timer some library keeps must not
// hold the command open.
process.exit(0);
