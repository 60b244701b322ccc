import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/**
 * What stands in for an update the server refused (a write the person's role may not make).
 *
 * Yjs integrates each client's structs in clock order: if the refused structs simply never
 * arrived, every later change of the same person would wait forever for them, on the server and
 * on everyone else — one refused edit would silently stop all their edits. So the clock range the
 * refused structs occupied is filled with GC structs (content known to be gone), committed and
 * relayed like any update: the refused content reaches no-one and no storage, and everything the
 * person does afterwards integrates. Changes that were made inside the refused content (typing into
 * a card whose creation was refused) are gone with it, as Yjs does for deleted content.
 *
 * Only ranges that start where the server's knowledge of that client ends are filled; anything
 * beyond a gap is not the refused update's to fill. Returns null when there is nothing to fill.
 */
export function refusalFiller(doc: Y.Doc, update: Uint8Array): Uint8Array | null {
  const ranges = new Map<number, { start: number; end: number }>();
  for (const struct of Y.decodeUpdate(update).structs) {
    if (struct instanceof Y.Skip) continue;
    const { client, clock } = struct.id;
    const range = ranges.get(client);
    const end = clock + struct.length;
    if (!range) ranges.set(client, { start: clock, end });
    else {
      range.start = Math.min(range.start, clock);
      range.end = Math.max(range.end, end);
    }
  }
  const holes: Array<{ client: number; clock: number; length: number }> = [];
  for (const [client, { start, end }] of ranges) {
    const known = Y.getState(doc.store, client);
    if (start <= known && end > known) holes.push({ client, clock: known, length: end - known });
  }
  if (holes.length === 0) return null;
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
  return encoding.toUint8Array(encoder);
}
