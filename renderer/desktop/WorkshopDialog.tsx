import { useState } from 'react';
import type { WorkshopStatus } from '../../shared/desktop/contract.ts';
import type { DesktopHost } from '../host/desktop-host.ts';
import { CopyField } from './CopyField.tsx';
import { Modal } from './Modal.tsx';
import { qrDataUrl } from './qr.ts';
import { RoleInvite } from './RoleInvite.tsx';

const DEFAULT_PORT = 4321;

/**
 * Host a workshop: starts the sync server inside the app on the LAN (a chosen port, a secret made
 * for this session), then shows how people join — the web edition's link (a browser, no install)
 * with its QR code, the journeyscroll:// link for the desktop app, and the editor and viewer
 * tokens, and links per role and team (RoleInvite). Stopping closes every participant's
 * connection; everyone keeps their copy.
 */
export function WorkshopDialog({
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
  const [status, setStatus] = useState<WorkshopStatus>(host.workshop());
  const [port, setPort] = useState(String(DEFAULT_PORT));
  const [busy, setBusy] = useState(false);
  const hostingThis = status.running && status.id === id;
  const hostingOther = status.running && status.id !== id;
  const act = (action: () => Promise<WorkshopStatus | void>) =>
    run(async () => {
      setBusy(true);
      try {
        await action();
        await host.refresh();
        setStatus(host.workshop());
        onChanged();
      } finally {
        setBusy(false);
      }
    });
  const invite = status.running ? status.invites[0] : undefined;
  const qrLink = invite ? (invite.webEditor ?? invite.appEditor) : null;
  return (
    <Modal title="Host a workshop" onClose={onClose} wide>
      <p role="status" aria-label="Workshop status">
        {hostingThis && status.running
          ? `Hosting this blueprint on port ${status.port}. People on this network join with the links below.`
          : hostingOther
            ? 'A workshop is being hosted for another blueprint. Stop it to host this one.'
            : 'Not hosting. Start the workshop server on this computer; people on the same network join from a browser or the app.'}
      </p>
      {!status.running ? (
        <div className="js-row">
          <label>
            Port
            <input type="number" min={1024} max={65535} value={port} onChange={(e) => setPort(e.target.value)} />
          </label>
          <button
            type="button"
            disabled={busy}
            onClick={() => act(() => host.call('workshop.start', { id, port: Number(port) || DEFAULT_PORT }))}
          >
            Start hosting
          </button>
        </div>
      ) : null}
      {hostingThis && status.running ? (
        <div className="js-links">
          {status.invites.length === 0 ? (
            <p>This computer has no network address others can reach: connect it to the workshop's network, then start again.</p>
          ) : null}
          {status.invites.map((inv) => (
            <fieldset key={inv.address}>
              <legend>On {inv.address}</legend>
              {inv.webEditor ? <CopyField label={`Browser link for editors (${inv.address})`} value={inv.webEditor} /> : null}
              {inv.webViewer ? <CopyField label={`Browser link for viewers (${inv.address})`} value={inv.webViewer} /> : null}
              <CopyField label={`App link for editors (${inv.address})`} value={inv.appEditor} />
              <CopyField label={`App link for viewers (${inv.address})`} value={inv.appViewer} />
            </fieldset>
          ))}
          {status.webNote ? <p className="js-hint">{status.webNote}</p> : null}
          {qrLink ? <img className="js-qr" src={qrDataUrl(qrLink)} alt={`QR code of the link for editors: ${qrLink}`} /> : null}
          <CopyField label="Editor token" value={status.editorToken} />
          <CopyField label="Viewer token" value={status.viewerToken} />
          <RoleInvite host={host} run={run} />
          <p className="js-hint">The links work until {new Date(status.expiresAt).toLocaleString()} or until you stop hosting.</p>
        </div>
      ) : null}
      <div className="js-dialog-buttons">
        {status.running ? (
          <button type="button" disabled={busy} onClick={() => act(() => host.call('workshop.stop').then(() => undefined))}>
            Stop hosting
          </button>
        ) : null}
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Modal>
  );
}
