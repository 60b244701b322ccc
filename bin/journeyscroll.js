#!/usr/bin/env node
// The `journeyscroll` command. Sources are TypeScript run directly by Node >= 22.18 (type stripping);
// `npm exec`/`npx` put the project's pinned Node first on PATH.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(
    `journeyscroll needs Node 22.18 or newer (this is ${process.version}). Run it through npx or npm run, which use the project's pinned Node.\n`,
  );
  process.exit(1);
}
const { runCli, processIo } = await import('../sync-server/cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2), processIo);
