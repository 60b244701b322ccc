/**
 * The sync server (README "Sync server", docs/security.md): y-websocket protocol, durable SQLite store, tokens and roles,
 * limits, health and metrics. `startServer` is what `journeyscroll serve` runs and what the
 * desktop app embeds to host a LAN workshop.
 */
export { startServer, STORE_FILE } from './server.ts';
export type { RunningServer } from './server.ts';
export { DEFAULT_LIMITS, DEFAULT_COMPACTION, DEFAULT_HOST, DEFAULT_PORT } from './options.ts';
export type { ServerOptions, Limits, CompactionPolicy } from './options.ts';
export { createLogger, silentLogger, LOG_LEVELS, isLogLevel } from './logger.ts';
export type { Logger, LogLevel } from './logger.ts';
export { CloseCode, ROOM_NAME_PATTERN } from '../../shared/sync/contract.ts';
