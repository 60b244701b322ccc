import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createHash } from 'node:crypto';
import react from '@vitejs/plugin-react';
import type { Plugin, UserConfig } from 'vite';

/**
 * A test build: `JOURNEYSCROLL_TEST_HOOK=1` compiles in the test hook (renderer/app/test-hook.ts,
 * `window.journeyscroll`, which the browser, desktop and bench suites drive) and writes to its own
 * folder (out/web-test, out/renderer-test), so a test build is never what `journeyscroll serve`
 * serves or what gets packaged. Every other build leaves the hook out entirely.
 */
export function isTestBuild(env: Record<string, string | undefined> = process.env): boolean {
  return env.JOURNEYSCROLL_TEST_HOOK === '1';
}

/**
 * The renderer's Vite settings, shared by the web edition (vite.web.config.ts) and electron-vite's
 * renderer build (electron.vite.config.ts): React, tldraw's bundled assets, the tldraw license key
 * taken from the build environment (TLDRAW_LICENSE_KEY), and whether the test hook is compiled in.
 */
export function rendererConfig(env: Record<string, string | undefined> = process.env): UserConfig {
  return {
    plugins: [react()],
    define: {
      __TLDRAW_LICENSE_KEY__: JSON.stringify(env.TLDRAW_LICENSE_KEY ?? ''),
      __JOURNEYSCROLL_TEST_HOOK__: JSON.stringify(isTestBuild(env)),
    },
    // Vite's dev server must not pre-bundle @tldraw/assets: its asset imports would break.
    optimizeDeps: { exclude: ['@tldraw/assets'] },
    build: {
      target: 'es2022',
      chunkSizeWarningLimit: 4000,
      assetsInlineLimit: 0,
    },
  };
}

/**
 * Lists every file of the build in `precache.json` (with a content hash as the version), for the
 * service worker to keep the web edition available offline.
 */
export function precacheManifest(): Plugin {
  let outDir = '';
  return {
    name: 'journeyscroll-precache',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    writeBundle() {
      const files: string[] = [];
      const walk = (dir: string) => {
        for (const name of readdirSync(dir)) {
          const full = join(dir, name);
          if (statSync(full).isDirectory()) walk(full);
          else files.push(`/${relative(outDir, full).split('\\').join('/')}`);
        }
      };
      walk(outDir);
      const list = files.filter((f) => f !== '/sw.js' && f !== '/precache.json' && !f.endsWith('.map')).sort();
      const hash = createHash('sha256');
      for (const f of list) hash.update(f);
      const version = hash.digest('hex').slice(0, 16);
      writeFileSync(join(outDir, 'precache.json'), JSON.stringify({ version, files: ['/', ...list] }));
    },
  };
}
