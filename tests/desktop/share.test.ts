import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAppLink } from '../../shared/desktop/contract.ts';
import { signToken } from '../../sync-server/auth/token.ts';
import { expectConnection, guardedContext, launchBrowser, modelOf, openBlueprint, waitUntil } from '../e2e/support/browser.ts';
import { ServeProcess } from '../e2e/support/server.ts';
import { createFromTemplate, desktopContext, HandlerProcess, openApp, statusText } from './support/desktop.ts';

/**
 * Share: a blueprint made on this device is published to a real `journeyscroll serve` (with a
 * secret) from the Share dialog; the links it shows let a browser join and edit; the desktop copy
 * keeps syncing and saving locally; "Stop sharing" makes it local again.
 */
const SECRET = 'desktop-share-secret-0123456789abcdef';
let browser: Browser;
let handler: HandlerProcess;
let server: ServeProcess;
let context: BrowserContext;

beforeAll(async () => {
  handler = new HandlerProcess();
  server = new ServeProcess({ secret: SECRET });
  await Promise.all([handler.start(), server.start()]);
  browser = await launchBrowser();
  context = await desktopContext(browser, handler);
});

afterAll(async () => {
  await browser?.close();
  await handler?.dispose();
  await server?.dispose();
});

describe('sharing a local blueprint', () => {
  it('publishes it to a server: the browser link joins it, edits flow both ways, the local copy stays complete', async () => {
    const page = await openApp(context);
    const id = await createFromTemplate(page, 'saas-trial-to-paid');
    await page.waitForSelector('.js-card', { timeout: 30_000 });
    expect(await statusText(page)).toMatch(/Saved on this device|Saving…/);
    const token = await signToken({ room: id, role: 'editor', ttlMs: 3_600_000 }, SECRET);

    await page.getByRole('button', { name: 'Share…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Share blueprint' });
    await dialog.getByRole('combobox', { name: 'Server' }).fill(`ws://127.0.0.1:${server.port}/sync`);
    await dialog.getByRole('textbox', { name: 'Access token (when the server has a secret)' }).fill(token);
    await dialog.getByRole('button', { name: 'Publish' }).click();
    await expect
      .poll(() => dialog.getByRole('status', { name: 'Sharing status' }).innerText(), { timeout: 15_000 })
      .toBe(`Shared on ws://127.0.0.1:${server.port}/sync.`);
    const appLink = await dialog.getByRole('textbox', { name: 'Join link for the app' }).inputValue();
    expect(parseAppLink(appLink)).toEqual({ server: `ws://127.0.0.1:${server.port}/sync`, room: id, token });
    const browserLink = await dialog.getByRole('textbox', { name: /^Join link for a browser/ }).inputValue();
    expect(browserLink).toBe(`${server.origin}/b/${id}?token=${token}`);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await waitUntil('the desktop copy is synced with the server', async () => (await statusText(page)) === 'Synced');

    const guest = await guardedContext(browser, server.origin);
    const joined = await openBlueprint(guest.context, browserLink);
    await expectConnection(joined.page, /Synced/);
    const cards = (await modelOf(page)).cards.length;
    await waitUntil('the guest has the blueprint', async () => (await joined.model()).cards.length === cards);
    const stages = (await modelOf(page)).stages.length;
    await joined.page.getByRole('button', { name: 'Add stage' }).click();
    await waitUntil('the guest edit reaches the desktop', async () => (await modelOf(page)).stages.length === stages + 1);
    // With someone else in the room, the desktop's canvas still shows the whole scroll.
    expect(await page.locator('.js-card').count()).toBe(cards);
    await page.getByRole('button', { name: 'Add stage' }).click();
    await waitUntil('the desktop edit reaches the guest', async () => (await joined.model()).stages.length === stages + 2);
    await waitUntil(
      'all saved locally',
      async () =>
        (await page.evaluate(() =>
          (window as unknown as { journeyscroll: { session: { unsaved(): number } } }).journeyscroll.session.unsaved(),
        )) === 0,
    );
    expect(guest.outside).toEqual([]);

    // Local again: the server keeps its copy, this device keeps everything.
    await page.getByRole('button', { name: 'Share…' }).click();
    await page.getByRole('dialog', { name: 'Share blueprint' }).getByRole('button', { name: 'Stop sharing' }).click();
    await waitUntil('the desktop copy is local again', async () => (await statusText(page)) === 'Saved on this device');
    expect((await modelOf(page)).stages.length).toBe(stages + 2);
  });
});
