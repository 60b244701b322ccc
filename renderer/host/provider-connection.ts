import type { WebsocketProvider } from 'y-websocket';
import type { ConnectionState } from './host.ts';
import { refusalMessage } from './token.ts';

/** What a session does as its sync provider's connection changes. */
export interface ProviderConnectionHandlers {
  /** The socket (re)connected; called before the state it leads to. */
  connected(): void;
  /** The server closed the connection with a refusal a person can act on (a wrong token, a bad room). */
  refused(message: string): void;
  /** The connection state the UI shows: synced only once connected AND the first sync is done. */
  state(next: ConnectionState): void;
}

/**
 * Turns y-websocket's three events (status, sync, connection-close) into one connection state
 * and a refusal message, the same way for the web edition and the desktop app.
 */
export function watchProviderConnection(provider: WebsocketProvider, on: ProviderConnectionHandlers): void {
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
