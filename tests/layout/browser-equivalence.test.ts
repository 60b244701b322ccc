import { rolldown } from 'rolldown';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateBlueprint } from '../../shared/model/index.ts';
import { layoutBlueprint } from '../../shared/layout/index.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium.ts';

/**
 * docs/architecture.md §1: the layout gives the same result on every client and in Node. This bundles
 * shared/layout for the browser, runs it in real Chromium, and compares with Node's result.
 */
const entry = new URL('../../shared/layout/browser-entry.test-fixture.ts', import.meta.url).pathname;

let browser: Browser;
let bundle: string;

beforeAll(async () => {
  const build = await rolldown({ input: entry, platform: 'browser', logLevel: 'silent' });
  const { output } = await build.generate({ format: 'iife', name: 'journeyLayout' });
  bundle = output[0].code;
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

describe('layout in the browser', () => {
  it('equals the layout computed in Node for the same blueprint', async () => {
    const page = await browser.newPage();
    await page.addScriptTag({ content: bundle });
    for (const seed of [1, 2, 3]) {
      const inBrowser = await page.evaluate(
        (s) => (window as unknown as { journeyLayout: { layoutJson(seed: number): string } }).journeyLayout.layoutJson(s),
        seed,
      );
      const inNode = JSON.stringify(layoutBlueprint(generateBlueprint({ seed, cards: 300, stages: 9 })));
      expect(inBrowser).toBe(inNode);
    }
    await page.close();
  });
});
