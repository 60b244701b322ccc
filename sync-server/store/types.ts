import type * as Y from 'yjs';
import { ROOM_NAME_PATTERN } from '../../shared/sync/contract.ts';

/** Room (document) names: the same rule as the sync endpoint `/sync/<room>` (shared/sync/contract.ts). */
export { ROOM_NAME_PATTERN };

export function isRoomName(name: unknown): name is string {
  return typeof name === 'string' && ROOM_NAME_PATTERN.test(name);
}

export function assertRoomName(name: unknown): asserts name is string {
  if (!isRoomName(name)) throw new TypeError(`invalid room name ${JSON.stringify(name)}: use 1-128 of A-Z a-z 0-9 _ -`);
}

export interface StoreOptions {
  /**
   * 'full' (default): every commit is fsynced before it returns — it survives a power cut.
   * 'normal': a commit survives the process being killed, not the machine losing power.
   */
  readonly durability?: 'full' | 'normal';
  /** Hold the file for this process alone while open (default true): a second opener fails at once. */
  readonly exclusive?: boolean;
  /** Check that every appended update decodes as a Yjs update before it is stored (default true). */
  readonly validateUpdates?: boolean;
  /** Damaged log entries or snapshots found while loading (default: a process warning). */
  readonly onError?: (error: StoreError) => void;
  /** Clock for timestamps (tests). */
  readonly now?: () => number;
}

export interface StoreError {
  readonly room: string;
  readonly kind: 'update' | 'snapshot';
  readonly seq: number;
  readonly message: string;
}

/** One entity or field an update touched (see shared/doc/update-scope.ts). */
export interface ChangeRecord {
  readonly kind: 'write' | 'delete';
  readonly root: string;
  readonly key?: string | undefined;
  readonly field?: string | undefined;
}

/** Who made an update: the token's name and team (absent on a server without a secret). */
export interface Authorship {
  readonly author?: string | undefined;
  readonly team?: string | undefined;
}

/** An update to append, with what it changed and who made it when known. */
export interface AppendEntry {
  readonly room: string;
  readonly update: Uint8Array;
  readonly changes?: readonly ChangeRecord[] | undefined;
  readonly by?: Authorship | undefined;
}

/** A past moment of a room (`stateAt`). */
export type PastState =
  | {
      readonly ok: true;
      readonly state: Uint8Array;
      /** Updates applied after the checkpoint (the snapshot at `fromSeq`; 0: none). */
      readonly updates: number;
      readonly skipped: number;
      readonly fromSeq: number;
    }
  | {
      readonly ok: false;
      readonly reason: 'unknown-room' | 'before-first' | 'not-kept' | 'unsupported';
      readonly keptFrom?: number | undefined;
    };

/** A row of the change log. */
export interface ChangeEntry extends ChangeRecord, Authorship {
  /** The seq of the update that made the change. */
  readonly seq: number;
  /** Milliseconds since the epoch, when it was committed. */
  readonly at: number;
}

export interface RoomInfo {
  readonly name: string;
  /** Seq of the room's last update (0 if none was ever written). */
  readonly seq: number;
  /** Seq covered by the newest snapshot (0: none yet). */
  readonly snapshotSeq: number;
  readonly snapshotBytes: number;
  /** Updates after the newest snapshot: what a load applies one by one. */
  readonly tailUpdates: number;
  readonly tailBytes: number;
  /** snapshotBytes + tailBytes: the size of what a load reads. */
  readonly bytes: number;
  /** Milliseconds since the epoch. */
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface LoadedDoc {
  /** A new Y.Doc holding the room; the caller owns it (destroy it when done). */
  readonly doc: Y.Doc;
  /** The room's last seq: the state loaded covers every update up to and including it. */
  readonly seq: number;
  readonly snapshotSeq: number;
  readonly updatesApplied: number;
  /** Damaged entries skipped (reported through `onError` and moved to the quarantine table). */
  readonly skipped: number;
}

/** A caller's in-memory state of a room, known to contain exactly the updates up to `throughSeq`. */
export interface CurrentState {
  readonly state: Uint8Array;
  readonly throughSeq: number;
}

export interface CompactResult {
  /** The seq the new snapshot covers. */
  readonly seq: number;
  readonly snapshotBytes: number;
  /** Log rows deleted (those already covered by the previous snapshot). */
  readonly removedUpdates: number;
}

/**
 * The document store: per room, an append-only log of Yjs updates plus snapshots. Used by the sync
 * server and by the desktop app's main process (docs/desktop.md). All methods are synchronous and
 * every write is committed (durably, see `durability`) when the method returns.
 */
export interface DocumentStore {
  readonly file: string;
  readonly closed: boolean;
  /** Appends one update to the room's log (creating the room) and returns its seq. */
  appendUpdate(room: string, update: Uint8Array): number;
  /** Appends several updates, of any rooms, in one transaction (one fsync): a group commit. */
  appendUpdates(entries: ReadonlyArray<AppendEntry>): number[];
  /** The room's change log, oldest first: who changed which entity and field, when (kept through compaction). */
  listChanges(room: string, options?: { readonly since?: number; readonly until?: number; readonly limit?: number }): ChangeEntry[];
  /**
   * The room as it was at `at` (ms since the epoch): every update committed by then, from the log
   * and the archive compaction keeps, applied in order. Fails with a reason when the room is
   * unknown, `at` is before its first update, or its early history was compacted before the
   * archive existed (schema 3).
   */
  stateAt(room: string, at: number): PastState;
  /** The room's whole state as one Yjs update (an empty document's update for an unknown room). */
  loadRoom(room: string): Uint8Array;
  /** The room loaded into a new Y.Doc: newest snapshot plus the later updates, damaged entries skipped. */
  loadDoc(room: string, options?: { gc?: boolean }): LoadedDoc;
  /**
   * Writes a snapshot of the room and drops the log entries an older snapshot already covers, in
   * one transaction. Without `current`, the state is built from the store itself. Returns null
   * when there was nothing new to compact.
   */
  compact(room: string, current?: CurrentState): CompactResult | null;
  roomInfo(room: string): RoomInfo | undefined;
  /** Every room, most recently updated first. */
  listRooms(): RoomInfo[];
  /** Deletes the room, its log and snapshots. Returns false if there was no such room. */
  deleteRoom(room: string): boolean;
  close(): void;
}
