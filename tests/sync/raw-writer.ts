/**
 * A person on a raw y-websocket socket (no provider): a copy of the room, the permission-denied
 * reasons received, and `write`, which makes an edit on the copy and sends it as one crafted
 * update — so a test sends exactly what a hostile client could, past the app's own checks.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { rawSocket } from './harness.ts';

const frame = (write: (e: encoding.Encoder) => void) => {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
};

export class RawWriter {
  readonly doc = new Y.Doc();
  readonly denied: string[] = [];
  readonly socket: ReturnType<typeof rawSocket>;
  readonly #synced: Promise<void>;
  constructor(url: string) {
    this.socket = rawSocket(url);
    let resolve!: () => void;
    this.#synced = new Promise((r) => (resolve = r));
    this.socket.ws.on('message', (data: Buffer) => {
      const d = decoding.createDecoder(new Uint8Array(data));
      const type = decoding.readVarUint(d);
      if (type === 2 && decoding.readVarUint(d) === 0) this.denied.push(decoding.readVarString(d));
      if (type !== 0) return;
      const sub = decoding.readVarUint(d);
      if (sub === 1 || sub === 2) Y.applyUpdate(this.doc, decoding.readVarUint8Array(d), 'server');
      if (sub === 1) resolve();
    });
    void this.socket.opened.then(() =>
      this.socket.ws.send(
        frame(
          (e) => (encoding.writeVarUint(e, 0), encoding.writeVarUint(e, 0), encoding.writeVarUint8Array(e, Y.encodeStateVector(this.doc))),
        ),
      ),
    );
  }
  synced(): Promise<void> {
    return this.#synced;
  }
  /** Makes the edit on its copy and sends it as one raw update. */
  write(edit: (doc: Y.Doc) => void): void {
    const updates: Uint8Array[] = [];
    const listen = (u: Uint8Array, origin: unknown) => origin !== 'server' && updates.push(u);
    this.doc.on('update', listen);
    this.doc.transact(() => edit(this.doc));
    this.doc.off('update', listen);
    const update = Y.mergeUpdates(updates);
    this.socket.ws.send(frame((e) => (encoding.writeVarUint(e, 0), encoding.writeVarUint(e, 2), encoding.writeVarUint8Array(e, update))));
  }
}
