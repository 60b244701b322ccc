import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import { CloseCode, type Role } from '../../shared/sync/contract.ts';
import { readAwarenessEntries } from './awareness-entries.ts';
import { dropPending, encodeCommittedState, pendingBytes } from './committed-state.ts';
import type { Logger } from './logger.ts';
import type { Metrics } from './metrics.ts';
import type { Limits } from './options.ts';
import { decideWrite, isUnrestricted, ownershipOf, type Principal } from '../../shared/governance/write-policy.ts';
import { readUpdateScope, type UpdateScope } from '../../shared/doc/update-scope.ts';
import { encodeRefusedShape, shapeOfUpdate } from '../../shared/governance/refused-update.ts';
import type { Authorship, ChangeRecord } from '../store/index.ts';
import {
  encodeAwareness,
  encodePermissionDenied,
  encodeSyncStep1,
  encodeSyncStep2,
  parseClientMessage,
  ProtocolError,
} from './protocol.ts';
import { refusalFiller } from './refusal-filler.ts';
import { TokenBucket } from './rate-limit.ts';
import type { Peer, Room, RoomManager } from './rooms.ts';

export interface ConnectionContext {
  readonly manager: RoomManager;
  readonly limits: Limits;
  readonly metrics: Metrics;
  readonly logger: Logger;
}

let nextId = 1;

/** The origin of the fillers standing in for refused writes (relayed to everyone, committed like any update). */
export const REFUSAL_ORIGIN = Symbol('refused write');

/** WebSocket close reasons are at most 123 bytes of UTF-8. */
export function closeReason(text: string): string {
  let out = text;
  while (Buffer.byteLength(out) > 123) out = out.slice(0, -1);
  return out;
}

/**
 * One client in one room: parses its frames, enforces the per-connection limits, and turns its
 * messages into room operations. Any violation closes this connection only, with a code and reason.
 */
export class Connection implements Peer {
  readonly id = nextId++;
  readonly awarenessClients = new Set<number>();
  readonly ws: WebSocket;
  readonly room: Room;
  readonly role: Role;
  /** Who this is, as far as the write policy is concerned (role, team, name from the token). */
  readonly principal: Principal;
  readonly remote: string;
  /** Updates that could not be placed yet (see #receiveUpdate), and their size. */
  readonly #deferred: Uint8Array[] = [];
  #deferredBytes = 0;
  readonly mayPresent: boolean;
  heldBack = false;
  changesInFlight: { readonly changes: readonly ChangeRecord[]; readonly by: Authorship } | undefined;
  readonly #authorship: Authorship;
  alive = true;
  /** Bytes that may be queued for this client before it is shed (grows with a large first sync). */
  #bufferAllowance: number;
  /** Set once we closed it for a violation: nothing more it sends is read. */
  #refused = false;
  #corked = false;
  readonly #ctx: ConnectionContext;
  readonly #messages: TokenBucket;
  readonly #bytes: TokenBucket;

  constructor(ws: WebSocket, room: Room, principal: Principal, remote: string, ctx: ConnectionContext) {
    this.ws = ws;
    this.room = room;
    this.role = principal.role;
    this.principal = principal;
    this.#authorship = { author: principal.name, team: principal.team };
    this.remote = remote;
    this.#ctx = ctx;
    this.mayPresent = principal.role !== 'viewer' && principal.role !== 'commenter';
    this.#bufferAllowance = ctx.limits.maxBufferedBytes;
    this.#messages = new TokenBucket(ctx.limits.messageBurst, ctx.limits.messagesPerSecond);
    this.#bytes = new TokenBucket(ctx.limits.byteBurst, ctx.limits.bytesPerSecond);
  }

