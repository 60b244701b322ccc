import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import {
  cleanUp,
  connect,
  content,
  getJson,
  prng,
  randomEdit,
  sleep,
  startServerProcess,
  tempDir,
  waitFor,
  type Client,
} from './harness.ts';

afterEach(cleanUp);

const MAX_MESSAGE = 64 * 1024;
const FRAMES = 10_000;
const WORKERS = 8;

const frame = (write: (e: encoding.Encoder) => void) => {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
};

/** Valid messages whose effect would show in the room if any part of them got through. */
function hostileMaterial() {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  doc.getText('notes').insert(0, 'HOSTILE ');
  doc.getMap('cards').set('hostile', 'HOSTILE');
  doc.getArray('history').insert(0, ['HOSTILE']);
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState({ user: 'hostile' });
  const messages = [
    ...updates.map((u) => frame((e) => (encoding.writeVarUint(e, 0), encoding.writeVarUint(e, 2), encoding.writeVarUint8Array(e, u)))),
    frame((e) => (encoding.writeVarUint(e, 0), encoding.writeVarUint(e, 1), encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(doc)))),
    frame((e) => (encoding.writeVarUint(e, 0), encoding.writeVarUint(e, 0), encoding.writeVarUint8Array(e, Y.encodeStateVector(doc)))),
    frame(
      (e) => (
        encoding.writeVarUint(e, 1),
        encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]))
      ),
    ),
  ];
  awareness.destroy();
  return { messages, clientID: doc.clientID };
}

interface Frame {
  readonly kind: string;
  readonly data: Uint8Array | string;
}

/** Random, truncated, padded, garbage-in-a-valid-envelope, text and oversized frames (seeded). */
function* hostileFrames(seed: number, count: number): Generator<Frame> {
  const rand = prng(seed);
  const { messages } = hostileMaterial();
  const envelope = (head: number[], body: Uint8Array) =>
    frame((e) => {
      for (const h of head) encoding.writeVarUint(e, h);
      encoding.writeVarUint8Array(e, body);
    });
  for (let i = 0; i < count; i++) {
    const r = rand.int(100);
    if (r < 20) yield { kind: 'random', data: rand.bytes(rand.int(200)) };
    else if (r < 32) yield { kind: 'random-typed', data: new Uint8Array([rand.pick([0, 1, 3]), ...rand.bytes(rand.int(120))]) };
    else if (r < 52) {
      const m = rand.pick(messages);
      yield { kind: 'truncated', data: m.subarray(0, rand.int(m.length)) };
    } else if (r < 60) {
      const m = rand.pick(messages);
      yield { kind: 'padded', data: new Uint8Array([...m, ...rand.bytes(1 + rand.int(8))]) };
    } else if (r < 72) yield { kind: 'garbage-update', data: envelope([0, rand.pick([1, 2])], rand.bytes(1 + rand.int(150))) };
    else if (r < 77) yield { kind: 'garbage-state-vector', data: envelope([0, 0], rand.bytes(1 + rand.int(40))) };
    else if (r < 85) yield { kind: 'garbage-awareness', data: envelope([1], rand.bytes(1 + rand.int(100))) };
    else if (r < 88)
      yield {
        kind: 'bad-json-awareness',
        data: envelope(
          [1],
          frame(
            (e) => (
              encoding.writeVarUint(e, 1),
              encoding.writeVarUint(e, 1 + rand.int(1e6)),
              encoding.writeVarUint(e, 1),
              encoding.writeVarString(e, '{"user":')
            ),
          ),
        ),
      };
    else if (r < 91) yield { kind: 'overlong-length', data: new Uint8Array([0, 2, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]) };
    else if (r < 94) yield { kind: 'text', data: `{"type":"sync","n":${i}}` };
    else if (r < 96) yield { kind: 'unknown-type', data: new Uint8Array([4 + rand.int(200), ...rand.bytes(rand.int(10))]) };
    else yield { kind: 'oversized', data: rand.bytes(MAX_MESSAGE + 1 + rand.int(MAX_MESSAGE)) };
  }
}

const PROBE = new Uint8Array([3]); // query awareness: the server answers with every state it knows

/** The client ids of an awareness message, or null for other messages. */
function awarenessClients(data: Buffer): number[] | null {
  const d = decoding.createDecoder(new Uint8Array(data));
  if (decoding.readVarUint(d) !== 1) return null;
  const u = decoding.createDecoder(decoding.readVarUint8Array(d));
  const n = decoding.readVarUint(u);
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    ids.push(decoding.readVarUint(u));
    decoding.readVarUint(u);
    decoding.readVarString(u);
  }
  return ids;
}

