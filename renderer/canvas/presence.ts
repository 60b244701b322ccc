import { createPresenceStateDerivation, InstancePresenceRecordType, react, type TLInstancePresence, type TLRecord, type TLStore } from 'tldraw';
import type { Awareness } from 'y-protocols/awareness';

/**
 * Presence over Yjs awareness (DESIGN.md §3): this person's tldraw presence (name, colour,
 * cursor, selection, viewport) is published as the awareness field `presence`; everyone else's
 * awareness states become tldraw `instance_presence` records, so collaborator cursors, the people
 * menu and follow-a-person work natively. Local awareness is re-announced on every reconnect
 * (y-websocket #122: otherwise a reconnected client's presence is lost to peers).
 */
export function connectPresence(store: TLStore, awareness: Awareness, onReconnect: (listener: () => void) => () => void): () => void {
  const currentUser = store.props.users.currentUser;
  const $presence = createPresenceStateDerivation(currentUser)(store);

  const publish = () => awareness.setLocalStateField('presence', $presence.get() ?? null);
  const stopReact = react('publish presence', publish);
  const stopReconnect = onReconnect(publish);

  const recordIdOf = (clientId: number) => InstancePresenceRecordType.createId(String(clientId));
  const shown = new Set<string>();
  const apply = () => {
    const put: TLInstancePresence[] = [];
    const seen = new Set<string>();
    for (const [clientId, state] of awareness.getStates()) {
      if (clientId === awareness.clientID) continue;
      const presence = (state as { presence?: TLInstancePresence | null }).presence;
      if (!presence || typeof presence !== 'object') continue;
      const id = recordIdOf(clientId);
      seen.add(id);
      try {
        const record = InstancePresenceRecordType.create({ ...presence, id });
        put.push(record);
      } catch {
        // A peer's malformed presence: ignore it.
      }
    }
    const remove = [...shown].filter((id) => !seen.has(id));
    shown.clear();
    for (const id of seen) shown.add(id);
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
    stopReact();
    stopReconnect();
    awareness.off('change', onChange);
    awareness.setLocalStateField('presence', null);
    store.mergeRemoteChanges(() => store.remove([...shown] as TLRecord['id'][]));
  };
}
