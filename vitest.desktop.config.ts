import { defineConfig } from 'vitest/config';

// Desktop suites (issue 5): the built desktop renderer in Debian's Chromium with the preload API
// emulated by bindings that call the real handler table (tests/desktop), the packaging smoke test
// and the Electron suite (tests/electron, skipped where the binary is missing). One file at a
// time: each starts its own processes and browser on a 2-core machine.
// `npm run test:desktop` (tests/desktop/run.ts) builds the app first when the build is stale.
export default defineConfig({
  test: {
    include: ['tests/desktop/**/*.test.ts', 'tests/electron/**/*.test.ts'],
    fileParallelism: false,
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
