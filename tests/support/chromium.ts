/**
 * Debian's Chromium, the only browser this project's machines can install (Playwright's own
 * browser downloads are not reachable). `.ci/run` installs it with apt-get.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];