/** A raw socket that knows when the server answered a probe (an awareness reply naming every legit client). */
async function hostileSocket(url: string, legit: readonly number[]) {
  const ws = new WebSocket(url);
  ws.on('error', () => {});
  let waiting: (() => void) | null = null;
  ws.on('message', (data: Buffer) => {
    const ids = awarenessClients(data);
    if (ids && legit.every((id) => ids.includes(id)) && waiting) {
      const w = waiting;
      waiting = null;
      w();
    }
  });
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  // On connect the server sends its state vector, then every awareness state: the first "answer".
  await new Promise<void>((resolve, reject) => {
    waiting = resolve;
    void closed.then((code) => reject(new Error(`hostile socket refused: ${code}`)));
  });
  const answered = () => new Promise<void>((resolve) => (waiting = resolve));
  return { ws, closed, answered };
}

describe('fuzz', () => {
  it(`${FRAMES} random, truncated and oversized frames from hostile clients: server up, others syncing, room unchanged`, async () => {
    const dir = tempDir();
    const server = await startServerProcess(dir, { args: ['--max-message-bytes', String(MAX_MESSAGE), '--log-level', 'error'] });

    // Legit editors keep editing through the whole attack; their own edits are the expected room.
    const legit: Client[] = Array.from({ length: 3 }, () => connect(server.syncUrl, 'target'));
    await Promise.all(legit.map((c) => c.synced()));
    const ownUpdates: Uint8Array[] = [];
    legit.forEach((c, i) => {
      c.doc.on('update', (u: Uint8Array, origin: unknown) => origin !== c.provider && ownUpdates.push(u));
      c.provider.awareness.setLocalStateField('user', { name: `legit-${i}` });
    });
    const legitIds = legit.map((c) => c.doc.clientID);
    await waitFor(() => legit.every((c) => legit.every((o) => c.provider.awareness.getStates().has(o.doc.clientID))), 'legit awareness');
    let attacking = true;
    const editing = legit.map(async (c, i) => {
      const rand = prng(500 + i);
      while (attacking) {
        randomEdit(c.doc, rand, `legit${i}`);
        await sleep(15);
      }
    });

    const closes = new Map<number, number>();
    const kinds = new Map<string, number>();
    let accepted = 0;
    let sent = 0;
    const url = `${server.syncUrl}/target`;
    await Promise.all(
      Array.from({ length: WORKERS }, async (_, w) => {
        let socket: Awaited<ReturnType<typeof hostileSocket>> | null = null;
        for (const f of hostileFrames(w + 1, FRAMES / WORKERS)) {
          socket ??= await hostileSocket(url, legitIds);
          const answered = socket.answered();
          socket.ws.send(f.data, { binary: typeof f.data !== 'string' });
          socket.ws.send(PROBE);
          sent++;
          kinds.set(f.kind, (kinds.get(f.kind) ?? 0) + 1);
          const outcome = await Promise.race([
            socket.closed.then((code) => ({ code })),
            answered.then(() => 'answered' as const),
            sleep(10_000).then(() => 'timeout' as const),
          ]);
          if (outcome === 'timeout') throw new Error(`no answer and no close after a ${f.kind} frame`);
          if (outcome === 'answered') accepted++;
          else {
            closes.set(outcome.code, (closes.get(outcome.code) ?? 0) + 1);
            socket = null;
          }
        }
        socket?.ws.close();
      }),
    );
    attacking = false;
    await Promise.all(editing);

    expect(sent).toBeGreaterThanOrEqual(10_000);
    // Each frame was either refused with a limit/protocol close code or harmlessly answered.
    expect(
      [...closes.keys()].every((code) => [1003, 1007, 1008, 1009].includes(code)),
      JSON.stringify([...closes]),
    ).toBe(true);
    expect([...closes.values()].reduce((a, b) => a + b, 0) + accepted).toBe(sent);
    expect(closes.get(1009)).toBeGreaterThan(0);
    expect(closes.get(1007)).toBeGreaterThan(FRAMES / 2);

    // The server is up and the legit clients never lost their connection.
    expect(server.proc.exitCode).toBeNull();
    expect(await getJson(`${server.httpUrl}/healthz`)).toMatchObject({ ok: true, rooms: 1 });
    for (const c of legit) expect(c.closes).toEqual([]);
    // They keep syncing: a last edit from each reaches the others.
    legit.forEach((c, i) => c.doc.getMap('cards').set(`final-${i}`, true));
    await waitFor(() => legit.every((c) => legit.every((_, i) => c.doc.getMap('cards').get(`final-${i}`) === true)), 'final edits');

    // The room holds exactly the legit clients' edits: same content, no other writer.
    const expected = new Y.Doc();
    for (const u of ownUpdates) Y.applyUpdate(expected, u);
    const fresh = connect(server.syncUrl, 'target');
    await fresh.synced();
    expect(content(fresh.doc)).toEqual(content(expected));
    expect(JSON.stringify(content(fresh.doc))).not.toContain('HOSTILE');
    const writers = [...Y.decodeStateVector(Y.encodeStateVector(fresh.doc)).keys()].sort();
    expect(writers).toEqual([...legitIds].sort());
    console.log(
      `fuzz: ${sent} frames (${JSON.stringify(Object.fromEntries(kinds))}); closed ${JSON.stringify(Object.fromEntries(closes))}; answered ${accepted}`,
    );
  }, 120_000);
});
