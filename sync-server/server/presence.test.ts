import { describe, expect, it } from 'vitest';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { RoomPresence, type PresencePeer } from './presence.ts';

class FakePeer implements PresencePeer {
  readonly awarenessClients = new Set<number>();
  terminated = false;
  readonly mayPresent: boolean;
  readonly answers: boolean;
  constructor(mayPresent = true, answers = true) {
    this.mayPresent = mayPresent;
    this.answers = answers;
  }
  probe(timeoutMs: number) {
    return new Promise<boolean>((r) => setTimeout(() => r(this.answers), this.answers ? 1 : timeoutMs));
  }
  terminate() {
    this.terminated = true;
  }
}

function setUp() {
  const peers = new Set<FakePeer>();
  const relayed: Array<{ ids: number[]; origin: unknown }> = [];
  const after: Array<(ids: readonly number[]) => void> = [];
  const refused: number[] = [];
  const awareness = new Awareness(new Y.Doc());
  awareness.setLocalState(null);
  const presence = new RoomPresence<FakePeer>(
    awareness,
    {
      maxClientsPerPeer: 2,
      claimTimeoutMs: 20,
      onTakeoverRefused: ({ clientId }) => refused.push(clientId),
      onError: (e) => {
        throw e;
      },
    },
    (o): o is FakePeer => peers.has(o as FakePeer),
    { awareness: (ids, origin) => relayed.push({ ids: [...ids], origin }), afterAwarenessFlush: (fn) => after.push(fn) },
  );
  const join = (peer: FakePeer) => (peers.add(peer), peer);
  const flush = () => after.splice(0).forEach((fn) => fn([]));
  return { presence, awareness, join, relayed, refused, flush };
}

const state = (name: string, extra: Record<string, unknown> = {}) => ({ user: { name }, ...extra });
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('room presence', () => {
  it('gives each client id to the connection that introduced it', () => {
    const { presence, awareness, join, relayed } = setUp();
    const a = join(new FakePeer());
    expect(presence.apply(a, [{ clientId: 1, clock: 1, state: state('Ann') }])).toBeNull();
    expect(presence.owners.get(1)).toBe(a);
    expect([...a.awarenessClients]).toEqual([1]);
    expect(awareness.getStates().get(1)).toEqual(state('Ann'));
    expect(relayed).toEqual([{ ids: [1], origin: a }]);
  });

  it("refuses a takeover of a live owner's id: the presenter keeps the room", async () => {
    const { presence, awareness, join, refused } = setUp();
    const presenter = join(new FakePeer(true, true));
    const intruder = join(new FakePeer());
    presence.apply(presenter, [{ clientId: 1, clock: 3, state: state('Dana', { presenting: { id: 'p1' } }) }]);
    presence.apply(intruder, [{ clientId: 1, clock: 99, state: state('Mallory', { presenting: { id: 'evil' } }) }]);
    presence.apply(intruder, [{ clientId: 1, clock: 100, state: null }]);
    await wait(30);
    expect(awareness.getStates().get(1)).toEqual(state('Dana', { presenting: { id: 'p1' } }));
    expect(refused).toEqual([1]);
    expect(presenter.terminated).toBe(false);
    expect(intruder.awarenessClients.size).toBe(0);
  });

  it('hands the id over when its owner does not answer (a reconnect before the old socket died)', async () => {
    const { presence, awareness, join } = setUp();
    const old = join(new FakePeer(true, false));
    const fresh = join(new FakePeer());
    presence.apply(old, [{ clientId: 1, clock: 3, state: state('Dana') }]);
    presence.apply(fresh, [{ clientId: 1, clock: 4, state: state('Dana again') }]);
    await wait(50);
    expect(old.terminated).toBe(true);
    expect(presence.owners.get(1)).toBe(fresh);
    expect(awareness.getStates().get(1)).toEqual(state('Dana again'));
  });

  it('ignores echoes of other states that are not newer, without probing anyone', async () => {
    const { presence, join, refused } = setUp();
    const a = join(new FakePeer(true, false));
    const b = join(new FakePeer());
    presence.apply(a, [{ clientId: 1, clock: 3, state: state('Ann') }]);
    presence.apply(b, [
      { clientId: 1, clock: 3, state: state('Ann') },
      { clientId: 2, clock: 1, state: state('Bo') },
    ]);
    await wait(40);
    expect(a.terminated).toBe(false);
    expect(refused).toEqual([]);
    expect(presence.owners.get(2)).toBe(b);
  });

  it('ignores late echoes of a presence that has gone (providers echo what they hear)', () => {
    const { presence, awareness, join } = setUp();
    const a = join(new FakePeer());
    const b = join(new FakePeer());
    presence.apply(a, [{ clientId: 1, clock: 5, state: state('Ann') }]);
    presence.leave(a);
    // B heard Ann's state before she left and echoes it afterwards.
    presence.apply(b, [{ clientId: 1, clock: 5, state: state('Ann') }]);
    expect(awareness.getStates().has(1)).toBe(false);
    expect(b.awarenessClients.size).toBe(0);
    // A newer state for the id (Ann back on a new connection, announcing herself again) is taken.
    const back = join(new FakePeer());
    presence.apply(back, [{ clientId: 1, clock: 6, state: state('Ann') }]);
    expect(awareness.getStates().get(1)).toEqual(state('Ann'));
    expect(presence.owners.get(1)).toBe(back);
  });

  it("strips a viewer's presentation but shows its cursor", () => {
    const { presence, awareness, join } = setUp();
    const viewer = join(new FakePeer(false));
    presence.apply(viewer, [{ clientId: 9, clock: 1, state: state('Vic', { presenting: { id: 'x' }, cursor: { x: 1 } }) }]);
    expect(awareness.getStates().get(9)).toEqual(state('Vic', { cursor: { x: 1 } }));
  });

  it('bounds client ids per connection, and keeps no books for ids that never had a state', () => {
    const { presence, awareness, join, flush } = setUp();
    const a = join(new FakePeer());
    const removals = Array.from({ length: 1000 }, (_, i) => ({ clientId: 1000 + i, clock: 1, state: null }));
    expect(presence.apply(a, removals)).toBeNull();
    expect(awareness.meta.size).toBe(1); // the server's own entry only
    expect(
      presence.apply(
        a,
        [1, 2, 3].map((clientId) => ({ clientId, clock: 1, state: state('x') })),
      ),
    ).toMatch(/too many awareness clients/);
    expect(
      presence.apply(
        a,
        [1, 2].map((clientId) => ({ clientId, clock: 1, state: state('x') })),
      ),
    ).toBeNull();
    presence.leave(a);
    flush();
    expect(awareness.getStates().size).toBe(0);
    expect(awareness.meta.size).toBe(1);
    expect(presence.owners.size).toBe(0);
  });
});
