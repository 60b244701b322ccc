/**
 * Hostile clients against a real `journeyscroll serve` process (issue 11). Each attack comes from a
 * raw socket (or a provider with a crafted token) in the same room as an honest pair of editors.
 * After each one: the server answers /healthz, the honest pair still syncs both ways and was never
 * disconnected, a newcomer finds exactly the honest content (nothing of the attack), and the
 * server's resident memory stayed under RSS_BOUND_MIB.
 *
 * The attacks on admission (origins, floods of rooms and connections, tokens, static paths) are in
 * hostile-admission.test.ts.
 */
import { readFileSync } from 'node:fs';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  cleanUp,
  connect,
  content,
  rawSocket,
  sleep,
  startServerProcess,
  tempDir,
  waitFor,
  type Client,
  type ServerProcess,
  handMadeToken,
} from './harness.ts';

const SECRET = 'hostile-suite-secret-0123456789';
const ROOM = 'workshop';
/**
 * The server starts near 150 MiB (V8, SQLite, the rooms); every attack must leave it under this.
 * Measured peaks: 250–280 MiB with this file alone, up to ~370 MiB when the full unit run shares the
 * two cores (a starved server collects garbage later). An unbounded attack exceeds it by far: the
 * slow reader below asks for a ~3 MB document 100 times (≈ 300 MB of replies if they were queued).
 */
const RSS_BOUND_MIB = 420;

function mintToken(role: 'editor' | 'viewer', room = ROOM): string {
  return handMadeToken(SECRET, { room, role });
}

const frame = (write: (e: encoding.Encoder) => void) => {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
};
const syncFrame = (sub: number, payload: Uint8Array) =>
  frame((e) => (encoding.writeVarUint(e, 0), encoding.writeVarUint(e, sub), encoding.writeVarUint8Array(e, payload)));
const awarenessFrame = (entries: Array<{ clientId: number; clock: number; json: string }>) =>
  frame((e) => {
    encoding.writeVarUint(e, 1);
    const inner = encoding.createEncoder();
    encoding.writeVarUint(inner, entries.length);
    for (const { clientId, clock, json } of entries) {
      encoding.writeVarUint(inner, clientId);
      encoding.writeVarUint(inner, clock);
      encoding.writeVarString(inner, json);
    }
    encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
  });

function rssMiB(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024;
}

let server: ServerProcess;
let honestA: Client;
let honestB: Client;
let round = 0;
let peakRss = 0;

const url = (role: 'editor' | 'viewer' = 'editor') => `${server.syncUrl}/${ROOM}?token=${mintToken(role)}`;

/** A raw socket that attacks once it is open; resolves to how the server closed it. */
async function attack(send: (ws: ReturnType<typeof rawSocket>['ws']) => void | Promise<void>, role: 'editor' | 'viewer' = 'editor') {
  const socket = rawSocket(url(role));
  expect(await socket.opened).toBe(true);
  await send(socket.ws);
  return socket;
}

async function closedWith(socket: ReturnType<typeof rawSocket>, code: number, reason?: RegExp): Promise<void> {
  const closed = await socket.closed;
  expect(closed.code).toBe(code);
  if (reason) expect(closed.reason).toMatch(reason);
}

const cards = (c: Client) => c.doc.getMap<string>('cards');

/** The checks after every attack (see the file comment). */
async function honestRoomSurvives(): Promise<void> {
  round++;
  const health = (await (await fetch(`${server.httpUrl}/healthz`)).json()) as { ok: boolean };
  expect(health.ok).toBe(true);
  cards(honestA).set(`a${round}`, `from A, round ${round}`);
  cards(honestB).set(`b${round}`, `from B, round ${round}`);
  await waitFor(
    () => cards(honestA).get(`b${round}`) !== undefined && cards(honestB).get(`a${round}`) !== undefined,
    `the honest pair to exchange round ${round}`,
  );
  expect(honestA.closes).toEqual([]);
  expect(honestB.closes).toEqual([]);
  const newcomer = connect(server.syncUrl, ROOM, { params: { token: mintToken('viewer') } });
  await newcomer.synced();
  const seen = JSON.stringify(content(newcomer.doc));
  newcomer.destroy();
  expect(JSON.parse(seen)).toEqual(content(honestA.doc));
  expect(seen).not.toMatch(/HOSTILE/);
  const rss = rssMiB(server.proc.pid!);
  peakRss = Math.max(peakRss, rss);
  expect(rss).toBeLessThan(RSS_BOUND_MIB);
}

