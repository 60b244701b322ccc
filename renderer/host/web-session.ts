import * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import type { BlueprintSession, ConnectionState } from './host.ts';
import { watchProviderConnection } from './provider-connection.ts';
import { roleFromToken } from './token.ts';
import { HISTORY_PATH_PREFIX } from '../../shared/sync/contract.ts';

/** IndexedDB database of a room's offline copy. */
export const cacheName = (room: string): string => `journeyscroll:${room}`;

/**
 * A blueprint opened in the web edition: the Y.Doc, its offline copy in IndexedDB (so a reload
 * with no server still shows it, and edits made offline are kept) and same-origin sync with the
 * server that served the page (`ws(s)://<host>/sync/<room>`).
 * BroadcastChannel sync between tabs is off: every tab syncs through the server, so a viewer's
 * tab can never hand writes to an editor's tab, and what a test sees went through the server.
 */
export function openWebSession(room: string, token: string | undefined, origin: Location | URL = location): BlueprintSession {
  const doc = new Y.Doc();
  const persistence = new IndexeddbPersistence(cacheName(room), doc);
  const scheme = origin.protocol === 'https:' ? 'wss:' : 'ws:';
  const provider = new WebsocketProvider(`${scheme}//${origin.host}/sync`, room, doc, {
    params: token ? { token } : {},
    disableBc: true,
    maxBackoffTime: 2500,
  });
  let state: ConnectionState = 'connecting';
  let refused: string | null = null;
  const listeners = new Set<() => void>();
  const reconnectListeners = new Set<() => void>();
  const notify = () => listeners.forEach((l) => l());
  let firstSync = true;
  const set = (next: ConnectionState) => {
    if (next === state) return;
    state = next;
    // A mark for measurements (the canvas bench): when the document first arrived from the server.
    if (next === 'synced' && firstSync) {
      firstSync = false;
      performance.mark('journeyscroll:synced');
    }
    notify();
  };
  watchProviderConnection(provider, {
    connected() {
      refused = null;
      reconnectListeners.forEach((l) => l());
    },
    refused(message) {
      refused = message;
      notify();
    },
    state: set,
  });
  const loaded = persistence.whenSynced.then(() => undefined);
  return {
    room,
    doc,
    awareness: provider.awareness,
    role: roleFromToken(token),
    loaded,
    historyUrl: () =>
      `${origin.protocol}//${origin.host}${HISTORY_PATH_PREFIX}${encodeURIComponent(room)}${token ? `?token=${encodeURIComponent(token)}` : ''}`,
    connection: () => state,
    refusal: () => refused,
    onConnectionChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onReconnect(listener) {
      reconnectListeners.add(listener);
      return () => reconnectListeners.delete(listener);
    },
    destroy() {
      listeners.clear();
      reconnectListeners.clear();
      provider.destroy();
      void persistence.destroy();
      doc.destroy();
    },
  };
}
