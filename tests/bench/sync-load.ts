/**
 * Cold load for the sync benchmark, in a fresh process: open the store file and load one room
 * into a Y.Doc, as the server does for the first client of a room. argv: STORE_FILE ROOM.
 * Prints one JSON line: { ms, openMs, warmMs, seq, updatesApplied, snapshotSeq, chars } — warmMs
 * is a second load of the room in the same process.
 */
import { openStore } from '../../sync-server/store/index.ts';

const [file, room] = process.argv.slice(2) as [string, string];
const start = performance.now();
const store = openStore(file, { exclusive: false });
const opened = performance.now();
const loaded = store.loadDoc(room);
const end = performance.now();
const chars = loaded.doc.getText('notes').length;
loaded.doc.destroy();
// The same room again in the same process: what a running server pays to bring back a room it
// unloaded (Yjs's decoder already compiled by V8), beside the first load of a fresh process.
const again = performance.now();
store.loadDoc(room).doc.destroy();
const warmMs = performance.now() - again;
store.close();
process.stdout.write(
  `${JSON.stringify({ ms: end - start, openMs: opened - start, warmMs, seq: loaded.seq, updatesApplied: loaded.updatesApplied, snapshotSeq: loaded.snapshotSeq, chars })}\n`,
);
