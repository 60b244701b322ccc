/**
 * Load generator for the sync benchmark, run as its own process (so clients never share a CPU
 * budget or an event loop with the server): N y-websocket-protocol clients over `rooms` rooms,
 * each making one small real Yjs edit every 1/rate seconds (random phase), measuring the time from
 * sending an update to each other client receiving it from the server.
 *
 * The clients are lean on purpose: they speak the wire protocol (sync step 1/2, updates) with a
 * Y.Doc for their own edits, and identify the edits inside a relayed (merged) update by the clock
 * ranges it carries instead of applying it to a document — 500 full documents applying every
 * update in one process would measure this process, not the server. Every peer of a room receives
 * the same merged bytes, so a message's ranges are read once and shared by all receivers.
 *
 * With AWARENESS_RATE > 0 every client also moves its cursor that many times a second (an
 * awareness update with its name and position), as people in a workshop do.
 *
 * argv: SYNC_URL[,SYNC_URL…] CLIENTS ROOMS RATE WARMUP_MS MEASURE_MS [AWARENESS_RATE] [TOKEN]. Prints
 * {"event":"measuring"} and {"event":"measured"} around the measured window, then one JSON line.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';

const [url, clientsArg, roomsArg, rateArg, warmupArg, measureArg, awarenessArg, tokenArg] = process.argv.slice(2);
/** Several sync URLs, comma-separated (the nodes of a cluster): client i connects to URL i mod n. */
const urls = url!.split(',');
const QUERY = tokenArg ? `?token=${tokenArg}` : '';
const AWARENESS_RATE = Number(awarenessArg ?? 0);
const CLIENTS = Number(clientsArg);
const ROOMS = Number(roomsArg);
const RATE = Number(rateArg);
const WARMUP_MS = Number(warmupArg);
const MEASURE_MS = Number(measureArg);

/** One edit inside a relayed update: whose it is and when it was sent (undefined: not measured). */
interface Delivery {
  readonly client: number;
  readonly sentAt: number;
}

/**
 * The measured edits a relayed (merged) update carries, read once per distinct message: every
 * peer of a room receives the same bytes, so the 499 other receivers only walk this list.
 */
const deliveryCache = new Map<string, Delivery[]>();
function deliveriesIn(update: Uint8Array): Delivery[] {
  const key = cacheKey(update);
  let list = deliveryCache.get(key);
  if (!list) {
    list = [];
    const { from, to } = Y.parseUpdateMeta(update);
    for (const [client, end] of to) {
      for (let clock = from.get(client) ?? 0; clock < end; clock++) {
        const origin = sentAt.get(`${client}:${clock}`);
        if (origin?.measured) list.push({ client, sentAt: origin.time });
      }
    }
    if (deliveryCache.size > 256) deliveryCache.clear();
    deliveryCache.set(key, list);
  }
  return list;
}

function cacheKey(update: Uint8Array): string {
  const view = Buffer.from(update.buffer, update.byteOffset, update.byteLength);
  const edge = Math.min(32, view.byteLength);
  return `${view.byteLength}:${view.toString('hex', 0, edge)}:${view.toString('hex', view.byteLength - edge)}`;
}

/** The first clock of each client in an update this process made (its own edits: never merged). */
function startsOf(update: Uint8Array): Array<[number, number]> {
  const { from } = Y.parseUpdateMeta(update);
  return [...from];
}

const sentAt = new Map<string, { time: number; room: number; measured: boolean }>();
const latencies: number[] = [];
let measuring = false;
let sent = 0;
let delivered = 0;
let expected = 0;
let errors = 0;

const membersPerRoom = Array.from({ length: ROOMS }, (_, r) => Math.floor(CLIENTS / ROOMS) + (r < CLIENTS % ROOMS ? 1 : 0));

