import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { dropPending, encodeCommittedState, pendingBytes } from './committed-state.ts';

/** Two consecutive updates of one client: the second alone cannot be integrated. */
function twoSteps(): [Uint8Array, Uint8Array] {
  const author = new Y.Doc();
  const updates: Uint8Array[] = [];
  author.on('update', (u: Uint8Array) => updates.push(u));
  author.getText('t').insert(0, 'first ');
  author.getText('t').insert(6, 'second');
  return [updates[0]!, updates[1]!];
}

describe('state held back for missing clocks', () => {
  it('is counted, left out of what is encoded, and dropped on request', () => {
    const [first, second] = twoSteps();
    const server = new Y.Doc();
    let events = 0;
    server.on('update', () => events++);
    Y.applyUpdate(server, second);
    expect(events).toBe(0);
    expect(pendingBytes(server)).toBeGreaterThan(0);

    // Plain Yjs would hand the held-back text to anyone syncing; the committed state does not.
    const leaked = new Y.Doc();
    Y.applyUpdate(leaked, Y.encodeStateAsUpdate(server));
    Y.applyUpdate(leaked, first);
    expect(leaked.getText('t').toString()).toBe('first second');
    const committed = new Y.Doc();
    Y.applyUpdate(committed, encodeCommittedState(server));
    Y.applyUpdate(committed, first);
    expect(committed.getText('t').toString()).toBe('first ');
    // Encoding left the held-back part in place…
    expect(pendingBytes(server)).toBeGreaterThan(0);
    // …and once the missing update arrives, both integrate as one change.
    Y.applyUpdate(server, first);
    expect(server.getText('t').toString()).toBe('first second');
    expect(pendingBytes(server)).toBe(0);
  });

  it('dropPending forgets it for good', () => {
    const [first, second] = twoSteps();
    const server = new Y.Doc();
    Y.applyUpdate(server, second);
    dropPending(server);
    expect(pendingBytes(server)).toBe(0);
    Y.applyUpdate(server, first);
    expect(server.getText('t').toString()).toBe('first ');
  });
});
