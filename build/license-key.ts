/**
 * The tldraw license key a packaged build needs (docs/license.md). A packaged app is served from
 * app://journeyscroll/, a custom protocol, which tldraw (since 5.3.2) treats as production: without
 * a key valid for that URL the canvas is not shown. So `npm run package` refuses to build an
 * installer without `TLDRAW_LICENSE_KEY`, or with a key whose hosts do not include the app's URL,
 * unless told plainly to (`--without-license-key`, for trying the packaging itself).
 *
 * The key is read as tldraw reads it (`tldraw-…/<base64 JSON>.<signature>`, the JSON holding
 * [id, hosts, flags, expiry]) but its signature is not checked here: only tldraw's public key in
 * the running app can, and it does.
 */
export const APP_URL = 'app://journeyscroll/';
const APP_HOSTNAME = 'journeyscroll';
/** tldraw's NATIVE_LICENSE flag: the hosts are patterns matched against the whole page URL. */
const NATIVE_LICENSE = 1 << 5;

export interface LicenseKeyInfo {
  readonly hosts: readonly string[];
  readonly native: boolean;
  readonly expiry: string | null;
}

export class LicenseKeyError extends Error {}

/** The hosts and flags a key names, or an error saying what is wrong with its shape. */
export function readLicenseKey(key: string): LicenseKeyInfo {
  const [data = '', signature] = key.trim().split('.');
  const [prefix = '', encoded] = data.split('/');
  if (!prefix.startsWith('tldraw-') || !encoded || !signature)
    throw new LicenseKeyError('TLDRAW_LICENSE_KEY does not look like a tldraw license key (tldraw-…/….…).');
  let fields: unknown;
  try {
    fields = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8'));
  } catch {
    throw new LicenseKeyError('TLDRAW_LICENSE_KEY cannot be read: its data part is not base64 JSON.');
  }
  if (!Array.isArray(fields) || !Array.isArray(fields[1]) || typeof fields[2] !== 'number')
    throw new LicenseKeyError('TLDRAW_LICENSE_KEY cannot be read: it does not list hosts and flags.');
  return {
    hosts: (fields[1] as unknown[]).map(String),
    native: (fields[2] & NATIVE_LICENSE) !== 0,
    expiry: typeof fields[3] === 'string' ? fields[3] : null,
  };
}

/** Whether tldraw would accept the key's hosts for the app's URL (its isDomainValid, for app://journeyscroll/). */
export function coversAppUrl(info: LicenseKeyInfo): boolean {
  return info.hosts.some((raw) => {
    const host = raw.toLowerCase().trim();
    if (host === '*' || host === APP_HOSTNAME || host === `www.${APP_HOSTNAME}`) return true;
    if (info.native) {
      try {
        return new RegExp(host).test(APP_URL);
      } catch {
        return false;
      }
    }
    return false;
  });
}

/**
 * The key for a packaged build, from the environment; throws with what to do when there is none or
 * it is not for the app's URL. `allowMissing` (`--without-license-key`) lets a packaging try go on,
 * returning null: that app shows the license notice instead of the canvas.
 */
export function packagingLicenseKey(env: Readonly<Record<string, string | undefined>>, allowMissing = false): string | null {
  const key = env.TLDRAW_LICENSE_KEY?.trim();
  if (!key) {
    if (allowMissing) return null;
    throw new LicenseKeyError(
      'A packaged JourneyScroll needs a tldraw license key: set TLDRAW_LICENSE_KEY (a key issued for ' +
        `${APP_URL}). tldraw treats the app's custom protocol as production and does not show the canvas without one. ` +
        'To package anyway (the app will show the license notice until a key is pasted in Settings), pass --without-license-key. ' +
        'See docs/license.md.',
    );
  }
  const info = readLicenseKey(key);
  if (!coversAppUrl(info))
    throw new LicenseKeyError(
      `TLDRAW_LICENSE_KEY is for ${info.hosts.join(', ') || 'no host'}, not for the desktop app's URL ${APP_URL}: ` +
        'tldraw would refuse it there. Ask tldraw for a key issued for the app URL (docs/license.md).',
    );
  return key;
}
