import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { approveAsItIs, expectConnection, guardedContext, openBlueprint, selectCard, setField } from './support/browser.ts';
import { serverAndBrowser } from './support/fixture.ts';

/**
 * Issue 13, "what runs is what was approved", in the app: the Export dialog warns that the working
 * copy has moved on since the approval, and exporting the approved version gives exactly what the
 * CLI's `export --version approved` compiles from the same document.
 */
const env = serverAndBrowser();
const BIN = new URL('../../bin/journeyscroll.js', import.meta.url).pathname;

describe('exporting a version from the app', () => {
  it('warns about the working copy, and the approved version exports as the CLI compiles it', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'journeyscroll-export-version-'));
    const { context, outside } = await guardedContext(env.browser, env.server.origin);
    const a = await openBlueprint(context, `${env.server.origin}/b/e2e-export-version?template=b2b-lead-to-renewal`);
    const { page } = a;
    await expectConnection(page, /Synced/);
    await approveAsItIs(page, 'Approved v1');

    // The working copy moves on.
    const card = (await a.model()).cards.find((c) => c.title)!;
    await selectCard(a, card.id);
    await setField(page, 'Title', 'Changed after the approval');
    await expect
      .poll(() => page.getByRole('status', { name: 'Approval' }).innerText(), { timeout: 15_000 })
      .toBe('Approved v1 · 1 change since');

    // The whole document, for the CLI.
    const journey = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download .journey' }).click();
    await (await journey).saveAs(join(dir, 'plan.journey'));

    // Export: the working copy is chosen first, and the dialog says it is not what was approved.
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export' });
    const note = dialog.getByRole('note', { name: 'Not the approved version' });
    await expect.poll(() => note.innerText()).toMatch(/^This is the working copy: 1 change since approved v1\./);
    await dialog.getByRole('combobox', { name: 'What to export' }).selectOption({ label: 'Approved v1' });
    expect(await note.count()).toBe(0);
    const download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: /^Export / }).click();
    await (await download).saveAs(join(dir, 'app.json'));
    const fromApp = JSON.parse(readFileSync(join(dir, 'app.json'), 'utf8'));

    const cli = spawnSync(process.execPath, [BIN, 'export', 'plan.journey', '--format', 'definition', '--version', 'approved'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(cli.status, cli.stderr).toBe(0);
    expect(fromApp).toEqual(JSON.parse(cli.stdout));
    expect(fromApp.provenance).toMatchObject({ version: 'v1', approved: true });
    expect(JSON.stringify(fromApp)).not.toContain('Changed after the approval');
    expect(outside).toEqual([]);
    await context.close();
  });
});
