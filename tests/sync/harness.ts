/**
 * Test harness for the sync server: a REAL server process (`node bin/journeyscroll.js serve`, on
 * the pinned Node that runs vitest) on loopback, real y-websocket WebsocketProvider clients, and
 * raw `ws` sockets for hostile ones. Nothing here is mocked.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as decoding from 'lib0/decoding';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { openStore } from '../../sync-server/store/index.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLI = join(root, 'bin', 'journeyscroll.js');

export interface ServerProcess {
  readonly proc: ChildProcess;
  readonly port: number;
  readonly host: string;
  /** `ws://127.0.0.1:PORT/sync`, the WebsocketProvider server URL. */
  readonly syncUrl: string;
  readonly httpUrl: string;
  readonly dataDir: string;
  /** Every JSON log line so far. */
  readonly logs: Array<Record<string, unknown>>;
  readonly stderr: () => string;
  /** Resolves when the process exits. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const running = new Set<ServerProcess>();

const madeDirs = new Set<string>();

/** A new temporary folder, removed by cleanUp(). */
export function tempDir(prefix = 'js-sync-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  madeDirs.add(dir);
  return dir;
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Spawns `journeyscroll serve --port 0 --data DIR …` and waits for its "listening" log line. */
/**
 * Stops the server, compacts `room` in its SQLite file while no server holds it (as a maintenance
 * run would), and starts the server again on the same data; says whether there was anything to compact.
 */
export async function restartCompacted(
  server: ServerProcess,
  dataDir: string,
  room: string,
  options: Parameters<typeof startServerProcess>[1] = {},
): Promise<{ server: ServerProcess; compacted: boolean }> {
  await server.stop('SIGTERM');
  const store = openStore(join(dataDir, 'journeyscroll.sqlite'));
  let compacted: boolean;
  try {
    compacted = store.compact(room) !== null;
  } finally {
    store.close();
  }
  return { server: await startServerProcess(dataDir, options), compacted };
}

export async function startServerProcess(
  dataDir: string,
  options: { args?: readonly string[]; env?: Record<string, string>; host?: string } = {},
): Promise<ServerProcess> {
  const host = options.host ?? '127.0.0.1';
  const proc = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--host', host, '--data', dataDir, ...(options.args ?? [])], {
    env: { ...process.env, JOURNEYSCROLL_SECRET: '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Array<Record<string, unknown>> = [];
  let err = '';
  let buffered = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const listening = new Promise<number>((resolve, reject) => {
    proc.stdout!.setEncoding('utf8');
    proc.stdout!.on('data', (chunk: string) => {
      buffered += chunk;
      let newline;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        try {
          const record = JSON.parse(line) as Record<string, unknown>;
          logs.push(record);
          if (record.msg === 'listening') resolve(record.port as number);
        } catch {
          logs.push({ raw: line });
        }
      }
    });
    proc.stderr!.setEncoding('utf8');
    proc.stderr!.on('data', (chunk: string) => (err += chunk));
    void exited.then(({ code }) => reject(new Error(`server exited (${code}) before listening: ${err}`)));
    setTimeout(() => reject(new Error(`server did not log "listening" within 15 s: ${err}`)), 15_000).unref();
  });
  const port = await listening;
  const server: ServerProcess = {
    proc,
    port,
    host,
    syncUrl: `ws://${host}:${port}/sync`,
    httpUrl: `http://${host}:${port}`,
    dataDir,
    logs,
    stderr: () => err,
    exited,
    async stop(signal = 'SIGTERM') {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      const result = await exited;
      running.delete(server);
      return result;
    },
  };
  running.add(server);
  return server;
}

/** Kills every server process a test left running (afterEach). */
export async function stopAllServers(): Promise<void> {
  await Promise.all([...running].map((s) => s.stop('SIGKILL')));
}

export interface Client {
  readonly doc: Y.Doc;
  readonly provider: WebsocketProvider;
  /**
   * Every document update the server sent this client (sync step 2 and update payloads, as sent).
   * Not the client's own 'update' events: those also hold what the client derived locally, e.g.
   * that a field it set but never got through is overwritten by a relayed one.
   */
  readonly received: Uint8Array[];
  /** Every document update this client put on an open socket to the server. */
  readonly sent: Uint8Array[];
  /** Close events the provider saw. */
  readonly closes: Array<{ code: number; reason: string }>;
  synced(): Promise<void>;
  destroy(): void;
}

const clients = new Set<Client>();

export function connect(
  syncUrl: string,
  room: string,
  options: { params?: Record<string, string>; doc?: Y.Doc; connect?: boolean } = {},
): Client {
  const doc = options.doc ?? new Y.Doc();
  const received: Uint8Array[] = [];
  const sent: Uint8Array[] = [];
  class RecordingWebSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols);
      this.on('message', (data: Buffer) => {
        const payload = syncPayload(data);
        if (payload) received.push(payload);
      });
    }
    override send(data: Parameters<WebSocket['send']>[0], ...rest: unknown[]): void {
      // ws drops (without error) what is sent once the socket is closing: only count real sends.
      if (this.readyState === WebSocket.OPEN && data instanceof Uint8Array) {
        const payload = syncPayload(data);
        if (payload) sent.push(payload);
      }
      (super.send as (...args: unknown[]) => void)(data, ...rest);
    }
  }
  const provider = new WebsocketProvider(syncUrl, room, doc, {
    WebSocketPolyfill: RecordingWebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: options.params ?? {},
    connect: options.connect ?? true,
    maxBackoffTime: 300,
  });
  const closes: Array<{ code: number; reason: string }> = [];
  provider.on('connection-close', (event) => {
    if (event) closes.push({ code: event.code, reason: event.reason });
  });
  const client: Client = {
    doc,
    provider,
    received,
    sent,
    closes,
    synced: () =>
      provider.synced ? Promise.resolve() : new Promise<void>((resolve) => provider.once('sync', (state: boolean) => state && resolve())),
    destroy() {
      clients.delete(client);
      provider.destroy();
      doc.destroy();
    },
  };
  clients.add(client);
  return client;
}

