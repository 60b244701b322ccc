import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openStore, type DocumentStore, type StoreError } from './index.ts';

let dir: string;
let file: string;
const opened: DocumentStore[] = [];
const errors: StoreError[] = [];

function open(): DocumentStore {
  const store = openStore(file, { onError: (e) => errors.push(e) });
  opened.push(store);
  return store;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'js-store-'));
  file = join(dir, 'data', 'journeyscroll.sqlite');
  errors.length = 0;
});
afterEach(() => {
  for (const store of opened.splice(0)) store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A client doc whose every local change is appended to the store as it happens. */
function writer(store: DocumentStore, room: string, clientID?: number) {
  const doc = new Y.Doc();
  if (clientID !== undefined) doc.clientID = clientID;
  const seqs: number[] = [];
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => {
    updates.push(update);
    seqs.push(store.appendUpdate(room, update));
  });
  return { doc, seqs, updates };
}

const content = (doc: Y.Doc) => ({ text: doc.getText('t').toString(), map: doc.getMap('m').toJSON() });

function loaded(store: DocumentStore, room: string) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, store.loadRoom(room));
  return doc;
}

describe('document store', () => {
  it('appends with per-room seqs and loads what was written, after reopening too', () => {
    let store = open();
    const a = writer(store, 'room-a');
    const b = writer(store, 'room-b');
    a.doc.getText('t').insert(0, 'hello');
    a.doc.getText('t').insert(5, ' world');
    b.doc.getMap('m').set('k', 1);
    expect(a.seqs).toEqual([1, 2]);
    expect(b.seqs).toEqual([1]);
    store.close();
    store = open();
    expect(content(loaded(store, 'room-a'))).toEqual(content(a.doc));
    expect(content(loaded(store, 'room-b'))).toEqual({ text: '', map: { k: 1 } });
    expect(store.roomInfo('room-a')).toMatchObject({ name: 'room-a', seq: 2, tailUpdates: 2, snapshotSeq: 0 });
    expect(
      store
        .listRooms()
        .map((r) => r.name)
        .sort(),
    ).toEqual(['room-a', 'room-b']);
  });

  it('loads an unknown room as an empty document and rejects bad names and non-updates', () => {
    const store = open();
    const doc = loaded(store, 'nobody');
    expect(content(doc)).toEqual({ text: '', map: {} });
    expect(store.roomInfo('nobody')).toBeUndefined();
    expect(() => store.appendUpdate('../etc', new Uint8Array([0, 0]))).toThrow(/invalid room name/);
    expect(() => store.appendUpdate('x'.repeat(129), new Uint8Array([0, 0]))).toThrow(/invalid room name/);
    expect(() => store.appendUpdate('ok', new Uint8Array([0xff, 0xff, 0xff]))).toThrow(/not a Yjs update/);
    expect(() => store.appendUpdate('ok', new Uint8Array())).toThrow(/non-empty/);
    expect(store.listRooms()).toEqual([]);
  });

  it('appendUpdates commits several rooms in one call and returns their seqs in order', () => {
    const store = open();
    const d = new Y.Doc();
    const ups: Uint8Array[] = [];
    d.on('update', (u: Uint8Array) => ups.push(u));
    d.getMap('m').set('a', 1);
    d.getMap('m').set('b', 2);
    d.getMap('m').set('c', 3);
    expect(
      store.appendUpdates([
        { room: 'r1', update: ups[0]! },
        { room: 'r2', update: ups[0]! },
        { room: 'r1', update: ups[1]! },
      ]),
    ).toEqual([1, 1, 2]);
    expect(store.appendUpdates([{ room: 'r1', update: ups[2]! }])).toEqual([3]);
    expect(loaded(store, 'r1').getMap('m').toJSON()).toEqual({ a: 1, b: 2, c: 3 });
  });

  it('compaction keeps the content, shrinks what a load reads, and never reuses a seq', () => {
    const store = open();
    const w = writer(store, 'room');
    for (let i = 0; i < 300; i++) w.doc.getText('t').insert(i, String(i % 10));
    for (let i = 0; i < 100; i++) w.doc.getText('t').delete(0, 1);
    const before = store.roomInfo('room')!;
    expect(before.tailUpdates).toBe(400);
    const first = store.compact('room')!;
    expect(first).toMatchObject({ seq: 400, removedUpdates: 0 });
    expect(store.compact('room')).toBeNull();
    const after = store.roomInfo('room')!;
    expect(after).toMatchObject({ snapshotSeq: 400, tailUpdates: 0 });
    expect(after.bytes).toBeLessThan(before.bytes);
    expect(content(loaded(store, 'room'))).toEqual(content(w.doc));

    w.doc.getMap('m').set('later', true);
    expect(w.seqs.at(-1)).toBe(401);
    const second = store.compact('room')!;
    // The second compaction drops the log the first snapshot covered, keeping one generation back.
    expect(second).toMatchObject({ seq: 401, removedUpdates: 400 });
    w.doc.getMap('m').set('again', 1);
    expect(w.seqs.at(-1)).toBe(402);
    expect(content(loaded(store, 'room'))).toEqual(content(w.doc));
  });

  it('compacts from a caller-provided state covering a given seq', () => {
    const store = open();
    const w = writer(store, 'room');
    w.doc.getMap('m').set('a', 1);
    w.doc.getMap('m').set('b', 2);
    const result = store.compact('room', { state: Y.encodeStateAsUpdate(w.doc), throughSeq: 2 });
    expect(result).toMatchObject({ seq: 2 });
    expect(() => store.compact('room', { state: Y.encodeStateAsUpdate(w.doc), throughSeq: 9 })).toThrow(/not within the log/);
    expect(content(loaded(store, 'room'))).toEqual(content(w.doc));
  });

  it('skips a damaged log entry, reports it, quarantines it and loads everything else', () => {
    let store = open();
    const alice = writer(store, 'room', 1);
    const bob = writer(store, 'room', 2);
    alice.doc.getMap('m').set('a1', 'kept');
    bob.doc.getMap('m').set('b1', 'kept');
    alice.doc.getMap('m').set('a2', 'lost'); // seq 3: will be damaged on disk
    alice.doc.getMap('m').set('a3', 'kept'); // same client, after the damaged one
    bob.doc.getMap('m').set('b2', 'kept');
    alice.doc.getText('t').insert(0, 'also kept');
    bob.doc.getMap('m').set('b3', 'kept');
    store.close();

    const raw = new Database(file);
    raw.prepare('UPDATE updates SET data = zeroblob(length(data)) WHERE seq = 3').run(); // checksum no longer matches
    // seq 5 keeps a valid checksum but does not decode.
    const garbage = Buffer.from([7, 200, 1, 2, 3]);
    raw.prepare('UPDATE updates SET data = ?, crc = ? WHERE seq = 5').run(garbage, crc32(garbage));
    raw.close();

    store = open();
    const doc = new Y.Doc();
    const result = store.loadDoc('room');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(result.doc));
    expect(result.skipped).toBe(2);
    expect(errors.map((e) => e.seq)).toEqual(expect.arrayContaining([3, 5]));
    expect(errors.find((e) => e.seq === 3)?.message).toMatch(/checksum/);
    expect(errors.find((e) => e.seq === 5)?.message).toMatch(/does not decode/);
    const map = doc.getMap('m').toJSON();
    expect(map).toMatchObject({ a1: 'kept', b1: 'kept', a3: 'kept', b3: 'kept' });
    expect(map.a2).toBeUndefined();
    expect(map.b2).toBeUndefined();
    expect(doc.getText('t').toString()).toBe('also kept');
    store.close();

    const check = new Database(file);
    expect(check.prepare('SELECT seq, kind FROM quarantine ORDER BY seq').all()).toEqual([
      { seq: 3, kind: 'update' },
      { seq: 5, kind: 'update' },
    ]);
    expect(check.prepare('SELECT count(*) AS n FROM updates').get()).toEqual({ n: 5 });
    check.close();
  });

  it('falls back to the previous snapshot generation when the newest one is damaged', () => {
    let store = open();
    const w = writer(store, 'room');
    w.doc.getMap('m').set('a', 1);
    store.compact('room');
    w.doc.getMap('m').set('b', 2);
    store.compact('room');
    w.doc.getMap('m').set('c', 3);
    store.close();
    const raw = new Database(file);
    raw.prepare('UPDATE snapshots SET data = zeroblob(length(data)) WHERE seq = 2').run();
    raw.close();
    store = open();
    expect(loaded(store, 'room').getMap('m').toJSON()).toEqual({ a: 1, b: 2, c: 3 });
    expect(errors.some((e) => e.kind === 'snapshot' && e.seq === 2)).toBe(true);
  });

  it('holds the file exclusively: a second opener fails with a clear message', () => {
    open();
    expect(() => openStore(file)).toThrow(/in use by another process/);
  });

  it('refuses a store written by a newer schema', () => {
    open().close();
    const raw = new Database(file);
    raw.pragma('user_version = 99');
    raw.close();
    expect(() => open()).toThrow(/newer JourneyScroll/);
  });

  it('deletes a room with its log and snapshots', () => {
    const store = open();
    const w = writer(store, 'gone');
    w.doc.getMap('m').set('x', 1);
    store.compact('gone');
    writer(store, 'stays').doc.getMap('m').set('y', 1);
    expect(store.deleteRoom('gone')).toBe(true);
    expect(store.deleteRoom('gone')).toBe(false);
    expect(store.listRooms().map((r) => r.name)).toEqual(['stays']);
    expect(content(loaded(store, 'gone'))).toEqual({ text: '', map: {} });
    // A re-created room starts a new log.
    expect(store.appendUpdate('gone', w.updates[0]!)).toBe(1);
  });

  it('refuses use after close', () => {
    const store = open();
    store.close();
    expect(() => store.listRooms()).toThrow(/closed/);
  });
});
