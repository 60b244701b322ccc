import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractFile, listPackage } from '@electron/asar';
import { Arch, build, Platform } from 'electron-builder';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * Issue 5, "done when": a packaging smoke test. electron-builder packs the built app (`--dir`,
 * Linux) with electron-builder.yml, against a stand-in Electron distribution — the real binary
 * cannot be downloaded here, and electron-builder would download it — then the asar is opened and
 * checked. The stand-in makes this a test of packaging, not a runnable app. One setting is left
 * out here only: electronFuses, which rewrites the real binary and cannot work on a stand-in.
 */
const repo = fileURLToPath(new URL('../../', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'journeyscroll-package-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** renderer/app/test-hook.ts's assignment, minified or not: `window.journeyscroll = {…}`. */
const TEST_HOOK = /\.journeyscroll\s*=\s*\{/;

/** What electron-builder copies from an Electron zip: the executable, resources/, licences, version. */
function standInElectronDist(): string {
  const dist = join(work, 'electron-dist');
  mkdirSync(join(dist, 'resources'), { recursive: true });
  const electronVersion = (JSON.parse(readFileSync(join(repo, 'node_modules/electron/package.json'), 'utf8')) as { version: string })
    .version;
  writeFileSync(join(dist, 'electron'), '#!/bin/sh\necho "stand-in Electron: packaging smoke test only" >&2\nexit 1\n');
  chmodSync(join(dist, 'electron'), 0o755);
  writeFileSync(join(dist, 'version'), electronVersion);
  writeFileSync(join(dist, 'LICENSE'), 'stand-in');
  writeFileSync(join(dist, 'LICENSES.chromium.html'), 'stand-in');
  return dist;
}

describe('packaging', () => {
  it('packs main, preload and renderer into the asar, unpacks better-sqlite3’s native module, and ships the web edition', async () => {
    for (const built of ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html', 'out/web/index.html']) {
      expect(existsSync(join(repo, built)), `${built} (npm run build)`).toBe(true);
    }
    const output = join(work, 'release');
    const started = performance.now();
    await build({
      projectDir: repo,
      targets: Platform.LINUX.createTarget('dir', Arch.x64),
      config: {
        extends: join(repo, 'electron-builder.yml'),
        electronDist: standInElectronDist(),
        electronFuses: null,
        directories: { output, buildResources: join(repo, 'build') },
      },
      publish: 'never',
    });
    const seconds = (performance.now() - started) / 1000;
    console.log(`electron-builder --dir: ${seconds.toFixed(1)} s`);

    const unpacked = join(output, 'linux-unpacked');
    const resources = join(unpacked, 'resources');
    const asar = join(resources, 'app.asar');
    expect(existsSync(join(unpacked, 'journeyscroll')), 'the executable, renamed').toBe(true);
    const files = new Set(listPackage(asar, { isPack: false }).map((f) => f.replaceAll('\\', '/')));
    for (const file of [
      '/package.json',
      '/out/main/index.js',
      '/out/preload/index.cjs',
      '/out/renderer/index.html',
      '/node_modules/better-sqlite3/lib/index.js',
    ]) {
      expect(files.has(file), `${file} in app.asar`).toBe(true);
    }
    expect(
      [...files].some((f) => f.startsWith('/out/renderer/assets/') && f.endsWith('.js')),
      'the renderer bundle',
    ).toBe(true);
    // Only what the bundles need: no source, no renderer packages, no tests.
    for (const absent of [
      '/node_modules/react',
      '/node_modules/tldraw',
      '/node_modules/yjs',
      '/electron',
      '/renderer',
      '/tests',
      '/shared',
    ]) {
      expect(
        [...files].some((f) => f === absent || f.startsWith(`${absent}/`)),
        `${absent} must not be packed`,
      ).toBe(false);
    }
    const manifest = JSON.parse(extractFile(asar, 'package.json').toString()) as { main: string };
    expect(manifest.main).toBe('out/main/index.js');
    // The native module sits outside the archive, where the OS can load it.
    expect(existsSync(join(resources, 'app.asar.unpacked/node_modules/better-sqlite3/prebuilds/linux-x64.node'))).toBe(true);
    expect(existsSync(join(resources, 'web/index.html')), 'the web edition for workshop guests').toBe(true);
    // The packaged app and its web edition are production builds: the test hook (window.journeyscroll,
    // compiled in only with JOURNEYSCROLL_TEST_HOOK=1) is in neither, and no test build is packed.
    expect([...files].filter((f) => f.startsWith('/out/') && !/^\/out\/(main|preload|renderer)(\/|$)/.test(f))).toEqual([]);
    const rendererJs = [...files].filter((f) => f.startsWith('/out/renderer/assets/') && f.endsWith('.js'));
    const packedJs = rendererJs.map((f) => extractFile(asar, f.slice(1)).toString());
    const webJs = readdirSync(join(resources, 'web/assets'))
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(join(resources, 'web/assets', f), 'utf8'));
    expect(packedJs.length + webJs.length).toBeGreaterThan(1);
    for (const js of [...packedJs, ...webJs]) expect(TEST_HOOK.test(js)).toBe(false);
    // …while the test build the suites load has it, so the pattern does find the hook.
    const testJs = readdirSync(join(repo, 'out/renderer-test/assets')).filter((f) => f.endsWith('.js'));
    expect(testJs.some((f) => TEST_HOOK.test(readFileSync(join(repo, 'out/renderer-test/assets', f), 'utf8')))).toBe(true);
    expect(seconds).toBeLessThan(90);
  });
});