  start(): void {
    const { manager, metrics, logger } = this.#ctx;
    manager.join(this.room, this);
    metrics.connectionsOpened.inc(1, this.role);
    logger.debug('connection opened', { conn: this.id, room: this.room.name, role: this.role, remote: this.remote });
    this.ws.on('message', (data: Buffer, isBinary: boolean) => {
      try {
        this.#onMessage(data, isBinary);
      } catch (error) {
        // Whatever went wrong, it ends here: this connection closes, the room and the process go on.
        metrics.handlerFailures.inc();
        logger.error('handling a message failed; connection closed', { conn: this.id, room: this.room.name, error });
        this.refuse(CloseCode.internalError, 'internal error while handling a message');
      }
    });
    this.ws.on('pong', () => (this.alive = true));
    this.ws.on('error', (error) => logger.debug('connection error', { conn: this.id, error }));
    this.ws.on('close', (code: number, reason: Buffer) => {
      try {
        manager.leave(this.room, this);
      } catch (error) {
        logger.error('leaving the room failed', { conn: this.id, room: this.room.name, error });
      }
      logger.debug('connection closed', { conn: this.id, room: this.room.name, code, reason: reason.toString() });
    });
    // The server's half of the handshake: its state vector (so an editor sends what the server
    // lacks) and everyone's awareness. A viewer's writes would be dropped, so it is not asked.
    if (this.role !== 'viewer') this.send(encodeSyncStep1(Y.encodeStateVector(this.room.doc)));
    this.#sendPresence();
  }

