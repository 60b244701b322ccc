import { describe, expect, it } from 'vitest';
import { devServerOriginOf, launchConfig } from './launch-config.ts';

const DEV_ENV = { ELECTRON_RENDERER_URL: 'http://localhost:5173', JOURNEYSCROLL_USER_DATA: '/tmp/js-dev-library' };

describe('launch configuration', () => {
  it('a development run (npm start) loads the dev server, trusts its origin and takes the user-data folder', () => {
    const config = launchConfig({ isPackaged: false, env: DEV_ENV, argv: ['electron', '.'] });
    expect(config).toEqual({
      rendererUrl: 'http://localhost:5173/',
      devServerOrigin: 'http://localhost:5173',
      allowedOrigins: ['app://journeyscroll', 'http://localhost:5173'],
      userDataDir: '/tmp/js-dev-library',
      openArgs: [],
      ignored: [],
    });
  });

  it('a packaged app ignores both development-only variables and says so', () => {
    const config = launchConfig({ isPackaged: true, env: DEV_ENV, argv: ['/opt/JourneyScroll/journeyscroll'] });
    expect(config.rendererUrl).toBe('app://journeyscroll/');
    expect(config.devServerOrigin).toBeNull();
    expect(config.allowedOrigins).toEqual(['app://journeyscroll']);
    expect(config.userDataDir).toBeNull();
    expect(config.ignored).toEqual([
      'ELECTRON_RENDERER_URL is ignored: it is for development runs, and this app is packaged',
      'JOURNEYSCROLL_USER_DATA is ignored: it is for development runs, and this app is packaged',
    ]);
  });

  it('without the variables, an unpackaged build (electron-vite preview) serves app:// like the packaged app', () => {
    expect(launchConfig({ isPackaged: false, env: {}, argv: ['electron', '.'] })).toMatchObject({
      rendererUrl: 'app://journeyscroll/',
      allowedOrigins: ['app://journeyscroll'],
      userDataDir: null,
      ignored: [],
    });
  });

  it('takes a renderer URL only when it is plain http on a loopback host', () => {
    expect(devServerOriginOf('http://127.0.0.1:5174/')).toBe('http://127.0.0.1:5174');
    expect(devServerOriginOf('http://[::1]:5173')).toBe('http://[::1]:5173');
    for (const url of [
      'https://evil.example/',
      'http://192.168.1.20:5173/',
      'file:///tmp/index.html',
      'http://u:p@localhost:5173/',
      'nonsense',
    ])
      expect(devServerOriginOf(url), url).toBeNull();
    const config = launchConfig({ isPackaged: false, env: { ELECTRON_RENDERER_URL: 'https://evil.example/' }, argv: [] });
    expect(config.rendererUrl).toBe('app://journeyscroll/');
    expect(config.allowedOrigins).toEqual(['app://journeyscroll']);
    expect(config.ignored[0]).toMatch(/ELECTRON_RENDERER_URL is ignored: https:\/\/evil\.example\/ is not a plain-http loopback URL/);
  });

  it('reads links and .journey files from the arguments after the app (1 when packaged, 2 under electron .)', () => {
    const link = 'journeyscroll://b/room-1?server=ws%3A%2F%2Fhost%3A4321%2Fsync';
    expect(launchConfig({ isPackaged: true, env: {}, argv: ['/opt/js', link, '--flag', '/home/a/b.JOURNEY'] }).openArgs).toEqual([
      link,
      '/home/a/b.JOURNEY',
    ]);
    expect(launchConfig({ isPackaged: false, env: {}, argv: ['electron', 'x.journey', link] }).openArgs).toEqual([link]);
  });
});
