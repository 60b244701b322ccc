/**
 * `node build/render-icons.ts`: renders build/icon.svg (our own drawing) to the PNGs electron-builder
 * reads — build/icon.png (1024 px: macOS and Windows icons are made from it) and build/icons/
 * 512x512.png and 1024x1024.png (Linux) — with Debian's Chromium. Run it after changing the SVG.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/support/chromium.ts';

const here = import.meta.dirname;
const svg = readFileSync(join(here, 'icon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
  for (const [size, files] of [
    [512, ['icons/512x512.png']],
    [1024, ['icons/1024x1024.png', 'icon.png']],
  ] as const) {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    await page.setContent(
      `<html><body style="margin:0;background:transparent">${svg.replace('width="1024" height="1024"', `width="${size}" height="${size}"`)}</body></html>`,
    );
    for (const file of files)
      await page.screenshot({ path: join(here, file), omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    await page.close();
  }
} finally {
  await browser.close();
}
console.log('build/icon.png, build/icons/512x512.png, build/icons/1024x1024.png written');
