/**
 * A newcomer's first run: clone the repo into an empty folder, `npm ci` (no Electron binary, npm's
 * existing cache), then `npx journeyscroll serve --port 0` with no build step by hand — the server
 * builds the web edition itself — and load `/` and `/b/<room>` in Chromium: the home page and a
 * tldraw canvas appear.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'journeyscroll-first-run-'));
const clone = join(dir, 'journeyscroll');
let server: ChildProcess | undefined;
afterAll(() => {
  server?.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

describe('first run on a fresh clone', () => {
  it('npm ci, then npx journeyscroll serve shows the home page and a canvas', { timeout: 600_000 }, async () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
      npm_config_fund: 'false',
      npm_config_audit: 'false',
    };
    delete env.JOURNEYSCROLL_WEB_BUILD;
    const cloned = spawnSync('git', ['clone', '--quiet', '--no-hardlinks', repo, clone], { encoding: 'utf8' });
    expect(cloned.status, cloned.stderr).toBe(0);
    const ci = spawnSync('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: clone, env, encoding: 'utf8' });
    expect(ci.status, ci.stderr.slice(-2000)).toBe(0);

    server = spawn('npx', ['journeyscroll', 'serve', '--port', '0', '--data', join(dir, 'data')], { cwd: clone, env });
    let stderr = '';
    server.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const port = await new Promise<number>((resolve, reject) => {
      let out = '';
      server!.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        for (const line of out.split('\n')) {
          if (!line.startsWith('{')) continue;
          try {
            const record = JSON.parse(line) as { msg?: string; port?: number };
            if (record.msg === 'listening' && record.port) resolve(record.port);
          } catch {
            // a partial line; wait for the rest
          }
        }
      });
      server!.on('exit', (code) => reject(new Error(`serve exited (${code}): ${stderr}`)));
    });
    expect(stderr).toContain('building the web edition (out/web is missing)');

    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage();
      await page.goto(`http://127.0.0.1:${port}/`);
      await page.getByRole('heading', { name: 'Opened before on this device' }).waitFor({ timeout: 30_000 });
      await page.goto(`http://127.0.0.1:${port}/b/first-run`);
      await page.waitForSelector('.tl-canvas', { timeout: 30_000 });
      expect(await page.locator('.tl-canvas').isVisible()).toBe(true);
      // What serve builds and serves is the production edition: the test hook is compiled out.
      expect(await page.evaluate(() => 'journeyscroll' in window)).toBe(false);
    } finally {
      await browser.close();
    }
  });
});
