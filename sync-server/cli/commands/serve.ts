import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { normalizeOrigin } from '../../auth/origin.ts';
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
  --postgres URL              store rooms in PostgreSQL instead of the data folder's SQLite file
                              (DATABASE_URL), e.g. postgres://user:pass@db:5432/journeyscroll:
                              any number of servers may share it (docs/deploy.md)
  --redis URL                 with --postgres: relay edits and presence between the servers
                              through Redis (REDIS_URL), e.g. redis://cache:6379
  --room-idle-ms N            how long a room nobody is connected to stays in this server's
                              memory before it is compacted and unloaded (default 30000)
  --open                      without JOURNEYSCROLL_SECRET, accept non-loopback clients too
                              (a LAN workshop); ignored when a secret is set
  --static DIR                serve a custom build of the web edition from DIR at / (default:
                              this checkout's out/web, built first when missing or stale)
  --allow-origin ORIGIN       without a secret, also accept browser sockets from this origin
                              (repeatable; JOURNEYSCROLL_ALLOWED_ORIGINS, comma-separated).
                              Always accepted: the server's own origin and the desktop app's
  --tls-cert FILE             serve https and wss with this certificate (PEM; with --tls-key)
  --tls-key FILE              the certificate's private key (PEM)
  --revocations FILE          revoked token ids, watched (default DIR/revoked-tokens of --data)
  --max-message-bytes N       largest message accepted (default ${DEFAULT_LIMITS.maxMessageBytes}; 64k, 8m… allowed)
  --max-document-bytes N      largest stored document (default ${DEFAULT_LIMITS.maxDocumentBytes})
  --max-messages-per-second N per-connection message rate (default ${DEFAULT_LIMITS.messagesPerSecond},
                              bursts to ${DEFAULT_LIMITS.messageBurst})
  --max-buffered-bytes N      bytes queued for a client that does not read before it is shed
                              (default ${DEFAULT_LIMITS.maxBufferedBytes})
  --max-held-back-bytes N     bytes of changes waiting for missing ones a room may hold
                              (default ${DEFAULT_LIMITS.maxHeldBackBytes})
  --max-connections N         connections at once (default ${DEFAULT_LIMITS.maxConnections}; close 4503 above)
  --max-connections-per-address N
                              from one address, an IPv6 /64 as one (default ${DEFAULT_LIMITS.maxConnectionsPerAddress}; 4529)
  --max-new-rooms-per-minute N
                              rooms not yet existing one address may open a minute (default
                              ${DEFAULT_LIMITS.newRoomsPerAddressPerMinute}; 4530)
  --max-stored-bytes N        what the data folder may store over all rooms (default 8g; a write
                              that would pass it is refused with 4507)
  --log-level LEVEL           debug, info, warn, error or silent (JOURNEYSCROLL_LOG_LEVEL; default info)

Auth: with JOURNEYSCROLL_SECRET set (16+ characters), every connection needs ?token=… minted by
\`journeyscroll token\`; a connection ends when its token expires or is revoked
(\`journeyscroll token --revoke ID\`). Without a secret, only loopback clients are accepted unless
--open, and browser pages only from the origins above (others: close 4403).

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
    postgres: { type: 'string' },
    redis: { type: 'string' },
    'room-idle-ms': { type: 'string' },
    open: { type: 'boolean' },
    static: { type: 'string' },
    'allow-origin': { type: 'string', multiple: true },
    'tls-cert': { type: 'string' },
    'tls-key': { type: 'string' },
    revocations: { type: 'string' },
    'max-connections': { type: 'string' },
    'max-connections-per-address': { type: 'string' },
    'max-new-rooms-per-minute': { type: 'string' },
    'max-stored-bytes': { type: 'string' },
    'max-message-bytes': { type: 'string' },
    'max-document-bytes': { type: 'string' },
    'max-messages-per-second': { type: 'string' },
    'max-buffered-bytes': { type: 'string' },
    'max-held-back-bytes': { type: 'string' },
    'log-level': { type: 'string' },
  });
  const logLevel = values['log-level'] ?? env.JOURNEYSCROLL_LOG_LEVEL ?? 'info';
  if (!isLogLevel(logLevel)) throw new UsageError(`unknown log level "${logLevel}"`);
  const limits: Record<string, number> = {};
  if (values['max-message-bytes']) limits.maxMessageBytes = parseSize(values['max-message-bytes'], '--max-message-bytes');
  if (values['max-document-bytes']) limits.maxDocumentBytes = parseSize(values['max-document-bytes'], '--max-document-bytes');
  if (values['max-buffered-bytes']) limits.maxBufferedBytes = parseSize(values['max-buffered-bytes'], '--max-buffered-bytes');
  if (values['max-held-back-bytes']) limits.maxHeldBackBytes = parseSize(values['max-held-back-bytes'], '--max-held-back-bytes');
  if (values['max-messages-per-second']) {
    const rate = parseSize(values['max-messages-per-second'], '--max-messages-per-second');
    limits.messagesPerSecond = rate;
    limits.messageBurst = Math.max(DEFAULT_LIMITS.messageBurst, rate * 3);
  }
  const count = (flag: string, key: string) => {
    const text = values[flag as keyof typeof values] as string | undefined;
    if (text === undefined) return;
    if (!/^\d+$/.test(text) || Number(text) <= 0 || !Number.isSafeInteger(Number(text)))
      throw new UsageError(`--${flag} must be a positive whole number`);
    limits[key] = Number(text);
  };
  count('max-connections', 'maxConnections');
  count('max-connections-per-address', 'maxConnectionsPerAddress');
  count('max-new-rooms-per-minute', 'newRoomsPerAddressPerMinute');
  if (values['max-stored-bytes']) limits.maxStoredBytes = parseSize(values['max-stored-bytes'], '--max-stored-bytes');
  const origins = [...(values['allow-origin'] ?? []), ...(env.JOURNEYSCROLL_ALLOWED_ORIGINS ?? '').split(',')]
    .map((o) => o.trim())
    .filter((o) => o !== '');
  for (const origin of origins) {
    try {
      normalizeOrigin(origin);
    } catch (error) {
      throw new UsageError(`--allow-origin: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (!values['tls-cert'] !== !values['tls-key']) throw new UsageError('--tls-cert and --tls-key go together');
  const readPem = (flag: string, file: string) => {
    try {
      return readFileSync(resolve(cwd, file));
    } catch (error) {
      throw new UsageError(`${flag}: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
  };
  const tls =
    values['tls-cert'] && values['tls-key']
      ? { cert: readPem('--tls-cert', values['tls-cert']), key: readPem('--tls-key', values['tls-key']) }
      : undefined;
  const idle = values['room-idle-ms'];
  if (idle !== undefined && (!/^\d+$/.test(idle) || Number(idle) <= 0))
    throw new UsageError('--room-idle-ms must be a positive whole number');
  const port = values.port ?? env.PORT;
  const postgresUrl = values.postgres ?? (env.DATABASE_URL || undefined);
  const redisUrl = values.redis ?? (env.REDIS_URL || undefined);
  if (postgresUrl !== undefined && !/^postgres(ql)?:\/\//.test(postgresUrl))
    throw new UsageError('--postgres must be a postgres:// URL (or set DATABASE_URL)');
  if (redisUrl !== undefined && !/^rediss?:\/\//.test(redisUrl)) throw new UsageError('--redis must be a redis:// URL (or set REDIS_URL)');
  if (redisUrl !== undefined && postgresUrl === undefined)
    throw new UsageError('--redis needs --postgres: servers that share rooms must share their store (SQLite serves one machine)');
  return {
    host: values.host ?? env.HOST ?? DEFAULT_HOST,
    port: port === undefined || port === '' ? DEFAULT_PORT : parsePort(port),
    dataDir: resolve(cwd, values.data ?? env.JOURNEYSCROLL_DATA ?? 'journeyscroll-data'),
    open: values.open ?? false,
    ...(postgresUrl ? { postgresUrl } : {}),
    ...(idle ? { roomIdleMs: Number(idle) } : {}),
    ...(redisUrl ? { redisUrl } : {}),
    ...(env.JOURNEYSCROLL_SECRET ? { secret: env.JOURNEYSCROLL_SECRET } : {}),
    ...(values.static ? { staticDir: resolve(cwd, values.static) } : {}),
    ...(origins.length > 0 ? { allowedOrigins: origins } : {}),
    ...(values.revocations ? { revocationsFile: resolve(cwd, values.revocations) } : {}),
    ...(tls ? { tls } : {}),
    limits,
    guardProcess: true,
    logger: createLogger(logLevel),
  };
}

/** How long after SIGTERM the process exits even if something hangs (the contract says 5 s). */
const HARD_DEADLINE_MS = 4500;

const serve: CliCommand = {
  name: 'serve',
  summary: 'Run the sync server (y-websocket protocol, SQLite store, or PostgreSQL + Redis for a cluster)',
  help,
  async run(args, io) {
    let options = serveOptions(args, io.env, io.cwd);
    const logger = options.logger!;
    // No --static: serve this checkout's web edition, building it first on a fresh clone or after a
    // pull. JOURNEYSCROLL_WEB_BUILD=off serves no default web edition at all (the unit and sync
    // suites, which start servers by the dozen with a 15 s start-up limit and never load the page:
    // what they see must not depend on whether some earlier build left out/web behind).
    if (!options.staticDir && io.env.JOURNEYSCROLL_WEB_BUILD !== 'off') {
      if (ensureWebEdition((line) => io.stderr(line)) !== 0) throw new UsageError('could not build the web edition (npm run build:web)');
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
