import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { refusalFiller } from './refusal-filler.ts';

describe('refusalFiller', () => {
  it("takes a refused update's place so the person's later edits still integrate, without its content", () => {
    const server = new Y.Doc();
    const person = new Y.Doc();
    const updates: Uint8Array[] = [];
    person.on('update', (u: Uint8Array) => updates.push(u));
    person.getMap('cards').set('ok', 'first');
    person.getMap('cards').set('refused', 'forbidden');
    person.getMap('cards').set('later', 'after');
    Y.applyUpdate(server, updates[0]!);
    // The second is refused: without a filler, the third waits forever.
    const bare = new Y.Doc();
    Y.applyUpdate(bare, Y.encodeStateAsUpdate(server));
    Y.applyUpdate(bare, updates[2]!);
    expect(bare.getMap('cards').get('later')).toBeUndefined();
    const filler = refusalFiller(server, updates[1]!)!;
    Y.applyUpdate(server, filler);
    Y.applyUpdate(server, updates[2]!);
    expect(server.getMap('cards').toJSON()).toEqual({ ok: 'first', later: 'after' });
    // Another client receiving the filler and the later update agrees.
    const other = new Y.Doc();
    Y.applyUpdate(other, updates[0]!);
    Y.applyUpdate(other, filler);
    Y.applyUpdate(other, updates[2]!);
    expect(other.getMap('cards').toJSON()).toEqual({ ok: 'first', later: 'after' });
  });

  it('fills nothing for an update the document already has, or one beyond a gap', () => {
    const server = new Y.Doc();
    const person = new Y.Doc();
    const updates: Uint8Array[] = [];
    person.on('update', (u: Uint8Array) => updates.push(u));
    person.getMap('m').set('a', 1);
    person.getMap('m').set('b', 2);
    person.getMap('m').set('c', 3);
    Y.applyUpdate(server, updates[0]!);
    expect(refusalFiller(server, updates[0]!)).toBeNull();
    expect(refusalFiller(server, updates[2]!)).toBeNull();
  });
});
