import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseCommandArgs } from '../args.ts';
import { UsageError, type CliCommand, type CliIo } from '../command.ts';
import { ensureWebEdition, WEB_EDITION_DIR } from '../web-edition.ts';
import {
  DEFAULT_HOST,
  DEFAULT_LIMITS,
  DEFAULT_PORT,
  createLogger,
  isLogLevel,
  startServer,
  type ServerOptions,
} from '../../server/index.ts';

const help = `Usage: journeyscroll serve [options]

Runs the sync server: y-websocket protocol at ws://HOST:PORT/sync/<room>, GET /healthz, GET /metrics.

Options (each also from the environment variable shown):
  --host HOST                 interface to listen on (HOST; default ${DEFAULT_HOST})
  --port PORT                 port, 0 for any free one (PORT; default ${DEFAULT_PORT})
  --data DIR                  data folder holding the SQLite store (JOURNEYSCROLL_DATA;
                              default ./journeyscroll-data)
  --open                      without JOURNEYSCROLL_SECRET, accept non-loopback clients too
                              (a LAN workshop); ignored when a secret is set
  --static DIR                serve a custom build of the web edition from DIR at / (default:
                              this checkout's out/web, built first when missing or stale)
  --max-message-bytes N       largest message accepted (default ${DEFAULT_LIMITS.maxMessageBytes}; 64k, 8m… allowed)
  --max-document-bytes N      largest stored document (default ${DEFAULT_LIMITS.maxDocumentBytes})
  --max-messages-per-second N per-connection message rate (default ${DEFAULT_LIMITS.messagesPerSecond},
                              bursts to ${DEFAULT_LIMITS.messageBurst})
  --log-level LEVEL           debug, info, warn, error or silent (JOURNEYSCROLL_LOG_LEVEL; default info)

Auth: with JOURNEYSCROLL_SECRET set (16+ characters), every connection needs ?token=… minted by
\`journeyscroll token\`. Without it, only loopback clients are accepted unless --open.

Logs are JSON lines on stdout. SIGTERM or SIGINT: stop accepting, commit, close clients with
1001, exit 0.
`;

const SIZE = /^(\d+)([kmg]?)(i?b)?$/i;
export function parseSize(text: string, name: string): number {
  const match = SIZE.exec(text.trim());
  if (!match) throw new UsageError(`${name} must be a size such as 65536, 64k or 8m`);
  const unit = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[match[2]!.toLowerCase() as '' | 'k' | 'm' | 'g'];
  const value = Number(match[1]) * unit;
  if (!Number.isSafeInteger(value) || value <= 0) throw new UsageError(`${name} must be positive`);
  return value;
}

function parsePort(text: string): number {
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65535) throw new UsageError(`invalid port "${text}"`);
  return Number(text);
}

/** The server options the command line and the environment ask for (flags win over the environment). */
export function serveOptions(args: readonly string[], env: CliIo['env'], cwd: string): ServerOptions {
  const { values } = parseCommandArgs(args, {
    host: { type: 'string' },
    port: { type: 'string' },
    data: { type: 'string' },
    open: { type: 'boolean' },
    static: { type: 'string' },
    'max-message-bytes': { type: 'string' },
    'max-document-bytes': { type: 'string' },
    'max-messages-per-second': { type: 'string' },
    'log-level': { type: 'string' },
  });
  const logLevel = values['log-level'] ?? env.JOURNEYSCROLL_LOG_LEVEL ?? 'info';
  if (!isLogLevel(logLevel)) throw new UsageError(`unknown log level "${logLevel}"`);
  const limits: Record<string, number> = {};
  if (values['max-message-bytes']) limits.maxMessageBytes = parseSize(values['max-message-bytes'], '--max-message-bytes');
  if (values['max-document-bytes']) limits.maxDocumentBytes = parseSize(values['max-document-bytes'], '--max-document-bytes');
  if (values['max-messages-per-second']) {
    const rate = parseSize(values['max-messages-per-second'], '--max-messages-per-second');
    limits.messagesPerSecond = rate;
    limits.messageBurst = Math.max(DEFAULT_LIMITS.messageBurst, rate * 3);
  }
  const port = values.port ?? env.PORT;
  return {
    host: values.host ?? env.HOST ?? DEFAULT_HOST,
    port: port === undefined || port === '' ? DEFAULT_PORT : parsePort(port),
    dataDir: resolve(cwd, values.data ?? env.JOURNEYSCROLL_DATA ?? 'journeyscroll-data'),
    open: values.open ?? false,
    ...(env.JOURNEYSCROLL_SECRET ? { secret: env.JOURNEYSCROLL_SECRET } : {}),
    ...(values.static ? { staticDir: resolve(cwd, values.static) } : {}),
    limits,
    logger: createLogger(logLevel),
  };
}

/** How long after SIGTERM the process exits even if something hangs (the contract says 5 s). */
const HARD_DEADLINE_MS = 4500;

const serve: CliCommand = {
  name: 'serve',
  summary: 'Run the sync server (y-websocket protocol, SQLite store)',
  help,
  async run(args, io) {
    let options = serveOptions(args, io.env, io.cwd);
    const logger = options.logger!;
    // No --static: serve this checkout's web edition, building it first on a fresh clone or after a
    // pull. JOURNEYSCROLL_WEB_BUILD=off skips the build (the unit and sync suites, which start
    // servers by the dozen with a 15 s start-up limit and never load the page).
    if (!options.staticDir) {
      if (io.env.JOURNEYSCROLL_WEB_BUILD !== 'off' && ensureWebEdition((line) => io.stderr(line)) !== 0)
        throw new UsageError('could not build the web edition (npm run build:web)');
      if (existsSync(join(WEB_EDITION_DIR, 'index.html'))) options = { ...options, staticDir: WEB_EDITION_DIR };
    }
    // Handlers first: a signal that arrives while starting (the "listening" line is already out)
    // must still mean a clean stop, not Node's default of dying on the spot.
    let signalled: string | null = null;
    let onSignal: (signal: string) => void = (signal) => (signalled = signal);
    const onTerm = () => onSignal('SIGTERM');
    const onInt = () => onSignal('SIGINT');
    process.on('SIGTERM', onTerm);
    process.on('SIGINT', onInt);
    let server;
    try {
      server = await startServer(options);
    } catch (error) {
      process.off('SIGTERM', onTerm);
      process.off('SIGINT', onInt);
      throw error;
    }
    const running = server;
    return new Promise<number>((done) => {
      onSignal = (signal) => {
        process.off('SIGTERM', onTerm);
        process.off('SIGINT', onInt);
        logger.lifecycle('signal', { signal });
        setTimeout(() => {
          logger.error('shutdown did not finish in time; exiting');
          process.exit(1);
        }, HARD_DEADLINE_MS).unref();
        running.close().then(
          () => done(0),
          (error: unknown) => {
            logger.error('shutdown failed', { error });
            done(1);
          },
        );
      };
      if (signalled) onSignal(signalled);
    });
  },
};
export default serve;
