import pg from 'pg';
import { crc32 } from 'node:zlib';
import * as Y from 'yjs';
import type { CatchUp, CompactedRoom, RoomBackend, BackendRoom } from '../backend.ts';
import { fillLostClockRanges } from '../repair.ts';
import { assertRoomName, type AppendEntry, type ChangeEntry, type CurrentState, type RoomInfo, type StoreError } from '../types.ts';
import { migratePostgres } from './schema.ts';

export interface PostgresStoreOptions {
  /** Connections this process keeps (default 10). */
  readonly poolSize?: number;
  /** How long to wait for a connection before a call fails (default 3 s): a write fails fast while the database is down. */
  readonly connectTimeoutMs?: number;
  /** Longest a query may take before it fails (default 10 s). */
  readonly queryTimeoutMs?: number;
  /** Damaged entries found while loading (default: a process warning). */
  readonly onError?: (error: StoreError) => void;
  /** A pooled connection failed while idle (the database restarted); the pool replaces it. */
  readonly onPoolError?: (error: Error) => void;
  readonly now?: () => number;
}

/** The PostgreSQL store: a RoomBackend, plus what `journeyscroll migrate` and the tests read. */
export interface PostgresStore extends RoomBackend {
  readonly kind: 'postgres';
  roomInfo(room: string): Promise<RoomInfo | undefined>;
  listRooms(): Promise<RoomInfo[]>;
  /** Writes a room's whole history at once (migration): its log as it is, and its newest snapshot. */
  importRoom(room: {
    name: string;
    createdAt: number;
    updatedAt: number;
    seq: number;
    snapshot?: { seq: number; data: Uint8Array };
    updates: ReadonlyArray<{ seq: number; data: Uint8Array }>;
    changes: ReadonlyArray<ChangeEntry>;
  }): Promise<void>;
  close(): Promise<void>;
}

