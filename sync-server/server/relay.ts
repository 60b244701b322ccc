import * as Y from 'yjs';

/**
 * The room's outgoing fan-out. Committed document updates and awareness changes are gathered for a
 * short window and sent as ONE message of each kind to every peer, instead of one message per
 * update per peer: a room of 500 editors typing 5 times a second produced 2,500 × 499 ≈ 1.25 M
 * messages a second before, which no core can send; merged per window it is a few hundred
 * messages a second per peer at most, whatever the number of writers.
 *
 * Every peer receives the same bytes (one buffer, shared by all their send queues). When the window
 * holds the changes of one connection only, that connection is left out, as before; with several
 * writers it gets its own changes back too — Yjs ignores what a document already has, and
 * y-protocols ignores an awareness entry whose clock is not newer — which costs a few bytes and
 * saves a merge per writer.
 *
 * Updates reach the relay only after their group commit returned: "committed before relayed" is
 * the caller's rule, and nothing here reorders a commit ahead of it.
 */
export interface RelayTarget<P> {
  readonly peers: ReadonlySet<P>;
  send(peer: P, message: Uint8Array): void;
}

export interface RelayEncoders {
  /** A y-websocket sync "update" frame around one Yjs update. */
  readonly update: (update: Uint8Array) => Uint8Array;
  /** A y-websocket awareness frame for these client ids (their current states, or their removal). */
  readonly awareness: (clientIds: readonly number[]) => Uint8Array;
}

export interface RelayTiming {
  /** Window for document updates, given the number of peers (0: the next event-loop turn). */
  readonly updateWindowMs: (peers: number) => number;
  /** Window for awareness, given the number of peers. */
  readonly awarenessWindowMs: (peers: number) => number;
}

/**
 * Windows that keep latency minimal where it is cheap and bound the messages per second where it
 * is not: up to 50 peers every committed batch leaves at once; beyond, one message per peer every
 * peers/50 ms (10 ms for 500 peers), at most 20 ms. Cursors at 10 Hz per person are gathered for
 * 20 ms once a room has 10 people: nobody sees a cursor 20 ms late, and a room of 100 sends 50
 * awareness messages a second per peer instead of 1,000.
 */
export const DEFAULT_RELAY_TIMING: RelayTiming = {
  updateWindowMs: (peers) => (peers <= 50 ? 0 : Math.min(20, peers / 50)),
  awarenessWindowMs: (peers) => (peers < 10 ? 0 : 20),
};

interface Pending<T> {
  items: T[];
  origins: Set<unknown>;
  timer: NodeJS.Timeout | NodeJS.Immediate | undefined;
}

const emptyPending = <T>(): Pending<T> => ({ items: [], origins: new Set(), timer: undefined });

export class Relay<P> {
  readonly #target: RelayTarget<P>;
  readonly #encode: RelayEncoders;
  readonly #timing: RelayTiming;
  readonly #onError: (error: unknown) => void;
  #updates: Pending<Uint8Array> = emptyPending();
  #awareness: Pending<number> = emptyPending();
  /** Awareness ids removed: forgotten by the caller once their removal has been sent. */
  readonly #afterAwareness: Array<(ids: readonly number[]) => void> = [];
  #stopped = false;

  constructor(target: RelayTarget<P>, encode: RelayEncoders, timing: RelayTiming, onError: (error: unknown) => void) {
    this.#target = target;
    this.#encode = encode;
    this.#timing = timing;
    this.#onError = onError;
  }

  /** A committed update from `origin` (a peer, or anything else: then nobody is left out). */
  update(update: Uint8Array, origin: unknown): void {
    if (this.#stopped) return;
    this.#updates.items.push(update);
    this.#updates.origins.add(origin);
    this.#schedule(this.#updates, this.#timing.updateWindowMs(this.#target.peers.size), () => this.flushUpdates());
  }

  /** Awareness states that changed (or were removed) because of `origin`. */
  awareness(clientIds: readonly number[], origin: unknown): void {
    if (this.#stopped || clientIds.length === 0) return;
    for (const id of clientIds) this.#awareness.items.push(id);
    this.#awareness.origins.add(origin);
    this.#schedule(this.#awareness, this.#timing.awarenessWindowMs(this.#target.peers.size), () => this.flushAwareness());
  }

  /** Runs after the next awareness flush with the ids it sent (used to forget removed clients). */
  afterAwarenessFlush(fn: (ids: readonly number[]) => void): void {
    this.#afterAwareness.push(fn);
  }

  #schedule<T>(pending: Pending<T>, windowMs: number, flush: () => void): void {
    if (pending.timer) return;
    const run = () => {
      pending.timer = undefined;
      try {
        flush();
      } catch (error) {
        this.#onError(error);
      }
    };
    if (windowMs <= 0) pending.timer = setImmediate(run);
    else {
      const timer = setTimeout(run, windowMs);
      timer.unref();
      pending.timer = timer;
    }
  }

  flushUpdates(): void {
    const { items, origins, timer } = this.#updates;
    this.#updates = emptyPending();
    clearTimer(timer);
    if (items.length === 0) return;
    const merged = items.length === 1 ? items[0]! : Y.mergeUpdates(items);
    this.#broadcast(this.#encode.update(merged), origins);
  }

  flushAwareness(): void {
    const { items, origins, timer } = this.#awareness;
    this.#awareness = emptyPending();
    clearTimer(timer);
    const ids = [...new Set(items)];
    const after = this.#afterAwareness.splice(0);
    if (ids.length > 0) this.#broadcast(this.#encode.awareness(ids), origins);
    for (const fn of after) fn(ids);
  }

  #broadcast(message: Uint8Array, origins: Set<unknown>): void {
    const except = origins.size === 1 ? origins.values().next().value : undefined;
    for (const peer of this.#target.peers) if (peer !== except) this.#target.send(peer, message);
  }

  /** Sends what is gathered now (shutdown, unload). */
  flush(): void {
    this.flushUpdates();
    this.flushAwareness();
  }

  stop(): void {
    this.#stopped = true;
    clearTimer(this.#updates.timer);
    clearTimer(this.#awareness.timer);
    this.#updates = emptyPending();
    this.#awareness = emptyPending();
    this.#afterAwareness.length = 0;
  }
}

function clearTimer(timer: NodeJS.Timeout | NodeJS.Immediate | undefined): void {
  if (!timer) return;
  if ('hasRef' in timer && 'refresh' in timer) clearTimeout(timer);
  else clearImmediate(timer as NodeJS.Immediate);
}
