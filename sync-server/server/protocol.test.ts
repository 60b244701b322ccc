import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as auth from 'y-protocols/auth';
import { decodeRefusedShape, encodeRefusedShape } from '../../shared/governance/refused-update.ts';
import {
  encodeAwareness,
  encodePermissionDenied,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  parseClientMessage,
  ProtocolError,
} from './protocol.ts';

describe('y-websocket messages', () => {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, 'hi');
  const update = Y.encodeStateAsUpdate(doc);
  const sv = Y.encodeStateVector(doc);

  it('parses what it encodes', () => {
    expect(parseClientMessage(encodeSyncStep1(sv))).toEqual({ kind: 'sync-step1', stateVector: sv });
    expect(parseClientMessage(encodeSyncStep2(update))).toEqual({ kind: 'sync-step2', update });
    expect(parseClientMessage(encodeUpdate(update))).toEqual({ kind: 'sync-update', update });
    expect(parseClientMessage(encodeAwareness(new Uint8Array([1, 2])))).toEqual({ kind: 'awareness', update: new Uint8Array([1, 2]) });
    expect(parseClientMessage(new Uint8Array([3]))).toEqual({ kind: 'query-awareness' });
  });

  it('returns payloads that own their memory', () => {
    const frame = Buffer.from(encodeUpdate(update));
    const parsed = parseClientMessage(frame);
    if (parsed.kind !== 'sync-update') throw new Error('kind');
    expect(parsed.update.byteOffset).toBe(0);
    expect(parsed.update.buffer.byteLength).toBe(update.byteLength);
    frame.fill(0);
    expect(parsed.update).toEqual(update);
  });

  it('never reads past the frame, even when the frame is a view into a larger buffer', () => {
    // Claims 10 payload bytes, has 2; the bytes after the view would satisfy a trusting decoder.
    const pool = Buffer.from([0, 2, 10, 1, 2, 9, 9, 9, 9, 9, 9, 9, 9, 9]);
    expect(() => parseClientMessage(pool.subarray(0, 5))).toThrow(ProtocolError);
  });

  it('rejects truncated, padded, unknown and overlong messages', () => {
    const good = encodeUpdate(update);
    for (let cut = 0; cut < good.length; cut++) expect(() => parseClientMessage(good.subarray(0, cut))).toThrow(ProtocolError);
    expect(() => parseClientMessage(new Uint8Array([...good, 0]))).toThrow(/trailing/);
    expect(() => parseClientMessage(new Uint8Array([2, 0]))).toThrow(/unsupported message type 2/);
    expect(() => parseClientMessage(new Uint8Array([7]))).toThrow(/unsupported/);
    expect(() => parseClientMessage(new Uint8Array([0, 5, 0]))).toThrow(/unknown sync message type/);
    expect(() => parseClientMessage(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]))).toThrow(/out of range/);
    expect(() => parseClientMessage(new Uint8Array([3, 0]))).toThrow(/trailing/);
  });

  it('a permission-denied with the refused shape still reads as y-protocols reads it; the shape follows the reason', () => {
    const shape = { inserted: [{ client: 7, clock: 3, length: 2 }], deleted: [{ client: 9, clock: 0, length: 1 }] };
    const message = encodePermissionDenied('The Email team owns it', encodeRefusedShape(shape));
    const decoder = decoding.createDecoder(message);
    expect(decoding.readVarUint(decoder)).toBe(2);
    const reasons: string[] = [];
    auth.readAuthMessage(decoder, new Y.Doc(), (_doc, reason) => reasons.push(reason));
    expect(reasons).toEqual(['The Email team owns it']);
    expect(decodeRefusedShape(decoding.readVarUint8Array(decoder))).toEqual(shape);
  });
});
