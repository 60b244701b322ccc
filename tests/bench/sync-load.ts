/**
 * Cold load for the sync benchmark, in a fresh process: open the store file and load one room
 * into a Y.Doc, as the server does for the first client of a room. argv: STORE_FILE ROOM.
 * Prints one JSON line: { ms, openMs, seq, updatesApplied, snapshotSeq, chars }.
 */
import { openStore } from '../../sync-server/store/index.ts';

const [file, room] = process.argv.slice(2) as [string, string];
const start = performance.now();
const store = openStore(file, { exclusive: false });
const opened = performance.now();
const loaded = store.loadDoc(room);
const end = performance.now();
const chars = loaded.doc.getText('notes').length;
store.close();
process.stdout.write(
  `${JSON.stringify({ ms: end - start, openMs: opened - start, seq: loaded.seq, updatesApplied: loaded.updatesApplied, snapshotSeq: loaded.snapshotSeq, chars })}\n`,
);
