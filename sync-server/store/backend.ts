import type * as Y from 'yjs';
import type { AppendEntry, ChangeEntry, CompactResult, CurrentState, DocumentStore, PastState } from './types.ts';

/** A room as a server node loads it: its document and what the store holds of it. */
export interface BackendRoom {
  /** A new Y.Doc holding the room; the caller owns it. */
  readonly doc: Y.Doc;
  /** The room's last seq: the state loaded covers every update up to and including it. */
  readonly seq: number;
  readonly snapshotBytes: number;
  readonly tailUpdates: number;
  readonly tailBytes: number;
  /** Damaged entries skipped. */
  readonly skipped: number;
}

/**
 * What a node lacks of a room after `seq`: the updates after it in order, or — when compaction has
 * already dropped some of them — the newest snapshot and the updates after that.
 */
export interface CatchUp {
  /** The room's last seq when read: after applying this, the node holds everything through it. */
  readonly seq: number;
  readonly snapshot?: { readonly seq: number; readonly data: Uint8Array } | undefined;
  readonly updates: ReadonlyArray<{ readonly seq: number; readonly data: Uint8Array }>;
}

/** What the store holds of a room after a compaction (the server's size bookkeeping). */
export interface CompactedRoom extends CompactResult {
  readonly tailUpdates: number;
  readonly tailBytes: number;
}

type MaybePromise<T> = T | Promise<T>;

/**
 * The storage the sync server runs on: the one-machine SQLite store (synchronous: every call
 * returns its result, so a group commit still ends in the same event-loop turn) or PostgreSQL
 * (asynchronous, shared by every node of a cluster). Either way a write's promise, or its value,
 * means "committed": nothing is relayed before it.
 */
export interface RoomBackend {
  readonly kind: 'sqlite' | 'postgres';
  /** Other processes write the same rooms (a cluster): the server then catches up after gaps. */
  readonly shared: boolean;
  /** For the logs: the file, or the database URL without its password. */
  readonly description: string;
  load(room: string): MaybePromise<BackendRoom>;
  /** A group commit: every entry in one transaction; the seqs given, in order. */
  appendUpdates(entries: ReadonlyArray<AppendEntry>): MaybePromise<number[]>;
  /** Everything of the room after `seq` (see CatchUp). */
  readSince(room: string, seq: number): MaybePromise<CatchUp>;
  /** The last seq of each of these rooms that exists. */
  lastSeqs(rooms: readonly string[]): MaybePromise<Map<string, number>>;
  /** Snapshot from a node's committed state; null when nothing was new, or another node compacts now. */
  compact(room: string, current: CurrentState): MaybePromise<CompactedRoom | null>;
  exists(room: string): MaybePromise<boolean>;
  /** Bytes stored over all rooms (snapshots plus logs). */
  storedBytes(): MaybePromise<number>;
  /** The room's change log, oldest first (`GET /history/<room>`). */
  listChanges(room: string, options: { since?: number; until?: number; limit?: number }): MaybePromise<ChangeEntry[]>;
  /** The room as it was at a moment (`GET /history/<room>/at`, docs/versions.md). */
  stateAt(room: string, at: number): MaybePromise<PastState>;
  close(): MaybePromise<void>;
}

/** The SQLite store as a backend: every call synchronous, as the server always ran on it. */
export function sqliteBackend(store: DocumentStore): RoomBackend {
  return {
    kind: 'sqlite',
    shared: false,
    description: store.file,
    load(room) {
      const loaded = store.loadDoc(room);
      const info = store.roomInfo(room);
      return {
        doc: loaded.doc,
        seq: loaded.seq,
        snapshotBytes: info?.snapshotBytes ?? 0,
        tailUpdates: info?.tailUpdates ?? 0,
        tailBytes: info?.tailBytes ?? 0,
        skipped: loaded.skipped,
      };
    },
    appendUpdates: (entries) => store.appendUpdates(entries),
    readSince(room) {
      // One process owns the file: nothing was written that this process did not see.
      return { seq: store.roomInfo(room)?.seq ?? 0, updates: [] };
    },
    lastSeqs(rooms) {
      const out = new Map<string, number>();
      for (const room of rooms) {
        const info = store.roomInfo(room);
        if (info) out.set(room, info.seq);
      }
      return out;
    },
    compact(room, current) {
      const result = store.compact(room, current);
      if (!result) return null;
      const info = store.roomInfo(room);
      return { ...result, tailUpdates: info?.tailUpdates ?? 0, tailBytes: info?.tailBytes ?? 0 };
    },
    exists: (room) => store.roomInfo(room) !== undefined,
    storedBytes: () => store.listRooms().reduce((total, room) => total + room.bytes, 0),
    listChanges: (room, options) => store.listChanges(room, options),
    stateAt: (room, at) => store.stateAt(room, at),
    close: () => store.close(),
  };
}

/** Runs `fn` on the value now when it is one, after it settles when it is a promise. */
export function whenReady<T>(value: MaybePromise<T>, fn: (value: T) => void, onError: (error: Error) => void): void {
  if (value instanceof Promise) {
    value.then(fn, (error: unknown) => onError(error instanceof Error ? error : new Error(String(error))));
    return;
  }
  fn(value);
}
