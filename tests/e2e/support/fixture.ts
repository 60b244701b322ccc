import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './browser.ts';
import { ServeProcess } from './server.ts';

export interface ServerAndBrowser {
  readonly server: ServeProcess;
  readonly browser: Browser;
}

/**
 * A real `journeyscroll serve` (serving the built web edition) and Debian's Chromium for the tests
 * of one file: started before them, stopped after. Read the fields inside hooks and tests only.
 */
export function serverAndBrowser(options: { secret?: string } = {}): ServerAndBrowser {
  const env = {} as { server: ServeProcess; browser: Browser };
  beforeAll(async () => {
    env.server = new ServeProcess(options);
    await env.server.start();
    env.browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await env.browser?.close();
    await env.server?.dispose();
  });
  return env;
}