function frame(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

interface BenchClient {
  readonly ws: WebSocket;
  readonly doc: Y.Doc;
  readonly room: number;
  synced: boolean;
  timer?: NodeJS.Timeout;
  cursorTimer?: NodeJS.Timeout;
}

function connect(index: number): Promise<BenchClient> {
  const room = index % ROOMS;
  const doc = new Y.Doc();
  const ws = new WebSocket(`${urls[index % urls.length]}/bench-room-${room}${QUERY}`, { perMessageDeflate: false });
  const client: BenchClient = { ws, doc, room, synced: false };
  doc.on('update', (update: Uint8Array) => {
    for (const [c, from] of startsOf(update)) sentAt.set(`${c}:${from}`, { time: performance.now(), room, measured: measuring });
    if (measuring) {
      sent++;
      expected += membersPerRoom[room]! - 1;
    }
    ws.send(frame((e) => (encoding.writeVarUint(e, 0), encoding.writeVarUint(e, 2), encoding.writeVarUint8Array(e, update))));
  });
  return new Promise((resolve, reject) => {
    ws.on('error', (error) => {
      errors++;
      reject(error);
    });
    ws.on('open', () => {
      ws.send(
        frame((e) => (encoding.writeVarUint(e, 0), encoding.writeVarUint(e, 0), encoding.writeVarUint8Array(e, Y.encodeStateVector(doc)))),
      );
    });
    ws.on('message', (data: Buffer) => {
      const now = performance.now();
      const d = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      if (decoding.readVarUint(d) !== 0) return;
      const type = decoding.readVarUint(d);
      if (type === 0) {
        // The server's step 1: answer with what it lacks (nothing, normally), as a provider would.
        const sv = decoding.readVarUint8Array(d);
        ws.send(
          frame(
            (e) => (
              encoding.writeVarUint(e, 0),
              encoding.writeVarUint(e, 1),
              encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(doc, sv))
            ),
          ),
        );
      } else if (type === 1) {
        if (!client.synced) {
          client.synced = true;
          resolve(client);
        }
      } else if (type === 2) {
        const own = doc.clientID;
        for (const delivery of deliveriesIn(decoding.readVarUint8Array(d))) {
          if (delivery.client === own) continue; // its own edits, back in a window with other writers
          delivered++;
          latencies.push(now - delivery.sentAt);
        }
      }
    });
    ws.on('close', (code) => {
      if (code !== 1000 && code !== 1005) errors++;
    });
  });
}

const clients: BenchClient[] = [];
for (let i = 0; i < CLIENTS; i++) clients.push(await connect(i));

const text = (c: BenchClient) => c.doc.getText('notes');
let n = 0;
for (const client of clients) {
  // Random phase, then one small edit every 1/RATE s: type a word, or set a card field.
  setTimeout(
    () => {
      client.timer = setInterval(() => {
        n++;
        if (n % 3 === 0) client.doc.getMap('cards').set(`card${n % 200}`, `v${n}`);
        else text(client).insert(text(client).length, `w${n} `);
      }, 1000 / RATE);
    },
    Math.random() * (1000 / RATE),
  );
}

// Cursors: an awareness update with a growing clock, a name and a position, AWARENESS_RATE a second.
if (AWARENESS_RATE > 0) {
  for (const [i, client] of clients.entries()) {
    let clock = 0;
    setTimeout(
      () => {
        client.cursorTimer = setInterval(() => {
          const state = JSON.stringify({
            user: { name: `Person ${i}`, color: '#3366ff' },
            cursor: { x: Math.random() * 4000, y: Math.random() * 1400 },
          });
          client.ws.send(
            frame((e) => {
              encoding.writeVarUint(e, 1);
              const inner = encoding.createEncoder();
              encoding.writeVarUint(inner, 1);
              encoding.writeVarUint(inner, client.doc.clientID);
              encoding.writeVarUint(inner, ++clock);
              encoding.writeVarString(inner, state);
              encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
            }),
          );
        }, 1000 / AWARENESS_RATE);
      },
      Math.random() * (1000 / AWARENESS_RATE),
    );
  }
}

await new Promise((r) => setTimeout(r, WARMUP_MS));
const cpuStart = process.cpuUsage();
process.stdout.write('{"event":"measuring"}\n');
measuring = true;
await new Promise((r) => setTimeout(r, MEASURE_MS));
measuring = false;
process.stdout.write('{"event":"measured"}\n');
const cpu = process.cpuUsage(cpuStart);
for (const c of clients) {
  clearInterval(c.timer);
  clearInterval(c.cursorTimer);
}
// Let the last measured updates arrive.
await new Promise((r) => setTimeout(r, 1500));
for (const c of clients) c.ws.close(1000);

latencies.sort((a, b) => a - b);
const pct = (p: number) =>
  latencies[Math.min(latencies.length - 1, Math.max(0, Math.ceil((p / 100) * latencies.length) - 1))] ?? Number.NaN;
process.stdout.write(
  `${JSON.stringify({
    sent,
    delivered,
    expected,
    errors,
    p50: pct(50),
    p95: pct(95),
    p99: pct(99),
    max: latencies.at(-1) ?? Number.NaN,
    clientCpuPercent: ((cpu.user + cpu.system) / 1000 / MEASURE_MS) * 100,
  })}\n`,
);
process.exit(0);
