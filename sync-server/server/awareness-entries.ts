import * as encoding from 'lib0/encoding';
import { ProtocolError, WireReader } from './wire-reader.ts';

/**
 * The entries of a y-protocols awareness update (`[count]([clientID][clock][JSON state])*`),
 * read strictly and checked against bounds before anything applies them. y-protocols itself
 * parses whatever JSON arrives and later re-encodes it with JSON.stringify, which throws on a
 * state nested some thousands of levels deep — outside any handler, so one message stopped the
 * whole server. Here such a state never gets that far.
 */
export interface AwarenessEntry {
  readonly clientId: number;
  readonly clock: number;
  /** The parsed state: an object, or null when the client removes its presence. */
  readonly state: Record<string, unknown> | null;
}

export interface AwarenessBounds {
  /** Entries in one update. */
  readonly maxEntries: number;
  /** UTF-8 bytes of one state's JSON. */
  readonly maxStateBytes: number;
  /** Nesting of arrays and objects in one state. */
  readonly maxStateDepth: number;
}

/** Deepest nesting of `[`/`{` in JSON text, outside strings; stops counting past `limit`. */
export function jsonDepth(text: string, limit = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

/** Parses and bounds an awareness update; throws ProtocolError naming the first problem. */
export function readAwarenessEntries(update: Uint8Array, bounds: AwarenessBounds): AwarenessEntry[] {
  const reader = new WireReader(update);
  const count = reader.varUint();
  if (count > bounds.maxEntries) throw new ProtocolError(`awareness update has ${count} entries (at most ${bounds.maxEntries})`);
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = reader.varUint();
    const clock = reader.varUint();
    // Checked on the encoded length before decoding, so a huge string is never built.
    const start = reader.pos;
    const length = reader.varUint();
    if (length > bounds.maxStateBytes) throw new ProtocolError(`awareness state of ${length} bytes (at most ${bounds.maxStateBytes})`);
    reader.pos = start;
    const json = reader.varString();
    if (jsonDepth(json, bounds.maxStateDepth) > bounds.maxStateDepth) {
      throw new ProtocolError(`awareness state nested deeper than ${bounds.maxStateDepth} levels`);
    }
    let state: unknown;
    try {
      state = JSON.parse(json);
    } catch {
      throw new ProtocolError('awareness state is not JSON');
    }
    if (state !== null && (typeof state !== 'object' || Array.isArray(state))) throw new ProtocolError('awareness state is not an object');
    entries.push({ clientId, clock, state: state as Record<string, unknown> | null });
  }
  reader.end();
  return entries;
}

/** Encodes entries as an awareness update (the inverse of readAwarenessEntries). */
export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, JSON.stringify(entry.state));
  }
  return encoding.toUint8Array(encoder);
}
