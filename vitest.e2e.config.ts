import { defineConfig } from 'vitest/config';

// Browser suites (issue 4): real `journeyscroll serve` processes and Debian's Chromium, one file
// at a time (each starts its own server and browser; two cores are shared with everything else).
// `npm run test:e2e` (tests/e2e/run.ts) builds the web edition first when it is missing or stale.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    fileParallelism: false,
    pool: 'forks',
    testTimeout: 90_000,
    hookTimeout: 120_000,
  },
});
