import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { CloseCode, SYNC_PATH_PREFIX } from '../../shared/sync/contract.ts';
import { authorize, type Decision } from '../auth/authorize.ts';
import { originRefusal } from '../auth/origin.ts';
import { watchRevocations } from '../auth/revocations.ts';
import { checkSecret } from '../auth/token.ts';
import { connectFanout, type Fanout } from '../cluster/fanout.ts';
import { openPostgresStore, openStore, sqliteBackend, type RoomBackend } from '../store/index.ts';
import { Admission } from './admission.ts';
import { Connection, closeReason } from './connection.ts';
import { handleHttp } from './http.ts';
import { createMetrics } from './metrics.ts';
import { guardProcess } from './process-guard.ts';
import { resolveOptions, type ServerOptions } from './options.ts';
import { RoomManager } from './rooms.ts';
import { StorageQuota } from './storage-quota.ts';

export const STORE_FILE = 'journeyscroll.sqlite';

export interface RunningServer {
  readonly host: string;
  /** The port actually listened on (useful with port 0). */
  readonly port: number;
  /** `ws://HOST:PORT/sync` (`wss://` with TLS): give it to a WebsocketProvider as its server URL. */
  readonly syncUrl: string;
  readonly httpUrl: string;
  readonly stats: () => { rooms: number; connections: number };
  /**
   * Graceful stop: refuse new connections, commit what is queued, close every client with 1001,
   * wait for them (at most `closeGraceMs`), commit what they sent meanwhile, close the store.
   */
  close(): Promise<void>;
}

const urlHost = (host: string) => (host.includes(':') ? `[${host}]` : host);

