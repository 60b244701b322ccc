import { fileURLToPath } from 'node:url';
import { defineConfig, mergeConfig } from 'vite';
import { isTestBuild, precacheManifest, rendererConfig } from './build/vite-renderer.ts';

/**
 * The web edition: `npm run build:web` → out/web/, which `journeyscroll serve` serves at `/`.
 * Two entries: the app (index.html) and the service worker, emitted as /sw.js. The browser suites'
 * test build (JOURNEYSCROLL_TEST_HOOK=1, with the test hook) goes to out/web-test/ instead.
 */
const root = fileURLToPath(new URL('./renderer/web/', import.meta.url));
const outDir = fileURLToPath(new URL(isTestBuild() ? './out/web-test/' : './out/web/', import.meta.url));

export default defineConfig(
  mergeConfig(rendererConfig(), {
    root,
    base: '/',
    publicDir: false,
    plugins: [precacheManifest()],
    build: {
      outDir,
      emptyOutDir: true,
      rollupOptions: {
        input: { index: `${root}index.html`, sw: `${root}sw.ts` },
        output: {
          entryFileNames: (chunk: { name: string }) => (chunk.name === 'sw' ? 'sw.js' : 'assets/[name]-[hash].js'),
        },
      },
    },
  }),
);
