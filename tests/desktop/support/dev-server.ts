/**
 * The renderer half of `npm start` (`electron-vite dev`), without Electron: electron-vite's own
 * config resolution of electron.vite.config.ts for `serve` in development mode, and the Vite dev
 * server it starts for the renderer — what the development window loads over plain http as
 * ELECTRON_RENDERER_URL. Main and preload are not built and Electron is not started (no binary
 * here); the test emulates the preload against the real handler table instead.
 *
 *   node tests/desktop/support/dev-server.ts PORT   → prints {"url": "http://localhost:PORT"} when listening
 */
import { fileURLToPath } from 'node:url';
import { resolveConfig } from 'electron-vite';
import { createServer, mergeConfig } from 'vite';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const port = Number(process.argv[2]);
if (!Number.isInteger(port) || port <= 0) throw new Error('usage: dev-server.ts PORT');

// As electron-vite's createServer does before resolving its config.
process.env.NODE_ENV_ELECTRON_VITE = 'development';
const resolved = await resolveConfig({ root: repo, logLevel: 'warn' }, 'serve', 'development');
const renderer = resolved.config?.renderer;
if (!renderer) throw new Error('electron.vite.config.ts has no renderer config');
// The port is the test's (electron-vite's default, 5173, may be taken on a shared machine).
const server = await createServer(mergeConfig(renderer, { server: { port, strictPort: true, host: 'localhost' } }));
await server.listen();
process.stdout.write(`${JSON.stringify({ url: `http://localhost:${port}` })}\n`);
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
