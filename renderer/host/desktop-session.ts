import { Awareness } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { syncUrlOf } from '../../shared/desktop/contract.ts';
import type { DesktopCall } from './desktop-api.ts';
import type { BlueprintSession, ConnectionState, SaveState } from './host.ts';
import { watchProviderConnection } from './provider-connection.ts';
import { principalFromToken, roleFromToken } from './token.ts';

/** Where a shared blueprint syncs (absent: it lives on this device only). */
export interface SessionShare {
  readonly server: string;
  readonly room: string;
  readonly token?: string | undefined;
}

export interface DesktopSessionOptions {
  readonly call: DesktopCall;
  readonly id: string;
  readonly share: SessionShare | null;
  /** First retry delay after a failed load or append; doubles up to `maxRetryMs`. */
  readonly retryMs?: number;
  readonly maxRetryMs?: number;
  /** An append not answered within this is taken as lost and sent again (duplicates are harmless). */
  readonly ackTimeoutMs?: number;
  /** Updates per `doc.append` call at most (what accumulated while waiting goes in one call). */
  readonly maxBatch?: number;
}

export interface DesktopSession extends BlueprintSession {
  /** Updates not yet acknowledged by the main process. */
  unsaved(): number;
  /** Resolves once everything made so far is acknowledged. */
  whenSaved(): Promise<void>;
  /** Sends everything unacknowledged at once, without waiting (the window is closing). */
  flushNow(): void;
}

/** Origin of the update that loads the stored state: it is not sent back to the store. */
const FROM_STORE = Symbol('from the local store');
const MAX_BATCH_BYTES = 32 * 1024 * 1024;

/**
 * A blueprint opened in the desktop app (docs/architecture.md §5, docs/desktop.md "Persistence"). The Y.Doc
 * lives here; the main process keeps the local store. The doc is loaded with `doc.load`, then
 * EVERY update of it — local edits, and remote ones when shared — is sent with `doc.append`, which
 * answers once it is committed. Updates stay queued here until acknowledged; whatever accumulated
 * while a call was out goes in the next call; a failed or unanswered call is retried with backoff,
 * so nothing is lost while the main process is slow, restarting or briefly failing. Re-sending an
 * update the store already holds is harmless: applying a Yjs update twice changes nothing.
 *
 * A shared blueprint also connects a WebsocketProvider to its server once the local copy is
 * loaded, so the local copy is complete whether or not the server is reachable.
 */
