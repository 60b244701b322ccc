import { describe, expect, it } from 'vitest';
import { decodeFanoutMessage, encodeFanoutMessage } from './fanout.ts';

describe('fan-out messages', () => {
  it('carry the kind, the sending node, the seq range and the payload', () => {
    const payload = Uint8Array.from([1, 2, 3, 250]);
    const decoded = decodeFanoutMessage(encodeFanoutMessage('update', 'node-a', 41, 43, payload));
    expect(decoded).toEqual({ kind: 'update', nodeId: 'node-a', from: 41, to: 43, payload });
    expect(decodeFanoutMessage(encodeFanoutMessage('awareness', 'b', 0, 0, payload))?.kind).toBe('awareness');
  });

  it('reads nothing from a short or unknown message', () => {
    expect(decodeFanoutMessage(Buffer.from([1, 2, 3]))).toBeNull();
    const bad = encodeFanoutMessage('update', 'n', 1, 1, new Uint8Array(4));
    bad[0] = 9;
    expect(decodeFanoutMessage(bad)).toBeNull();
    const truncated = encodeFanoutMessage('update', 'a-long-node-id', 1, 1, new Uint8Array(0)).subarray(0, 20);
    expect(decodeFanoutMessage(Buffer.from(truncated))).toBeNull();
  });
});
