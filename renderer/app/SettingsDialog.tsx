import type { Editor } from 'tldraw';
import type { Host } from '../host/host.ts';
import { useModal } from './use-modal.ts';

/** Settings: your name and colour as collaborators see them, sync servers (desktop), the tldraw license key, and the link to share. */
export function SettingsDialog(props: {
  open: boolean;
  host: Host;
  editor: Editor | null;
  link: string;
  onClose: () => void;
  onLicenseKey: (key: string | undefined) => void;
}) {
  const { open, host, editor, link, onClose, onLicenseKey } = props;
  const ref = useModal(open);
  const save = (form: HTMLFormElement) => {
    const data = new FormData(form);
    const name = String(data.get('name') ?? '').trim();
    const color = String(data.get('color') ?? '');
    const key = String(data.get('license') ?? '').trim();
    host.setSetting('userName', name || undefined);
    if (name && editor) editor.user.updateUserPreferences({ name });
    if (/^#[0-9a-f]{6}$/i.test(color)) {
      host.setSetting('userColor', color);
      editor?.user.updateUserPreferences({ color });
    }
    if (data.has('servers')) host.setSetting('servers', String(data.get('servers')).trim() || undefined);
    host.setSetting('licenseKey', key || undefined);
    onLicenseKey(key || undefined);
    onClose();
  };
  return (
    <dialog ref={ref} className="js-dialog" aria-labelledby="js-settings-title" onClose={onClose}>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          save(e.currentTarget);
        }}
      >
        <h2 id="js-settings-title">Settings</h2>
        <label>
          Your name
          <input name="name" defaultValue={host.getSetting('userName') ?? editor?.user.getName() ?? ''} />
        </label>
        <label>
          Your colour
          <input name="color" type="color" defaultValue={host.getSetting('userColor') ?? editor?.user.getColor() ?? '#2f80ed'} />
        </label>
        {host.kind === 'desktop' ? (
          <label>
            Sync servers (one URL per line, offered when sharing)
            <textarea name="servers" rows={3} defaultValue={host.getSetting('servers') ?? ''} placeholder="wss://sync.example.com" />
          </label>
        ) : null}
        <label>
          tldraw license key
          <input name="license" defaultValue={host.getSetting('licenseKey') ?? ''} autoComplete="off" />
        </label>
        {link ? (
          <label>
            Link to this blueprint
            <input readOnly value={link} onFocus={(e) => e.target.select()} />
          </label>
        ) : (
          <p className="js-hint">This blueprint is on this device only: share it (File › Share…) to get a link others can open.</p>
        )}
        <div className="js-dialog-buttons">
          <button type="submit">Save</button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
