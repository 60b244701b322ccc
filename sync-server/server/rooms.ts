import * as awarenessProtocol from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { CloseCode } from '../../shared/sync/contract.ts';
import { createGroupCommit, type Authorship, type ChangeRecord, type DocumentStore, type GroupCommit } from '../store/index.ts';
import type { Logger } from './logger.ts';
import type { Metrics } from './metrics.ts';
import type { CompactionPolicy } from './options.ts';
import { dropPending, encodeCommittedState } from './committed-state.ts';
import { RoomPresence, type PresencePeer } from './presence.ts';
import { encodeAwareness, encodeUpdate } from './protocol.ts';
import { Relay, type RelayTiming } from './relay.ts';

/** What a room needs of a connection. */
export interface Peer extends PresencePeer {
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
  /** Set when this peer's update left changes held back for missing clocks (see committed-state.ts). */
  heldBack: boolean;
  /** While one of its updates is being applied: what it changes and who made it, for the change log. */
  readonly changesInFlight: { readonly changes: readonly ChangeRecord[]; readonly by: Authorship } | undefined;
}

export interface RoomSettings {
  readonly relayTiming: RelayTiming;
  readonly maxAwarenessClients: number;
  readonly awarenessClaimTimeoutMs: number;
  readonly logger: Logger;
  readonly metrics: Metrics;
}

/**
 * One loaded document. Its Y.Doc holds state that is committed or being committed in the
 * current group commit; `pending` counts the latter. While it is non-zero, nothing derived from the
 * doc (a sync step 2) leaves the server: such replies wait in `whenCommitted`.
 */
export class Room {
  readonly name: string;
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  readonly peers = new Set<Peer>();
  readonly relay: Relay<Peer>;
  readonly presence: RoomPresence<Peer>;
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

  constructor(
    name: string,
    doc: Y.Doc,
    stats: { seq: number; snapshotBytes: number; tailUpdates: number; tailBytes: number },
    settings: RoomSettings,
  ) {
    this.name = name;
    this.doc = doc;
    this.seq = stats.seq;
    this.snapshotBytes = stats.snapshotBytes;
    this.tailUpdates = stats.tailUpdates;
    this.tailBytes = stats.tailBytes;
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.awareness.setLocalState(null);
    const { logger, metrics } = settings;
    const onError = (error: unknown) => logger.error('relay failed', { room: name, error });
    this.relay = new Relay<Peer>(
      { peers: this.peers, send: (peer, message) => peer.send(message) },
      {
        update: encodeUpdate,
        awareness: (ids) => encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...ids])),
      },
      settings.relayTiming,
      onError,
    );
    this.presence = new RoomPresence<Peer>(
      this.awareness,
      {
        maxClientsPerPeer: settings.maxAwarenessClients,
        claimTimeoutMs: settings.awarenessClaimTimeoutMs,
        onTakeoverRefused: ({ clientId }) => {
          metrics.presenceTakeoversRefused.inc();
          logger.warn('presence takeover refused: the owner of the client id answered', { room: name, clientId });
        },
        onError,
      },
      (origin): origin is Peer => this.peers.has(origin as Peer),
      this.relay,
    );
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

  destroy(): void {
    clearTimeout(this.idleTimer);
    clearTimeout(this.compactTimer);
    this.unloaded = true;
    this.#afterCommit.length = 0;
    this.relay.stop();
    this.presence.destroy();
    this.doc.destroy();
  }
}

export interface RoomManagerSettings extends RoomSettings {
  readonly compaction: CompactionPolicy;
  readonly roomIdleMs: number;
}

/**
 * Loads rooms on first use and unloads them when idle; runs the durability pipeline:
 * client update → applied to the room's doc → its effective change queued in the group commit →
 * committed (one transaction per event-loop turn) → only then handed to the room's relay, which
 * sends the updates of a short window to every peer as one merged message (relay.ts).
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
    const room = new Room(
      name,
      loaded.doc,
      {
        seq: loaded.seq,
        snapshotBytes: info?.snapshotBytes ?? 0,
        tailUpdates: info?.tailUpdates ?? 0,
        tailBytes: info?.tailBytes ?? 0,
      },
      this.#settings,
    );
    if (loaded.skipped > 0) metrics.corruptEntries.inc(loaded.skipped);
    room.doc.on('update', (update: Uint8Array, origin: unknown) => this.#persist(room, update, origin));
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
    if (!room.unloaded) room.presence.leave(peer);
    if (!room.peers.delete(peer)) return;
    if (peer.heldBack && !room.unloaded) {
      // What it sent that waits for missing clocks would wait forever: it is not committed, drop it.
      dropPending(room.doc);
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
    const about = room.peers.has(origin as Peer) ? (origin as Peer).changesInFlight : undefined;
    this.group.enqueue(
      room.name,
      update,
      (error, seq) => {
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
        room.relay.update(update, origin);
        if (room.pending === 0) room.runAfterCommit();
        if ((room.tailUpdates >= compaction.maxTailUpdates || room.tailBytes >= compaction.maxTailBytes) && !room.compactTimer) {
          room.compactTimer = setTimeout(() => {
            room.compactTimer = undefined;
            this.compact(room);
          }, compaction.delayMs);
          room.compactTimer.unref();
        }
      },
      about,
    );
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
      const result = this.store.compact(room.name, { state: encodeCommittedState(room.doc), throughSeq: room.seq });
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
    for (const room of this.rooms.values()) room.relay.flush();
    for (const room of [...this.rooms.values()]) this.#drop(room);
  }
}

const round = (ms: number) => Math.round(ms * 100) / 100;
