import { describe, expect, it } from 'vitest';
import { coversAppUrl, packagingLicenseKey, readLicenseKey } from './license-key.ts';

/** A key of tldraw's shape (the signature is not checked at build time; the running app checks it). */
const keyFor = (hosts: string[], flags = 0) =>
  `tldraw-journeyscroll/${Buffer.from(JSON.stringify(['id-1', hosts, flags, '2027-12-31'])).toString('base64')}.c2lnbmF0dXJl`;
const NATIVE = 1 << 5;

describe('the packaged build’s tldraw license key', () => {
  it('is required: without TLDRAW_LICENSE_KEY packaging stops and says why and what to do', () => {
    for (const env of [{}, { TLDRAW_LICENSE_KEY: '' }, { TLDRAW_LICENSE_KEY: '   ' }])
      expect(() => packagingLicenseKey(env)).toThrow(
        /needs a tldraw license key: set TLDRAW_LICENSE_KEY \(a key issued for app:\/\/journeyscroll\/\).*--without-license-key.*docs\/license\.md/,
      );
    // Only when asked plainly does it go on without one.
    expect(packagingLicenseKey({}, true)).toBeNull();
  });

  it('is taken when it covers the app URL: a native key matching app://journeyscroll/, the host itself, or *', () => {
    for (const key of [keyFor(['^app://journeyscroll/'], NATIVE), keyFor(['journeyscroll']), keyFor(['*'])])
      expect(packagingLicenseKey({ TLDRAW_LICENSE_KEY: ` ${key} ` })).toBe(key);
  });

  it('is refused when it is for a website, not the app URL', () => {
    const web = keyFor(['journeyscroll.example.com']);
    expect(() => packagingLicenseKey({ TLDRAW_LICENSE_KEY: web })).toThrow(
      "TLDRAW_LICENSE_KEY is for journeyscroll.example.com, not for the desktop app's URL app://journeyscroll/",
    );
    // A native key for another app's URL is not ours either.
    expect(coversAppUrl(readLicenseKey(keyFor(['^app-bundle://other/'], NATIVE)))).toBe(false);
    // A pattern that only matches because it is read as a regular expression counts only for native keys.
    expect(coversAppUrl(readLicenseKey(keyFor(['^app://journeyscroll/'])))).toBe(false);
  });

  it('is refused when it is not a tldraw key at all, with the reason', () => {
    expect(() => packagingLicenseKey({ TLDRAW_LICENSE_KEY: 'sk-live-123' })).toThrow(/does not look like a tldraw license key/);
    expect(() => packagingLicenseKey({ TLDRAW_LICENSE_KEY: 'tldraw-x/!!!notbase64.sig' })).toThrow(/cannot be read/);
    expect(() => packagingLicenseKey({ TLDRAW_LICENSE_KEY: `tldraw-x/${Buffer.from('{"a":1}').toString('base64')}.sig` })).toThrow(
      /does not list hosts and flags/,
    );
  });
});
