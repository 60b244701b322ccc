import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/sync/contract.ts';
import type { Fanout } from '../cluster/fanout.ts';
import { SeqTracker } from '../cluster/seq-tracker.ts';
import {
  createGroupCommit,
  whenReady,
  type Authorship,
  type BackendRoom,
  type ChangeRecord,
  type GroupCommit,
  type RoomBackend,
} from '../store/index.ts';
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
  /** Which seqs this node has applied; `seq` is what it holds contiguously. */
  readonly seqs: SeqTracker;
  snapshotBytes: number;
  tailUpdates: number;
  tailBytes: number;
  pending = 0;
  failed = false;
  unloaded = false;
  idleTimer: NodeJS.Timeout | undefined;
  compactTimer: NodeJS.Timeout | undefined;
  gapTimer: NodeJS.Timeout | undefined;
  /** Bumped by every open(): an unload that waited for a compaction checks nobody opened it meanwhile. */
  opens = 0;
  compacting = false;
  catchingUp = false;
  catchUpAgain = false;
  /** The room's last seq in the store at the previous poll (cluster only). */
  polledSeq = 0;
  /** Own commits not yet published to the other nodes (sent once per batch). */
  readonly outbox: Array<{ seq: number; update: Uint8Array }> = [];
  readonly #afterCommit: Array<() => void> = [];
  /** Client writes held while a sync reply waits for the commits in flight (see whenCommitted). */
  readonly #heldWrites: Array<() => void> = [];
  readonly #onError: (error: unknown) => void;

  constructor(
    name: string,
    doc: Y.Doc,
    stats: { seq: number; snapshotBytes: number; tailUpdates: number; tailBytes: number },
    settings: RoomSettings,
  ) {
    this.name = name;
    this.doc = doc;
    this.seqs = new SeqTracker(stats.seq);
    this.snapshotBytes = stats.snapshotBytes;
    this.tailUpdates = stats.tailUpdates;
    this.tailBytes = stats.tailBytes;
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.awareness.setLocalState(null);
    const { logger, metrics } = settings;
    const onError = (error: unknown) => logger.error('relay failed', { room: name, error });
    this.#onError = (error) => logger.error('a held write failed', { room: name, error });
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

  /** Everything through this seq is applied here. */
  get seq(): number {
    return this.seqs.seq;
  }

  /**
   * Runs `fn` once nothing uncommitted is in the doc. While it waits, client writes are held
   * (`admitWrite`): with an asynchronous store a commit takes a while and the next one may be
   * applied before it returns, so without the hold a sync reply could wait forever, or carry
   * changes not yet committed.
   */
  whenCommitted(fn: () => void): void {
    if (this.pending === 0) fn();
    else this.#afterCommit.push(fn);
  }

  /** Applies a client write now, or after the waiting sync replies went out. */
  admitWrite(fn: () => void): void {
    if (this.#afterCommit.length === 0 && this.#heldWrites.length === 0) fn();
    else this.#heldWrites.push(fn);
  }

  runAfterCommit(): void {
    const waiting = this.#afterCommit.splice(0);
    for (const fn of waiting) fn();
    const held = this.#heldWrites.splice(0);
    for (const fn of held) {
      if (this.unloaded) return;
      try {
        fn();
      } catch (error) {
        this.#onError(error);
      }
    }
  }

  destroy(): void {
    clearTimeout(this.idleTimer);
    clearTimeout(this.compactTimer);
    clearTimeout(this.gapTimer);
    this.unloaded = true;
    this.#afterCommit.length = 0;
    this.#heldWrites.length = 0;
    this.relay.stop();
    this.presence.destroy();
    this.doc.destroy();
  }
}

export interface RoomManagerSettings extends RoomSettings {
  readonly compaction: CompactionPolicy;
  readonly roomIdleMs: number;
  /** In a cluster: how often each node compares its rooms' seqs with the store's (default 1 s). */
  readonly catchUpPollMs?: number;
  /** In a cluster: how long a gap may stay open (a message overtaken by another) before the node reads the store. */
  readonly gapGraceMs?: number;
}

/** The origin of updates another node committed (read from Redis or the store): relayed, never stored again. */
export const REMOTE_ORIGIN = Symbol('committed on another node');

/**
 * Loads rooms on first use and unloads them when idle; runs the durability pipeline:
 * client update → applied to the room's doc → its effective change queued in the group commit →
 * committed (one transaction per event-loop turn, or per round trip on PostgreSQL) → only then
 * handed to the room's relay, which sends the updates of a short window to every peer as one
 * merged message (relay.ts), and — in a cluster — published to the other nodes with its seq.
 *
 * In a cluster (a shared backend) each room tracks the seqs it has applied; a gap that stays open,
 * a Redis reconnect, or a newer seq seen by the periodic poll makes the node read what it lacks
 * from the store (`catchUp`). Updates from elsewhere are committed already: they are applied and
 * relayed, never stored again.
 */
export class RoomManager {
  readonly rooms = new Map<string, Room>();
  readonly backend: RoomBackend;
  readonly group: GroupCommit;
  readonly fanout: Fanout | undefined;
  readonly #settings: RoomManagerSettings;
  readonly #loading = new Map<string, Promise<Room>>();
  readonly #poll: NodeJS.Timeout | undefined;
  #polling = false;

  constructor(backend: RoomBackend, settings: RoomManagerSettings, fanout?: Fanout) {
    this.backend = backend;
    this.fanout = fanout;
    this.#settings = settings;
    this.group = createGroupCommit(backend, {
      onBatch: (batch) => {
        settings.metrics.commitDuration.observe(batch.durationMs / 1000);
        settings.metrics.commitBatchUpdates.inc();
      },
      onCallbackError: (error) => settings.logger.error('commit callback failed', { error }),
    });
    if (backend.shared) {
      this.#poll = setInterval(() => void this.#pollSeqs(), settings.catchUpPollMs ?? 1000);
      this.#poll.unref();
    }
  }

  get connections(): number {
    let n = 0;
    for (const room of this.rooms.values()) n += room.peers.size;
    return n;
  }

  /** Does the store hold this room (or is it loaded)? */
  async exists(name: string): Promise<boolean> {
    return this.rooms.has(name) || (await this.backend.exists(name));
  }

  /** The loaded room, loading it from the store if needed. Rejects if the store cannot load it. */
  open(name: string): Promise<Room> {
    const existing = this.rooms.get(name);
    if (existing) {
      clearTimeout(existing.idleTimer);
      existing.idleTimer = undefined;
      existing.opens++;
      return Promise.resolve(existing);
    }
    let loading = this.#loading.get(name);
    if (!loading) {
      loading = this.#load(name).finally(() => this.#loading.delete(name));
      this.#loading.set(name, loading);
    }
    return loading;
  }

  async #load(name: string): Promise<Room> {
    const { logger, metrics } = this.#settings;
    const start = performance.now();
    // Listen first, then read: what another node commits meanwhile is either in what we read or
    // in a message heard while reading (kept and applied after; duplicates are skipped by seq).
    const loadedRoom: { room?: Room } = {};
    const early: Array<() => void> = [];
    await this.fanout?.join(name, {
      update: (from, to, update) =>
        loadedRoom.room
          ? this.#applyRemote(loadedRoom.room, from, to, update)
          : early.push(() => this.#applyRemote(loadedRoom.room!, from, to, update)),
      awareness: (update) =>
        loadedRoom.room
          ? this.#applyRemoteAwareness(loadedRoom.room, update)
          : early.push(() => this.#applyRemoteAwareness(loadedRoom.room!, update)),
    });
    let loaded: BackendRoom;
    try {
      loaded = await this.backend.load(name);
    } catch (error) {
      this.fanout?.leave(name);
      throw error;
    }
    const created = new Room(name, loaded.doc, loaded, this.#settings);
    loadedRoom.room = created;
    if (loaded.skipped > 0) metrics.corruptEntries.inc(loaded.skipped);
    created.doc.on('update', (update: Uint8Array, origin: unknown) => this.#persist(created, update, origin));
    if (this.fanout) {
      created.awareness.on(
        'update',
        ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
          // Only what this node's own clients did (and their leaving): the rest came from elsewhere.
          if (origin === REMOTE_ORIGIN || origin === 'timeout') return;
          const ids = [...added, ...updated, ...removed];
          if (ids.length > 0) this.fanout!.publishAwareness(name, awarenessProtocol.encodeAwarenessUpdate(created.awareness, ids));
        },
      );
    }
    this.rooms.set(name, created);
    for (const fn of early) fn();
    metrics.roomsLoaded.inc();
    logger.debug('room loaded', { room: name, seq: loaded.seq, bytes: created.bytes, ms: round(performance.now() - start) });
    return created;
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
      // (In a cluster, held-back updates of other nodes go too: the next catch-up reads them again.)
      dropPending(room.doc);
    }
    if (room.peers.size === 0 && !room.unloaded) {
      clearTimeout(room.idleTimer);
      room.idleTimer = setTimeout(() => void this.unload(room), this.#settings.roomIdleMs);
      room.idleTimer.unref();
    }
  }

  /** Would a write of `bytes` keep the room within `max`? Compacts first when that could help. */
  admits(room: Room, bytes: number, max: number): boolean {
    if (room.bytes + bytes <= max) return true;
    if (room.tailUpdates > 0) void this.compact(room);
    return room.bytes + bytes <= max;
  }

  #persist(room: Room, update: Uint8Array, origin: unknown): void {
    if (origin === REMOTE_ORIGIN) {
      // Committed by another node: count it in the log, relay it here, nothing more.
      room.tailUpdates++;
      room.tailBytes += update.byteLength;
      room.relay.update(update, origin);
      this.#maybeCompact(room);
      return;
    }
    const { metrics } = this.#settings;
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
        room.seqs.add(seq, seq);
        room.tailUpdates++;
        room.tailBytes += update.byteLength;
        metrics.updatesCommitted.inc();
        room.relay.update(update, origin);
        if (this.fanout) this.#publish(room, seq, update);
        if (room.seqs.hasGap) this.#gapSeen(room);
        if (room.pending === 0) room.runAfterCommit();
        this.#maybeCompact(room);
      },
      about,
    );
  }

  #maybeCompact(room: Room): void {
    const { compaction } = this.#settings;
    if ((room.tailUpdates >= compaction.maxTailUpdates || room.tailBytes >= compaction.maxTailBytes) && !room.compactTimer) {
      room.compactTimer = setTimeout(() => {
        room.compactTimer = undefined;
        void this.compact(room);
      }, compaction.delayMs);
      room.compactTimer.unref();
    }
  }

  /** Queues a committed update for the other nodes; the batch's updates of a room leave as one message. */
  #publish(room: Room, seq: number, update: Uint8Array): void {
    room.outbox.push({ seq, update });
    if (room.outbox.length > 1) return;
    queueMicrotask(() => {
      const items = room.outbox.splice(0);
      // Consecutive seqs only: a message says "these seqs, all of them".
      let run: typeof items = [];
      const send = () => {
        if (run.length === 0) return;
        const merged = run.length === 1 ? run[0]!.update : Y.mergeUpdates(run.map((i) => i.update));
        this.fanout!.publishUpdate(room.name, run[0]!.seq, run[run.length - 1]!.seq, merged);
        this.#settings.metrics.clusterPublished.inc();
        run = [];
      };
      for (const item of items) {
        if (run.length > 0 && item.seq !== run[run.length - 1]!.seq + 1) send();
        run.push(item);
      }
      send();
    });
  }

  #applyRemote(room: Room, from: number, to: number, update: Uint8Array): void {
    if (room.unloaded || room.failed) return;
    if (room.seqs.covers(from, to)) return;
    this.#settings.metrics.clusterRemoteUpdates.inc();
    try {
      Y.applyUpdate(room.doc, update, REMOTE_ORIGIN);
    } catch (error) {
      this.#settings.logger.warn('an update from another node did not apply; reading the store instead', { room: room.name, error });
      void this.catchUp(room, 'bad-message');
      return;
    }
    room.seqs.add(from, to);
    if (room.seqs.hasGap) this.#gapSeen(room);
  }

  #applyRemoteAwareness(room: Room, update: Uint8Array): void {
    if (room.unloaded) return;
    try {
      awarenessProtocol.applyAwarenessUpdate(room.awareness, update, REMOTE_ORIGIN);
    } catch (error) {
      this.#settings.logger.warn('awareness from another node did not apply', { room: room.name, error });
    }
  }

  /** A seq is missing: wait a moment (it may be a message overtaken by another), then read the store. */
  #gapSeen(room: Room): void {
    if (room.gapTimer) return;
    room.gapTimer = setTimeout(() => {
      room.gapTimer = undefined;
      if (room.seqs.hasGap) void this.catchUp(room, 'gap');
    }, this.#settings.gapGraceMs ?? 150);
    room.gapTimer.unref();
  }

  /** Reads from the store everything of the room after the seq this node holds, applies and relays it. */
  async catchUp(room: Room, reason: string): Promise<void> {
    if (room.unloaded || room.failed || !this.backend.shared) return;
    if (room.catchingUp) {
      room.catchUpAgain = true;
      return;
    }
    room.catchingUp = true;
    const { metrics, logger } = this.#settings;
    try {
      const from = room.seq;
      const read = await this.backend.readSince(room.name, from);
      if (room.unloaded || room.failed) return;
      if (read.seq > from) {
        metrics.clusterCatchUps.inc(1, reason);
        logger.info('caught up from the store', {
          room: room.name,
          reason,
          from,
          to: read.seq,
          updates: read.updates.length,
          snapshot: read.snapshot !== undefined,
        });
        Y.transact(
          room.doc,
          () => {
            if (read.snapshot) Y.applyUpdate(room.doc, read.snapshot.data, REMOTE_ORIGIN);
            for (const u of read.updates) Y.applyUpdate(room.doc, u.data, REMOTE_ORIGIN);
          },
          REMOTE_ORIGIN,
        );
        room.seqs.advanceTo(read.seq);
      }
    } catch (error) {
      metrics.clusterCatchUpFailures.inc();
      logger.warn('catching up from the store failed; will retry', { room: room.name, reason, error });
    } finally {
      room.catchingUp = false;
      if (room.catchUpAgain) {
        room.catchUpAgain = false;
        void this.catchUp(room, reason);
      }
    }
  }

  /** Every loaded room catches up (Redis came back: what was published meanwhile is lost). */
  catchUpAll(reason: string): void {
    for (const room of this.rooms.values()) void this.catchUp(room, reason);
  }

  /** A trailing message lost (nothing after it to show the gap) is found here: the store has a newer seq. */
  async #pollSeqs(): Promise<void> {
    if (this.#polling || this.rooms.size === 0) return;
    this.#polling = true;
    try {
      const seqs = await this.backend.lastSeqs([...this.rooms.keys()]);
      for (const [name, seq] of seqs) {
        const room = this.rooms.get(name);
        if (!room) continue;
        // What the store held at the previous poll has had a whole interval to arrive through
        // Redis: still missing, it was lost. (Comparing with the newest seq now would read the
        // store for every message merely in flight.)
        if (room.polledSeq > room.seq && !room.catchingUp) void this.catchUp(room, 'poll');
        room.polledSeq = seq;
      }
    } catch (error) {
      this.#settings.logger.debug('polling the store for seqs failed', { error });
    } finally {
      this.#polling = false;
    }
  }

  /** A failed commit: nothing of it was relayed. Drop the room's memory and its peers, who resync on reconnect. */
  #fail(room: Room, error: Error): void {
    if (room.failed) return;
    room.failed = true;
    this.#settings.metrics.commitFailures.inc();
    const shared = this.backend.shared;
    this.#settings.logger.error('commit failed; room dropped from memory, its clients will resync', { room: room.name, error });
    const [code, reason] = shared
      ? [CloseCode.storageUnavailable, 'storage unavailable: your last edits were not stored; reconnect']
      : [CloseCode.internalError, 'storage failure, reconnect'];
    for (const peer of [...room.peers]) peer.close(code, reason);
    this.#drop(room);
  }

  /** Writes a snapshot from the in-memory doc (no reload) and drops the log it covers. */
  compact(room: Room): Promise<void> {
    if (room.unloaded || room.failed || room.compacting) return Promise.resolve();
    this.group.flush();
    if (room.unloaded || room.failed || room.pending > 0 || room.tailUpdates === 0) return Promise.resolve();
    const start = performance.now();
    const { metrics, logger } = this.#settings;
    room.compacting = true;
    return new Promise<void>((resolve) => {
      let result;
      try {
        result = this.backend.compact(room.name, { state: encodeCommittedState(room.doc), throughSeq: room.seq });
      } catch (error) {
        room.compacting = false;
        logger.error('compaction failed', { room: room.name, error });
        return resolve();
      }
      whenReady(
        result,
        (done) => {
          room.compacting = false;
          if (done) {
            room.snapshotBytes = done.snapshotBytes;
            room.tailUpdates = done.tailUpdates;
            room.tailBytes = done.tailBytes;
            metrics.compactions.inc();
            logger.debug('room compacted', {
              room: room.name,
              seq: done.seq,
              bytes: done.snapshotBytes,
              ms: round(performance.now() - start),
            });
          } else if (this.backend.shared) metrics.compactionsSkipped.inc();
          resolve();
        },
        (error) => {
          room.compacting = false;
          logger.error('compaction failed', { room: room.name, error });
          resolve();
        },
      );
    });
  }

  async unload(room: Room): Promise<void> {
    if (room.unloaded || room.peers.size > 0) return;
    const opens = room.opens;
    await this.compact(room);
    // Someone came back while the snapshot was written: keep it.
    if (room.unloaded || room.peers.size > 0 || room.opens !== opens) return;
    this.#drop(room);
    this.#settings.logger.debug('room unloaded', { room: room.name });
  }

  #drop(room: Room): void {
    if (this.rooms.get(room.name) === room) {
      this.rooms.delete(room.name);
      this.fanout?.leave(room.name);
    }
    room.destroy();
  }

  /** Commits whatever is queued, then forgets every room (shutdown). */
  async closeAll(): Promise<void> {
    clearInterval(this.#poll);
    await this.group.idle();
    for (const room of this.rooms.values()) room.relay.flush();
    for (const room of [...this.rooms.values()]) this.#drop(room);
  }
}

const round = (ms: number) => Math.round(ms * 100) / 100;
