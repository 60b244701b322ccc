import * as awarenessProtocol from 'y-protocols/awareness';
import { encodeAwarenessEntries, type AwarenessEntry } from './awareness-entries.ts';

/** What presence needs of a connection. */
export interface PresencePeer {
  /** Awareness client ids this peer speaks for (maintained here). */
  readonly awarenessClients: Set<number>;
  /** False for viewers: they show a cursor but may not publish a presentation. */
  readonly mayPresent: boolean;
  /** Resolves true when the peer answers a ping within the time, false otherwise. */
  probe(timeoutMs: number): Promise<boolean>;
  /** Drops the connection at once (it did not answer). */
  terminate(): void;
}

export interface PresenceSettings {
  /** Client ids one connection may introduce (a provider uses one). */
  readonly maxClientsPerPeer: number;
  /** How long the owner of a client id has to answer a ping when another connection claims it. */
  readonly claimTimeoutMs: number;
  readonly onTakeoverRefused: (details: { clientId: number }) => void;
  readonly onError: (error: unknown) => void;
}

/** Removed ids whose clock is kept to recognise late echoes (a few bytes each). */
const MAX_REMEMBERED_REMOVALS = 4096;

/** The awareness field a presenter publishes (docs/meetings.md); viewers may not set it. */
export const PRESENTING_FIELD = 'presenting';

/**
 * A room's presence (Yjs awareness), guarded. Each awareness client id belongs to the connection
 * that introduced it, and only that connection may update or remove it: y-protocols alone lets
 * anyone overwrite anyone's cursor — or presentation — by sending a higher clock.
 *
 * A client that reconnects reuses its client id while the server may still hold its old, dead
 * connection. So a claim on an owned id is not refused outright: the owner is pinged, and only if
 * it does not answer within `claimTimeoutMs` is it dropped and the id handed to the claimant. A
 * live owner (a presenter on a working connection) always answers, and keeps its presence.
 *
 * Entries a connection may not make are skipped, not fatal: a provider answering a query for
 * awareness legitimately echoes everyone's states.
 */
export class RoomPresence<P extends PresencePeer> {
  readonly awareness: awarenessProtocol.Awareness;
  readonly owners = new Map<number, P>();
  readonly #claims = new Map<number, { claimant: P; entry: AwarenessEntry }>();
  /**
   * Clocks of ids whose presence was removed, most recent last (bounded). y-websocket providers
   * echo every awareness change they hear, so an echo of a state can arrive after its owner left;
   * it is not newer than the removal and must not make the echoing connection its owner.
   */
  readonly #removed = new Map<number, number>();
  readonly #settings: PresenceSettings;
  readonly #isPeer: (origin: unknown) => origin is P;
  #destroyed = false;

  constructor(
    awareness: awarenessProtocol.Awareness,
    settings: PresenceSettings,
    isPeer: (origin: unknown) => origin is P,
    relay: { awareness(ids: readonly number[], origin: unknown): void; afterAwarenessFlush(fn: (ids: readonly number[]) => void): void },
  ) {
    this.awareness = awareness;
    this.#settings = settings;
    this.#isPeer = isPeer;
    awareness.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      if (this.#isPeer(origin)) {
        for (const id of [...added, ...updated]) {
          this.owners.set(id, origin);
          origin.awarenessClients.add(id);
        }
      }
      for (const id of removed) {
        const owner = this.owners.get(id);
        owner?.awarenessClients.delete(id);
        this.owners.delete(id);
        this.#removed.delete(id);
        this.#removed.set(id, awareness.meta.get(id)?.clock ?? 0);
        if (this.#removed.size > MAX_REMEMBERED_REMOVALS) this.#removed.delete(this.#removed.keys().next().value!);
      }
      relay.awareness([...added, ...updated, ...removed], origin);
      if (removed.length > 0) {
        // y-protocols keeps a clock for every id it has seen; once the removal is sent, forget
        // the ones nobody re-introduced, so the bookkeeping is bounded by the live connections.
        relay.afterAwarenessFlush(() => {
          for (const id of removed) if (!awareness.states.has(id)) awareness.meta.delete(id);
        });
      }
    });
  }

  /**
   * Applies the entries `peer` may make. Returns a reason when the peer broke a bound (the caller
   * closes it), null otherwise.
   */
  apply(peer: P, entries: readonly AwarenessEntry[]): string | null {
    const accepted: AwarenessEntry[] = [];
    let introducing = 0;
    for (const entry of entries) {
      const owner = this.owners.get(entry.clientId);
      if (owner && owner !== peer) {
        this.#claim(peer, owner, entry);
        continue;
      }
      if (!owner) {
        // Removing an id nobody holds changes nothing; keeping its clock would grow the books.
        if (entry.state === null) continue;
        // An echo of a presence that has since gone.
        const removedAt = this.#removed.get(entry.clientId);
        if (removedAt !== undefined && entry.clock <= removedAt) continue;
        if (peer.awarenessClients.size + ++introducing > this.#settings.maxClientsPerPeer) {
          return 'too many awareness clients on one connection';
        }
      }
      accepted.push(peer.mayPresent ? entry : withoutPresenting(entry));
    }
    if (accepted.length > 0) awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(accepted), peer);
    return null;
  }

  #claim(claimant: P, owner: P, entry: AwarenessEntry): void {
    const current = this.awareness.meta.get(entry.clientId)?.clock ?? 0;
    // Not newer than what we hold: an echo of someone else's state, which changes nothing.
    if (entry.clock <= current) return;
    const underway = this.#claims.has(entry.clientId);
    this.#claims.set(entry.clientId, { claimant, entry });
    if (underway) return;
    owner
      .probe(this.#settings.claimTimeoutMs)
      .then((alive) => {
        const claim = this.#claims.get(entry.clientId);
        this.#claims.delete(entry.clientId);
        if (this.#destroyed || !claim) return;
        if (alive || this.owners.get(entry.clientId) !== owner) {
          this.#settings.onTakeoverRefused({ clientId: entry.clientId });
          return;
        }
        // The owner is gone without having said so: drop it, then let the claimant in.
        this.leave(owner);
        owner.terminate();
        const clock = Math.max(claim.entry.clock, (this.awareness.meta.get(entry.clientId)?.clock ?? 0) + 1);
        const reason = this.apply(claim.claimant, [{ ...claim.entry, clock }]);
        if (reason) this.#settings.onError(new Error(reason));
      })
      .catch(this.#settings.onError);
  }

  /** The peer left: its presence goes, for everyone. */
  leave(peer: P): void {
    for (const [id, claim] of this.#claims) if (claim.claimant === peer) this.#claims.delete(id);
    if (this.#destroyed || peer.awarenessClients.size === 0) return;
    awarenessProtocol.removeAwarenessStates(this.awareness, [...peer.awarenessClients], 'left');
  }

  /** Every current state, as one awareness update (for a newcomer), or null when there is none. */
  snapshot(): Uint8Array | null {
    const ids = [...this.awareness.getStates().keys()];
    return ids.length > 0 ? awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids) : null;
  }

  destroy(): void {
    this.#destroyed = true;
    this.#claims.clear();
    this.awareness.destroy();
  }
}

/** The entry without a `presenting` field (a viewer's). */
export function withoutPresenting(entry: AwarenessEntry): AwarenessEntry {
  if (!entry.state || entry.state[PRESENTING_FIELD] === undefined || entry.state[PRESENTING_FIELD] === null) return entry;
  const { [PRESENTING_FIELD]: _dropped, ...rest } = entry.state;
  return { ...entry, state: rest };
}
