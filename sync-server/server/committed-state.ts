import * as Y from 'yjs';

/**
 * Yjs holds back an update whose structs follow clocks the document lacks (or whose deletions name
 * items it has never seen) in `store.pendingStructs` / `store.pendingDs`, and applies it once the
 * missing part arrives. A well-behaved client produces such an update only for a moment — an edit
 * typed while its reconnect handshake is under way reaches the server before the offline changes
 * it follows — but a hostile one can send them forever, and they are never committed: they did
 * not pass through the document's 'update' event.
 *
 * Yjs's `encodeStateAsUpdate` includes what is held back. What leaves the server (sync replies)
 * and what it stores (snapshots) must be committed state only, so both encode through
 * `encodeCommittedState`; the size of what is held back counts toward the room's limits.
 */
export function pendingBytes(doc: Y.Doc): number {
  const { pendingStructs, pendingDs } = doc.store;
  return (pendingStructs?.update.byteLength ?? 0) + (pendingDs?.byteLength ?? 0);
}

/** Forgets what is held back. A client that is still there sends it again in its sync step 2. */
export function dropPending(doc: Y.Doc): void {
  doc.store.pendingStructs = null;
  doc.store.pendingDs = null;
}

/** The document's committed state (what `Y.encodeStateAsUpdate` returns, minus anything held back). */
export function encodeCommittedState(doc: Y.Doc, stateVector?: Uint8Array): Uint8Array {
  const { pendingStructs, pendingDs } = doc.store;
  if (!pendingStructs && !pendingDs) return Y.encodeStateAsUpdate(doc, stateVector);
  doc.store.pendingStructs = null;
  doc.store.pendingDs = null;
  try {
    return Y.encodeStateAsUpdate(doc, stateVector);
  } finally {
    doc.store.pendingStructs = pendingStructs;
    doc.store.pendingDs = pendingDs;
  }
}
