import type { PoolClient } from 'pg';

/**
 * The PostgreSQL store's tables: the SQLite store's (../schema.ts), one database shared by every
 * node. `journeyscroll_schema` records which migrations ran; they run under an advisory lock, so
 * nodes starting together migrate once. Never edit a released migration: add the next one.
 *
 * - `rooms.last_seq`: the room's update counter. A commit raises it with the row locked until the
 *   transaction ends, so per room seqs are given in commit order and never skip: a node that has
 *   seen seq N committed knows every seq below it is committed too.
 * - `updates`, `snapshots`, `quarantine`, `changes`: as in SQLite (CRC-32 per entry; two snapshot
 *   generations; the change log outlives compaction).
 */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE rooms (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    last_seq BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
  );
  CREATE TABLE updates (
    room_id BIGINT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
    data BYTEA NOT NULL,
    crc BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (room_id, seq)
  );
  CREATE TABLE snapshots (
    room_id BIGINT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
    data BYTEA NOT NULL,
    crc BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (room_id, seq)
  );
  CREATE TABLE quarantine (
    id BIGSERIAL PRIMARY KEY,
    room TEXT NOT NULL,
    kind TEXT NOT NULL,
    seq BIGINT NOT NULL,
    data BYTEA NOT NULL,
    reason TEXT NOT NULL,
    created_at BIGINT NOT NULL
  );
  CREATE TABLE changes (
    room_id BIGINT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
    at BIGINT NOT NULL,
    author TEXT,
    team TEXT,
    kind TEXT NOT NULL,
    root TEXT NOT NULL,
    key TEXT,
    field TEXT
  );
  CREATE INDEX changes_by_room_time ON changes (room_id, at, seq);
  `,
];

export const PG_SCHEMA_VERSION = MIGRATIONS.length;

/** Any constant shared by every node: the advisory lock key the migrations run under. */
const MIGRATION_LOCK = 7_311_501;

export async function migratePostgres(client: PoolClient): Promise<void> {
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
  try {
    await client.query('CREATE TABLE IF NOT EXISTS journeyscroll_schema (version INTEGER NOT NULL)');
    const { rows } = await client.query<{ version: number }>('SELECT max(version) AS version FROM journeyscroll_schema');
    const current = rows[0]?.version ?? 0;
    if (current > PG_SCHEMA_VERSION) {
      throw new Error(`this database was written by a newer JourneyScroll (schema ${current}; this version knows ${PG_SCHEMA_VERSION})`);
    }
    for (let version = current; version < PG_SCHEMA_VERSION; version++) {
      await client.query('BEGIN');
      try {
        await client.query(MIGRATIONS[version]!);
        await client.query('INSERT INTO journeyscroll_schema (version) VALUES ($1)', [version + 1]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
  }
}
