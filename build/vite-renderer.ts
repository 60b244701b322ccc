import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createHash } from 'node:crypto';
import react from '@vitejs/plugin-react';
import type { Plugin, UserConfig } from 'vite';

/**
 * The renderer's Vite settings, shared by the web edition (vite.web.config.ts) and, later,
 * electron-vite's renderer build (the Desktop issue): React, tldraw's bundled assets, and the
 * tldraw license key taken from the build environment (TLDRAW_LICENSE_KEY).
 */
export function rendererConfig(env: Record<string, string | undefined> = process.env): UserConfig {
  return {
    plugins: [react()],
    define: {
      __TLDRAW_LICENSE_KEY__: JSON.stringify(env.TLDRAW_LICENSE_KEY ?? ''),
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
