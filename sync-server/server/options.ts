import { join } from 'node:path';
import { normalizeOrigin } from '../auth/origin.ts';
import { REVOCATIONS_FILE } from '../auth/revocations.ts';
import type { DocumentStore } from '../store/index.ts';
import { createLogger, type Logger, type LogLevel } from './logger.ts';
import { DEFAULT_RELAY_TIMING, type RelayTiming } from './relay.ts';

/** Per-connection, per-room and per-server limits (README "Sync server"). Breaking one closes that connection only. */
export interface Limits {
  /** Largest WebSocket message accepted (close 1009 above). A client's first sync carries its whole
   *  offline state, so this bounds the document a client can bring along too. */
  readonly maxMessageBytes: number;
  /** Largest stored size of a room (snapshot + log after it, after compaction); an update that
   *  would pass it is refused with close 4413. */
  readonly maxDocumentBytes: number;
  /** Messages per second per connection (sustained), with bursts up to `messageBurst`. */
  readonly messagesPerSecond: number;
  readonly messageBurst: number;
  /** Bytes per second per connection (sustained), with bursts up to `byteBurst`. */
  readonly bytesPerSecond: number;
  readonly byteBurst: number;
  /** Awareness client ids one connection may speak for (a provider uses one). */
  readonly maxAwarenessClients: number;
  /** Entries in one awareness message (a provider answering a query sends everyone's). */
  readonly maxAwarenessEntries: number;
  /** UTF-8 bytes of one awareness state. */
  readonly maxAwarenessStateBytes: number;
  /** Nesting depth of one awareness state's JSON. */
  readonly maxAwarenessStateDepth: number;
  /**
   * Bytes queued for a client that does not read before it is shed (close 1013; it resyncs when
   * it reconnects). A reply larger than this (a newcomer's first sync) is always let through, and
   * the allowance for that connection grows by its size.
   */
  readonly maxBufferedBytes: number;
  /** Bytes of changes held back for missing clocks a room may hold (close 1008 above). */
  readonly maxHeldBackBytes: number;
  /** Connections at once, over every room (close 4503 above). */
  readonly maxConnections: number;
  /** Connections at once from one address, an IPv6 /64 counting as one (close 4529 above). A
   *  workshop behind one NAT shares an address, hence the generous default. */
  readonly maxConnectionsPerAddress: number;
  /** Rooms that did not exist yet one address may open in a minute (close 4530 above). */
  readonly newRoomsPerAddressPerMinute: number;
  /** Bytes the data folder may store, summed over its rooms; a write that would pass it is refused
   *  (close 4507). */
  readonly maxStoredBytes: number;
}

const MiB = 1024 * 1024;

export const DEFAULT_LIMITS: Limits = {
  maxMessageBytes: 8 * MiB,
  maxDocumentBytes: 64 * MiB,
  messagesPerSecond: 300,
  messageBurst: 1000,
  bytesPerSecond: 4 * MiB,
  byteBurst: 16 * MiB,
  maxAwarenessClients: 8,
  maxAwarenessEntries: 2048,
  maxAwarenessStateBytes: 64 * 1024,
  maxAwarenessStateDepth: 32,
  maxBufferedBytes: 8 * MiB,
  maxHeldBackBytes: 4 * MiB,
  maxConnections: 2048,
  maxConnectionsPerAddress: 1024,
  newRoomsPerAddressPerMinute: 60,
  maxStoredBytes: 8 * 1024 * MiB,
};

export interface CompactionPolicy {
  /** Compact a room once this many updates follow its snapshot… */
  readonly maxTailUpdates: number;
  /** …or once they add up to this many bytes. */
  readonly maxTailBytes: number;
  /** Delay after the threshold is crossed, so a burst is compacted once, off its hot path. */
  readonly delayMs: number;
}

export const DEFAULT_COMPACTION: CompactionPolicy = { maxTailUpdates: 1000, maxTailBytes: 4 * MiB, delayMs: 1000 };

