import { readFileSync } from 'node:fs';
import type { CliCommand } from '../command.ts';

const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };

const version: CliCommand = {
  name: 'version',
  summary: 'Print the JourneyScroll version',
  help: 'Usage: journeyscroll version\n\nPrints the version of JourneyScroll and of the Node runtime running it.',
  async run(_args, io) {
    io.stdout(`journeyscroll ${pkg.version} (node ${process.version})\n`);
    return 0;
  },
};
export default version;
