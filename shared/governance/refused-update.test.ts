import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { decodeRefusedShape, encodeRefusedShape, LocalJournal, rebuildDocument, shapeOfUpdate } from './refused-update.ts';

/** Each transaction of `doc` made by `edits`, as the provider would send it. */
function transactions(doc: Y.Doc, ...edits: Array<(d: Y.Doc) => void>): Uint8Array[] {
  return edits.map((edit) => {
    let update: Uint8Array | null = null;
    const listen = (u: Uint8Array) => (update = u);
    doc.on('update', listen);
    doc.transact(() => edit(doc));
    doc.off('update', listen);
    if (!update) throw new Error('the edit changed nothing');
    return update;
  });
}

describe('refused update shapes and the local journal', () => {
  it('a shape names insertions and deletions by id, and survives the wire', () => {
    const doc = new Y.Doc();
    doc.getMap('m').set('a', 1);
    const [del] = transactions(doc, (d) => d.getMap('m').delete('a'));
    const [ins] = transactions(doc, (d) => d.getText('t').insert(0, 'abc'));
    expect(shapeOfUpdate(del!)).toEqual({ inserted: [], deleted: [{ client: doc.clientID, clock: 0, length: 1 }] });
    const shape = shapeOfUpdate(ins!);
    expect(shape.inserted).toEqual([{ client: doc.clientID, clock: 1, length: 3 }]);
    expect(decodeRefusedShape(encodeRefusedShape(shape))).toEqual(shape);
    expect(decodeRefusedShape(new Uint8Array([5, 1]))).toBeNull();
  });

  it('drops exactly the refused entries, and a rebuild keeps the rest', () => {
    const server = new Y.Doc();
    server.getMap('m').set('kept', 'by the server');
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    const journal = new LocalJournal();
    const [first, refusedDelete, refusedWrite, last] = transactions(
      client,
      (d) => d.getMap('m').set('x', 1),
      (d) => d.getMap('m').delete('kept'),
      (d) => d.getMap('m').set('y', 'refused'),
      (d) => d.getMap('m').set('z', 3),
    );
    for (const u of [first!, refusedDelete!, refusedWrite!, last!]) journal.record(u);
    expect(journal.drop(shapeOfUpdate(refusedDelete!))).toBe(1);
    expect(journal.drop(shapeOfUpdate(refusedWrite!))).toBe(1);
    expect(journal.drop(shapeOfUpdate(refusedWrite!))).toBe(0);
    expect(journal.size).toBe(2);
    // The server never applied the refused two (and filled the refused write's clock; here it
    // simply lacks it, so the last write waits — it arrives once the gap is filled).
    const rebuilt = rebuildDocument(Y.encodeStateAsUpdate(server), journal);
    expect(rebuilt.getMap('m').get('kept')).toBe('by the server');
    expect(rebuilt.getMap('m').get('x')).toBe(1);
    expect(rebuilt.getMap('m').has('y')).toBe(false);
  });
});