/** The URL without its password, for logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unparsable URL)';
  }
}

const INT8 = 20;
const asBuffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

interface EntryRow {
  seq: number;
  data: Buffer;
  crc: number;
}

/** Connects (checking the database answers) and migrates the schema. */
export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
  const now = options.now ?? Date.now;
  const report = options.onError ?? ((error: StoreError) => process.emitWarning(`journeyscroll store: ${error.message}`, 'StoreWarning'));
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 3000,
    idleTimeoutMillis: 30_000,
    // A query on a connection the database dropped must fail, not hang: a group commit waits on it.
    query_timeout: options.queryTimeoutMs ?? 10_000,
    // Seqs and timestamps are BIGINT: well within a double.
    types: {
      getTypeParser: ((oid: number, format?: string) => (oid === INT8 ? Number : pg.types.getTypeParser(oid, format as 'text'))) as never,
    },
  });
  // Without a listener an idle connection dropped by a database restart would end the process.
  pool.on('error', (error) => options.onPoolError?.(error));
  try {
    const client = await pool.connect();
    try {
      await migratePostgres(client);
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end();
    throw new Error(`cannot open the PostgreSQL store at ${redactUrl(url)}: ${error instanceof Error ? error.message : String(error)}`);
  }

  let closed = false;

  async function transaction<T>(fn: (client: pg.PoolClient) => Promise<T>, mode = 'BEGIN'): Promise<T> {
    if (closed) throw new Error('the store is closed');
    const client = await pool.connect();
    let broken = false;
    // A checked-out connection that the database drops emits 'error': without a listener that
    // would be an uncaught exception. The query in progress fails on its own.
    const onError = () => (broken = true);
    client.on('error', onError);
    try {
      await client.query(mode);
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      if (!broken) {
        try {
          await client.query('ROLLBACK');
        } catch {
          broken = true;
        }
      }
      throw error;
    } finally {
      client.off('error', onError);
      client.release(broken);
    }
  }

  async function appendUpdates(entries: ReadonlyArray<AppendEntry>): Promise<number[]> {
    if (entries.length === 0) return [];
    for (const { room } of entries) assertRoomName(room);
    const byRoom = new Map<string, number[]>();
    entries.forEach((entry, i) => {
      let list = byRoom.get(entry.room);
      if (!list) byRoom.set(entry.room, (list = []));
      list.push(i);
    });
    if (closed) throw new Error('the store is closed');
    // One statement, so one round trip and a transaction of its own: the rooms' rows stay locked
    // (seqs given in commit order) for as short a time as the commit takes. k is an entry's place
    // among its room's entries in this batch: its seq is the room's new last seq - count + k.
    const place = new Array<number>(entries.length);
    for (const indexes of byRoom.values()) indexes.forEach((i, k) => (place[i] = k + 1));
    const data = entries.map((e) => asBuffer(e.update));
    const changes = entries.flatMap((e, i) => (e.changes ?? []).map((c) => ({ i, c, by: e.by })));
    const { rows } = await pool.query<{ name: string; last_seq: number; n: number }>(
      `WITH input AS (
         SELECT * FROM unnest($1::text[], $2::int[], $3::bytea[], $4::bigint[]) AS t(room, k, data, crc)
       ), counts AS (
         SELECT room, count(*)::bigint AS n FROM input GROUP BY room
       ), bumped AS (
         -- rooms in name order: two nodes committing to the same rooms lock them in the same order
         INSERT INTO rooms (name, last_seq, created_at, updated_at)
         SELECT room, n, $5, $5 FROM counts ORDER BY room
         ON CONFLICT (name) DO UPDATE SET last_seq = rooms.last_seq + EXCLUDED.last_seq, updated_at = EXCLUDED.updated_at
         RETURNING id, name, last_seq
       ), batch AS (
         SELECT b.id, b.name, b.last_seq, c.n FROM bumped b JOIN counts c ON c.room = b.name
       ), logged AS (
         INSERT INTO updates (room_id, seq, data, crc, created_at)
         SELECT batch.id, batch.last_seq - batch.n + i.k, i.data, i.crc, $5 FROM input i JOIN batch ON batch.name = i.room
       ), described AS (
         INSERT INTO changes (room_id, seq, at, author, team, kind, root, key, field)
         SELECT batch.id, batch.last_seq - batch.n + x.k, $5, x.author, x.team, x.kind, x.root, x.key, x.field
         FROM unnest($6::text[], $7::int[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[])
           AS x(room, k, author, team, kind, root, key, field)
         JOIN batch ON batch.name = x.room
       )
       SELECT name, last_seq, n FROM batch`,
      [
        entries.map((e) => e.room),
        place,
        data,
        data.map((d) => crc32(d)),
        now(),
        changes.map((x) => entries[x.i]!.room),
        changes.map((x) => place[x.i]!),
        changes.map((x) => x.by?.author ?? null),
        changes.map((x) => x.by?.team ?? null),
        changes.map((x) => x.c.kind),
        changes.map((x) => x.c.root),
        changes.map((x) => x.c.key ?? null),
        changes.map((x) => x.c.field ?? null),
      ],
    );
    const seqs = new Array<number>(entries.length);
    for (const { name, last_seq, n } of rows) {
      const indexes = byRoom.get(name)!;
      indexes.forEach((i, k) => (seqs[i] = last_seq - n + k + 1));
    }
    return seqs;
  }

  function applyEntry(doc: Y.Doc, entry: EntryRow): string | null {
    if (crc32(entry.data) >>> 0 !== entry.crc >>> 0) return 'checksum mismatch';
    try {
      Y.applyUpdate(doc, entry.data);
      return null;
    } catch (error) {
      return `does not decode: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  async function load(room: string): Promise<BackendRoom> {
    assertRoomName(room);
    const read = await transaction(async (client) => {
      const found = await client.query<{ id: number; last_seq: number }>('SELECT id, last_seq FROM rooms WHERE name = $1', [room]);
      const row = found.rows[0];
      if (!row) return null;
      const snapshots = await client.query<EntryRow>('SELECT seq, data, crc FROM snapshots WHERE room_id = $1 ORDER BY seq DESC LIMIT 2', [
        row.id,
      ]);
      const oldest = snapshots.rows.at(-1)?.seq ?? 0;
      const tail = await client.query<EntryRow>('SELECT seq, data, crc FROM updates WHERE room_id = $1 AND seq > $2 ORDER BY seq', [
        row.id,
        oldest,
      ]);
      return { row, snapshots: snapshots.rows, tail: tail.rows };
    }, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    if (!read) return { doc: new Y.Doc(), seq: 0, snapshotBytes: 0, tailUpdates: 0, tailBytes: 0, skipped: 0 };

    const bad: Array<{ kind: 'update' | 'snapshot'; entry: EntryRow; reason: string }> = [];
    let doc = new Y.Doc({ gc: false });
    let base = 0;
    let snapshotBytes = 0;
    for (const snapshot of read.snapshots) {
      const reason = applyEntry(doc, snapshot);
      if (reason === null) {
        base = snapshot.seq;
        snapshotBytes = snapshot.data.byteLength;
        break;
      }
      bad.push({ kind: 'snapshot', entry: snapshot, reason });
      doc.destroy();
      doc = new Y.Doc({ gc: false });
    }
    doc.gc = true;
    let tailUpdates = 0;
    let tailBytes = 0;
    Y.transact(doc, () => {
      for (const entry of read.tail) {
        if (entry.seq <= base) continue;
        const reason = applyEntry(doc, entry);
        if (reason === null) {
          tailUpdates++;
          tailBytes += entry.data.byteLength;
        } else bad.push({ kind: 'update', entry, reason });
        if (bad.length > 0 && doc.store.pendingStructs) fillLostClockRanges(doc);
      }
    });
    for (const { kind, entry, reason } of bad) {
      report({ room, seq: entry.seq, kind, message: `room ${room}: ${kind} ${entry.seq} skipped (${reason}); moved to quarantine` });
      await transaction(async (client) => {
        await client.query('INSERT INTO quarantine (room, kind, seq, data, reason, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [
          room,
          kind,
          entry.seq,
          entry.data,
          reason,
          now(),
        ]);
        await client.query(`DELETE FROM ${kind === 'update' ? 'updates' : 'snapshots'} WHERE room_id = $1 AND seq = $2`, [
          read.row.id,
          entry.seq,
        ]);
      });
    }
    return { doc, seq: read.row.last_seq, snapshotBytes, tailUpdates, tailBytes, skipped: bad.length };
  }

  async function readSince(room: string, seq: number): Promise<CatchUp> {
    assertRoomName(room);
    return transaction(async (client) => {
      const found = await client.query<{ id: number; last_seq: number }>('SELECT id, last_seq FROM rooms WHERE name = $1', [room]);
      const row = found.rows[0];
      if (!row || row.last_seq <= seq) return { seq: row?.last_seq ?? 0, updates: [] };
      const updates = await client.query<EntryRow>('SELECT seq, data, crc FROM updates WHERE room_id = $1 AND seq > $2 ORDER BY seq', [
        row.id,
        seq,
      ]);
      if (updates.rows[0]?.seq === seq + 1) return { seq: row.last_seq, updates: updates.rows };
      // Compaction dropped part of what we lack: start from the newest snapshot instead.
      const snapshot = await client.query<EntryRow>('SELECT seq, data, crc FROM snapshots WHERE room_id = $1 ORDER BY seq DESC LIMIT 1', [
        row.id,
      ]);
      const s = snapshot.rows[0];
      return {
        seq: row.last_seq,
        ...(s ? { snapshot: { seq: s.seq, data: s.data } } : {}),
        updates: updates.rows.filter((u) => !s || u.seq > s.seq),
      };
    }, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  }

  async function compact(room: string, current: CurrentState): Promise<CompactedRoom | null> {
    assertRoomName(room);
    return transaction(async (client) => {
      // One node at a time per room: the others skip (they would write the same snapshot).
      const lock = await client.query<{ ok: boolean }>(
        "SELECT pg_try_advisory_xact_lock(hashtextextended('journeyscroll:' || $1, 0)) AS ok",
        [room],
      );
      if (!lock.rows[0]!.ok) return null;
      const found = await client.query<{ id: number; last_seq: number }>('SELECT id, last_seq FROM rooms WHERE name = $1', [room]);
      const row = found.rows[0];
      if (!row) return null;
      const through = current.throughSeq;
      if (!Number.isInteger(through) || through > row.last_seq || through < 0) {
        throw new RangeError(`compact(${room}): throughSeq ${through} is not within the log (last seq ${row.last_seq})`);
      }
      const newest =
        (await client.query<{ seq: number }>('SELECT max(seq) AS seq FROM snapshots WHERE room_id = $1', [row.id])).rows[0]?.seq ?? 0;
      if (through <= newest) return null;
      const data = asBuffer(current.state);
      await client.query('INSERT INTO snapshots (room_id, seq, data, crc, created_at) VALUES ($1, $2, $3, $4, $5)', [
        row.id,
        through,
        data,
        crc32(data),
        now(),
      ]);
      let removed = 0;
      // Keep one previous generation (and the updates after it) as a fallback for a damaged snapshot.
      if (newest > 0) {
        removed = (await client.query('DELETE FROM updates WHERE room_id = $1 AND seq <= $2', [row.id, newest])).rowCount ?? 0;
        await client.query('DELETE FROM snapshots WHERE room_id = $1 AND seq < $2', [row.id, newest]);
      }
      const tail = await client.query<{ n: number; bytes: number }>(
        'SELECT count(*)::bigint AS n, coalesce(sum(length(data)), 0)::bigint AS bytes FROM updates WHERE room_id = $1 AND seq > $2',
        [row.id, through],
      );
      return {
        seq: through,
        snapshotBytes: data.byteLength,
        removedUpdates: removed,
        tailUpdates: tail.rows[0]!.n,
        tailBytes: tail.rows[0]!.bytes,
      };
    });
  }

  const INFO = `
    SELECT r.name, r.last_seq, r.created_at, r.updated_at,
      coalesce(s.seq, 0)::bigint AS snapshot_seq, coalesce(length(s.data), 0)::bigint AS snapshot_bytes,
      (SELECT count(*) FROM updates u WHERE u.room_id = r.id AND u.seq > coalesce(s.seq, 0))::bigint AS tail_updates,
      (SELECT coalesce(sum(length(u.data)), 0) FROM updates u WHERE u.room_id = r.id AND u.seq > coalesce(s.seq, 0))::bigint AS tail_bytes
    FROM rooms r LEFT JOIN LATERAL (SELECT seq, data FROM snapshots WHERE room_id = r.id ORDER BY seq DESC LIMIT 1) s ON true`;
  interface InfoRow {
    name: string;
    last_seq: number;
    created_at: number;
    updated_at: number;
    snapshot_seq: number;
    snapshot_bytes: number;
    tail_updates: number;
    tail_bytes: number;
  }
  const toInfo = (r: InfoRow): RoomInfo => ({
    name: r.name,
    seq: r.last_seq,
    snapshotSeq: r.snapshot_seq,
    snapshotBytes: r.snapshot_bytes,
    tailUpdates: r.tail_updates,
    tailBytes: r.tail_bytes,
    bytes: r.snapshot_bytes + r.tail_bytes,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  });

  return {
    kind: 'postgres',
    shared: true,
    description: redactUrl(url),
    load,
    appendUpdates,
    readSince,
    async lastSeqs(rooms) {
      const out = new Map<string, number>();
      if (rooms.length === 0) return out;
      const { rows } = await pool.query<{ name: string; last_seq: number }>(
        'SELECT name, last_seq FROM rooms WHERE name = ANY($1::text[])',
        [[...rooms]],
      );
      for (const row of rows) out.set(row.name, row.last_seq);
      return out;
    },
    compact,
    async exists(room) {
      const { rowCount } = await pool.query('SELECT 1 FROM rooms WHERE name = $1', [room]);
      return (rowCount ?? 0) > 0;
    },
    async storedBytes() {
      const { rows } = await pool.query<{ bytes: number }>(
        'SELECT ((SELECT coalesce(sum(length(data)), 0) FROM updates) + (SELECT coalesce(sum(length(data)), 0) FROM snapshots))::bigint AS bytes',
      );
      return rows[0]!.bytes;
    },
    async listChanges(room, options) {
      assertRoomName(room);
      const { rows } = await pool.query<{
        seq: string | number;
        at: string | number;
        author: string | null;
        team: string | null;
        kind: string;
        root: string;
        key: string | null;
        field: string | null;
      }>(
        `SELECT c.seq, c.at, c.author, c.team, c.kind, c.root, c.key, c.field FROM changes c JOIN rooms r ON r.id = c.room_id
         WHERE r.name = $1 AND c.at >= $2 AND c.at <= $3 ORDER BY c.at, c.seq LIMIT $4`,
        [room, options.since ?? 0, options.until ?? Number.MAX_SAFE_INTEGER, options.limit ?? Number.MAX_SAFE_INTEGER],
      );
      return rows.map((r) => ({
        seq: Number(r.seq),
        at: Number(r.at),
        kind: r.kind as 'write' | 'delete',
        root: r.root,
        ...(r.key !== null ? { key: r.key } : {}),
        ...(r.field !== null ? { field: r.field } : {}),
        ...(r.author !== null ? { author: r.author } : {}),
        ...(r.team !== null ? { team: r.team } : {}),
      }));
    },
    // Time travel needs the archive of compacted updates the SQLite store keeps (schema 3); the
    // PostgreSQL store does not keep one yet, and says so rather than rebuilding a wrong past.
    stateAt: () => ({ ok: false, reason: 'unsupported' }),
    async roomInfo(room) {
      assertRoomName(room);
      const { rows } = await pool.query<InfoRow>(`${INFO} WHERE r.name = $1`, [room]);
      return rows[0] ? toInfo(rows[0]) : undefined;
    },
    async listRooms() {
      const { rows } = await pool.query<InfoRow>(`${INFO} ORDER BY r.updated_at DESC, r.name`);
      return rows.map(toInfo);
    },
    async importRoom(room) {
      assertRoomName(room.name);
      await transaction(async (client) => {
        const { rows } = await client.query<{ id: number }>(
          'INSERT INTO rooms (name, last_seq, created_at, updated_at) VALUES ($1, $2, $3, $4) RETURNING id',
          [room.name, room.seq, room.createdAt, room.updatedAt],
        );
        const id = rows[0]!.id;
        if (room.snapshot) {
          const data = asBuffer(room.snapshot.data);
          await client.query('INSERT INTO snapshots (room_id, seq, data, crc, created_at) VALUES ($1, $2, $3, $4, $5)', [
            id,
            room.snapshot.seq,
            data,
            crc32(data),
            room.updatedAt,
          ]);
        }
        for (let i = 0; i < room.updates.length; i += 1000) {
          const chunk = room.updates.slice(i, i + 1000);
          const data = chunk.map((u) => asBuffer(u.data));
          await client.query(
            'INSERT INTO updates (room_id, seq, data, crc, created_at) SELECT $1, s, d, c, $5 FROM unnest($2::bigint[], $3::bytea[], $4::bigint[]) AS t(s, d, c)',
            [id, chunk.map((u) => u.seq), data, data.map((d) => crc32(d)), room.updatedAt],
          );
        }
        for (const c of room.changes) {
          await client.query(
            'INSERT INTO changes (room_id, seq, at, author, team, kind, root, key, field) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
            [id, c.seq, c.at, c.author ?? null, c.team ?? null, c.kind, c.root, c.key ?? null, c.field ?? null],
          );
        }
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}
