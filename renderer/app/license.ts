/**
 * tldraw needs a license key in production (docs/license.md). tldraw itself treats plain http and
 * loopback hosts as development (the editor works, with a watermark) and, anywhere else without a
 * valid key, hides the editor after five seconds and calls its CDN. We never let that happen
 * silently: a production build without a key says so and what to do, and where tldraw would go
 * blank we show that notice instead of the editor (and tldraw never runs, so nothing is fetched).
 */
export type LicenseMode =
  /** A key is set, or this is a development build: nothing to say. */
  | 'ok'
  /** Production build, no key, on http/loopback: the canvas works with tldraw's watermark. */
  | 'notice'
  /** Production build, no key, on https elsewhere: tldraw would blank the canvas. */
  | 'blocked';

export interface LicenseContext {
  readonly production: boolean;
  readonly key: string | undefined;
  readonly protocol: string;
  readonly hostname: string;
}

/**
 * Mirrors tldraw 5.4's LicenseManager.getIsDevelopment for a production build: `*.localhost` is
 * production whatever the protocol (tldraw checks it first), then plain http, and https on a
 * loopback host, are development.
 */
export function isTldrawDevelopmentHost(protocol: string, hostname: string): boolean {
  if (hostname.toLowerCase().endsWith('.localhost')) return false;
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  const loopback = host === 'localhost' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
  return protocol === 'http:' || (protocol === 'https:' && loopback);
}

export function licenseMode({ production, key, protocol, hostname }: LicenseContext): LicenseMode {
  if (!production || (key && key.trim())) return 'ok';
  return isTldrawDevelopmentHost(protocol, hostname) ? 'notice' : 'blocked';
}
