import type { IncomingMessage, ServerResponse } from 'node:http';
import { isLoopback } from '../auth/authorize.ts';
import { HISTORY_PATH_PREFIX, SYNC_PATH_PREFIX } from '../../shared/sync/contract.ts';
import { serveHistory, type HistoryDeps } from './history-endpoint.ts';
import type { Metrics } from './metrics.ts';
import { serveStatic } from './static-files.ts';

export interface HttpContext {
  readonly metrics: Metrics;
  readonly health: () => { ok: boolean; rooms: number; connections: number };
  readonly staticDir: string | undefined;
  /** Without a secret and without --open, only loopback clients are served. */
  readonly loopbackOnly: boolean;
  /** The change log endpoint's access to tokens and the store. */
  readonly history?: HistoryDeps;
}

function send(res: ServerResponse, status: number, type: string, body: string, method: string | undefined): void {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store' });
  res.end(method === 'HEAD' ? undefined : body);
}

/** The plain-HTTP side of the one port: `/healthz`, `/metrics`, `/history/<room>`, and the web edition at `/`. */
export function handleHttp(ctx: HttpContext, req: IncomingMessage, res: ServerResponse): void {
  const method = req.method;
  if (ctx.loopbackOnly && !isLoopback(req.socket.remoteAddress)) {
    send(res, 403, 'text/plain; charset=utf-8', 'this server accepts local connections only\n', method);
    return;
  }
  if (method !== 'GET' && method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    send(res, 405, 'text/plain; charset=utf-8', 'method not allowed\n', method);
    return;
  }
  let url: URL;
  try {
    url = new URL(req.url ?? '/', 'http://localhost');
  } catch {
    send(res, 400, 'text/plain; charset=utf-8', 'bad request\n', method);
    return;
  }
  const pathname = url.pathname;
  if (pathname.startsWith(HISTORY_PATH_PREFIX) && ctx.history) {
    serveHistory(req, res, url, pathname.slice(HISTORY_PATH_PREFIX.length), ctx.history).catch(() => {
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'the history could not be read\n', method);
      else res.destroy();
    });
    return;
  }
  if (pathname === '/healthz') {
    const health = ctx.health();
    send(res, health.ok ? 200 : 503, 'application/json', JSON.stringify(health), method);
    return;
  }
  if (pathname === '/metrics') {
    send(res, 200, 'text/plain; version=0.0.4; charset=utf-8', ctx.metrics.render(), method);
    return;
  }
  if (pathname.startsWith(SYNC_PATH_PREFIX)) {
    res.setHeader('Upgrade', 'websocket');
    send(res, 426, 'text/plain; charset=utf-8', 'this is a WebSocket endpoint (y-websocket protocol)\n', method);
    return;
  }
  if (ctx.staticDir && serveStatic(ctx.staticDir, pathname, req, res)) return;
  const hint = ctx.staticDir ? '' : ' (this server has no web edition configured: start it with --static DIR)';
  send(res, 404, 'text/plain; charset=utf-8', `not found${hint}\n`, method);
}
