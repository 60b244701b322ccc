import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { LocalJournal, REBUILT, type RefusedShape } from '../../shared/governance/refused-update.ts';

const MESSAGE_SYNC = 0;
const SYNC_STEP1 = 0;
const SYNC_STEP2 = 1;
const SYNC_UPDATE = 2;
/** Offline changes sent one by one at most (the server allows bursts of 1000 messages). */
const MAX_ONE_BY_ONE = 500;
/** A Yjs update with nothing in it. */
const EMPTY_UPDATE = Y.encodeStateAsUpdate(new Y.Doc());

/** y-websocket's own update listener (not in its types): unhooked to pause sending. */
type ProviderInternals = WebsocketProvider & { _updateHandler: (update: Uint8Array, origin: unknown) => void; ws: WebSocket | null };

/**
 * Takes refused changes back in this window (docs/governance.md "Taking a refused change back").
 *
 * Every update of the document that did not come from the server is journaled. When the server
 * refuses one (permission-denied with the refused update's shape), the refused entries leave the
 * journal, and this device:
 * 1. stops sending changes on the connection (they stay in the journal), so nothing it sends can
 *    be decided after the point below;
 * 2. asks the server, on the same connection, for its whole state (sync step 1 with an empty state
 *    vector). The server reads messages in order, so by the time the answer comes every change sent
 *    before has been decided — a further refusal arrives before the answer and is dropped too;
 * 3. hands the answer over: the caller clears the offline copy, builds a new document from the
 *    answer plus the journal (refused-update.ts rebuildDocument — the journal goes on recording
 *    until then, so an edit made meanwhile is kept), shows it and rewrites the offline copy from it.
 */
export class TakeBack {
  readonly journal: LocalJournal;
  readonly #onServerState: (state: Uint8Array) => void;
  #provider: ProviderInternals | null = null;
  #doc: Y.Doc | null = null;
  #waiting = false;
  /** Sync step 2 answers to skip: the provider's own first step 1 had not been answered yet. */
  #skip = 0;
  /** Journal mark of the last disconnect: what was recorded since has not reached the server. */
  #offlineSince = 0;

  constructor(onServerState: (state: Uint8Array) => void, journal = new LocalJournal()) {
    this.journal = journal;
    this.#onServerState = onServerState;
  }

  /** Journals this document's own changes and watches its provider's sync answers. */
  attach(doc: Y.Doc, provider: WebsocketProvider): void {
    this.#doc = doc;
    this.#provider = provider as ProviderInternals;
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== provider && origin !== REBUILT) this.journal.record(update);
    });
    const original = provider.messageHandlers[MESSAGE_SYNC]!;
    provider.messageHandlers[MESSAGE_SYNC] = (encoder, decoder, p, emitSynced, messageType) => {
      const peek = decoding.clone(decoder);
      const sub = decoding.readVarUint(peek);
      // The server's half of a (re)connect handshake: its state vector. y-websocket answers with
      // everything the server lacks as ONE update, which the server decides whole — one refused
      // offline change would take every other one with it. Each offline change goes first, alone.
      if (sub === SYNC_STEP1 && !this.#waiting) this.#sendOneByOne(provider as ProviderInternals, decoding.readVarUint8Array(peek));
      if (this.#waiting) {
        if (sub === SYNC_STEP2) {
          if (this.#skip > 0) this.#skip--;
          else {
            this.#waiting = false;
            this.#onServerState(decoding.readVarUint8Array(peek));
            return;
          }
        }
      }
      original(encoder, decoder, p, emitSynced, messageType);
    };
    provider.on('status', ({ status }: { status: string }) => {
      if (status === 'disconnected') this.#offlineSince = Math.min(this.#offlineSince, this.journal.next);
      // The connection went while waiting: the answer will not come on it. A reconnect would send
      // this document's whole delete set again (with the refused deletion), so this document must
      // not reconnect: the rebuilt one starts from the journal alone and syncs the rest.
      if (this.#waiting && status === 'disconnected') {
        this.#waiting = false;
        provider.disconnect();
        this.#onServerState(EMPTY_UPDATE);
      }
    });
  }

  /**
   * Sends the changes recorded since the connection was lost (or since the document was opened),
   * each as its own update, less what the server has. The merged answer y-websocket sends after
   * them then holds nothing new; if the server refuses it anyway (it carries the whole delete set,
   * a refused deletion included), every change in it was already decided one by one.
   */
  #sendOneByOne(provider: ProviderInternals, serverStateVector: Uint8Array): void {
    const pending = this.journal.since(this.#offlineSince);
    this.#offlineSince = Number.POSITIVE_INFINITY;
    // A very long offline session goes the old way (one update), within the server's message rate.
    if (pending.length === 0 || pending.length > MAX_ONE_BY_ONE) return;
    for (const update of pending) {
      const missing = Y.diffUpdate(update, serverStateVector);
      const { structs, ds } = Y.decodeUpdate(missing);
      if (structs.length === 0 && ds.clients.size === 0) continue;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      encoding.writeVarUint(encoder, SYNC_UPDATE);
      encoding.writeVarUint8Array(encoder, missing);
      provider.ws?.send(encoding.toUint8Array(encoder));
    }
  }

  /** The server refused the update of this shape. */
  refused(shape: RefusedShape): void {
    this.journal.drop(shape);
    const provider = this.#provider;
    if (this.#waiting || !provider || !this.#doc) return;
    this.#waiting = true;
    this.#doc.off('update', provider._updateHandler);
    // What is made from now on is not sent here: the rebuilt document's connection sends it, one by one.
    this.#offlineSince = Math.min(this.#offlineSince, this.journal.next);
    this.#skip = provider.synced ? 0 : 1;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    encoding.writeVarUint(encoder, SYNC_STEP1);
    encoding.writeVarUint8Array(encoder, Y.encodeStateVector(new Y.Doc()));
    provider.ws?.send(encoding.toUint8Array(encoder));
  }
}
