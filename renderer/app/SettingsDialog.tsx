import { useEffect, useRef } from 'react';
import type { Editor } from 'tldraw';
import type { Host } from '../host/host.ts';

/** Settings: your name as collaborators see it, the tldraw license key, and the link to share. */
export function SettingsDialog(props: { open: boolean; host: Host; editor: Editor | null; link: string; onClose: () => void; onLicenseKey: (key: string | undefined) => void }) {
  const { open, host, editor, link, onClose, onLicenseKey } = props;
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  const save = (form: HTMLFormElement) => {
    const data = new FormData(form);
    const name = String(data.get('name') ?? '').trim();
    const key = String(data.get('license') ?? '').trim();
    host.setSetting('userName', name || undefined);
    if (name && editor) editor.user.updateUserPreferences({ name });
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
          tldraw license key
          <input name="license" defaultValue={host.getSetting('licenseKey') ?? ''} autoComplete="off" />
        </label>
        <label>
          Link to this blueprint
          <input readOnly value={link} onFocus={(e) => e.target.select()} />
        </label>
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
