import type { LicenseMode } from './license.ts';

/**
 * Says plainly what a missing tldraw license key means here and what to do about it
 * (docs/license.md): the desktop app at app://journeyscroll, a site over https, or plain http.
 */
export function LicenseNotice({ mode, onOpenSettings }: { mode: Exclude<LicenseMode, 'ok'>; onOpenSettings: () => void }) {
  const desktopApp = typeof location !== 'undefined' && location.protocol === 'app:';
  return (
    <div className={mode === 'blocked' ? 'js-license js-license-blocked' : 'js-license'} role="note" aria-label="tldraw license">
      {mode === 'blocked' && desktopApp ? (
        <p>
          <strong>The canvas needs a tldraw license key in this app.</strong> This build of JourneyScroll has none, and tldraw does not run
          in an installed app without a key issued for it. Paste a key in Settings, or install a build made with{' '}
          <code>TLDRAW_LICENSE_KEY</code>. Your blueprints are safe in the library.
        </p>
      ) : mode === 'blocked' ? (
        <p>
          <strong>The canvas needs a tldraw license key on this site.</strong> This build has none, and tldraw does not run on an https site
          without one. Ask your administrator to rebuild with <code>TLDRAW_LICENSE_KEY</code> set, or paste a key in Settings.
        </p>
      ) : (
        <p>
          <strong>No tldraw license key in this build.</strong> The canvas works here (plain http or this computer) with tldraw’s watermark;
          served over https it would need a key. Build with <code>TLDRAW_LICENSE_KEY</code> set, or paste a key in Settings.
        </p>
      )}
      <button type="button" onClick={onOpenSettings}>
        Open settings
      </button>
    </div>
  );
}
