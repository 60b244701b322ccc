import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { crc32 } from 'node:zlib';
import * as Y from 'yjs';
import { fillLostClockRanges } from './repair.ts';
import { migrate } from './schema.ts';
import {
  assertRoomName,
  type AppendEntry,
  type CompactResult,
  type CurrentState,
  type DocumentStore,
  type LoadedDoc,
  type PastState,
  type RoomInfo,
  type StoreError,
  type StoreOptions,
} from './types.ts';

interface RoomRow {
  id: number;
  last_seq: number;
}
interface EntryRow {
  seq: number;
  data: Buffer;
  crc: number;
}
interface ChangeRow {
  seq: number;
  at: number;
  author: string | null;
  team: string | null;
  kind: string;
  root: string;
  key: string | null;
  field: string | null;
}
interface InfoRow {
  name: string;
  last_seq: number;
  created_at: number;
  updated_at: number;
  snapshot_seq: number | null;
  snapshot_bytes: number | null;
}

const asBuffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/**
 * Opens (creating if needed) the document store in one SQLite file, in WAL mode.
 *
 * Every write method commits before it returns: with `durability: 'full'` (the default) the commit
 * is fsynced, so it survives a power cut as well as a killed process.
 */
export function openStore(file: string, options: StoreOptions = {}): DocumentStore {
  const durability = options.durability ?? 'full';
  const exclusive = options.exclusive ?? true;
  const validate = options.validateUpdates ?? true;
  const report =
    options.onError ??
    ((error: StoreError) => {
      process.emitWarning(`journeyscroll store: ${error.message}`, 'StoreWarning');
    });
  const now = options.now ?? Date.now;

  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, { timeout: exclusive ? 0 : 5000 });
  try {
    if (exclusive) db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${durability === 'full' ? 'FULL' : 'NORMAL'}`);
    db.pragma('foreign_keys = ON');
    // Take the lock now (a write transaction), so a second server on the same folder fails at once
    // with a clear message instead of corrupting nothing but confusing everyone.
    db.exec('BEGIN IMMEDIATE; COMMIT;');
    migrate(db);
  } catch (error) {
    db.close();
    if (error instanceof Error && /locked|busy/i.test(error.message)) {
      throw new Error(`the store ${file} is in use by another process (${error.message})`);
    }
    throw error;
  }

  const q = {
    room: db.prepare<[string], RoomRow>('SELECT id, last_seq FROM rooms WHERE name = ?'),
    insertRoom: db.prepare<[string, number, number], RoomRow>(
      'INSERT INTO rooms (name, created_at, updated_at) VALUES (?, ?, ?) RETURNING id, last_seq',
    ),
    bumpRoom: db.prepare<[number, number, number]>('UPDATE rooms SET last_seq = ?, updated_at = ? WHERE id = ?'),
    insertUpdate: db.prepare<[number, number, Buffer, number, number]>(
      'INSERT INTO updates (room_id, seq, data, crc, created_at) VALUES (?, ?, ?, ?, ?)',
    ),
    snapshots: db.prepare<[number], EntryRow>('SELECT seq, data, crc FROM snapshots WHERE room_id = ? ORDER BY seq DESC LIMIT 2'),
    updatesAfter: db.prepare<[number, number], EntryRow>('SELECT seq, data, crc FROM updates WHERE room_id = ? AND seq > ? ORDER BY seq'),
    insertSnapshot: db.prepare<[number, number, Buffer, number, number]>(
      'INSERT OR REPLACE INTO snapshots (room_id, seq, data, crc, created_at) VALUES (?, ?, ?, ?, ?)',
    ),
    deleteUpdatesThrough: db.prepare<[number, number]>('DELETE FROM updates WHERE room_id = ? AND seq <= ?'),
    archiveUpdatesThrough: db.prepare<[number, number]>(
      'INSERT OR IGNORE INTO archive (room_id, seq, data, crc, created_at) SELECT room_id, seq, data, crc, created_at FROM updates WHERE room_id = ? AND seq <= ?',
    ),
    historyBetween: db.prepare<[number, number, number, number, number, number], EntryRow>(
      `SELECT seq, data, crc FROM archive WHERE room_id = ? AND seq > ? AND created_at <= ?
       UNION ALL SELECT seq, data, crc FROM updates WHERE room_id = ? AND seq > ? AND created_at <= ? ORDER BY seq`,
    ),
    checkpoints: db.prepare<[number, number, number, number], EntryRow>(
      `SELECT seq, data, crc FROM (
         SELECT seq, data, crc, created_at FROM archive_snapshots WHERE room_id = ? AND created_at <= ?
         UNION ALL SELECT seq, data, crc, created_at FROM snapshots WHERE room_id = ? AND created_at <= ?)
       ORDER BY seq DESC LIMIT 3`,
    ),
    archiveSnapshotsBefore: db.prepare<[number, number]>(
      'INSERT OR IGNORE INTO archive_snapshots (room_id, seq, data, crc, created_at) SELECT room_id, seq, data, crc, created_at FROM snapshots WHERE room_id = ? AND seq < ?',
    ),
    deleteRoomArchiveSnapshots: db.prepare<[number]>('DELETE FROM archive_snapshots WHERE room_id = ?'),
    firstKept: db.prepare<[number, number], { seq: number | null; at: number | null }>(
      'SELECT min(seq) AS seq, min(created_at) AS at FROM (SELECT seq, created_at FROM archive WHERE room_id = ? UNION ALL SELECT seq, created_at FROM updates WHERE room_id = ?)',
    ),
    deleteRoomArchive: db.prepare<[number]>('DELETE FROM archive WHERE room_id = ?'),
    deleteSnapshotsBefore: db.prepare<[number, number]>('DELETE FROM snapshots WHERE room_id = ? AND seq < ?'),
    quarantine: db.prepare<[string, string, number, Buffer, string, number]>(
      'INSERT INTO quarantine (room, kind, seq, data, reason, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    deleteUpdate: db.prepare<[number, number]>('DELETE FROM updates WHERE room_id = ? AND seq = ?'),
    deleteSnapshot: db.prepare<[number, number]>('DELETE FROM snapshots WHERE room_id = ? AND seq = ?'),
    tail: db.prepare<[number, number], { n: number; bytes: number }>(
      'SELECT count(*) AS n, coalesce(sum(length(data)), 0) AS bytes FROM updates WHERE room_id = ? AND seq > ?',
    ),
    info: db.prepare<[string], InfoRow>(`
      SELECT r.name, r.last_seq, r.created_at, r.updated_at, s.seq AS snapshot_seq, length(s.data) AS snapshot_bytes
      FROM rooms r LEFT JOIN snapshots s ON s.room_id = r.id AND s.seq = (SELECT max(seq) FROM snapshots WHERE room_id = r.id)
      WHERE r.name = ?`),
    list: db.prepare<[], InfoRow>(`
      SELECT r.name, r.last_seq, r.created_at, r.updated_at, s.seq AS snapshot_seq, length(s.data) AS snapshot_bytes
      FROM rooms r LEFT JOIN snapshots s ON s.room_id = r.id AND s.seq = (SELECT max(seq) FROM snapshots WHERE room_id = r.id)
      ORDER BY r.updated_at DESC, r.name`),
    roomId: db.prepare<[string], { id: number }>('SELECT id FROM rooms WHERE name = ?'),
    deleteRoom: db.prepare<[number]>('DELETE FROM rooms WHERE id = ?'),
    deleteRoomUpdates: db.prepare<[number]>('DELETE FROM updates WHERE room_id = ?'),
    deleteRoomSnapshots: db.prepare<[number]>('DELETE FROM snapshots WHERE room_id = ?'),
    deleteRoomChanges: db.prepare<[number]>('DELETE FROM changes WHERE room_id = ?'),
    insertChange: db.prepare<[number, number, number, string | null, string | null, string, string, string | null, string | null]>(
      'INSERT INTO changes (room_id, seq, at, author, team, kind, root, key, field) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    changes: db.prepare<[number, number, number, number], ChangeRow>(
      'SELECT seq, at, author, team, kind, root, key, field FROM changes WHERE room_id = ? AND at >= ? AND at <= ? ORDER BY at, seq LIMIT ?',
    ),
  };

  let closed = false;
  const open = () => {
    if (closed) throw new Error('the store is closed');
  };

  const checkUpdate = (update: Uint8Array) => {
    if (!(update instanceof Uint8Array) || update.byteLength === 0) throw new TypeError('an update must be a non-empty Uint8Array');
    if (validate) {
      try {
        Y.decodeUpdate(update);
      } catch (error) {
        throw new TypeError(`not a Yjs update: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  };

  const appendMany = db.transaction((entries: ReadonlyArray<AppendEntry>) => {
    const at = now();
    const rooms = new Map<string, RoomRow>();
    const seqs: number[] = [];
    for (const { room, update, changes, by } of entries) {
      let row = rooms.get(room);
      if (!row) {
        row = q.room.get(room) ?? q.insertRoom.get(room, at, at)!;
        row = { id: row.id, last_seq: row.last_seq };
        rooms.set(room, row);
      }
      row.last_seq += 1;
      const data = asBuffer(update);
      q.insertUpdate.run(row.id, row.last_seq, data, crc32(data), at);
      for (const c of changes ?? []) {
        q.insertChange.run(row.id, row.last_seq, at, by?.author ?? null, by?.team ?? null, c.kind, c.root, c.key ?? null, c.field ?? null);
      }
      seqs.push(row.last_seq);
    }
    for (const row of rooms.values()) q.bumpRoom.run(row.last_seq, at, row.id);
    return seqs;
  });

  function appendUpdates(entries: ReadonlyArray<AppendEntry>): number[] {
    open();
    for (const { room, update } of entries) {
      assertRoomName(room);
      checkUpdate(update);
    }
    return entries.length === 0 ? [] : appendMany(entries);
  }

  function moveToQuarantine(room: string, roomId: number, kind: 'update' | 'snapshot', entry: EntryRow, reason: string) {
    db.transaction(() => {
      q.quarantine.run(room, kind, entry.seq, entry.data, reason, now());
      if (kind === 'update') q.deleteUpdate.run(roomId, entry.seq);
      else q.deleteSnapshot.run(roomId, entry.seq);
    })();
  }

  /** Applies one stored entry; returns why it was refused, or null when it applied. */
  function applyEntry(doc: Y.Doc, entry: EntryRow): string | null {
    if (crc32(entry.data) >>> 0 !== entry.crc >>> 0) return 'checksum mismatch';
    try {
      Y.applyUpdate(doc, entry.data);
      return null;
    } catch (error) {
      return `does not decode: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  function loadDoc(room: string, loadOptions: { gc?: boolean } = {}): LoadedDoc {
    open();
    assertRoomName(room);
    const gc = loadOptions.gc ?? true;
    const row = q.room.get(room);
    if (!row) return { doc: new Y.Doc({ gc }), seq: 0, snapshotSeq: 0, updatesApplied: 0, skipped: 0 };

    const snapshots = q.snapshots.all(row.id);
    const bad: Array<{ kind: 'update' | 'snapshot'; entry: EntryRow; reason: string }> = [];
    // A snapshot was written from a collected document: collecting it again while applying it
    // finds nothing to do and costs a tenth of the load. Collection is back on for the tail.
    let doc = new Y.Doc({ gc: false });
    let base = 0;
    // Newest snapshot first; if it is damaged, the previous generation plus the updates kept after it.
    for (const snapshot of snapshots) {
      const reason = applyEntry(doc, snapshot);
      if (reason === null) {
        base = snapshot.seq;
        break;
      }
      bad.push({ kind: 'snapshot', entry: snapshot, reason });
      doc.destroy();
      doc = new Y.Doc({ gc: false });
    }
    doc.gc = gc;
    if (base === 0 && snapshots.length > 0) {
      report({ room, seq: 0, kind: 'snapshot', message: `room ${room}: no usable snapshot, loading from the remaining log` });
    }

    let applied = 0;
    let holes = 0;
    const tail = q.updatesAfter.all(row.id, base);
    Y.transact(doc, () => {
      for (const entry of tail) {
        const reason = applyEntry(doc, entry);
        if (reason === null) applied++;
        else bad.push({ kind: 'update', entry, reason });
        // Once something was skipped, later structs of the same client would wait forever (and
        // pile up, merged again on every update): fill the hole as soon as it shows.
        if (bad.length > 0 && doc.store.pendingStructs) holes += fillLostClockRanges(doc);
      }
    });
    if (holes > 0)
      report({ room, seq: 0, kind: 'update', message: `room ${room}: ${holes} lost clock range(s) filled so later edits load` });

    for (const { kind, entry, reason } of bad) {
      report({ room, seq: entry.seq, kind, message: `room ${room}: ${kind} ${entry.seq} skipped (${reason}); moved to quarantine` });
      moveToQuarantine(room, row.id, kind, entry, reason);
    }
    return { doc, seq: row.last_seq, snapshotSeq: base, updatesApplied: applied, skipped: bad.length };
  }

  function loadRoom(room: string): Uint8Array {
    const { doc } = loadDoc(room);
    try {
      return Y.encodeStateAsUpdate(doc);
    } finally {
      doc.destroy();
    }
  }

  const compactTx = db.transaction((room: string, current: CurrentState | undefined): CompactResult | null => {
    const row = q.room.get(room);
    if (!row) return null;
    const snapshots = q.snapshots.all(row.id);
    const newest = snapshots[0]?.seq ?? 0;
    const through = current ? current.throughSeq : row.last_seq;
    if (!Number.isInteger(through) || through > row.last_seq || through < 0) {
      throw new RangeError(`compact(${room}): throughSeq ${through} is not within the log (last seq ${row.last_seq})`);
    }
    if (through <= newest) return null;
    let state: Uint8Array;
    if (current) {
      state = current.state;
    } else {
      const loaded = loadDoc(room);
      state = Y.encodeStateAsUpdate(loaded.doc);
      loaded.doc.destroy();
    }
    const data = asBuffer(state);
    q.insertSnapshot.run(row.id, through, data, crc32(data), now());
    let removed = 0;
    // Keep one previous generation (and the updates after it) as a fallback for a damaged snapshot.
    if (newest > 0) {
      // Kept for time travel: the archive is never loaded, only read to rebuild a past moment.
      q.archiveUpdatesThrough.run(row.id, newest);
      removed = q.deleteUpdatesThrough.run(row.id, newest).changes;
      q.archiveSnapshotsBefore.run(row.id, newest);
      q.deleteSnapshotsBefore.run(row.id, newest);
    }
    return { seq: through, snapshotBytes: data.byteLength, removedUpdates: removed };
  });

  function stateAt(room: string, at: number): PastState {
    open();
    assertRoomName(room);
    const row = q.room.get(room);
    if (!row) return { ok: false, reason: 'unknown-room' };
    const first = q.firstKept.get(row.id, row.id);
    if (!first || first.seq === null) return { ok: false, reason: 'unknown-room' };
    if (first.seq !== 1) return { ok: false, reason: 'not-kept', keptFrom: first.at ?? undefined };
    if (at < first.at!) return { ok: false, reason: 'before-first', keptFrom: first.at! };
    // From the newest checkpoint made by then (a snapshot covers every update up to its seq, all
    // committed before it was written), then the updates after it committed by `at`.
    const doc = new Y.Doc();
    let from = 0;
    for (const checkpoint of q.checkpoints.all(row.id, at, row.id, at)) {
      if (applyEntry(doc, checkpoint) === null) {
        from = checkpoint.seq;
        break;
      }
    }
    let updates = 0;
    let skipped = 0;
    doc.transact(() => {
      for (const entry of q.historyBetween.iterate(row.id, from, at, row.id, from, at)) {
        if (applyEntry(doc, entry) === null) updates++;
        else skipped++;
      }
    });
    const state = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    return { ok: true, state, updates, skipped, fromSeq: from };
  }

  function compact(room: string, current?: CurrentState): CompactResult | null {
    open();
    assertRoomName(room);
    return compactTx(room, current);
  }

  const toInfo = (row: InfoRow): RoomInfo => {
    const id = q.roomId.get(row.name)!.id;
    const snapshotSeq = row.snapshot_seq ?? 0;
    const tail = q.tail.get(id, snapshotSeq)!;
    const snapshotBytes = row.snapshot_bytes ?? 0;
    return {
      name: row.name,
      seq: row.last_seq,
      snapshotSeq,
      snapshotBytes,
      tailUpdates: tail.n,
      tailBytes: tail.bytes,
      bytes: snapshotBytes + tail.bytes,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  };

  return {
    file,
    appendUpdate(room, update) {
      return appendUpdates([{ room, update }])[0]!;
    },
    appendUpdates,
    loadDoc,
    loadRoom,
    stateAt,
    compact,
    roomInfo(room) {
      open();
      assertRoomName(room);
      const row = q.info.get(room);
      return row ? toInfo(row) : undefined;
    },
    listChanges(room, options = {}) {
      open();
      assertRoomName(room);
      const row = q.room.get(room);
      if (!row) return [];
      return q.changes
        .all(row.id, options.since ?? 0, options.until ?? Number.MAX_SAFE_INTEGER, options.limit ?? Number.MAX_SAFE_INTEGER)
        .map((r) => ({
          seq: r.seq,
          at: r.at,
          kind: r.kind as 'write' | 'delete',
          root: r.root,
          ...(r.key !== null ? { key: r.key } : {}),
          ...(r.field !== null ? { field: r.field } : {}),
          ...(r.author !== null ? { author: r.author } : {}),
          ...(r.team !== null ? { team: r.team } : {}),
        }));
    },
    listRooms() {
      open();
      return q.list.all().map(toInfo);
    },
    deleteRoom(room) {
      open();
      assertRoomName(room);
      return db.transaction(() => {
        const row = q.roomId.get(room);
        if (!row) return false;
        q.deleteRoomUpdates.run(row.id);
        q.deleteRoomSnapshots.run(row.id);
        q.deleteRoomChanges.run(row.id);
        q.deleteRoomArchive.run(row.id);
        q.deleteRoomArchiveSnapshots.run(row.id);
        q.deleteRoom.run(row.id);
        return true;
      })();
    },
    close() {
      if (closed) return;
      closed = true;
      db.close();
    },
    get closed() {
      return closed;
    },
  };
}