/** The update carried by a server message, if it is a sync step 2 or an update. */
export function syncPayload(data: Uint8Array): Uint8Array | null {
  const decoder = decoding.createDecoder(new Uint8Array(data));
  if (decoding.readVarUint(decoder) !== 0) return null;
  const sub = decoding.readVarUint(decoder);
  return sub === 1 || sub === 2 ? new Uint8Array(decoding.readVarUint8Array(decoder)) : null;
}

export function destroyAllClients(): void {
  for (const client of [...clients]) client.destroy();
}

/** For afterEach: closes every client, kills every server process, then removes every tempDir(). */
export async function cleanUp(): Promise<void> {
  destroyAllClients();
  await stopAllServers();
  for (const dir of madeDirs) removeDir(dir);
  madeDirs.clear();
}

export async function waitFor(check: () => boolean, what: string, timeoutMs = 10_000, intervalMs = 10): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(intervalMs);
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A small seeded PRNG (mulberry32): every run of a test makes the same choices. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (max: number) => Math.floor(next() * max),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    bytes: (n: number) => Uint8Array.from({ length: n }, () => Math.floor(next() * 256)),
  };
}

/** One random edit of the kinds a blueprint sees: text typing and deleting, field sets, list inserts. */
export function randomEdit(doc: Y.Doc, rand: ReturnType<typeof prng>, tag: string): void {
  const choice = rand.int(10);
  if (choice < 4) {
    const text = doc.getText('notes');
    text.insert(rand.int(text.length + 1), `${tag}${rand.int(100)} `);
  } else if (choice < 5) {
    const text = doc.getText('notes');
    if (text.length > 4) text.delete(rand.int(text.length - 2), 2);
  } else if (choice < 8) {
    const card = `card${rand.int(20)}`;
    const cards = doc.getMap<Y.Map<unknown>>('cards');
    let fields = cards.get(card);
    if (!fields) {
      fields = new Y.Map();
      cards.set(card, fields);
    }
    fields.set(rand.pick(['title', 'owner', 'status', 'notes']), `${tag}-${rand.int(1000)}`);
  } else {
    const list = doc.getArray<string>('history');
    list.insert(rand.int(list.length + 1), [`${tag}:${rand.int(1000)}`]);
  }
}

/** Map keys sorted: a Y.Map's own iteration order is its local insertion order, not shared state. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object' && !(value instanceof Uint8Array)) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** The document's content in a canonical form: equal content gives equal JSON on every client. */
export function content(doc: Y.Doc): unknown {
  return sortKeys({
    notes: doc.getText('notes').toString(),
    cards: doc.getMap('cards').toJSON(),
    history: doc.getArray('history').toJSON(),
  });
}

/**
 * Does `doc` already hold every change of every update? Applies them to a copy and watches for
 * any new content or anything left pending (a missing dependency). Returns the first missing index.
 */
export function firstMissing(doc: Y.Doc, updates: readonly Uint8Array[]): number {
  const probe = new Y.Doc();
  Y.applyUpdate(probe, Y.encodeStateAsUpdate(doc));
  let changed = false;
  probe.on('update', () => (changed = true));
  for (let i = 0; i < updates.length; i++) {
    Y.applyUpdate(probe, updates[i]!);
    if (changed || probe.store.pendingStructs || probe.store.pendingDs) {
      probe.destroy();
      return i;
    }
  }
  probe.destroy();
  return -1;
}

/** A raw WebSocket to the server (no y-websocket client): collects messages and the close. */
export function rawSocket(url: string) {
  const ws = new WebSocket(url);
  const messages: Buffer[] = [];
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  ws.on('message', (data: Buffer) => messages.push(data));
  ws.on('error', () => {});
  const opened = new Promise<boolean>((resolve) => {
    ws.once('open', () => resolve(true));
    ws.once('close', () => resolve(false));
  });
  return { ws, messages, closed, opened };
}

export async function getJson(url: string): Promise<Record<string, unknown>> {
  const res = await fetch(url);
  return (await res.json()) as Record<string, unknown>;
}

/**
 * An HS256 token made by hand (not by the server's own signing code), valid for an hour: the tests
 * show that any standard JWT with these claims is accepted, whoever minted it.
 */
export function handMadeToken(secret: string, claims: { room: string; role: string; team?: string; name?: string }): string {
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const input = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ exp: Math.floor(Date.now() / 1000) + 3600, ...claims })}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}
