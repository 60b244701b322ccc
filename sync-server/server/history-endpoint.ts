import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Decision } from '../auth/authorize.ts';
import type { ChangeEntry, PastState } from '../store/types.ts';
import { isRoomName } from '../store/types.ts';

/**
 * `GET /history/<room>?since=MS&until=MS&limit=N` — the room's change log: for each stored update,
 * who made it (the token's name and team), when, and which entities and fields it touched. Anyone
 * who may open the room may read it (the same token, as `?token=` or `Authorization: Bearer`);
 * the answer is JSON `{room, changes: [{seq, at, author?, team?, kind, root, key?, field?}],
 * truncated}`, oldest first. The log survives compaction (docs/versions.md, "History").
 *
 * `GET /history/<room>/at?t=MS` — the room as it was at that moment: one Yjs update
 * (application/octet-stream) holding every update committed by then (time travel). 409 with the
 * reason when that moment is not kept.
 */
export interface HistoryDeps {
  readonly authorize: (req: IncomingMessage, room: string, token: string | null) => Promise<Decision>;
  readonly listChanges: (
    room: string,
    options: { since?: number; until?: number; limit?: number },
  ) => ChangeEntry[] | Promise<ChangeEntry[]>;
  readonly stateAt: (room: string, at: number) => PastState | Promise<PastState>;
}

export const MAX_HISTORY_ROWS = 20_000;

export async function serveHistory(req: IncomingMessage, res: ServerResponse, url: URL, path: string, deps: HistoryDeps): Promise<void> {
  const json = (status: number, body: unknown) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : text);
  };
  const at = path.endsWith('/at') ? path.slice(0, -3) : undefined;
  const room = at ?? path;
  if (!isRoomName(room)) return json(404, { error: 'no such room' });
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  const decision = await deps.authorize(req, room, url.searchParams.get('token') ?? bearer ?? null);
  if (!decision.ok) return json(decision.code === 4401 ? 401 : 403, { error: decision.reason });
  const number = (name: string, max: number): number | undefined | null => {
    const raw = url.searchParams.get(name);
    if (raw === null) return undefined;
    const n = Number(raw);
    return Number.isInteger(n) && n >= 0 && n <= max ? n : null;
  };
  if (at !== undefined) {
    const t = number('t', Number.MAX_SAFE_INTEGER);
    if (t === undefined || t === null) return json(400, { error: 't is the moment, in milliseconds since the epoch' });
    const past = await deps.stateAt(room, t);
    if (!past.ok) {
      const when = past.keptFrom !== undefined ? new Date(past.keptFrom).toISOString() : undefined;
      const why =
        past.reason === 'unknown-room'
          ? 'this room has no history'
          : past.reason === 'unsupported'
            ? 'this server keeps no history of past moments (time travel needs the SQLite store)'
            : past.reason === 'before-first'
              ? `the room's history begins at ${when}`
              : `this room's history before ${when ?? 'its first kept change'} was compacted before history was kept`;
      return json(past.reason === 'unknown-room' ? 404 : 409, { error: why });
    }
    res.writeHead(200, {
      'Content-Type': 'application/octet-stream',
      'Content-Length': past.state.byteLength,
      'Cache-Control': 'no-store',
      'X-JourneyScroll-Updates': String(past.updates),
    });
    res.end(req.method === 'HEAD' ? undefined : Buffer.from(past.state));
    return;
  }
  const since = number('since', Number.MAX_SAFE_INTEGER);
  const until = number('until', Number.MAX_SAFE_INTEGER);
  const limit = number('limit', MAX_HISTORY_ROWS);
  if (since === null || until === null || limit === null)
    return json(400, { error: `since and until are milliseconds since the epoch; limit is 0–${MAX_HISTORY_ROWS}` });
  const max = limit ?? MAX_HISTORY_ROWS;
  const rows = await deps.listChanges(room, {
    ...(since !== undefined ? { since } : {}),
    ...(until !== undefined ? { until } : {}),
    limit: max + 1,
  });
  json(200, { room, changes: rows.slice(0, max), truncated: rows.length > max });
}
