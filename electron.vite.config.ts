import { fileURLToPath } from 'node:url';
import { defineConfig, mergeConfig } from 'electron-vite';
import { isTestBuild, rendererConfig } from './build/vite-renderer.ts';

/**
 * The desktop app's build (`npm run build` → out/main, out/preload, out/renderer):
 * - main: ESM (the package is "type": "module"), our code and its dependencies in one bundle,
 *   except better-sqlite3 — a native module, loaded from node_modules (unpacked from the asar);
 * - preload: one CommonJS file, index.cjs, since a sandboxed preload cannot load ES modules or
 *   other files;
 * - renderer: renderer/desktop with the same Vite settings as the web edition; the desktop suites'
 *   test build (JOURNEYSCROLL_TEST_HOOK=1, with the test hook) goes to out/renderer-test.
 *
 * `npm start` is `electron-vite dev`: main and preload built in development mode, the renderer
 * from Vite's dev server over plain http (tldraw's development mode; docs/license.md). Hot module
 * replacement is off: React's fast refresh needs an inline script, which the app's
 * content security policy (the same in development) refuses — after a renderer change, View ›
 * Reload (Ctrl/⌘+R).
 */
const path = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  main: {
    build: {
      outDir: path('./out/main'),
      externalizeDeps: false,
      rollupOptions: {
        input: { index: path('./electron/main/index.ts') },
        external: ['electron', 'better-sqlite3', /^node:/],
        output: { format: 'es', entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: path('./out/preload'),
      externalizeDeps: false,
      rollupOptions: {
        input: { index: path('./electron/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs', inlineDynamicImports: true },
      },
    },
  },
  renderer: mergeConfig(rendererConfig(), {
    root: path('./renderer/desktop'),
    base: '/',
    publicDir: false,
    server: { hmr: false },
    build: {
      outDir: path(isTestBuild() ? './out/renderer-test' : './out/renderer'),
      emptyOutDir: true,
      rollupOptions: { input: { index: path('./renderer/desktop/index.html') } },
    },
  }),
});
