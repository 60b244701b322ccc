import { createServer } from 'node:net';
import jsqrModule from 'jsqr';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readBlueprint } from '../../shared/doc/index.ts';
import { expectConnection, guardedContext, launchBrowser, modelOf, openBlueprint, waitUntil } from '../e2e/support/browser.ts';
import { createFromTemplate, desktopContext, HandlerProcess, openApp, ORIGIN, statusText } from './support/desktop.ts';

/**
 * Issue 5, "done when": hosting a workshop. The desktop renderer starts the embedded sync server
 * through the REAL handler table (its own process; loopback only here), a browser joins with the
 * editor link the dialog shows — and encodes in its QR code — sees the blueprint and edits it;
 * the edit reaches the host and its local library; a wrong token is refused; stopping ends it.
 */
let browser: Browser;
let handler: HandlerProcess;
let context: BrowserContext;
const others: BrowserContext[] = [];

beforeAll(async () => {
  handler = new HandlerProcess();
  await handler.start();
  browser = await launchBrowser();
  context = await desktopContext(browser, handler);
});

afterAll(async () => {
  await browser?.close();
  await handler?.dispose();
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** jsqr is CommonJS whose types declare an ES default export: take whichever is the function. */
const jsQR = (typeof jsqrModule === 'function' ? jsqrModule : jsqrModule.default) as typeof jsqrModule.default;

/** The QR code image, rasterised by the browser, decoded by jsQR. */
async function decodeQr(page: Page): Promise<string | null> {
  const pixels = await page.getByRole('img', { name: /^QR code of the link for editors/ }).evaluate(async (img: HTMLImageElement) => {
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth * 2;
    canvas.height = img.naturalHeight * 2;
    const g = canvas.getContext('2d')!;
    g.fillStyle = '#fff';
    g.fillRect(0, 0, canvas.width, canvas.height);
    g.imageSmoothingEnabled = false;
    g.drawImage(img, 0, 0, canvas.width, canvas.height);
    const data = g.getImageData(0, 0, canvas.width, canvas.height);
    return { width: data.width, height: data.height, data: Array.from(data.data) };
  });
  return jsQR(Uint8ClampedArray.from(pixels.data), pixels.width, pixels.height)?.data ?? null;
}

describe('hosting a workshop from the desktop app', () => {
  it('starts the embedded server: a browser joins with the editor link, sees the blueprint, and its edit reaches the host; a wrong token is refused; stopping ends it', async () => {
    const page = await openApp(context);
    const id = await createFromTemplate(page, 'b2b-lead-to-renewal');
    await page.waitForSelector('.js-card', { timeout: 30_000 });
    const hostModel = () => modelOf(page);
    const cards = (await hostModel()).cards.length;
    expect(cards).toBeGreaterThan(10);

    await page.getByRole('button', { name: 'Host a workshop…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Host a workshop' });
    const port = await freePort();
    await dialog.getByRole('spinbutton', { name: 'Port' }).fill(String(port));
    await dialog.getByRole('button', { name: 'Start hosting' }).click();
    await expect
      .poll(() => page.getByRole('status', { name: 'Workshop status' }).innerText(), { timeout: 15_000 })
      .toBe(`Hosting this blueprint on port ${port}. People on this network join with the links below.`);
    const editorLink = await dialog.getByRole('textbox', { name: 'Browser link for editors (127.0.0.1)' }).inputValue();
    expect(editorLink).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/b/${id}\\?token=[\\w-]+\\.[\\w-]+\\.[\\w-]+$`));
    const appLink = await dialog.getByRole('textbox', { name: 'App link for editors (127.0.0.1)' }).inputValue();
    expect(appLink).toBe(
      `journeyscroll://b/${id}?server=${encodeURIComponent(`ws://127.0.0.1:${port}/sync`)}&token=${new URL(editorLink).searchParams.get('token')}`,
    );
    expect(await dialog.getByRole('textbox', { name: 'Editor token' }).inputValue()).toBe(new URL(editorLink).searchParams.get('token'));
    // The QR code holds exactly the editor link.
    expect(await decodeQr(page)).toBe(editorLink);
    // Links per role and team, minted with the person's name (docs/governance.md).
    await dialog.getByRole('combobox', { name: 'Role' }).selectOption('editor');
    await dialog.getByRole('textbox', { name: /^Team/ }).fill('Data');
    await dialog.getByRole('textbox', { name: /^Name/ }).fill('Maria Ionescu');
    await dialog.getByRole('button', { name: 'Make link' }).click();
    const teamLink = dialog.getByRole('textbox', { name: 'Browser link for editor of the Data team (127.0.0.1)' });
    await expect.poll(() => teamLink.count(), { timeout: 10_000 }).toBe(1);
    const teamToken = new URL(await teamLink.inputValue()).searchParams.get('token')!;
    expect(JSON.parse(Buffer.from(teamToken.split('.')[1]!, 'base64url').toString())).toMatchObject({
      room: id,
      role: 'editor',
      team: 'Data',
      name: 'Maria Ionescu',
    });
    await dialog.getByRole('button', { name: 'Close' }).click();
    // The host's own window now syncs through its server.
    await waitUntil('the host is synced with its own server', async () => (await statusText(page)) === 'Synced');

    // A participant in a browser: no install, only the server's origin reachable.
    const guest = await guardedContext(browser, `http://127.0.0.1:${port}`);
    others.push(guest.context);
    const joined = await openBlueprint(guest.context, editorLink);
    await expectConnection(joined.page, /Synced/);
    await waitUntil('the guest sees every card', async () => (await joined.model()).cards.length === cards);
    const stages = (await hostModel()).stages.length;
    await joined.page.getByRole('button', { name: 'Add stage' }).click();
    await waitUntil('the guest edit reaches the host', async () => (await hostModel()).stages.length === stages + 1);
    // With a guest in the room, the host's canvas still shows the whole scroll.
    expect(await page.locator('.js-card').count()).toBe(cards);
    // … and the host's local library, through doc.append like every update of its document.
    await waitUntil('the host saved it locally', async () => {
      const loaded = (await handler.call('doc.load', `${ORIGIN}/`, { id })) as { ok: true; value: { state: Uint8Array } };
      const doc = new Y.Doc();
      Y.applyUpdate(doc, loaded.value.state);
      return readBlueprint(doc).stages.length === stages + 1;
    });
    expect(guest.outside).toEqual([]);

    // A wrong token: refused by the server, shown to the person, nothing received.
    const intruder = await guardedContext(browser, `http://127.0.0.1:${port}`);
    others.push(intruder.context);
    const forged = new URL(editorLink);
    forged.searchParams.set('token', `${forged.searchParams.get('token')!.slice(0, -6)}AAAAAA`);
    const refused = await intruder.context.newPage();
    await refused.goto(forged.href);
    await expectConnection(refused, /The server refused the link: its access token is missing, invalid or expired/);
    expect(await refused.evaluate(() => document.querySelectorAll('.js-card').length)).toBe(0);

    // Stop: the server closes, the host's window is local again, the guest is offline.
    await page.getByRole('button', { name: 'Hosting a workshop…' }).click();
    await page.getByRole('dialog', { name: 'Host a workshop' }).getByRole('button', { name: 'Stop hosting' }).click();
    await expect
      .poll(() => page.getByRole('status', { name: 'Workshop status' }).innerText(), { timeout: 15_000 })
      .toMatch(/^Not hosting\./);
    await waitUntil('the host is local again', async () => (await statusText(page)) === 'Saved on this device');
    await expectConnection(joined.page, /Offline|Connecting/);
    expect((await hostModel()).stages.length).toBe(stages + 1);
  });
});