  #sendPresence(): void {
    const states = this.room.presence.snapshot();
    if (states) this.send(encodeAwareness(states));
  }

  /**
   * Queues a message. A client whose queue is already past its allowance does not read: it is shed
   * (close 1013, it resyncs on reconnect) rather than growing the server's memory. The check is
   * made before queuing, so one large message (a newcomer's first sync) goes, and raises this
   * connection's allowance by its size until it has drained; a second one while the queue is still
   * past the base allowance sheds the client. Memory per connection: at most twice the base
   * allowance plus one document.
   */
  send(message: Uint8Array): void {
    if (this.ws.readyState !== this.ws.OPEN) return;
    const buffered = this.ws.bufferedAmount;
    if (buffered > this.#bufferAllowance) {
      this.refuse(CloseCode.tryAgainLater, 'client too slow: send buffer full');
      // The close frame waits behind what the client does not read: give it a moment, then cut.
      setTimeout(() => this.ws.terminate(), 1000).unref();
      return;
    }
    const base = this.#ctx.limits.maxBufferedBytes;
    if (message.byteLength > base) {
      // One large reply at a time: a client that asks for the whole document again and again
      // without reading would otherwise grow the allowance without bound.
      if (buffered > base) {
        this.refuse(CloseCode.tryAgainLater, 'client too slow: send buffer full');
        setTimeout(() => this.ws.terminate(), 1000).unref();
        return;
      }
      this.#bufferAllowance = buffered + message.byteLength + base;
    } else if (buffered === 0) this.#bufferAllowance = base;
    this.#cork();
    this.ws.send(message);
    this.#ctx.metrics.messagesSent.inc();
    this.#ctx.metrics.bytesSent.inc(message.byteLength);
  }

  /**
   * Everything sent to this client during one turn of the event loop (a group commit relays several
   * updates at once) leaves in one write: one system call instead of one per message, which is
   * most of the server's CPU at 100 clients. ws has no public cork; its socket is `_socket`.
   */
  #cork(): void {
    if (this.#corked) return;
    const socket = (this.ws as unknown as { _socket?: { cork(): void; uncork(): void } })._socket;
    if (!socket) return;
    this.#corked = true;
    socket.cork();
    process.nextTick(() => {
      this.#corked = false;
      socket.uncork();
    });
  }

  probe(timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      if (this.ws.readyState !== this.ws.OPEN) return resolve(false);
      const onPong = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.ws.off('pong', onPong);
        resolve(false);
      }, timeoutMs);
      timer.unref();
      this.ws.once('pong', onPong);
      this.ws.ping();
    });
  }

  terminate(): void {
    this.ws.terminate();
  }

  close(code: number, reason: string): void {
    if (this.ws.readyState === this.ws.OPEN || this.ws.readyState === this.ws.CONNECTING) this.ws.close(code, closeReason(reason));
  }

  /** Closes for a violation; nothing it sends afterwards is read. */
  refuse(code: number, reason: string): void {
    if (this.#refused) return;
    this.#refused = true;
    this.#ctx.metrics.connectionsClosedByServer.inc(1, String(code));
    this.#ctx.logger.warn('connection closed by server', { conn: this.id, room: this.room.name, remote: this.remote, code, reason });
    this.close(code, reason);
  }

  /**
   * A document update from this client. Unless the person may change anything (an approver, or
   * anyone on a server without a secret), the update's scope is read against the room's document
   * and the write policy decides on it as a whole (shared/governance/write-policy.ts). An update
   * that cannot be placed yet — it follows changes the server has not received, as an edit typed
   * during a reconnect handshake does — waits, unapplied, until this client's next update lands.
   */
  #receiveUpdate(update: Uint8Array): void {
    const { metrics, limits } = this.#ctx;
    // Read for everyone: the change log records what each update touched and who made it.
    const scope = readUpdateScope(this.room.doc, update);
    if (isUnrestricted(this.principal)) {
      this.#apply(update, scope);
      return;
    }
    if (scope.unplaced > 0) {
      this.#deferredBytes += update.byteLength;
      if (this.#deferredBytes > limits.maxHeldBackBytes) {
        metrics.updatesRefused.inc(1, 'missing-dependencies');
        this.refuse(
          CloseCode.rateLimited,
          `too many changes waiting for changes the server never received (limit ${limits.maxHeldBackBytes} bytes)`,
        );
        return;
      }
      this.#deferred.push(update);
      return;
    }
    const decision = decideWrite(this.principal, scope, ownershipOf(this.room.doc));
    if (!decision.ok) {
      this.#refuseWrite(update, decision.reason);
      return;
    }
    if (this.#apply(update, scope)) this.#retryDeferred();
  }

  #retryDeferred(): void {
    if (this.#deferred.length === 0) return;
    const waiting = this.#deferred.splice(0);
    this.#deferredBytes = 0;
    for (const update of waiting) {
      if (this.#refused) return;
      this.#receiveUpdate(update);
    }
  }

  /**
   * A write the person may not make: nothing of it is applied, stored or relayed. The client is
   * told why (y-protocols' permission-denied message), and the clock range it used is filled so
   * the person's later edits still integrate (refusal-filler.ts). The connection stays open.
   */
  #refuseWrite(update: Uint8Array, reason: string): void {
    const { metrics, logger } = this.#ctx;
    metrics.updatesRefused.inc(1, 'permission-denied');
    logger.info('write refused', { conn: this.id, room: this.room.name, role: this.role, team: this.principal.team, reason });
    // Which update it was, by id (never its content), so the app takes exactly that one back.
    this.send(encodePermissionDenied(reason, encodeRefusedShape(shapeOfUpdate(update))));
    const filler = refusalFiller(this.room.doc, update);
    if (filler) Y.applyUpdate(this.room.doc, filler, REFUSAL_ORIGIN);
  }

  /** Applies an update to the room's document (which commits, then relays it); false if it was refused. */
  #apply(update: Uint8Array, scope: UpdateScope): boolean {
    const { metrics, limits, logger } = this.#ctx;
    const room = this.room;
    // What waits for missing clocks is in memory too: it counts toward the room's size.
    if (!this.#ctx.manager.admits(room, update.byteLength + pendingBytes(room.doc), limits.maxDocumentBytes)) {
      metrics.updatesRefused.inc(1, 'document-too-large');
      this.refuse(CloseCode.documentTooLarge, `document too large (limit ${limits.maxDocumentBytes} bytes)`);
      return false;
    }
    try {
      // Its effective change reaches the room's update handler, which commits, then relays it
      // (and logs what it changed, read from here).
      this.changesInFlight = {
        changes: scope.touches.map(({ kind, root, key, field }) => ({ kind, root, key, field })),
        by: this.#authorship,
      };
      Y.applyUpdate(room.doc, update, this);
    } catch (error) {
      logger.warn('update failed to apply', { conn: this.id, room: room.name, error });
      this.refuse(CloseCode.malformed, 'malformed message: update does not apply');
      return false;
    } finally {
      this.changesInFlight = undefined;
    }
    const heldBack = pendingBytes(room.doc);
    if (heldBack > 0) this.heldBack = true;
    if (heldBack > limits.maxHeldBackBytes) {
      // Never committed, never sent: forgetting it loses nothing a real client would not resend.
      dropPending(room.doc);
      metrics.updatesRefused.inc(1, 'missing-dependencies');
      this.refuse(
        CloseCode.rateLimited,
        `too many changes waiting for changes the server never received (limit ${limits.maxHeldBackBytes} bytes)`,
      );
      return false;
    }
    return true;
  }

  #onMessage(data: Buffer, isBinary: boolean): void {
    if (this.#refused || this.room.unloaded) return;
    const { metrics, limits } = this.#ctx;
    metrics.bytesReceived.inc(data.byteLength);
    if (!this.#messages.take(1) || !this.#bytes.take(data.byteLength)) {
      metrics.messagesReceived.inc(1, 'refused');
      this.refuse(CloseCode.rateLimited, 'rate limit exceeded');
      return;
    }
    if (!isBinary) {
      metrics.messagesReceived.inc(1, 'invalid');
      this.refuse(CloseCode.unsupportedData, 'binary messages only');
      return;
    }
    let message;
    try {
      message = parseClientMessage(data);
    } catch (error) {
      metrics.messagesReceived.inc(1, 'invalid');
      this.refuse(CloseCode.malformed, `malformed message: ${error instanceof ProtocolError ? error.message : 'unreadable'}`);
      return;
    }
    metrics.messagesReceived.inc(1, message.kind);
    const room = this.room;
    switch (message.kind) {
      case 'sync-step1': {
        let stateVector: Uint8Array;
        try {
          Y.decodeStateVector(message.stateVector);
          stateVector = message.stateVector;
        } catch {
          this.refuse(CloseCode.malformed, 'malformed message: bad state vector');
          return;
        }
        // Only committed state leaves the server: wait for the commit in progress, if any.
        room.whenCommitted(() => this.send(encodeSyncStep2(encodeCommittedState(room.doc, stateVector))));
        return;
      }
      case 'sync-step2':
      case 'sync-update': {
        if (this.role === 'viewer') {
          metrics.viewerWritesDropped.inc();
          return;
        }
        try {
          Y.decodeUpdate(message.update);
        } catch {
          this.refuse(CloseCode.malformed, 'malformed message: not a Yjs update');
          return;
        }
        // After any sync reply still waiting for commits in flight (rooms.ts, whenCommitted).
        const update = message.update;
        room.admitWrite(() => {
          if (!this.#refused) this.#receiveUpdate(update);
        });
        return;
      }
      case 'awareness': {
        let entries;
        try {
          entries = readAwarenessEntries(message.update, {
            maxEntries: limits.maxAwarenessEntries,
            maxStateBytes: limits.maxAwarenessStateBytes,
            maxStateDepth: limits.maxAwarenessStateDepth,
          });
        } catch (error) {
          this.refuse(CloseCode.malformed, `malformed message: ${error instanceof ProtocolError ? error.message : 'bad awareness update'}`);
          return;
        }
        // Presence is not persisted: the room's relay sends it on within its window.
        const problem = room.presence.apply(this, entries);
        if (problem) this.refuse(CloseCode.rateLimited, problem);
        return;
      }
      case 'query-awareness': {
        this.#sendPresence();
        return;
      }
    }
  }
}
