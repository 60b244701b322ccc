import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { UsageError, type CliCommand, type CliIo } from './command.ts';

const commandsDir = join(dirname(fileURLToPath(import.meta.url)), 'commands');

async function loadCommands(): Promise<Map<string, CliCommand>> {
  const files = readdirSync(commandsDir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
  const commands = new Map<string, CliCommand>();
  for (const file of files.sort()) {
    const mod = (await import(pathToFileURL(join(commandsDir, file)).href)) as { default: CliCommand };
    commands.set(mod.default.name, mod.default);
  }
  return commands;
}

function overview(commands: Map<string, CliCommand>): string {
  const width = Math.max(...[...commands.keys()].map((n) => n.length));
  const lines = [...commands.values()].map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `Usage: journeyscroll <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun \`journeyscroll <command> --help\` for a command's options.\n`;
}

/** Runs the CLI on `argv` (without node and script) and resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const commands = await loadCommands();
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(overview(commands));
    return name ? 0 : 2;
  }
  const command = commands.get(name);
  if (!command) {
    io.stderr(`journeyscroll: unknown command "${name}"\n\n${overview(commands)}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(command.help.endsWith('\n') ? command.help : `${command.help}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`journeyscroll ${name}: ${error.message}\nRun \`journeyscroll ${name} --help\` for usage.\n`);
      return 2;
    }
    io.stderr(`journeyscroll ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
};
