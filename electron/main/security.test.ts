import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  isAllowedNavigation,
  isAllowedPermission,
  isVettedExternalUrl,
  secureWebPreferences,
} from './security.ts';

describe('security baseline', () => {
  it('sets every web preference of the checklist explicitly', () => {
    expect(secureWebPreferences('/app/preload.cjs')).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      preload: '/app/preload.cjs',
    });
  });

  it('has a CSP without unsafe-eval or remote scripts', () => {
    expect(CONTENT_SECURITY_POLICY).toContain(`script-src 'self'`);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|script-src[^;]*(https?:|\*)/);
    expect(CONTENT_SECURITY_POLICY).toContain(`object-src 'none'`);
  });

  it('keeps navigation inside the app origin', () => {
    expect(isAllowedNavigation('app://journeyscroll/b/room-1')).toBe(true);
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://other/', 'javascript:alert(1)', 'not a url']) {
      expect(isAllowedNavigation(url), url).toBe(false);
    }
  });

  it('opens only vetted https links externally', () => {
    expect(isVettedExternalUrl('https://tldraw.dev/pricing')).toBe(true);
    for (const url of [
      'http://tldraw.dev/',
      'https://tldraw.dev.evil.example/',
      'https://user:pw@tldraw.dev/',
      'https://tldraw.dev:8443/',
      'file:///tmp/x',
      'smb://host/share',
      'https://evil.example/',
    ]) {
      expect(isVettedExternalUrl(url), url).toBe(false);
    }
  });

  it('grants only full screen and clipboard writes, and only to the app', () => {
    expect(isAllowedPermission('fullscreen', 'app://journeyscroll/')).toBe(true);
    expect(isAllowedPermission('media', 'app://journeyscroll/')).toBe(false);
    expect(isAllowedPermission('fullscreen', 'https://evil.example/')).toBe(false);
    // Sync servers on this machine and the LAN (a hosted or joined workshop), for the app only.
    for (const lna of ['local-network-access', 'local-network', 'loopback-network']) {
      expect(isAllowedPermission(lna, 'app://journeyscroll/')).toBe(true);
      expect(isAllowedPermission(lna, 'https://evil.example/')).toBe(false);
    }
  });
});
