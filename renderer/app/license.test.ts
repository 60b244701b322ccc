import { describe, expect, it } from 'vitest';
import { isTldrawDevelopmentHost, licenseMode } from './license.ts';

/** The cases docs/license.md's table names, as tldraw 5.4's LicenseManager decides them in a production build. */
describe('licenseMode', () => {
  it('a development build (npm start, Vite dev server) never shows a notice, whatever the URL', () => {
    for (const [protocol, hostname] of [
      ['http:', 'localhost'],
      ['app:', 'journeyscroll'],
      ['https:', 'example.com'],
    ] as const)
      expect(licenseMode({ production: false, key: undefined, protocol, hostname })).toBe('ok');
  });

  it('a production build without a key: the notice instead of the canvas at app:// (a custom protocol is production)', () => {
    expect(licenseMode({ production: true, key: undefined, protocol: 'app:', hostname: 'journeyscroll' })).toBe('blocked');
    expect(licenseMode({ production: true, key: '  ', protocol: 'app:', hostname: 'journeyscroll' })).toBe('blocked');
    expect(licenseMode({ production: true, key: undefined, protocol: 'https:', hostname: 'blueprints.example.com' })).toBe('blocked');
  });

  it('a production build without a key on plain http or https loopback: the canvas, with a note', () => {
    expect(licenseMode({ production: true, key: undefined, protocol: 'http:', hostname: '192.168.1.20' })).toBe('notice');
    expect(licenseMode({ production: true, key: undefined, protocol: 'https:', hostname: '127.0.0.1' })).toBe('notice');
  });

  it('a key (built in or pasted in Settings) leaves the decision to tldraw', () => {
    expect(licenseMode({ production: true, key: 'tldraw-x/abc.def', protocol: 'app:', hostname: 'journeyscroll' })).toBe('ok');
  });

  it('*.localhost is production in a production build (tldraw checks it first), loopback over https is not', () => {
    expect(isTldrawDevelopmentHost('http:', 'tauri.localhost')).toBe(false);
    expect(isTldrawDevelopmentHost('https:', '[::1]')).toBe(true);
    expect(isTldrawDevelopmentHost('https:', 'localhost')).toBe(true);
    expect(isTldrawDevelopmentHost('app:', 'localhost')).toBe(false);
  });
});
