/**
 * Load generator for the sync benchmark, run as its own process (so clients never share a CPU
 * budget or an event loop with the server): N y-websocket-protocol clients over `rooms` rooms,
 * each making one small real Yjs edit every 1/rate seconds (random phase), measuring the time from
 * sending an update to each other client receiving it from the server.
 *
 * The clients are lean on purpose: they speak the wire protocol (sync step 1/2, updates) with a
 * Y.Doc for their own edits, and identify a relayed update by its first struct id instead of
 * applying it to a document — 100 full documents applying 50,000 updates a second in one process
 * would measure this process, not the server.
 *
 * argv: SYNC_URL CLIENTS ROOMS RATE WARMUP_MS MEASURE_MS. Prints {"event":"measuring"} and
 * {"event":"measured"} around the measured window, then one JSON line of results.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';

const [url, clientsArg, roomsArg, rateArg, warmupArg, measureArg] = process.argv.slice(2);
const CLIENTS = Number(clientsArg);
const ROOMS = Number(roomsArg);
const RATE = Number(rateArg);
const WARMUP_MS = Number(warmupArg);
const MEASURE_MS = Number(measureArg);

/** The id (client:clock) of the first struct of a v1 update: enough to tell updates apart. */
function firstStructId(update: Uint8Array): string | null {
  const d = decoding.createDecoder(update);
  const clients = decoding.readVarUint(d);
  if (clients === 0) return null;
  decoding.readVarUint(d); // structs of this client
  const client = decoding.readVarUint(d);
  const clock = decoding.readVarUint(d);
  return `${client}:${clock}`;
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
}

function connect(index: number): Promise<BenchClient> {
  const room = index % ROOMS;
  const doc = new Y.Doc();
  const ws = new WebSocket(`${url}/bench-room-${room}`, { perMessageDeflate: false });
  const client: BenchClient = { ws, doc, room, synced: false };
  doc.on('update', (update: Uint8Array) => {
    const id = firstStructId(update);
    if (id) sentAt.set(id, { time: performance.now(), room, measured: measuring });
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
        const id = firstStructId(decoding.readVarUint8Array(d));
        const origin = id ? sentAt.get(id) : undefined;
        if (origin?.measured) {
          delivered++;
          latencies.push(now - origin.time);
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

await new Promise((r) => setTimeout(r, WARMUP_MS));
const cpuStart = process.cpuUsage();
process.stdout.write('{"event":"measuring"}\n');
measuring = true;
await new Promise((r) => setTimeout(r, MEASURE_MS));
measuring = false;
process.stdout.write('{"event":"measured"}\n');
const cpu = process.cpuUsage(cpuStart);
for (const c of clients) clearInterval(c.timer);
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
