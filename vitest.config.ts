import { defineConfig } from 'vitest/config';

// Unit tests sit beside their code (foo.ts + foo.test.ts); cross-part tests live in tests/.
// Browser suites (tests/e2e) and the desktop suites (tests/desktop, tests/electron: builds,
// Chromium, electron-builder) run under their own configs, not here.
export default defineConfig({
  test: {
    include: ['{shared,renderer,electron,sync-server,build,tests}/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'tests/e2e/**', 'tests/desktop/**', 'tests/electron/**'],
    // better-sqlite3 and the sync server use native handles and real sockets: isolate in processes.
    pool: 'forks',
    // Servers these suites start never load the web edition: do not build it (journeyscroll serve).
    env: { JOURNEYSCROLL_WEB_BUILD: 'off' },
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
