import { describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { encodeAwarenessEntries, jsonDepth, readAwarenessEntries } from './awareness-entries.ts';
import { ProtocolError } from './wire-reader.ts';

const bounds = { maxEntries: 4, maxStateBytes: 1024, maxStateDepth: 8 };

describe('awareness entries', () => {
  it('reads what y-protocols writes, and writes what y-protocols reads', () => {
    const awareness = new awarenessProtocol.Awareness(new Y.Doc());
    awareness.setLocalState({ user: { name: 'Dana', color: '#f00' }, cursor: [1, 2] });
    const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID]);
    const entries = readAwarenessEntries(update, bounds);
    expect(entries).toEqual([{ clientId: awareness.clientID, clock: 1, state: { user: { name: 'Dana', color: '#f00' }, cursor: [1, 2] } }]);
    const other = new awarenessProtocol.Awareness(new Y.Doc());
    awarenessProtocol.applyAwarenessUpdate(other, encodeAwarenessEntries(entries), 'test');
    expect(other.getStates().get(awareness.clientID)).toEqual(entries[0]!.state);
    awareness.destroy();
    other.destroy();
  });

  it('measures nesting outside strings only', () => {
    expect(jsonDepth('{}')).toBe(1);
    expect(jsonDepth('{"a":[{"b":1}]}')).toBe(3);
    expect(jsonDepth('{"a":"[[[[{{{{"}')).toBe(1);
    expect(jsonDepth('{"a":"\\"[[["}')).toBe(1);
    expect(jsonDepth('[[[[[[[[[[', 3)).toBe(4);
  });

  it('refuses states too deep, too large, too many, not JSON or not objects, and truncated updates', () => {
    const one = (json: string) => raw(7, json);
    const deep = '{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000);
    expect(() => readAwarenessEntries(one(deep), { ...bounds, maxStateBytes: 1e6 })).toThrow(/nested deeper than 8/);
    expect(() => readAwarenessEntries(one(JSON.stringify({ big: 'x'.repeat(2000) })), bounds)).toThrow(/2\d{3} bytes/);
    expect(() => readAwarenessEntries(one('{"a":'), bounds)).toThrow(/not JSON/);
    expect(() => readAwarenessEntries(one('[1,2]'), bounds)).toThrow(/not an object/);
    expect(() => readAwarenessEntries(one('"text"'), bounds)).toThrow(/not an object/);
    const many = encodeAwarenessEntries(Array.from({ length: 5 }, (_, i) => ({ clientId: i, clock: 1, state: {} })));
    expect(() => readAwarenessEntries(many, bounds)).toThrow(/5 entries/);
    const good = encodeAwarenessEntries([{ clientId: 1, clock: 1, state: { a: 1 } }]);
    for (let cut = 1; cut < good.length; cut++) expect(() => readAwarenessEntries(good.slice(0, cut), bounds)).toThrow(ProtocolError);
    expect(() => readAwarenessEntries(new Uint8Array([...good, 0]), bounds)).toThrow(/trailing/);
  });
});

/** An awareness update of one entry with this exact JSON text (which may be invalid). */
function raw(clientId: number, json: string): Uint8Array {
  const text = new TextEncoder().encode(json);
  const out: number[] = [1, ...varUint(clientId), 1, ...varUint(text.length), ...text];
  return new Uint8Array(out);
}

function varUint(n: number): number[] {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
}