export function openDesktopSession(options: DesktopSessionOptions): DesktopSession {
  const { call, id, share } = options;
  const retryMs = options.retryMs ?? 100;
  const maxRetryMs = options.maxRetryMs ?? 3000;
  const ackTimeoutMs = options.ackTimeoutMs ?? 15_000;
  const maxBatch = options.maxBatch ?? 2000;

  const doc = new Y.Doc();
  const listeners = new Set<() => void>();
  const reconnectListeners = new Set<() => void>();
  const savedWaiters = new Set<() => void>();
  const notify = () => listeners.forEach((l) => l());

  let pending: Uint8Array[] = [];
  let inflight: Uint8Array[] | null = null;
  let delay = retryMs;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let lastError: string | null = null;
  let closed = false;
  let connection: ConnectionState = share ? 'connecting' : 'local';
  let refused: string | null = null;

  const saving = (): SaveState => (lastError ? 'retrying' : pending.length || inflight ? 'saving' : 'saved');
  let reported = saving();
  const report = () => {
    const now = saving();
    if (now === 'saved') {
      savedWaiters.forEach((resolve) => resolve());
      savedWaiters.clear();
    }
    if (now !== reported) {
      reported = now;
      notify();
    }
  };

  const withTimeout = <T>(promise: Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer within ${ackTimeoutMs / 1000} s`)), ackTimeoutMs);
      promise.then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });

  function takeBatch(): Uint8Array[] {
    let bytes = 0;
    let count = 0;
    while (count < pending.length && count < maxBatch && (count === 0 || bytes + pending[count]!.byteLength <= MAX_BATCH_BYTES)) {
      bytes += pending[count]!.byteLength;
      count++;
    }
    return pending.splice(0, count);
  }

  function flush(): void {
    if (inflight || retryTimer || pending.length === 0) return;
    const batch = takeBatch();
    inflight = batch;
    report();
    withTimeout(call('doc.append', { id, updates: batch })).then(
      () => {
        inflight = null;
        delay = retryMs;
        if (lastError) {
          lastError = null;
          refused = null;
          notify();
        }
        report();
        flush();
      },
      (error: unknown) => {
        // Back in front of what came since, in order; sent again after a pause.
        pending = [...batch, ...pending];
        inflight = null;
        lastError = error instanceof Error ? error.message : String(error);
        refused = `Changes are not saved yet: ${lastError} Retrying…`;
        report();
        notify();
        retryTimer = setTimeout(() => {
          retryTimer = null;
          flush();
        }, delay);
        delay = Math.min(delay * 2, maxRetryMs);
      },
    );
  }

  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin === FROM_STORE) return;
    pending.push(update);
    report();
    flush();
  });

  let provider: WebsocketProvider | null = null;
  const awareness = share
    ? (provider = new WebsocketProvider(syncUrlOf(share.server), share.room, doc, {
        params: share.token ? { token: share.token } : {},
        disableBc: true,
        maxBackoffTime: 2500,
        connect: false,
      })).awareness
    : new Awareness(doc);

  if (provider) {
    watchProviderConnection(provider, {
      connected() {
        // A failed save keeps its message: it still holds while the server is back.
        if (!lastError) refused = null;
        reconnectListeners.forEach((l) => l());
      },
      refused(message) {
        refused = message;
        notify();
      },
      state(next) {
        if (next === connection) return;
        connection = next;
        notify();
      },
    });
  }

  const loaded = (async () => {
    let wait = retryMs;
    for (;;) {
      try {
        const { state } = await withTimeout(call('doc.load', { id }));
        if (closed) return;
        Y.applyUpdate(doc, state, FROM_STORE);
        break;
      } catch (error) {
        if (closed) return;
        refused = `This blueprint could not be opened: ${error instanceof Error ? error.message : String(error)}`;
        notify();
        if ((error as { code?: string }).code === 'not-found') return;
        await new Promise((resolve) => setTimeout(resolve, wait));
        wait = Math.min(wait * 2, maxRetryMs);
      }
    }
    if (refused && !lastError) {
      refused = null;
      notify();
    }
    provider?.connect();
  })();

  return {
    room: id,
    doc,
    awareness,
    role: roleFromToken(share?.token),
    // A blueprint on this device only is its owner's alone: every role.
    principal: principalFromToken(share?.token),
    token: share?.token,
    loaded,
    connection: () => connection,
    refusal: () => refused,
    saving,
    unsaved: () => pending.length + (inflight?.length ?? 0),
    whenSaved: () => (saving() === 'saved' ? Promise.resolve() : new Promise<void>((resolve) => savedWaiters.add(resolve))),
    flushNow() {
      const all = [...(inflight ?? []), ...pending];
      if (all.length) void call('doc.append', { id, updates: all.slice(0, maxBatch) }).catch(() => undefined);
    },
    onConnectionChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onReconnect(listener) {
      reconnectListeners.add(listener);
      return () => reconnectListeners.delete(listener);
    },
    destroy() {
      closed = true;
      listeners.clear();
      reconnectListeners.clear();
      provider?.destroy();
      if (!provider) awareness.destroy();
      // What is still unacknowledged keeps being sent; the document goes once it is all saved.
      void (saving() === 'saved' ? Promise.resolve() : new Promise<void>((resolve) => savedWaiters.add(resolve))).then(() => doc.destroy());
    },
  };
}
