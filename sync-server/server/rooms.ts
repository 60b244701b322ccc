import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/sync/contract.ts';
import { createGroupCommit, type DocumentStore, type GroupCommit } from '../store/index.ts';
import type { Logger } from './logger.ts';
import type { Metrics } from './metrics.ts';
import type { CompactionPolicy } from './options.ts';
import { encodeAwareness, encodeUpdate } from './protocol.ts';

/** What a room needs of a connection. */
export interface Peer {
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
  /** Awareness client ids this peer speaks for (maintained by the room). */
  readonly awarenessClients: Set<number>;
}

/**
 * One loaded document. Its Y.Doc only ever holds state that is committed or being committed in the
 * current group commit; `pending` counts the latter. While it is non-zero, nothing derived from the
 * doc (a sync step 2) leaves the server: such replies wait in `whenCommitted`.
 */
export class Room {
  readonly name: string;
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  readonly peers = new Set<Peer>();
  seq: number;
  snapshotBytes: number;
  tailUpdates: number;
  tailBytes: number;
  pending = 0;
  failed = false;
  unloaded = false;
  idleTimer: NodeJS.Timeout | undefined;
  compactTimer: NodeJS.Timeout | undefined;
  readonly #afterCommit: Array<() => void> = [];

  constructor(name: string, doc: Y.Doc, stats: { seq: number; snapshotBytes: number; tailUpdates: number; tailBytes: number }) {
    this.name = name;
    this.doc = doc;
    this.seq = stats.seq;
    this.snapshotBytes = stats.snapshotBytes;
    this.tailUpdates = stats.tailUpdates;
    this.tailBytes = stats.tailBytes;
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.awareness.setLocalState(null);
  }

  /** The room's stored size: its snapshot plus the log after it. */
  get bytes(): number {
    return this.snapshotBytes + this.tailBytes;
  }

  whenCommitted(fn: () => void): void {
    if (this.pending === 0) fn();
    else this.#afterCommit.push(fn);
  }

  runAfterCommit(): void {
    const waiting = this.#afterCommit.splice(0);
    for (const fn of waiting) fn();
  }

  broadcast(message: Uint8Array, except?: unknown): void {
    for (const peer of this.peers) if (peer !== except) peer.send(message);
  }

  destroy(): void {
    clearTimeout(this.idleTimer);
    clearTimeout(this.compactTimer);
    this.unloaded = true;
    this.#afterCommit.length = 0;
    this.awareness.destroy();
    this.doc.destroy();
  }
}

export interface RoomManagerSettings {
  readonly compaction: CompactionPolicy;
  readonly roomIdleMs: number;
  readonly logger: Logger;
  readonly metrics: Metrics;
}

/**
 * Loads rooms on first use and unloads them when idle; runs the durability pipeline:
 * client update → applied to the room's doc → its effective change queued in the group commit →
 * committed (one transaction per event-loop turn) → only then relayed to the other peers.
 */
export class RoomManager {
  readonly rooms = new Map<string, Room>();
  readonly store: DocumentStore;
  readonly group: GroupCommit;
  readonly #settings: RoomManagerSettings;

  constructor(store: DocumentStore, settings: RoomManagerSettings) {
    this.store = store;
    this.#settings = settings;
    this.group = createGroupCommit(store, {
      onBatch: (batch) => {
        settings.metrics.commitDuration.observe(batch.durationMs / 1000);
        settings.metrics.commitBatchUpdates.inc();
      },
      onCallbackError: (error) => settings.logger.error('commit callback failed', { error }),
    });
  }

  get connections(): number {
    let n = 0;
    for (const room of this.rooms.values()) n += room.peers.size;
    return n;
  }

  /** The loaded room, loading it from the store if needed. Throws if the store cannot load it. */
  open(name: string): Room {
    const existing = this.rooms.get(name);
    if (existing) {
      clearTimeout(existing.idleTimer);
      existing.idleTimer = undefined;
      return existing;
    }
    const { logger, metrics } = this.#settings;
    const start = performance.now();
    const loaded = this.store.loadDoc(name);
    const info = this.store.roomInfo(name);
    const room = new Room(name, loaded.doc, {
      seq: loaded.seq,
      snapshotBytes: info?.snapshotBytes ?? 0,
      tailUpdates: info?.tailUpdates ?? 0,
      tailBytes: info?.tailBytes ?? 0,
    });
    if (loaded.skipped > 0) metrics.corruptEntries.inc(loaded.skipped);
    room.doc.on('update', (update: Uint8Array, origin: unknown) => this.#persist(room, update, origin));
    room.awareness.on('update', (changes: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      const peer = origin as Peer;
      if (room.peers.has(peer)) {
        // The sender's own message is relayed as received (see Connection); here we only track
        // which awareness clients it speaks for, so they can be removed when it leaves.
        for (const id of changes.added) peer.awarenessClients.add(id);
        for (const id of changes.removed) peer.awarenessClients.delete(id);
        return;
      }
      // A peer left or timed out: tell everyone its cursor is gone.
      const changed = [...changes.added, ...changes.updated, ...changes.removed];
      if (changed.length > 0) room.broadcast(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(room.awareness, changed)));
    });
    this.rooms.set(name, room);
    metrics.roomsLoaded.inc();
    logger.debug('room loaded', { room: name, seq: loaded.seq, bytes: room.bytes, ms: round(performance.now() - start) });
    return room;
  }

