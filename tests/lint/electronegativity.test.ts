import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** `npm run lint:electron` must fail on an insecure window and pass on ours. */
const runner = new URL('../../build/lint-electron.ts', import.meta.url).pathname;
const run = (args: string[]) => spawnSync(process.execPath, [runner, ...args], { encoding: 'utf8' });

describe('lint:electron', () => {
  it('fails on a window with Node integration and no isolation', () => {
    const dir = mkdtempSync(join(tmpdir(), 'insecure-electron-'));
    mkdirSync(join(dir, 'main'));
    writeFileSync(
      join(dir, 'main', 'index.ts'),
      `import { BrowserWindow } from 'electron';\nexport const w = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });\n`,
    );
    const result = run([dir]);
    expect(result.status, result.stdout + result.stderr).toBe(1);
    expect(result.stdout).toMatch(/HIGH\s+CONTEXT_ISOLATION_JS_CHECK/);
    expect(result.stdout).toMatch(/MEDIUM\s+SANDBOX_JS_CHECK/);
  }, 60_000);

  it('passes on electron/', () => {
    const result = run([]);
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/0 above LOW/);
  }, 60_000);
});
