import * as decoding from 'lib0/decoding';
import type { WebsocketProvider } from 'y-websocket';
import { decodeRefusedShape, type RefusedShape } from '../../shared/governance/refused-update.ts';
import type { ConnectionState } from './host.ts';
import { refusalMessage } from './token.ts';

const MESSAGE_AUTH = 2;
const PERMISSION_DENIED = 0;

/** What a session does as its sync provider's connection changes. */
export interface ProviderConnectionHandlers {
  /** The socket (re)connected; called before the state it leads to. */
  connected(): void;
  /**
   * The server closed the connection with a refusal a person can act on (a wrong token, a bad
   * room), or refused one change this person may not make ("The Data team owns 'Data captured':
   * your change to 'Lead score' was not saved") — the connection then stays open, and `shape`
   * names the refused update (by id) so the session can take it back.
   */
  refused(message: string, shape?: RefusedShape): void;
  /** The connection state the UI shows: synced only once connected AND the first sync is done. */
  state(next: ConnectionState): void;
}

/**
 * Turns y-websocket's three events (status, sync, connection-close) into one connection state
 * and a refusal message, the same way for the web edition and the desktop app.
 */
export function watchProviderConnection(provider: WebsocketProvider, on: ProviderConnectionHandlers): void {
  // y-protocols' permission-denied message (auth, type 0) carries the server's reason in words;
  // y-websocket only logs it. Each provider has its own copy of the handler table. Our server
  // follows the reason with the refused update's shape (sync-server/server/protocol.ts).
  provider.messageHandlers[MESSAGE_AUTH] = (_encoder, decoder) => {
    if (decoding.readVarUint(decoder) !== PERMISSION_DENIED) return;
    const reason = decoding.readVarString(decoder);
    const shape = decoding.hasContent(decoder) ? decodeRefusedShape(decoding.readVarUint8Array(decoder)) : null;
    on.refused(reason, shape ?? undefined);
  };
  provider.on('status', ({ status }) => {
    if (status === 'connected') {
      on.connected();
      on.state(provider.synced ? 'synced' : 'connecting');
    } else if (status === 'connecting') on.state('connecting');
    else on.state('offline');
  });
  provider.on('sync', (synced: boolean) =>
    on.state(synced && provider.wsconnected ? 'synced' : provider.wsconnected ? 'connecting' : 'offline'),
  );
  provider.on('connection-close', (event: CloseEvent | null) => {
    const message = event ? refusalMessage(event.code, event.reason) : null;
    if (message) on.refused(message);
    on.state('offline');
  });
}
