import {
  createPresenceStateDerivation,
  InstancePresenceRecordType,
  react,
  type TLInstancePresence,
  type TLRecord,
  type TLStore,
} from 'tldraw';
import type { Awareness } from 'y-protocols/awareness';

/** The shortest interval between two presence updates this client sends (20 per second). */
export const PRESENCE_INTERVAL_MS = 50;

/**
 * Presence over Yjs awareness (docs/architecture.md §3): this person's tldraw presence (name, colour,
 * cursor, selection, viewport) is published as the awareness field `presence`; everyone else's
 * awareness states become tldraw `instance_presence` records, so collaborator cursors, the people
 * menu and follow-a-person work natively. Local awareness is re-announced on every reconnect
 * (y-websocket #122: otherwise a reconnected client's presence is lost to peers).
 */
export function connectPresence(store: TLStore, awareness: Awareness, onReconnect: (listener: () => void) => () => void): () => void {
  const currentUser = store.props.users.currentUser;
  const $presence = createPresenceStateDerivation(currentUser)(store);

  const publish = () => awareness.setLocalStateField('presence', $presence.get() ?? null);
  // Presence changes every frame while the camera or cursor moves; peers get at most one update
  // per PRESENCE_INTERVAL_MS (the last state always goes out), so a moving camera does not flood
  // the room — in a presentation every follower would otherwise re-render at the presenter's rate.
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastSent = 0;
  const schedule = () => {
    if (timer) return;
    const wait = Math.max(0, lastSent + PRESENCE_INTERVAL_MS - Date.now());
    timer = setTimeout(() => {
      timer = null;
      lastSent = Date.now();
      publish();
    }, wait);
  };
  const stopReact = react('publish presence', () => {
    $presence.get();
    schedule();
  });
  const stopReconnect = onReconnect(publish);

  const recordIdOf = (clientId: number) => InstancePresenceRecordType.createId(String(clientId));
  const shown = new Set<string>();
  // What each peer's record was made from: a peer whose presence did not change (its awareness
  // changed for another field, such as `presenting`) is not put again.
  const madeFrom = new Map<string, string>();
  const apply = () => {
    const put: TLInstancePresence[] = [];
    const seen = new Set<string>();
    for (const [clientId, state] of awareness.getStates()) {
      if (clientId === awareness.clientID) continue;
      const presence = (state as { presence?: TLInstancePresence | null }).presence;
      if (!presence || typeof presence !== 'object') continue;
      const id = recordIdOf(clientId);
      seen.add(id);
      const json = JSON.stringify(presence);
      if (madeFrom.get(id) === json && store.has(id)) continue;
      madeFrom.set(id, json);
      try {
        const record = InstancePresenceRecordType.create({ ...presence, id });
        put.push(record);
      } catch {
        // A peer's malformed presence: ignore it.
      }
    }
    const remove = [...shown].filter((id) => !seen.has(id));
    for (const id of remove) madeFrom.delete(id);
    shown.clear();
    for (const id of seen) shown.add(id);
    if (!remove.length && !put.length) return;
    try {
      store.mergeRemoteChanges(() => {
        if (remove.length) store.remove(remove as TLRecord['id'][]);
        if (put.length) store.put(put);
      });
    } catch {
      // A peer's presence this tldraw cannot read: skip this round.
    }
  };
  const onChange = (changes: { added: number[]; updated: number[]; removed: number[] }) => {
    const own = awareness.clientID;
    if ([...changes.added, ...changes.updated, ...changes.removed].some((id) => id !== own)) apply();
  };
  awareness.on('change', onChange);
  apply();

  return () => {
    if (timer) clearTimeout(timer);
    stopReact();
    stopReconnect();
    awareness.off('change', onChange);
    awareness.setLocalStateField('presence', null);
    store.mergeRemoteChanges(() => store.remove([...shown] as TLRecord['id'][]));
  };
}
