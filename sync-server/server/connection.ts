import type { WebSocket } from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { CloseCode, type Role } from '../../shared/sync/contract.ts';
import type { Logger } from './logger.ts';
import type { Metrics } from './metrics.ts';
import type { Limits } from './options.ts';
import { encodeAwareness, encodeSyncStep1, encodeSyncStep2, parseClientMessage, ProtocolError } from './protocol.ts';
import { TokenBucket } from './rate-limit.ts';
import type { Peer, Room, RoomManager } from './rooms.ts';

export interface ConnectionContext {
  readonly manager: RoomManager;
  readonly limits: Limits;
  readonly metrics: Metrics;
  readonly logger: Logger;
}

let nextId = 1;

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
  readonly remote: string;
  alive = true;
  /** Set once we closed it for a violation: nothing more it sends is read. */
  #refused = false;
  #corked = false;
  readonly #ctx: ConnectionContext;
  readonly #messages: TokenBucket;
  readonly #bytes: TokenBucket;

  constructor(ws: WebSocket, room: Room, role: Role, remote: string, ctx: ConnectionContext) {
    this.ws = ws;
    this.room = room;
    this.role = role;
    this.remote = remote;
    this.#ctx = ctx;
    this.#messages = new TokenBucket(ctx.limits.messageBurst, ctx.limits.messagesPerSecond);
    this.#bytes = new TokenBucket(ctx.limits.byteBurst, ctx.limits.bytesPerSecond);
  }

  start(): void {
    const { manager, metrics, logger } = this.#ctx;
    manager.join(this.room, this);
    metrics.connectionsOpened.inc(1, this.role);
    logger.debug('connection opened', { conn: this.id, room: this.room.name, role: this.role, remote: this.remote });
    this.ws.on('message', (data: Buffer, isBinary: boolean) => this.#onMessage(data, isBinary));
    this.ws.on('pong', () => (this.alive = true));
    this.ws.on('error', (error) => logger.debug('connection error', { conn: this.id, error }));
    this.ws.on('close', (code: number, reason: Buffer) => {
      manager.leave(this.room, this);
      logger.debug('connection closed', { conn: this.id, room: this.room.name, code, reason: reason.toString() });
    });
    // The server's half of the handshake: its state vector (so an editor sends what the server
    // lacks) and everyone's awareness. A viewer's writes would be dropped, so it is not asked.
    if (this.role === 'editor') this.send(encodeSyncStep1(Y.encodeStateVector(this.room.doc)));
    const states = this.room.awareness.getStates();
    if (states.size > 0) this.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.room.awareness, [...states.keys()])));
  }

  send(message: Uint8Array): void {
    if (this.ws.readyState !== this.ws.OPEN) return;
    if (this.ws.bufferedAmount > this.#ctx.limits.maxBufferedBytes) {
      this.refuse(CloseCode.tryAgainLater, 'client too slow: send buffer full');
      return;
    }
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
        room.whenCommitted(() => this.send(encodeSyncStep2(Y.encodeStateAsUpdate(room.doc, stateVector))));
        return;
      }
      case 'sync-step2':
      case 'sync-update': {
        if (this.role === 'viewer') {
          metrics.viewerWritesDropped.inc();
          return;
        }
        const { update } = message;
        try {
          Y.decodeUpdate(update);
        } catch {
          this.refuse(CloseCode.malformed, 'malformed message: not a Yjs update');
          return;
        }
        if (!this.#ctx.manager.admits(room, update.byteLength, limits.maxDocumentBytes)) {
          this.refuse(CloseCode.documentTooLarge, `document too large (limit ${limits.maxDocumentBytes} bytes)`);
          return;
        }
        try {
          // Its effective change reaches the room's update handler, which commits, then relays it.
          Y.applyUpdate(room.doc, update, this);
        } catch (error) {
          this.#ctx.logger.warn('update failed to apply', { conn: this.id, room: room.name, error });
          this.refuse(CloseCode.malformed, 'malformed message: update does not apply');
        }
        return;
      }
      case 'awareness': {
        try {
          awarenessProtocol.applyAwarenessUpdate(room.awareness, message.update, this);
        } catch {
          this.refuse(CloseCode.malformed, 'malformed message: bad awareness update');
          return;
        }
        if (this.awarenessClients.size > limits.maxAwarenessClients) {
          this.refuse(CloseCode.rateLimited, 'too many awareness clients on one connection');
          return;
        }
        // Presence is not persisted: relay at once, as received.
        room.broadcast(data, this);
        return;
      }
      case 'query-awareness': {
        const states = room.awareness.getStates();
        if (states.size > 0) this.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(room.awareness, [...states.keys()])));
        return;
      }
    }
  }
}
