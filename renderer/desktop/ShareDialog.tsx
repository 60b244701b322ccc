import { useState } from 'react';
import { appLink, webLink } from '../../shared/desktop/contract.ts';
import type { DesktopHost } from '../host/desktop-host.ts';
import { CopyField } from './CopyField.tsx';
import { Modal } from './Modal.tsx';

/**
 * Share: publish a blueprint of the library to a sync server (its URL and, when the server has a
 * secret, a token), then copy the journeyscroll:// link others open it with. The local copy stays
 * complete; "Stop sharing" makes it local again (the server keeps its copy).
 */
export function ShareDialog({
  host,
  id,
  onClose,
  onChanged,
  run,
}: {
  host: DesktopHost;
  id: string;
  onClose: () => void;
  onChanged: () => void;
  run: (action: () => Promise<void>) => void;
}) {
  const entry = host.entries().find((e) => e.id === id);
  const servers = host.settings().servers;
  const [server, setServer] = useState(entry?.share?.server ?? servers[0]?.url ?? '');
  const [token, setToken] = useState(entry?.share?.token ?? servers[0]?.token ?? '');
  const share = entry?.share ? { server: entry.share.server, room: entry.share.room ?? id, token: entry.share.token } : null;
  const publish = (next: { server: string; token?: string } | null) =>
    run(async () => {
      await host.call('share.set', { id, share: next });
      await host.refresh();
      onChanged();
    });
  return (
    <Modal title="Share blueprint" onClose={onClose} wide>
      <p role="status" aria-label="Sharing status">
        {entry?.share ? `Shared on ${entry.share.server}.` : 'This blueprint is on this device only.'}
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          publish({ server: server.trim(), ...(token.trim() ? { token: token.trim() } : {}) });
        }}
      >
        <label>
          Server
          <input
            list="js-servers"
            value={server}
            onChange={(e) => setServer(e.target.value)}
            placeholder="wss://sync.example.com"
            required
          />
          <datalist id="js-servers">
            {servers.map((s) => (
              <option key={s.url} value={s.url} />
            ))}
          </datalist>
        </label>
        <label>
          Access token (when the server has a secret)
          <input value={token} onChange={(e) => setToken(e.target.value)} autoComplete="off" />
        </label>
        <div className="js-dialog-buttons">
          <button type="submit">{entry?.share ? 'Update' : 'Publish'}</button>
          {entry?.share ? (
            <button type="button" onClick={() => publish(null)}>
              Stop sharing
            </button>
          ) : null}
        </div>
      </form>
      {share ? (
        <>
          <CopyField label="Join link for the app" value={appLink(share)} />
          <CopyField label="Join link for a browser (when the server serves the web edition)" value={webLink(share)} />
        </>
      ) : null}
      <div className="js-dialog-buttons">
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Modal>
  );
}
