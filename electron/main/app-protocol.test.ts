import { describe, expect, it } from 'vitest';
import { resolveAppRequest } from './app-protocol.ts';

const root = '/opt/journeyscroll/renderer';

describe('app:// requests', () => {
  it('serves files from the renderer folder with their type', () => {
    expect(resolveAppRequest(root, 'app://journeyscroll/assets/index-abc.js')).toEqual({
      ok: true,
      file: `${root}/assets/index-abc.js`,
      mimeType: 'text/javascript; charset=utf-8',
    });
    expect(resolveAppRequest(root, 'app://journeyscroll/fonts/IBMPlexSans.woff2')).toMatchObject({ ok: true, mimeType: 'font/woff2' });
  });

  it('answers client-side routes with index.html', () => {
    for (const url of ['app://journeyscroll/', 'app://journeyscroll/b/room-1', 'app://journeyscroll/b/room-1?token=x']) {
      expect(resolveAppRequest(root, url)).toMatchObject({ ok: true, file: `${root}/index.html` });
    }
  });

  it('never leaves the renderer folder, however the path is spelled', () => {
    const hostile = [
      'app://journeyscroll/../../../etc/passwd.txt',
      'app://journeyscroll/%2e%2e/%2e%2e/etc/passwd.txt',
      'app://journeyscroll/assets/%2E%2E%2F%2E%2E%2F%2E%2E%2Fetc%2Fpasswd.txt',
      'app://journeyscroll/..%5c..%5cwindows.ini',
      'app://journeyscroll/a%00.js',
      'app://journeyscroll/%E0%A4%A.js',
      'app://other-host/index.js',
      'https://journeyscroll/index.js',
    ];
    for (const url of hostile) {
      const result = resolveAppRequest(root, url);
      expect(!result.ok || result.file.startsWith(`${root}/`), url).toBe(true);
    }
    // Escapes that only appear after decoding, and malformed or foreign requests, are refused.
    for (const url of hostile.slice(2)) expect(resolveAppRequest(root, url).ok, url).toBe(false);
    expect(resolveAppRequest(root, hostile[2]!)).toEqual({ ok: false, status: 403 });
  });
});