describe('hostile clients: the server stays up, the honest pair keeps syncing, the room holds only honest content', () => {
  beforeAll(async () => {
    server = await startServerProcess(tempDir(), {
      env: { JOURNEYSCROLL_SECRET: SECRET },
      args: ['--max-message-bytes', '1m', '--max-held-back-bytes', '256k', '--log-level', 'warn'],
    });
    honestA = connect(server.syncUrl, ROOM, { params: { token: mintToken('editor') } });
    honestB = connect(server.syncUrl, ROOM, { params: { token: mintToken('editor') } });
    await Promise.all([honestA.synced(), honestB.synced()]);
    honestA.provider.awareness.setLocalState({ user: { name: 'Ann' }, presenting: { id: 'p-ann', step: 1 } });
    honestB.provider.awareness.setLocalState({ user: { name: 'Bo' } });
    await honestRoomSurvives();
  });
  afterAll(async () => {
    console.log(`hostile suite: server peak RSS during attacks ${peakRss.toFixed(0)} MiB (bound ${RSS_BOUND_MIB} MiB)`);
    await cleanUp();
  });

  it('1. an awareness state nested 20,000 levels deep (it used to stop the process)', async () => {
    const deep = '{"a":' + '['.repeat(20_000) + ']'.repeat(20_000) + '}';
    const socket = await attack((ws) => ws.send(awarenessFrame([{ clientId: 4242, clock: 1, json: deep }])));
    await closedWith(socket, 1007, /nested deeper/);
    await honestRoomSurvives();
  });

  it('2. an awareness state of 900 KB', async () => {
    const socket = await attack((ws) =>
      ws.send(awarenessFrame([{ clientId: 4243, clock: 1, json: JSON.stringify({ HOSTILE: 'x'.repeat(900_000) }) }])),
    );
    await closedWith(socket, 1007, /bytes/);
    await honestRoomSurvives();
  });

  it('3. one awareness message with 10,000 entries', async () => {
    const entries = Array.from({ length: 10_000 }, (_, i) => ({ clientId: 10_000 + i, clock: 1, json: '{"HOSTILE":1}' }));
    const socket = await attack((ws) => ws.send(awarenessFrame(entries)));
    await closedWith(socket, 1007, /entries/);
    await honestRoomSurvives();
  });

  it('4. presence for more client ids than one connection may hold, and removals of ids nobody holds', async () => {
    const socket = await attack(async (ws) => {
      ws.send(awarenessFrame(Array.from({ length: 1000 }, (_, i) => ({ clientId: 50_000 + i, clock: 1, json: 'null' }))));
      for (let i = 0; i < 12; i++) ws.send(awarenessFrame([{ clientId: 60_000 + i, clock: 1, json: '{"HOSTILE":1}' }]));
    });
    await closedWith(socket, 1008, /too many awareness clients/);
    // The 8 it was allowed go with it; none of the 1,000 removals left anything behind.
    await waitFor(
      () => ![...honestB.provider.awareness.getStates().keys()].some((id) => id >= 50_000 && id < 61_000),
      "the refused connection's presence to go",
    );
    await honestRoomSurvives();
  });

  it("5. a takeover of an honest presenter's presence (higher clock), then its removal", async () => {
    const annId = honestA.doc.clientID;
    const socket = await attack((ws) => {
      ws.send(
        awarenessFrame([
          { clientId: annId, clock: 10_000, json: JSON.stringify({ user: { name: 'HOSTILE' }, presenting: { id: 'evil', step: 9 } }) },
        ]),
      );
      ws.send(awarenessFrame([{ clientId: annId, clock: 10_001, json: 'null' }]));
    });
    await sleep(2500); // past the owner's ping deadline: Ann answered, so she keeps her id
    expect(honestB.provider.awareness.getStates().get(annId)).toEqual({ user: { name: 'Ann' }, presenting: { id: 'p-ann', step: 1 } });
    const metrics = await (await fetch(`${server.httpUrl}/metrics`)).text();
    expect(metrics).toMatch(/journeyscroll_presence_takeovers_refused_total [1-9]/);
    socket.ws.close();
    await honestRoomSurvives();
  });

  it('6. a viewer publishing a presentation: its cursor shows, its presentation does not', async () => {
    const viewer = connect(server.syncUrl, ROOM, { params: { token: mintToken('viewer') } });
    await viewer.synced();
    viewer.provider.awareness.setLocalState({ user: { name: 'Vic' }, presenting: { id: 'HOSTILE', step: 1 } });
    await waitFor(() => honestB.provider.awareness.getStates().has(viewer.doc.clientID), "the viewer's cursor at B");
    expect(honestB.provider.awareness.getStates().get(viewer.doc.clientID)).toEqual({ user: { name: 'Vic' } });
    viewer.destroy();
    await honestRoomSurvives();
  });

  it('7. updates behind a missing clock, past the held-back limit: refused, never relayed or stored', async () => {
    const hostile = new Y.Doc();
    const updates: Uint8Array[] = [];
    hostile.on('update', (u: Uint8Array) => updates.push(u));
    hostile.getText('notes').insert(0, 'HOSTILE ');
    hostile.getText('notes').insert(8, 'HOSTILE'.repeat(50_000));
    const socket = await attack((ws) => ws.send(syncFrame(2, updates[1]!))); // the first is withheld
    await closedWith(socket, 1008, /waiting for changes/);
    await honestRoomSurvives();
  });

  it('8. deletions of items the server never saw, then leaving', async () => {
    const hostile = new Y.Doc();
    const updates: Uint8Array[] = [];
    hostile.on('update', (u: Uint8Array) => updates.push(u));
    hostile.getText('notes').insert(0, 'HOSTILE');
    hostile.getText('notes').delete(0, 7);
    const socket = await attack(async (ws) => {
      ws.send(syncFrame(2, updates[1]!));
      await sleep(100);
      ws.close();
    });
    expect((await socket.closed).code).toBe(1005);
    await honestRoomSurvives();
  });

  it('9. a frame over the message size limit', async () => {
    const socket = await attack((ws) => ws.send(new Uint8Array(1_500_000)));
    await closedWith(socket, 1009);
    await honestRoomSurvives();
  });

  it('10. truncated frames of every message type, and one with trailing bytes', async () => {
    const doc = new Y.Doc();
    doc.getMap('cards').set('x', 'HOSTILE');
    const full = [
      syncFrame(0, Y.encodeStateVector(doc)),
      syncFrame(1, Y.encodeStateAsUpdate(doc)),
      syncFrame(2, Y.encodeStateAsUpdate(doc)),
      awarenessFrame([{ clientId: 777, clock: 1, json: '{"HOSTILE":true}' }]),
    ];
    const frames = full.flatMap((f) => [f.slice(0, 1), f.slice(0, 2), f.slice(0, f.length - 1)]);
    frames.push(new Uint8Array([3, 0]), new Uint8Array([9]), new Uint8Array([0, 7, 0]));
    const sockets = await Promise.all(frames.map((f) => attack((ws) => ws.send(f))));
    for (const socket of sockets) await closedWith(socket, 1007, /malformed/);
    await honestRoomSurvives();
  });

  it('11. a text frame', async () => {
    const socket = await attack((ws) => ws.send('HOSTILE hello'));
    await closedWith(socket, 1003);
    await honestRoomSurvives();
  });

  it('12. an update that is not a Yjs update, and a state vector that does not decode', async () => {
    const garbage = Uint8Array.from({ length: 64 }, (_, i) => (i * 37 + 11) & 0xff);
    const a = await attack((ws) => ws.send(syncFrame(2, garbage)));
    const b = await attack((ws) => ws.send(syncFrame(0, new Uint8Array([0xff, 0xff, 0xff]))));
    await closedWith(a, 1007);
    await closedWith(b, 1007);
    await honestRoomSurvives();
  });

  it('13. a flood of messages', async () => {
    const socket = await attack((ws) => {
      for (let i = 0; i < 3000; i++) ws.send(new Uint8Array([3]));
    });
    await closedWith(socket, 1008, /rate limit/);
    await honestRoomSurvives();
  });

  it('14. invalid UTF-8 and non-object JSON in awareness states', async () => {
    const badUtf8 = frame((e) => {
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint8Array(e, new Uint8Array([1, 5, 1, 3, 0xc3, 0x28, 0xa0]));
    });
    const a = await attack((ws) => ws.send(badUtf8));
    const b = await attack((ws) => ws.send(awarenessFrame([{ clientId: 5, clock: 1, json: '[1,2,3]' }])));
    await closedWith(a, 1007, /UTF-8/);
    await closedWith(b, 1007, /not an object/);
    await honestRoomSurvives();
  });

  it("15. a viewer's document writes, as updates and as a sync step 2", async () => {
    const doc = new Y.Doc();
    doc.getMap('cards').set('viewer', 'HOSTILE');
    const socket = await attack((ws) => {
      ws.send(syncFrame(2, Y.encodeStateAsUpdate(doc)));
      ws.send(syncFrame(1, Y.encodeStateAsUpdate(doc)));
    }, 'viewer');
    await sleep(200);
    expect(socket.ws.readyState).toBe(socket.ws.OPEN);
    socket.ws.close();
    await honestRoomSurvives();
  });

  it('16. a reader that asks for the whole document again and again and never reads is shed, while 100 others edit', async () => {
    // 100 lean editors (raw sockets speaking the protocol), each setting a card 5 times a second.
    const editors = await Promise.all(
      Array.from({ length: 100 }, async (_, i) => {
        const socket = rawSocket(url());
        expect(await socket.opened).toBe(true);
        const doc = new Y.Doc();
        doc.on('update', (u: Uint8Array) => socket.ws.send(syncFrame(2, u)));
        let n = 0;
        const timer = setInterval(() => doc.getMap('cards').set(`editor${i}`, `edit ${++n}`), 200);
        return { socket, timer };
      }),
    );
    let rssDuring = 0;
    const sampler = setInterval(() => (rssDuring = Math.max(rssDuring, rssMiB(server.proc.pid!))), 50);
    // A document of ~3 MB (in messages under the 1 MB limit), so every sync reply is large.
    for (let i = 0; i < 4; i++) honestA.doc.getText('notes').insert(0, 'honest '.repeat(110_000));
    await waitFor(() => honestB.doc.getText('notes').length === honestA.doc.getText('notes').length, 'the large text at B');
    const socket = await attack((ws) => {
      (ws as unknown as { _socket: { pause(): void } })._socket.pause();
      for (let i = 0; i < 100; i++) ws.send(syncFrame(0, new Uint8Array([0])));
    });
    // It does not read, so it cannot see its close: the server's count of 1013 closes says it.
    const shed = async () =>
      /journeyscroll_connections_closed_total\{code="1013"\} [1-9]/.test(await (await fetch(`${server.httpUrl}/metrics`)).text());
    const start = Date.now();
    while (!(await shed())) {
      if (Date.now() - start > 15_000) throw new Error('the slow reader was not shed within 15 s');
      await sleep(100);
    }
    socket.ws.terminate();
    await sleep(1000);
    clearInterval(sampler);
    for (const { socket: editor, timer } of editors) {
      clearInterval(timer);
      expect(editor.ws.readyState).toBe(editor.ws.OPEN);
      editor.ws.close();
    }
    await waitFor(() => /^edit /.test(cards(honestB).get('editor99') ?? ''), "the editors' edits at B");
    console.log(`slow reader shed; server RSS while 100 edited: at most ${rssDuring.toFixed(0)} MiB`);
    expect(rssDuring).toBeLessThan(RSS_BOUND_MIB);
    await honestRoomSurvives();
  });
});