function rejectUpgrade(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** A y-websocket sync step 2 or update: the messages that write to the document (type 0, subtype 1 or 2). */
const isDocumentWrite = (data: Buffer) => data.byteLength > 2 && data[0] === 0 && (data[1] === 1 || data[1] === 2);

/** Longest a timer may be set for (setTimeout's limit, ~24.8 days); longer waits re-arm. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Starts the sync server (HTTP + WebSocket on one port). The desktop app embeds it the same way. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const opts = resolveOptions(options);
  const { logger, limits } = opts;
  if (opts.secret) checkSecret(opts.secret);
  const ownStore = !opts.store;
  const onStoreError = (error: object) => logger.error('damaged entry in the store', { ...error });
  const backend: RoomBackend = opts.postgresUrl
    ? await openPostgresStore(opts.postgresUrl, {
        onError: onStoreError,
        onPoolError: (error) => logger.warn('a PostgreSQL connection was lost; the pool replaces it', { error }),
      })
    : sqliteBackend(
        opts.store ??
          openStore(join(opts.dataDir!, STORE_FILE), {
            durability: opts.durability,
            // Updates reaching the store are the effective changes Yjs itself encoded: already valid.
            validateUpdates: false,
            onError: onStoreError,
          }),
      );
  let fanout: Fanout | undefined;
  if (opts.redisUrl) {
    try {
      fanout = await connectFanout(opts.redisUrl, {
        onReconnect: () => {
          logger.warn('Redis is back: every loaded room catches up from the store');
          manager.catchUpAll('redis-reconnect');
        },
        onDown: (error) => {
          metrics.redisDisconnects.inc();
          logger.warn("Redis unreachable: serving this node's clients alone; other nodes are caught up from the store", { error });
        },
        onPublishFailed: () => metrics.clusterPublishFailures.inc(),
        onMessage: (kind) => metrics.clusterMessages.inc(1, kind),
      });
    } catch (error) {
      await backend.close();
      throw error;
    }
  }

  const unguard = opts.guardProcess ? guardProcess(logger) : () => {};
  const connections = new Set<Connection>();
  // The gauges are read at scrape time, after `manager` and `quota` exist.
  const metrics = createMetrics({
    rooms: () => manager.rooms.size,
    connections: () => connections.size,
    storedBytes: () => quota.used,
    ...(backend.shared ? { cluster: { redisUp: () => (fanout ? (fanout.up ? 1 : 0) : -1) } } : {}),
  });
  const manager = new RoomManager(
    backend,
    {
      compaction: opts.compaction,
      roomIdleMs: opts.roomIdleMs,
      relayTiming: opts.relayTiming,
      maxAwarenessClients: limits.maxAwarenessClients,
      awarenessClaimTimeoutMs: opts.awarenessClaimTimeoutMs,
      catchUpPollMs: opts.catchUpPollMs,
      logger,
      metrics,
    },
    fanout,
  );
  const admission = new Admission(limits);
  const quota = new StorageQuota(
    () => backend.storedBytes(),
    limits.maxStoredBytes,
    () => manager.group.flush(),
  );
  /** Open connections by the id of the token they came with: what a revocation ends. */
  const byTokenId = new Map<string, Set<Connection>>();
  const revoked = opts.secret && opts.revocationsFile ? watchRevocationsFile(opts.revocationsFile) : undefined;
  let closing = false;

  function watchRevocationsFile(file: string) {
    return watchRevocations(file, {
      onRevoked: (ids) => {
        for (const id of ids) {
          const open = byTokenId.get(id);
          logger.info('token revoked', { id, connections: open?.size ?? 0 });
          for (const conn of open ?? []) {
            metrics.tokenCloses.inc(1, 'revoked');
            conn.refuse(CloseCode.unauthorized, 'token revoked');
          }
        }
      },
      onError: (error) => logger.error('revocation file unreadable; the last revocations read still apply', { file, error }),
    });
  }

  const health = () => ({ ok: !closing, rooms: manager.rooms.size, connections: connections.size });
  const onRequest = (req: IncomingMessage, res: ServerResponse) =>
    handleHttp(
      {
        metrics,
        health,
        staticDir: opts.staticDir,
        loopbackOnly: !opts.secret && !opts.open,
        history: {
          authorize: decide,
          listChanges: (room, options) => backend.listChanges(room, options),
          stateAt: (room, at) => backend.stateAt(room, at),
        },
      },
      req,
      res,
    );
  const http = opts.tls ? createHttpsServer({ cert: opts.tls.cert, key: opts.tls.key }, onRequest) : createHttpServer(onRequest);
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes, perMessageDeflate: false, clientTracking: false });

  function refuse(ws: WebSocket, code: number, reason: string, remote: string | undefined): void {
    metrics.connectionsRefused.inc(1, String(code));
    logger.warn('connection refused', { code, reason, remote });
    ws.close(code, closeReason(reason));
  }

  /** Ends the connection when its token expires (timers re-arm past setTimeout's ~24.8-day limit). */
  function closeAtExpiry(conn: Connection, expiresAt: number): void {
    let timer: NodeJS.Timeout;
    const check = () => {
      const left = expiresAt - Date.now();
      if (left > 0) {
        timer = setTimeout(check, Math.min(left, MAX_TIMER_MS));
        timer.unref();
        return;
      }
      metrics.tokenCloses.inc(1, 'expired');
      conn.refuse(CloseCode.unauthorized, 'token expired');
    };
    check();
    conn.ws.once('close', () => clearTimeout(timer));
  }

  function track(conn: Connection, id: string): void {
    let set = byTokenId.get(id);
    if (!set) byTokenId.set(id, (set = new Set()));
    set.add(conn);
    conn.ws.once('close', () => {
      set.delete(conn);
      if (set.size === 0 && byTokenId.get(id) === set) byTokenId.delete(id);
    });
  }

  const loadFailure = (): [number, string] =>
    backend.shared
      ? [CloseCode.storageUnavailable, 'storage unavailable: room failed to load']
      : [CloseCode.internalError, 'room failed to load'];

  /**
   * The socket is open and authorised: count it against the limits, then let it join its room.
   * It is paused meanwhile (nothing it sends is read, nor lost) while the store answers.
   */
  async function accept(ws: WebSocket, req: IncomingMessage, room: string, decision: Decision & { ok: true }): Promise<void> {
    ws.pause();
    try {
      await acceptPaused(ws, req, room, decision);
    } finally {
      // Also after a refusal: a paused socket would not read the client's answer to our close.
      ws.resume();
    }
  }

  async function acceptPaused(ws: WebSocket, req: IncomingMessage, room: string, decision: Decision & { ok: true }): Promise<void> {
    const remote = req.socket.remoteAddress;
    if (closing) return void ws.close(CloseCode.goingAway, 'server shutting down');
    // Checked again now: the token may have been revoked while its signature was being verified.
    if (decision.token?.id !== undefined && revoked?.has(decision.token.id)) {
      return refuse(ws, CloseCode.unauthorized, 'token revoked', remote);
    }
    let newRoom: boolean;
    try {
      newRoom = !(await manager.exists(room));
    } catch (error) {
      logger.error('room failed to load', { room, error });
      return void ws.close(...loadFailure());
    }
    const admitted = admission.enter(remote, newRoom);
    if (!admitted.ok) {
      metrics.limitRefusals.inc(1, admitted.limit);
      return refuse(ws, admitted.code, admitted.reason, remote);
    }
    ws.once('close', admitted.release);
    let loaded;
    try {
      loaded = await manager.open(room);
    } catch (error) {
      logger.error('room failed to load', { room, error });
      return void ws.close(...loadFailure());
    }
    if (closing) return void ws.close(CloseCode.goingAway, 'server shutting down');
    if (loaded.unloaded) return void ws.close(CloseCode.tryAgainLater, 'room was unloaded, reconnect');
    if (ws.readyState !== ws.OPEN) return;
    const principal = { role: decision.role, team: decision.team, name: decision.name };
    const conn = new Connection(ws, loaded, principal, remote ?? '', { manager, limits, metrics, logger });
    connections.add(conn);
    ws.on('close', () => connections.delete(conn));
    if (decision.token) {
      if (decision.token.id !== undefined) track(conn, decision.token.id);
      closeAtExpiry(conn, decision.token.expiresAt);
    }
    // The data folder's cap, checked before the connection reads the message (this listener runs
    // first; once refused, the connection reads nothing more it sends).
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (conn.role === 'viewer' || !isBinary || !isDocumentWrite(data) || quota.admits(data.byteLength)) return;
      metrics.limitRefusals.inc(1, 'stored_bytes');
      conn.refuse(CloseCode.storageFull, `the server's storage is full (limit ${limits.maxStoredBytes} bytes)`);
    });
    conn.start();
  }

  /** Origin, then token: what can be decided before the WebSocket handshake completes. */
  async function decide(req: IncomingMessage, room: string, token: string | null): Promise<Decision> {
    if (!opts.secret) {
      const header = req.headers.origin;
      const why = originRefusal(
        { origin: Array.isArray(header) ? header[0] : header, host: req.headers.host, secure: opts.tls !== undefined },
        { allowed: opts.allowedOrigins, loopbackOnly: !opts.open },
      );
      if (why !== null) {
        metrics.originRefusals.inc();
        return { ok: false, code: CloseCode.forbidden, reason: why };
      }
    }
    return authorize(
      { room, token, remoteAddress: req.socket.remoteAddress },
      { secret: opts.secret, open: opts.open, isRevoked: (id) => revoked?.has(id) ?? false },
    );
  }

  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    if (closing) return rejectUpgrade(socket, 503, 'Service Unavailable');
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      return rejectUpgrade(socket, 400, 'Bad Request');
    }
    if (!url.pathname.startsWith(SYNC_PATH_PREFIX)) return rejectUpgrade(socket, 404, 'Not Found');
    const room = url.pathname.slice(SYNC_PATH_PREFIX.length);
    const token = url.searchParams.get('token');
    // The client sends no frame before the handshake completes, so nothing is missed while the
    // token is verified. Accept the WebSocket even when refusing: the client gets a code and a reason.
    void decide(req, room, token).then(
      (decision) => {
        if (socket.destroyed) return;
        wss.handleUpgrade(req, socket, head, (ws) =>
          decision.ok
            ? void accept(ws, req, room, decision).catch((error: unknown) => {
                logger.error('accepting a connection failed', { room, error });
                ws.terminate();
              })
            : refuse(ws, decision.code, decision.reason, req.socket.remoteAddress),
        );
      },
      (error: unknown) => {
        logger.error('admission failed', { error });
        rejectUpgrade(socket, 500, 'Internal Server Error');
      },
    );
  });
  wss.on('wsClientError', (_error, socket) => socket.destroy());
  http.on('clientError', (_error, socket) => socket.destroy());

  const heartbeat = setInterval(() => {
    for (const conn of connections) {
      if (!conn.alive) {
        conn.ws.terminate();
        continue;
      }
      conn.alive = false;
      conn.ws.ping();
    }
  }, opts.heartbeatMs);
  heartbeat.unref();
  const pruning = setInterval(() => admission.prune(), 60_000);
  pruning.unref();

  try {
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(opts.port, opts.host, () => {
        http.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    clearInterval(heartbeat);
    clearInterval(pruning);
    revoked?.close();
    await manager.closeAll();
    await fanout?.close();
    if (ownStore) await backend.close();
    unguard();
    throw error;
  }
  const port = (http.address() as AddressInfo).port;
  const host = opts.host;
  const syncUrl = `${opts.tls ? 'wss' : 'ws'}://${urlHost(host)}:${port}${SYNC_PATH_PREFIX.slice(0, -1)}`;
  const httpUrl = `${opts.tls ? 'https' : 'http'}://${urlHost(host)}:${port}`;
  logger.lifecycle('listening', {
    host,
    port,
    url: syncUrl,
    data: ownStore ? backend.description : undefined,
    store: backend.kind,
    ...(fanout ? { redis: true, node: fanout.nodeId } : {}),
    auth: opts.secret ? 'token' : opts.open ? 'open' : 'loopback-only',
    tls: opts.tls !== undefined,
    ...(revoked ? { revocations: opts.revocationsFile } : {}),
  });

  let closed: Promise<void> | null = null;
  async function close(): Promise<void> {
    closing = true;
    const start = performance.now();
    clearInterval(heartbeat);
    clearInterval(pruning);
    revoked?.close();
    const httpClosed = new Promise<void>((resolve) => http.close(() => resolve()));
    http.closeIdleConnections();
    manager.group.flush();
    const open = [...connections];
    let graceTimer: NodeJS.Timeout | undefined;
    logger.lifecycle('shutting down', { connections: open.length });
    await Promise.race([
      Promise.all(
        open.map(
          (conn) =>
            new Promise<void>((resolve) => {
              if (conn.ws.readyState === conn.ws.CLOSED) return resolve();
              conn.ws.once('close', () => resolve());
              conn.close(CloseCode.goingAway, 'server shutting down');
            }),
        ),
      ),
      new Promise((resolve) => (graceTimer = setTimeout(resolve, opts.closeGraceMs))),
    ]);
    clearTimeout(graceTimer);
    for (const conn of connections) conn.ws.terminate();
    // What clients sent before acknowledging the close was read and queued: commit it too.
    await manager.closeAll();
    http.closeAllConnections();
    await httpClosed;
    await fanout?.close();
    if (ownStore) await backend.close();
    unguard();
    logger.lifecycle('stopped', { ms: Math.round(performance.now() - start) });
  }

  return {
    host,
    port,
    syncUrl,
    httpUrl,
    stats: () => ({ rooms: manager.rooms.size, connections: connections.size }),
    close: () => (closed ??= close()),
  };
}
