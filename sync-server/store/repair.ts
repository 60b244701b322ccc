import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/**
 * Yjs integrates a client's structs only in clock order: if one stored update is lost (a damaged
 * log entry we had to skip), every later struct of that client waits forever as "pending", and so
 * does anything anchored to it. This fills each such hole with a GC range (content known to be
 * gone), so everything after it integrates: what the lost update typed is gone, nothing else is.
 *
 * Only call it after entries were skipped; pending structs are otherwise legitimate (they wait for
 * an update still on its way). Returns the number of holes filled.
 */
export function fillLostClockRanges(doc: Y.Doc): number {
  const pending = doc.store.pendingStructs;
  if (!pending) return 0;
  const firstPending = new Map<number, number>();
  for (const struct of Y.decodeUpdateV2(pending.update).structs) {
    if (struct instanceof Y.Skip) continue;
    const { client, clock } = struct.id;
    const known = firstPending.get(client);
    if (known === undefined || clock < known) firstPending.set(client, clock);
  }
  const holes: Array<{ client: number; clock: number; length: number }> = [];
  for (const [client, clock] of firstPending) {
    const state = Y.getState(doc.store, client);
    if (clock > state) holes.push({ client, clock: state, length: clock - state });
  }
  if (holes.length === 0) return 0;
  // A v1 update of GC structs only: [clients][structs, client, clock, GC info (0), length]… [empty delete set]
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, holes.length);
  for (const hole of holes) {
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint(encoder, hole.client);
    encoding.writeVarUint(encoder, hole.clock);
    encoding.writeUint8(encoder, 0);
    encoding.writeVarUint(encoder, hole.length);
  }
  encoding.writeVarUint(encoder, 0);
  Y.applyUpdate(doc, encoding.toUint8Array(encoder));
  return holes.length;
}
