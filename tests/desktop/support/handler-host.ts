/**
 * The desktop app's handler table in a process of its own, as the main process holds it: the REAL
 * table (electron/ipc) on a real SQLite file, spoken to in JSON lines over stdio, so a test can
 * kill -9 it mid-stream and start it again on the same file. Only the dialogs are stand-ins: the
 * test queues the path a person would have picked (`{ "answer": path }`).
 *
 *   node tests/desktop/support/handler-host.ts LIBRARY.sqlite DATA_DIR WEB_DIR ORIGIN
 *   stdin:  {"id":1,"channel":"library.list","sender":"http://…/","args":…} | {"answer":"/path"|null}
 *   stdout: {"ready":true} then {"id":1,"result":{"ok":true,"value":…}}
 */
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { createHandlers, createWorkshop, openLibrary } from '../../../electron/ipc/index.ts';
import { fromWire, toWire } from './wire.ts';

const [file, dataDir, webDir, origin] = process.argv.slice(2);
if (!file || !dataDir || !webDir || !origin) throw new Error('usage: handler-host.ts LIBRARY.sqlite DATA_DIR WEB_DIR ORIGIN');

const library = openLibrary(file);
// Loopback only: tests send traffic to this machine alone.
const workshop = createWorkshop({
  dataDir: join(dataDir, 'workshop'),
  webDir,
  lanAddresses: () => ['127.0.0.1'],
  defaultHost: '127.0.0.1',
});
const answers: Array<string | null> = [];
const answer = async () => {
  if (answers.length === 0) throw new Error('no dialog answer queued by the test');
  return answers.shift()!;
};
// Overwrite questions: answered like the path dialogs, from the test's queue ("replace" or null).
const confirmOverwrite = async () => (await answer()) === 'replace';
const handlers = createHandlers({
  library,
  workshop,
  dialogs: { openJourney: answer, saveFile: answer, confirmOverwrite },
  allowedOrigins: [origin],
});

const write = (message: unknown) => process.stdout.write(`${JSON.stringify(message)}\n`);
createInterface({ input: process.stdin }).on('line', (line) => {
  const message = JSON.parse(line) as { id?: number; channel?: string; sender?: string; args?: unknown; answer?: string | null };
  if ('answer' in message) {
    answers.push(message.answer ?? null);
    return;
  }
  void handlers
    .invoke(message.channel, message.sender, fromWire(message.args))
    .then((result) => write({ id: message.id, result: toWire(result) }));
});
process.stdin.on('end', () => {
  void workshop.stop().then(() => {
    library.close();
    process.exit(0);
  });
});
write({ ready: true });
