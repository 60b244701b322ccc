/**
 * One `journeyscroll` sub-command. Each lives in its own file in `commands/` and default-exports
 * this shape; `main.ts` finds them there, so adding a command never touches a shared list.
 */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

export interface CliCommand {
  readonly name: string;
  /** One line for `journeyscroll --help`. */
  readonly summary: string;
  /** The full text of `journeyscroll NAME --help`. */
  readonly help: string;
  /** Runs the command; resolves to the process exit code. Long-running commands resolve when done. */
  run(args: readonly string[], io: CliIo): Promise<number>;
}

/** A usage error: printed with the command's help hint, exit code 2. */
export class UsageError extends Error {}
