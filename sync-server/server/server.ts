import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { CloseCode, SYNC_PATH_PREFIX } from '../../shared/sync/contract.ts';
import { authorize } from '../auth/authorize.ts';
import { checkSecret } from '../auth/token.ts';
import { openStore, type DocumentStore } from '../store/index.ts';
import { Connection, closeReason } from './connection.ts';
import { handleHttp } from './http.ts';
import { createMetrics } from './metrics.ts';
import { guardProcess } from './process-guard.ts';
import { resolveOptions, type ServerOptions } from './options.ts';
import { RoomManager } from './rooms.ts';

export const STORE_FILE = 'journeyscroll.sqlite';

export interface RunningServer {
  readonly host: string;
  /** The port actually listened on (useful with port 0). */
  readonly port: number;
  /** `ws://HOST:PORT/sync`: give it to a WebsocketProvider as its server URL. */
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

/** Starts the sync server (HTTP + WebSocket on one port). The desktop app embeds it the same way. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const opts = resolveOptions(options);
  const { logger, limits } = opts;
  if (opts.secret) checkSecret(opts.secret);
  const ownStore = !opts.store;
  const store: DocumentStore =
    opts.store ??
    openStore(join(opts.dataDir!, STORE_FILE), {
      durability: opts.durability,
      // Updates reaching the store are the effective changes Yjs itself encoded: already valid.
      validateUpdates: false,
      onError: (error) => logger.error('damaged entry in the store', { ...error }),
    });

  const unguard = opts.guardProcess ? guardProcess(logger) : () => {};
  const connections = new Set<Connection>();
  // The gauges are read at scrape time, after `manager` exists.
  const metrics = createMetrics({ rooms: () => manager.rooms.size, connections: () => connections.size });
  const manager = new RoomManager(store, {
    compaction: opts.compaction,
    roomIdleMs: opts.roomIdleMs,
    relayTiming: opts.relayTiming,
    maxAwarenessClients: limits.maxAwarenessClients,
    awarenessClaimTimeoutMs: opts.awarenessClaimTimeoutMs,
    logger,
    metrics,
  });
  let closing = false;

  const health = () => ({ ok: !closing, rooms: manager.rooms.size, connections: connections.size });
  const http = createServer((req, res) =>
    handleHttp({ metrics, health, staticDir: opts.staticDir, loopbackOnly: !opts.secret && !opts.open }, req, res),
  );
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes, perMessageDeflate: false, clientTracking: false });

  function refuse(ws: WebSocket, code: number, reason: string, remote: string | undefined): void {
    metrics.connectionsRefused.inc(1, String(code));
    logger.warn('connection refused', { code, reason, remote });
    ws.close(code, closeReason(reason));
  }

  function accept(ws: WebSocket, req: IncomingMessage, room: string, token: string | null): void {
    const remote = req.socket.remoteAddress;
    const decision = authorize({ room, token, remoteAddress: remote }, { secret: opts.secret, open: opts.open });
    if (!decision.ok) return refuse(ws, decision.code, decision.reason, remote);
    if (closing) return void ws.close(CloseCode.goingAway, 'server shutting down');
    let loaded;
    try {
      loaded = manager.open(room);
    } catch (error) {
      logger.error('room failed to load', { room, error });
      return void ws.close(CloseCode.internalError, 'room failed to load');
    }
    const principal = { role: decision.role, team: decision.team, name: decision.name };
    const conn = new Connection(ws, loaded, principal, remote ?? '', { manager, limits, metrics, logger });
    connections.add(conn);
    ws.on('close', () => connections.delete(conn));
    conn.start();
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
    // Accept the WebSocket even when refusing, so the client gets a close code and a reason.
    wss.handleUpgrade(req, socket, head, (ws) => accept(ws, req, room, token));
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
    if (ownStore) store.close();
    unguard();
    throw error;
  }
  const port = (http.address() as AddressInfo).port;
  const host = opts.host;
  const syncUrl = `ws://${urlHost(host)}:${port}${SYNC_PATH_PREFIX.slice(0, -1)}`;
  const httpUrl = `http://${urlHost(host)}:${port}`;
  logger.lifecycle('listening', {
    host,
    port,
    url: syncUrl,
    data: ownStore ? store.file : undefined,
    auth: opts.secret ? 'token' : opts.open ? 'open' : 'loopback-only',
  });

  let closed: Promise<void> | null = null;
  async function close(): Promise<void> {
    closing = true;
    const start = performance.now();
    clearInterval(heartbeat);
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
    manager.closeAll();
    http.closeAllConnections();
    await httpClosed;
    if (ownStore) store.close();
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
