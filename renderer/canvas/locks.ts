import { atom, computed, type Computed } from 'tldraw';
import type * as Y from 'yjs';
import {
  isUnrestricted,
  mayWrite,
  ownerLabel,
  ownershipOf,
  type Principal,
  type WriteTarget,
} from '../../shared/governance/write-policy.ts';

/**
 * What this person may not change on the canvas, by the write policy the server enforces
 * (shared/governance/write-policy.ts): the canvas shows those cards and lanes locked, with who
 * owns them, and offers no gesture there. Reactive (tldraw signals): a shape that reads its lock
 * re-renders when it changes — when a lane is given to another team, say — and only then.
 */
export interface Locks {
  /** Why this person may not make this change, or null when it may. */
  refusal(target: WriteTarget): string | null;
  /** For a card or a lane whose cards this person may not change: who owns it, in words; else null. */
  lockOf(kind: 'card' | 'lane', id: string): string | null;
  dispose(): void;
}

/** Everything may be changed (no principal: a blueprint on this device; an approver). */
export const NO_LOCKS: Locks = { refusal: () => null, lockOf: () => null, dispose: () => undefined };

export function createLocks(doc: Y.Doc, principal: Principal | undefined): Locks {
  // A viewer's or commenter's whole canvas is read-only (and says so once), not locked card by card.
  if (!principal || isUnrestricted(principal) || principal.role !== 'editor') return NO_LOCKS;
  const who = principal;
  // Bumped on every change of the document: what ownership depends on may have changed.
  const version = atom('document version', 0);
  const onChange = () => version.update((v) => v + 1);
  doc.on('afterTransaction', onChange);
  const owners = ownershipOf(doc);
  const refusal = (target: WriteTarget) => {
    version.get();
    const decision = mayWrite(who, target, owners);
    return decision.ok ? null : decision.reason;
  };
  const cache = new Map<string, Computed<string | null>>();
  const lockSignal = (kind: 'card' | 'lane', id: string) => {
    const key = `${kind}:${id}`;
    let signal = cache.get(key);
    if (!signal) {
      signal = computed(`lock ${key}`, () => {
        if (kind === 'card') {
          if (!refusal({ kind: 'card', id })) return null;
          const card = owners.card(id);
          const lane = card?.laneId ? owners.lane(card.laneId) : undefined;
          return ownerLabel(card?.owner || lane?.owner);
        }
        if (!refusal({ kind: 'new-card', laneId: id })) return null;
        return ownerLabel(owners.lane(id)?.owner);
      });
      cache.set(key, signal);
    }
    return signal;
  };
  return {
    refusal,
    // The journey-operations team may change every card and lane: nothing to compute per shape.
    lockOf: (kind, id) => (who.team ? lockSignal(kind, id).get() : null),
    dispose() {
      doc.off('afterTransaction', onChange);
      cache.clear();
    },
  };
}