  join(room: Room, peer: Peer): void {
    clearTimeout(room.idleTimer);
    room.idleTimer = undefined;
    room.peers.add(peer);
  }

  leave(room: Room, peer: Peer): void {
    if (!room.peers.delete(peer)) return;
    if (!room.unloaded && peer.awarenessClients.size > 0) {
      awarenessProtocol.removeAwarenessStates(room.awareness, [...peer.awarenessClients], 'left');
    }
    if (room.peers.size === 0 && !room.unloaded) {
      clearTimeout(room.idleTimer);
      room.idleTimer = setTimeout(() => this.unload(room), this.#settings.roomIdleMs);
      room.idleTimer.unref();
    }
  }

  /** Would a write of `bytes` keep the room within `max`? Compacts first when that could help. */
  admits(room: Room, bytes: number, max: number): boolean {
    if (room.bytes + bytes <= max) return true;
    if (room.tailUpdates > 0) this.compact(room);
    return room.bytes + bytes <= max;
  }

  #persist(room: Room, update: Uint8Array, origin: unknown): void {
    const { metrics, compaction } = this.#settings;
    room.pending++;
    this.group.enqueue(room.name, update, (error, seq) => {
      room.pending--;
      if (error) {
        this.#fail(room, error);
        return;
      }
      if (room.failed || room.unloaded) return;
      room.seq = seq;
      room.tailUpdates++;
      room.tailBytes += update.byteLength;
      metrics.updatesCommitted.inc();
      room.broadcast(encodeUpdate(update), origin);
      if (room.pending === 0) room.runAfterCommit();
      if ((room.tailUpdates >= compaction.maxTailUpdates || room.tailBytes >= compaction.maxTailBytes) && !room.compactTimer) {
        room.compactTimer = setTimeout(() => {
          room.compactTimer = undefined;
          this.compact(room);
        }, compaction.delayMs);
        room.compactTimer.unref();
      }
    });
  }

  /** A failed commit: nothing of it was relayed. Drop the room's memory and its peers, who resync on reconnect. */
  #fail(room: Room, error: Error): void {
    if (room.failed) return;
    room.failed = true;
    this.#settings.metrics.commitFailures.inc();
    this.#settings.logger.error('commit failed; room dropped from memory, its clients will resync', { room: room.name, error });
    for (const peer of [...room.peers]) peer.close(CloseCode.internalError, 'storage failure, reconnect');
    this.#drop(room);
  }

  /** Writes a snapshot from the in-memory doc (no reload) and drops the log it covers. */
  compact(room: Room): void {
    if (room.unloaded || room.failed) return;
    this.group.flush();
    if (room.unloaded || room.failed || room.pending > 0 || room.tailUpdates === 0) return;
    const start = performance.now();
    try {
      const result = this.store.compact(room.name, { state: Y.encodeStateAsUpdate(room.doc), throughSeq: room.seq });
      if (result) {
        room.snapshotBytes = result.snapshotBytes;
        room.tailUpdates = 0;
        room.tailBytes = 0;
        this.#settings.metrics.compactions.inc();
        this.#settings.logger.debug('room compacted', {
          room: room.name,
          seq: result.seq,
          bytes: result.snapshotBytes,
          ms: round(performance.now() - start),
        });
      }
    } catch (error) {
      this.#settings.logger.error('compaction failed', { room: room.name, error });
    }
  }

  unload(room: Room): void {
    if (room.unloaded || room.peers.size > 0) return;
    this.compact(room);
    this.#drop(room);
    this.#settings.logger.debug('room unloaded', { room: room.name });
  }

  #drop(room: Room): void {
    if (this.rooms.get(room.name) === room) this.rooms.delete(room.name);
    room.destroy();
  }

  /** Commits whatever is queued, then forgets every room (shutdown). */
  closeAll(): void {
    this.group.flush();
    for (const room of [...this.rooms.values()]) this.#drop(room);
  }
}

const round = (ms: number) => Math.round(ms * 100) / 100;
