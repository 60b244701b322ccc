import * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import type { BlueprintSession, ConnectionState } from './host.ts';
import { watchProviderConnection } from './provider-connection.ts';
import { rebuildDocument } from '../../shared/governance/refused-update.ts';
import { TakeBack } from './take-back.ts';
import { principalFromToken, roleFromToken } from './token.ts';
import { HISTORY_PATH_PREFIX } from '../../shared/sync/contract.ts';

/** IndexedDB database of a room's offline copy. */
export const cacheName = (room: string): string => `journeyscroll:${room}`;

/** How long the words saying a change was taken back stay in the status bar. */
const TAKEN_BACK_SHOWN_MS = 20_000;

/**
 * A blueprint opened in the web edition: the Y.Doc, its offline copy in IndexedDB (so a reload
 * with no server still shows it, and edits made offline are kept) and same-origin sync with the
 * server that served the page (`ws(s)://<host>/sync/<room>`).
 * BroadcastChannel sync between tabs is off: every tab syncs through the server, so a viewer's
 * tab can never hand writes to an editor's tab, and what a test sees went through the server.
 *
 * When the server refuses a change, the document is rebuilt without it (take-back.ts): `doc` and
 * `awareness` then name the new document and its provider, the offline copy is rewritten from it,
 * and `onReplaced` listeners (the blueprint view) show it.
 */
export function openWebSession(room: string, token: string | undefined, origin: Location | URL = location): BlueprintSession {
  const scheme = origin.protocol === 'https:' ? 'wss:' : 'ws:';
  let state: ConnectionState = 'connecting';
  let refused: string | null = null;
  let takenBack: string | null = null;
  let takenBackTimer: ReturnType<typeof setTimeout> | undefined;
  let destroyed = false;
  const listeners = new Set<() => void>();
  const reconnectListeners = new Set<() => void>();
  const replacedListeners = new Set<() => void>();
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

  const takeBack = new TakeBack((serverState) => void replace(serverState));
  let current = generation(new Y.Doc(), false);

  /** One document with its offline copy and its connection. */
  function generation(doc: Y.Doc, rebuilt: boolean) {
    const persistence = new IndexeddbPersistence(cacheName(room), doc);
    const provider = new WebsocketProvider(`${scheme}//${origin.host}/sync`, room, doc, {
      params: token ? { token } : {},
      disableBc: true,
      maxBackoffTime: 2500,
    });
    takeBack.attach(doc, provider);
    watchProviderConnection(provider, {
      connected() {
        refused = null;
        reconnectListeners.forEach((l) => l());
      },
      refused(message, shape) {
        if (shape) {
          // Its own change taken back: said until it fades, whatever the connection does meanwhile.
          takenBack = message;
          clearTimeout(takenBackTimer);
          takenBackTimer = setTimeout(() => ((takenBack = null), notify()), TAKEN_BACK_SHOWN_MS);
          takeBack.refused(shape);
        } else refused = message;
        notify();
      },
      state: set,
    });
    // A rebuilt document is complete already: the blueprint view need not wait for the copy.
    const loaded = rebuilt ? Promise.resolve() : persistence.whenSynced.then(() => undefined);
    return { doc, persistence, provider, loaded };
  }

  /** Shows the rebuilt document: the old one's offline copy (which holds the refused change) is cleared first. */
  async function replace(serverState: Uint8Array): Promise<void> {
    const old = current;
    old.provider.destroy();
    await old.persistence.clearData();
    if (destroyed) return;
    current = generation(rebuildDocument(serverState, takeBack.journal), true);
    old.doc.destroy();
    replacedListeners.forEach((l) => l());
  }

  return {
    room,
    get doc() {
      return current.doc;
    },
    get awareness() {
      return current.provider.awareness;
    },
    role: roleFromToken(token),
    principal: principalFromToken(token),
    token,
    get loaded() {
      return current.loaded;
    },
    historyUrl: () =>
      `${origin.protocol}//${origin.host}${HISTORY_PATH_PREFIX}${encodeURIComponent(room)}${token ? `?token=${encodeURIComponent(token)}` : ''}`,
    connection: () => state,
    refusal: () => refused ?? takenBack,
    onConnectionChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onReconnect(listener) {
      reconnectListeners.add(listener);
      return () => reconnectListeners.delete(listener);
    },
    onReplaced(listener) {
      replacedListeners.add(listener);
      return () => replacedListeners.delete(listener);
    },
    destroy() {
      destroyed = true;
      clearTimeout(takenBackTimer);
      listeners.clear();
      reconnectListeners.clear();
      replacedListeners.clear();
      current.provider.destroy();
      void current.persistence.destroy();
      current.doc.destroy();
    },
  };
}
