import type { WebPreferences } from 'electron';

/**
 * The Electron security checklist, as data the main process applies and tests can read.
 * Every setting is explicit, including those whose default is already secure, so a change of
 * default in a future Electron cannot weaken the app and electronegativity sees the intent.
 */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: true,
    // Middle-click would open links in new windows, around setWindowOpenHandler.
    disableBlinkFeatures: 'Auxclick',
  };
}

/** The scheme and host the renderer is served from (never file://, see docs/architecture.md §5). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'journeyscroll';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * Content-Security-Policy for every renderer response. Scripts only from the app itself; inline
 * styles because tldraw sets them; connections to the app and to sync servers (ws/wss: the user
 * chooses the servers, so their hosts cannot be listed here); nothing else, anywhere.
 */
export const CONTENT_SECURITY_POLICY = [
  `default-src 'self'`,
  `script-src 'self'`,
  `style-src 'self' 'unsafe-inline'`,
  `img-src 'self' data: blob:`,
  `font-src 'self' data:`,
  `connect-src 'self' ws: wss:`,
  `worker-src 'self' blob:`,
  `media-src 'self' data: blob:`,
  `object-src 'none'`,
  `base-uri 'none'`,
  `form-action 'none'`,
  `frame-ancestors 'none'`,
  `frame-src 'none'`,
].join('; ');

/** In-app navigation stays inside the app's origin; everything else is refused. */
export function isAllowedNavigation(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Hosts whose https pages the app may open in the user's browser (help, licensing). */
export const EXTERNAL_HOSTS: ReadonlySet<string> = new Set(['journeyscroll.dev', 'www.journeyscroll.dev', 'tldraw.dev', 'www.tldraw.dev']);

/**
 * Whether `shell.openExternal` may open a link: https only, a vetted host, no credentials, no
 * unusual port. A renderer that asks for anything else is refused.
 */
export function isVettedExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === 'https:' &&
    EXTERNAL_HOSTS.has(parsed.hostname) &&
    !parsed.username &&
    !parsed.password &&
    (parsed.port === '' || parsed.port === '443')
  );
}

/**
 * Permissions the renderer may be granted: full screen for unroll mode, clipboard writes for copy,
 * and Local Network Access — Chromium refuses connections from the app's (non-network) origin to
 * loopback and private addresses without it, and the app's sync servers are exactly there: its
 * own workshop server on 127.0.0.1 and the LAN workshops it joins. Connections stay limited by the
 * CSP (`connect-src 'self' ws: wss:`) to the servers the user chose. Chromium has named it
 * `local-network-access`, then split it into `local-network` and `loopback-network`.
 */
const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set([
  'fullscreen',
  'clipboard-sanitized-write',
  'local-network-access',
  'local-network',
  'loopback-network',
]);

export function isAllowedPermission(permission: string, requestingUrl: string): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && isAllowedNavigation(requestingUrl);
}
