/**
 * Structured logs: one JSON object per line. Quiet by default: at `info` the server says when it
 * listens and when it stops, and warns about refused or misbehaving clients and storage trouble;
 * per-connection chatter is `debug`.
 */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export type LogFields = Readonly<Record<string, unknown>>;

export interface Logger {
  readonly level: LogLevel;
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** Start and stop lines ("listening" says which port): written at every level but `silent`. */
  lifecycle(msg: string, fields?: LogFields): void;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export function isLogLevel(value: unknown): value is LogLevel {
  return typeof value === 'string' && (LOG_LEVELS as readonly string[]).includes(value);
}

const serialize = (value: unknown): unknown => (value instanceof Error ? { name: value.name, message: value.message } : value);

export function createLogger(level: LogLevel = 'info', write: (line: string) => void = (line) => process.stdout.write(line)): Logger {
  const at =
    (lineLevel: Exclude<LogLevel, 'silent'>, always = false) =>
    (msg: string, fields: LogFields = {}) => {
      if (level === 'silent' || (!always && RANK[lineLevel] < RANK[level])) return;
      const record: Record<string, unknown> = { time: new Date().toISOString(), level: lineLevel, msg };
      for (const [key, value] of Object.entries(fields)) record[key] = serialize(value);
      write(`${JSON.stringify(record)}\n`);
    };
  return { level, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), lifecycle: at('info', true) };
}

export const silentLogger: Logger = createLogger('silent', () => {});
