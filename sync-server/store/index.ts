/**
 * The document store (README "Sync server", "Durability"; docs/desktop.md): per room an
 * append-only log of Yjs updates plus snapshots, in one SQLite file (better-sqlite3, WAL). The
 * sync server and the desktop app's main process both use it through this module only.
 */
export { openStore } from './store.ts';
export { createGroupCommit } from './group-commit.ts';
export type { GroupCommit, GroupCommitOptions, CommitBatch, CommitCallback, CommitTarget } from './group-commit.ts';
export { sqliteBackend, whenReady } from './backend.ts';
export type { RoomBackend, BackendRoom, CatchUp, CompactedRoom } from './backend.ts';
export { openPostgresStore, redactUrl } from './postgres/store.ts';
export type { PostgresStore, PostgresStoreOptions } from './postgres/store.ts';
export { ROOM_NAME_PATTERN, isRoomName, assertRoomName } from './types.ts';
export type {
  DocumentStore,
  StoreOptions,
  StoreError,
  RoomInfo,
  LoadedDoc,
  CurrentState,
  CompactResult,
  AppendEntry,
  Authorship,
  ChangeRecord,
  ChangeEntry,
  PastState,
} from './types.ts';
export { SCHEMA_VERSION } from './schema.ts';