export interface ServerOptions {
  /** Interface to listen on (default 127.0.0.1). */
  readonly host?: string;
  /** Port (default 4321); 0 picks a free one — see the returned `port`. */
  readonly port?: number;
  /** Folder of the SQLite store (created if missing); the server opens and closes it. */
  readonly dataDir?: string;
  /** An already open store to use instead of `dataDir` (the desktop app's); the server never closes it. */
  readonly store?: DocumentStore;
  /** Store rooms in PostgreSQL instead of SQLite (`--postgres`, DATABASE_URL): any number of nodes may share it. */
  readonly postgresUrl?: string;
  /** With `postgresUrl`: relay committed updates and awareness between nodes through Redis (`--redis`, REDIS_URL). */
  readonly redisUrl?: string;
  /** In a cluster: how often a node compares its rooms' seqs with the database's (default 1 s). */
  readonly catchUpPollMs?: number;
  /** JOURNEYSCROLL_SECRET: when set, every connection needs `?token=`. */
  readonly secret?: string;
  /** Without a secret, accept non-loopback clients (a LAN workshop). */
  readonly open?: boolean;
  /** The web edition's built files, served at `/`; without it `/` answers 404. */
  readonly staticDir?: string;
  /** Browser origins allowed to open sockets on a server without a secret, beside its own and the
   *  desktop app's (`--allow-origin`, JOURNEYSCROLL_ALLOWED_ORIGINS). */
  readonly allowedOrigins?: readonly string[];
  /** The file of revoked token ids the server watches (default `<dataDir>/revoked-tokens`). */
  readonly revocationsFile?: string;
  /** Serve https and wss with this certificate and key (PEM). */
  readonly tls?: { readonly cert: string | Buffer; readonly key: string | Buffer };
  readonly limits?: Partial<Limits>;
  readonly compaction?: Partial<CompactionPolicy>;
  /** How long a room with nobody connected stays in memory (default 30 s). */
  readonly roomIdleMs?: number;
  /** Ping interval; a client that misses a pong is dropped and its awareness removed (default 30 s). */
  readonly heartbeatMs?: number;
  /** How long the owner of an awareness client id has to answer a ping when another connection claims it (default 2 s). */
  readonly awarenessClaimTimeoutMs?: number;
  /** Fan-out windows (relay.ts); the defaults suit rooms of 1 to 500+. */
  readonly relayTiming?: RelayTiming;
  /** How long shutdown waits for clients to acknowledge the close before cutting them (default 1.5 s). */
  readonly closeGraceMs?: number;
  /** Log errors that escape every handler and keep serving (process-guard.ts); `journeyscroll serve` sets it. */
  readonly guardProcess?: boolean;
  /** Store durability (default 'full': fsync per group commit). */
  readonly durability?: 'full' | 'normal';
  readonly logger?: Logger;
  readonly logLevel?: LogLevel;
}

export interface ResolvedOptions {
  readonly host: string;
  readonly port: number;
  readonly dataDir: string | undefined;
  readonly store: DocumentStore | undefined;
  readonly postgresUrl: string | undefined;
  readonly redisUrl: string | undefined;
  readonly catchUpPollMs: number;
  readonly secret: string | undefined;
  readonly open: boolean;
  readonly staticDir: string | undefined;
  readonly allowedOrigins: ReadonlySet<string>;
  readonly revocationsFile: string | undefined;
  readonly tls: { readonly cert: string | Buffer; readonly key: string | Buffer } | undefined;
  readonly limits: Limits;
  readonly compaction: CompactionPolicy;
  readonly roomIdleMs: number;
  readonly heartbeatMs: number;
  readonly closeGraceMs: number;
  readonly awarenessClaimTimeoutMs: number;
  readonly relayTiming: RelayTiming;
  readonly guardProcess: boolean;
  readonly durability: 'full' | 'normal';
  readonly logger: Logger;
}

export const DEFAULT_PORT = 4321;
export const DEFAULT_HOST = '127.0.0.1';

export function resolveOptions(options: ServerOptions): ResolvedOptions {
  if (!options.store && !options.dataDir && !options.postgresUrl) throw new Error('startServer needs a dataDir, a store or a postgresUrl');
  if (options.redisUrl && !options.postgresUrl)
    throw new Error('a Redis fan-out needs the PostgreSQL store (postgresUrl): SQLite serves one machine');
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  for (const [key, value] of Object.entries(limits)) {
    if (!Number.isFinite(value) || value <= 0) throw new Error(`limit ${key} must be a positive number`);
  }
  const port = options.port ?? DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid port ${port}`);
  return {
    host: options.host ?? DEFAULT_HOST,
    port,
    dataDir: options.dataDir,
    store: options.store,
    postgresUrl: options.postgresUrl || undefined,
    redisUrl: options.redisUrl || undefined,
    catchUpPollMs: options.catchUpPollMs ?? 1000,
    secret: options.secret || undefined,
    open: options.open ?? false,
    staticDir: options.staticDir,
    allowedOrigins: new Set((options.allowedOrigins ?? []).map(normalizeOrigin)),
    revocationsFile: options.revocationsFile ?? (options.dataDir ? join(options.dataDir, REVOCATIONS_FILE) : undefined),
    tls: options.tls,
    limits: { ...limits, byteBurst: Math.max(limits.byteBurst, limits.maxMessageBytes) },
    compaction: { ...DEFAULT_COMPACTION, ...options.compaction },
    roomIdleMs: options.roomIdleMs ?? 30_000,
    heartbeatMs: options.heartbeatMs ?? 30_000,
    closeGraceMs: options.closeGraceMs ?? 1500,
    awarenessClaimTimeoutMs: options.awarenessClaimTimeoutMs ?? 2000,
    relayTiming: options.relayTiming ?? DEFAULT_RELAY_TIMING,
    guardProcess: options.guardProcess ?? false,
    durability: options.durability ?? 'full',
    logger: options.logger ?? createLogger(options.logLevel ?? 'info'),
  };
}
