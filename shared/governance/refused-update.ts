import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/**
 * Taking a refused change back (docs/governance.md "Taking a refused change back").
 *
 * When the sync server refuses an update, it tells the client which one: the *shape* of the
 * refused update — the clock ranges of the structs it inserted and the ranges it deleted — never
 * its content. Yjs cannot un-delete or un-insert, so the client does not try to undo the refused
 * change in its document: it builds a fresh document from the server's state plus every change of
 * its own the server did not refuse (its journal), and shows that one instead.
 */

/** A clock range of one client: [clock, clock + length). */
export interface ClockRange {
  readonly client: number;
  readonly clock: number;
  readonly length: number;
}

/** What a refused update inserted and deleted, by id only. */
export interface RefusedShape {
  readonly inserted: readonly ClockRange[];
  readonly deleted: readonly ClockRange[];
}

/** The shape of an update: its struct ranges (collected content included) and its delete set. */
export function shapeOfUpdate(update: Uint8Array): RefusedShape {
  const decoded = Y.decodeUpdate(update);
  const inserted: ClockRange[] = [];
  for (const struct of decoded.structs) {
    if (struct instanceof Y.Skip) continue;
    const last = inserted[inserted.length - 1];
    // A decoded update lists each client's structs in clock order: merge neighbours.
    if (last && last.client === struct.id.client && last.clock + last.length === struct.id.clock) {
      inserted[inserted.length - 1] = { ...last, length: last.length + struct.length };
    } else inserted.push({ client: struct.id.client, clock: struct.id.clock, length: struct.length });
  }
  const deleted: ClockRange[] = [];
  for (const [client, items] of decoded.ds.clients) {
    for (const item of items) deleted.push({ client, clock: item.clock, length: item.len });
  }
  return { inserted, deleted };
}

const writeRanges = (encoder: encoding.Encoder, ranges: readonly ClockRange[]) => {
  encoding.writeVarUint(encoder, ranges.length);
  for (const r of ranges) {
    encoding.writeVarUint(encoder, r.client);
    encoding.writeVarUint(encoder, r.clock);
    encoding.writeVarUint(encoder, r.length);
  }
};

/** Enough ranges for any real update; a longer list is not read (a hostile or broken server). */
const MAX_RANGES = 1_000_000;

const readRanges = (decoder: decoding.Decoder): ClockRange[] => {
  const count = decoding.readVarUint(decoder);
  if (count > MAX_RANGES) throw new Error('too many ranges');
  const out: ClockRange[] = [];
  for (let i = 0; i < count; i++) {
    out.push({ client: decoding.readVarUint(decoder), clock: decoding.readVarUint(decoder), length: decoding.readVarUint(decoder) });
  }
  return out;
};

/**
 * The wire form, appended after the reason of y-protocols' permission-denied message: a plain
 * y-websocket client reads the reason and ignores the rest. `[inserted ranges][deleted ranges]`,
 * each `[count]([client][clock][length])*` in lib0 varints.
 */
export function encodeRefusedShape(shape: RefusedShape): Uint8Array {
  const encoder = encoding.createEncoder();
  writeRanges(encoder, shape.inserted);
  writeRanges(encoder, shape.deleted);
  return encoding.toUint8Array(encoder);
}

/** Reads what encodeRefusedShape wrote; null when it is not that. */
export function decodeRefusedShape(bytes: Uint8Array): RefusedShape | null {
  try {
    const decoder = decoding.createDecoder(bytes);
    const inserted = readRanges(decoder);
    const deleted = readRanges(decoder);
    return { inserted, deleted };
  } catch {
    return null;
  }
}

const overlaps = (a: readonly ClockRange[], b: readonly ClockRange[]): boolean =>
  a.some((x) => b.some((y) => x.client === y.client && x.clock < y.clock + y.length && y.clock < x.clock + x.length));

/** One change this client made (or loaded from its offline copy) and has not seen refused. */
interface JournalEntry {
  readonly update: Uint8Array;
  readonly shape: RefusedShape;
  /** Its place in the order changes were made (kept when entries before it are dropped). */
  readonly seq: number;
}

/**
 * This device's own changes since the document was opened: local edits, and what its offline copy
 * loaded (the first entries). Each is one transaction, as the provider sends it.
 *
 * An entry is refused when its insertions overlap the refused insertions — or, for an entry that
 * only deletes, when its deletions overlap the refused deletions. (A reconnect sends everything the
 * server lacks as one update whose delete set is the whole document's, so a deletion-only entry is
 * matched only by a refusal that covers it: the server has any such entry it accepted already.)
 */
export class LocalJournal {
  #entries: JournalEntry[] = [];
  #next = 0;

  record(update: Uint8Array): void {
    this.#entries.push({ update, shape: shapeOfUpdate(update), seq: this.#next++ });
  }

  /** The sequence number the next change recorded gets (a mark for `since`). */
  get next(): number {
    return this.#next;
  }

  /** The entries kept that were recorded at or after `mark`, oldest first. */
  since(mark: number): Uint8Array[] {
    return this.#entries.filter((e) => e.seq >= mark).map((e) => e.update);
  }

  get size(): number {
    return this.#entries.length;
  }

  /** Forgets the entries the refusal covers; returns how many. */
  drop(refused: RefusedShape): number {
    const before = this.#entries.length;
    this.#entries = this.#entries.filter(({ shape }) =>
      shape.inserted.length > 0 ? !overlaps(shape.inserted, refused.inserted) : !overlaps(shape.deleted, refused.deleted),
    );
    return before - this.#entries.length;
  }

  /** The entries kept, oldest first. */
  updates(): Uint8Array[] {
    return this.#entries.map((e) => e.update);
  }
}

/** Origin of what a rebuilt document was built from (neither sent by the provider as new nor journaled twice). */
export const REBUILT = Symbol('rebuilt after a refusal');

/**
 * The document as it should be after the server refused some of this device's changes: the
 * server's state (which holds collected content where the refused structs were), then every
 * journaled change it did not refuse. A kept change that was made inside refused content (typing
 * into a refused card) becomes collected content here exactly as it did on the server.
 */
export function rebuildDocument(serverState: Uint8Array, journal: LocalJournal): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, serverState, REBUILT);
  for (const update of journal.updates()) Y.applyUpdate(doc, update, REBUILT);
  return doc;
}
