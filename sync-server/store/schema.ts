import type { Database } from 'better-sqlite3';

/**
 * The store's tables. `PRAGMA user_version` records which migrations ran; each migration runs once,
 * in its own transaction, in order. Never edit a released migration: add the next one.
 *
 * - `rooms`: one row per document; `last_seq` is the room's update counter (seqs are per room and
 *   never reused, even after compaction deleted the rows).
 * - `updates`: the room's log, one Yjs update (v1 encoding) per row with a CRC-32 of its bytes.
 * - `snapshots`: up to two generations per room. A snapshot at `seq` S holds the merged state of
 *   every update with seq <= S. The previous generation and the updates after it are kept until the
 *   next compaction, so a damaged newest snapshot never loses the room.
 * - `quarantine`: log entries that failed their checksum or would not decode, moved aside (never
 *   deleted) when a load found them.
 * - `changes` (2): the change log — for each stored update, who made it and which entities and
 *   fields it touched (shared/doc/update-scope.ts). Compaction never touches it: history outlives
 *   the updates it describes.
 * - `archive` (3): the updates compaction took out of `updates`, kept (never loaded) so the room
 *   can be rebuilt as it was at any moment since (time travel, docs/versions.md). It is what makes
 *   the store grow with the whole history rather than with the document. `archive_snapshots` keeps
 *   the snapshot generations compaction retired: checkpoints, so a past moment is rebuilt from the
 *   nearest one before it plus the updates after it, not from the first update.
 */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE rooms (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    last_seq INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE TABLE updates (
    room_id INTEGER NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    data BLOB NOT NULL,
    crc INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (room_id, seq)
  );
  CREATE TABLE snapshots (
    room_id INTEGER NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    data BLOB NOT NULL,
    crc INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (room_id, seq)
  );
  CREATE TABLE quarantine (
    id INTEGER PRIMARY KEY,
    room TEXT NOT NULL,
    kind TEXT NOT NULL,
    seq INTEGER NOT NULL,
    data BLOB NOT NULL,
    reason TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  `,
  `
  CREATE TABLE changes (
    room_id INTEGER NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    at INTEGER NOT NULL,
    author TEXT,
    team TEXT,
    kind TEXT NOT NULL,
    root TEXT NOT NULL,
    key TEXT,
    field TEXT
  );
  CREATE INDEX changes_by_room_time ON changes (room_id, at, seq);
  `,
  `
  CREATE TABLE archive (
    room_id INTEGER NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    data BLOB NOT NULL,
    crc INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (room_id, seq)
  );
  CREATE INDEX archive_by_room_time ON archive (room_id, created_at);
  CREATE TABLE archive_snapshots (
    room_id INTEGER NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    data BLOB NOT NULL,
    crc INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (room_id, seq)
  );
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export function migrate(db: Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new Error(`this store was written by a newer JourneyScroll (schema ${current}; this version knows ${SCHEMA_VERSION})`);
  }
  for (let version = current; version < SCHEMA_VERSION; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version]!);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}
