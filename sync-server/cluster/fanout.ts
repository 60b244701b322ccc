import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

/**
 * Cross-node fan-out through Redis pub/sub, one channel per room. What goes through it is either a
 * committed update (already in PostgreSQL: it carries the seqs the store gave it) or an awareness
 * change (never stored). Redis may drop a message — a restart, a slow subscriber cut off — and
 * that is allowed: a node that sees a seq skipped, or whose periodic look at the store shows a
 * newer seq, reads what it lacks from PostgreSQL (rooms.ts). Redis is a fast path, never the
 * record.
 */
export interface FanoutHandlers {
  update(from: number, to: number, update: Uint8Array): void;
  awareness(update: Uint8Array): void;
}

export interface Fanout {
  readonly nodeId: string;
  /** Connected and subscribed. */
  readonly up: boolean;
  /** Listens to the room (before it is loaded, so nothing committed meanwhile is missed). */
  join(room: string, handlers: FanoutHandlers): Promise<void>;
  leave(room: string): void;
  publishUpdate(room: string, from: number, to: number, update: Uint8Array): void;
  publishAwareness(room: string, update: Uint8Array): void;
  close(): Promise<void>;
}

export interface FanoutEvents {
  /** Subscribed again after Redis was unreachable: every loaded room must catch up. */
  readonly onReconnect: () => void;
  readonly onDown: (error: Error | undefined) => void;
  readonly onPublishFailed: (error: Error) => void;
  readonly onMessage: (kind: 'update' | 'awareness') => void;
}

const PREFIX = 'journeyscroll:room:';
const KIND_UPDATE = 1;
const KIND_AWARENESS = 2;

/** [kind u8][node id length u8][node id][from f64][to f64][payload] */
export function encodeFanoutMessage(kind: 'update' | 'awareness', nodeId: string, from: number, to: number, payload: Uint8Array): Buffer {
  const id = Buffer.from(nodeId, 'utf8');
  const out = Buffer.allocUnsafe(2 + id.length + 16 + payload.byteLength);
  out[0] = kind === 'update' ? KIND_UPDATE : KIND_AWARENESS;
  out[1] = id.length;
  id.copy(out, 2);
  out.writeDoubleBE(from, 2 + id.length);
  out.writeDoubleBE(to, 10 + id.length);
  out.set(payload, 18 + id.length);
  return out;
}

export function decodeFanoutMessage(
  message: Buffer,
): { kind: 'update' | 'awareness'; nodeId: string; from: number; to: number; payload: Uint8Array } | null {
  if (message.length < 18) return null;
  const kind = message[0] === KIND_UPDATE ? 'update' : message[0] === KIND_AWARENESS ? 'awareness' : null;
  const idLength = message[1]!;
  if (!kind || message.length < 18 + idLength) return null;
  return {
    kind,
    nodeId: message.subarray(2, 2 + idLength).toString('utf8'),
    from: message.readDoubleBE(2 + idLength),
    to: message.readDoubleBE(10 + idLength),
    payload: new Uint8Array(message.subarray(18 + idLength)),
  };
}

/** Connects to Redis (one connection to publish, one to subscribe); resolves once both answer. */
export async function connectFanout(url: string, events: FanoutEvents): Promise<Fanout> {
  const nodeId = randomBytes(8).toString('hex');
  const options = {
    // Fail a publish at once while Redis is away (the store catches everyone up), never queue it.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    autoResubscribe: false,
    lazyConnect: true,
    retryStrategy: (times: number) => Math.min(times * 100, 1000),
  };
  const pub = new Redis(url, options);
  const sub = new Redis(url, options);
  const rooms = new Map<string, FanoutHandlers>();
  let up = false;
  let everUp = false;
  let firstUp: () => void = () => {};
  const ready = new Promise<void>((resolve) => (firstUp = resolve));

  const subscribeAll = async () => {
    const channels = [...rooms.keys()].map((room) => PREFIX + room);
    if (channels.length > 0) await sub.subscribe(...channels);
  };
  sub.on('ready', () => {
    subscribeAll().then(
      () => {
        const wasUp = everUp;
        up = true;
        everUp = true;
        firstUp();
        if (wasUp) events.onReconnect();
      },
      (error: Error) => events.onDown(error),
    );
  });
  const down = (error?: Error) => {
    if (up) events.onDown(error);
    up = false;
  };
  sub.on('close', () => down());
  sub.on('error', (error) => down(error));
  pub.on('error', () => {});
  sub.on('messageBuffer', (channel: Buffer, message: Buffer) => {
    const room = channel.toString('utf8').slice(PREFIX.length);
    const handlers = rooms.get(room);
    const decoded = decodeFanoutMessage(message);
    if (!handlers || !decoded || decoded.nodeId === nodeId) return;
    events.onMessage(decoded.kind);
    if (decoded.kind === 'update') handlers.update(decoded.from, decoded.to, decoded.payload);
    else handlers.awareness(decoded.payload);
  });

  try {
    await Promise.all([pub.connect(), sub.connect()]);
    await ready;
  } catch (error) {
    pub.disconnect();
    sub.disconnect();
    throw new Error(`cannot reach Redis at ${url.replace(/\/\/[^@/]*@/, '//***@')}: ${(error as Error).message}`);
  }

  const publish = (room: string, message: Buffer) => {
    pub.publish(PREFIX + room, message).catch((error: Error) => events.onPublishFailed(error));
  };

  return {
    nodeId,
    get up() {
      return up;
    },
    async join(room, handlers) {
      rooms.set(room, handlers);
      if (!up) return; // subscribed with the others when Redis is back
      try {
        await sub.subscribe(PREFIX + room);
      } catch {
        // Redis went away meanwhile: the 'ready' after it returns subscribes every room.
      }
    },
    leave(room) {
      if (!rooms.delete(room) || !up) return;
      sub.unsubscribe(PREFIX + room).catch(() => {});
    },
    publishUpdate(room, from, to, update) {
      if (up) publish(room, encodeFanoutMessage('update', nodeId, from, to, update));
      else events.onPublishFailed(new Error('Redis is unreachable'));
    },
    publishAwareness(room, update) {
      if (up) publish(room, encodeFanoutMessage('awareness', nodeId, 0, 0, update));
    },
    async close() {
      rooms.clear();
      pub.disconnect();
      sub.disconnect();
    },
  };
}
