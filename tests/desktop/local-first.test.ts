import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeJourneyFile, readBlueprint, writeBlueprint } from '../../shared/doc/index.ts';
import { getTemplate } from '../../shared/templates/index.ts';
import { openStore } from '../../sync-server/store/index.ts';
import { launchBrowser, waitUntil } from '../e2e/support/browser.ts';
import { createFromTemplate, desktopContext, emit, HandlerProcess, openApp, ORIGIN, statusText } from './support/desktop.ts';

/**
 * Issue 5, "done when": the desktop renderer (built, served with the app's CSP) in Chromium, its
 * preload API emulated by bindings that call the REAL handler table — in a child process, on a real
 * SQLite file — so the handler side can be killed -9 and restarted like the app's main process.
 */
let browser: Browser;
let handler: HandlerProcess;
let context: BrowserContext;

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

type Live = {
  journeyscroll: {
    doc: Y.Doc;
    session: { unsaved(): number };
    readBlueprint(): { stages: unknown[]; cards: unknown[]; meta: { title: string } };
  };
};
const model = (page: Page) =>
  page.evaluate(() => {
    const bp = (window as unknown as Live).journeyscroll.readBlueprint();
    return { stages: bp.stages.length, cards: bp.cards.length, title: bp.meta.title };
  });
const libraryTitles = (page: Page) => page.locator('.js-library-list .js-open').allInnerTexts();

/** Waits until the blueprint view has its session and canvas (BlueprintApp's onReady). */
const ready = (page: Page) =>
  page.waitForFunction(() => Boolean((window as unknown as Partial<Live>).journeyscroll?.session), undefined, { timeout: 30_000 });

describe('local-first desktop library', () => {
  it('keeps a created and edited blueprint across closing the window: a new window finds everything', async () => {
    const page = await openApp(context);
    await expect.poll(() => page.getByRole('heading', { name: 'On this device' }).count()).toBe(1);
    await createFromTemplate(page, 'b2b-lead-to-renewal');
    expect(await statusText(page)).toMatch(/Saved on this device|Saving…/);
    const title = page.getByRole('textbox', { name: 'Blueprint title' });
    await title.fill('Renewal journey, desktop');
    await title.press('Enter');
    await page.getByRole('button', { name: 'Add stage' }).click();
    await expect.poll(() => model(page), { timeout: 15_000 }).toMatchObject({ title: 'Renewal journey, desktop' });
    const before = await model(page);
    await waitUntil(
      'every change is acknowledged',
      async () =>
        (await statusText(page)) === 'Saved on this device' &&
        (await page.evaluate(() => (window as unknown as Live).journeyscroll.session.unsaved())) === 0,
    );
    await page.close();

    const again = await openApp(context);
    await expect.poll(() => libraryTitles(again), { timeout: 15_000 }).toContain('Renewal journey, desktop');
    await again.getByRole('button', { name: 'Open Renewal journey, desktop' }).click();
    await ready(again);
    await expect.poll(() => model(again), { timeout: 15_000 }).toEqual(before);
    expect(before.stages).toBe(getTemplate('b2b-lead-to-renewal')!.build().stages.length + 1);
    await again.close();
  });

  it('draws the scroll picture in its worker under the app’s content security policy while the camera moves', async () => {
    const page = await openApp(context);
    const warnings: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'warning' || message.type() === 'error') warnings.push(message.text());
    });
    await createFromTemplate(page, 'b2b-lead-to-renewal');
    await ready(page);
    await page.locator('.js-card').first().waitFor({ timeout: 30_000 });
    type Moving = {
      journeyscroll: {
        editor: { getCamera(): { x: number; y: number; z: number }; setCamera(c: { x: number; y: number; z: number }): void };
        bridge: { pictureStats(): { coverage: number; tilesDrawn: number } | null };
      };
      moving?: boolean;
    };
    await page.evaluate(() => {
      const w = window as unknown as Moving;
      w.moving = true;
      let sign = 1;
      const step = () => {
        if (!w.moving) return;
        const c = w.journeyscroll.editor.getCamera();
        w.journeyscroll.editor.setCamera({ x: c.x + 0.25 * (sign = -sign), y: c.y, z: c.z });
        requestAnimationFrame(step);
      };
      requestAnimationFrame(step);
    });
    // The worker (a module of the app's own origin) loaded, drew the view's tiles, and they are on screen.
    await waitUntil('the view is drawn by the picture', () =>
      page.evaluate(() => (window as unknown as Moving).journeyscroll.bridge.pictureStats()?.coverage === 1),
    );
    expect(await page.locator('.js-picture-tiles canvas[data-tile]').count()).toBeGreaterThan(0);
    expect(await page.locator('.tl-container.js-picture.js-moving').count()).toBe(1);
    await page.evaluate(() => void ((window as unknown as Moving).moving = false));
    expect(warnings.filter((w) => /scroll picture is off|Content Security Policy|Refused to/.test(w))).toEqual([]);
    await page.close();
  });

  it('loses nothing acknowledged when the handler process is killed -9 in the middle of 1,000 edits, and the renderer re-sends the rest', async () => {
    const page = await openApp(context);
    const id = await createFromTemplate(page, 'blank');
    await waitUntil('saved', async () => (await statusText(page)) === 'Saved on this device');

    // The page makes 1,000 edits (one transaction each). At edit 400 the test kills the handler
    // process with SIGKILL; edits 401-699 are made while it is dead; at 700 it is started again.
    let atKill: { made: number; inFile: number[]; acknowledged: number[] } | null = null;
    await page.exposeBinding('__kill', async (_source, made: number) => {
      await handler.kill9();
      // The file as the dead process left it (its lock died with it).
      const store = openStore(handler.file);
      const inFile = store.loadDoc(id).doc.getArray<number>('e2e-edits').toArray();
      store.close();
      atKill = { made, inFile, acknowledged: handler.acknowledged.getArray<number>('e2e-edits').toArray() };
    });
    await page.exposeBinding('__restart', async () => handler.start());
    const failuresBefore = handler.failures;
    await page.evaluate(async () => {
      const w = window as unknown as Live & { __kill(made: number): Promise<void>; __restart(): Promise<void> };
      const edits = w.journeyscroll.doc.getArray<number>('e2e-edits');
      for (let i = 0; i < 1000; i++) {
        edits.push([i]);
        if (i === 400) await w.__kill(i + 1);
        if (i === 700) await w.__restart();
        if (i % 10 === 0) await new Promise((r) => setTimeout(r, 2));
      }
    });
    await waitUntil(
      'the renderer re-sent everything',
      async () => (await page.evaluate(() => (window as unknown as Live).journeyscroll.session.unsaved())) === 0,
      30_000,
    );
    expect(await statusText(page)).toBe('Saved on this device');
    await page.close();
    await handler.stop();

    const kill = atKill as { made: number; inFile: number[]; acknowledged: number[] } | null;
    expect(kill).not.toBeNull();
    // Killed mid-stream: some edits were on disk, not all that had been made.
    expect(kill!.inFile.length).toBeGreaterThan(0);
    expect(kill!.inFile.length).toBeLessThanOrEqual(kill!.made);
    // Everything acknowledged before the kill was in the file the dead process left.
    expect(kill!.acknowledged.length).toBeGreaterThan(0);
    expect(new Set(kill!.inFile)).toEqual(new Set([...kill!.inFile, ...kill!.acknowledged]));
    // Calls failed while the process was dead (the renderer saw it) …
    expect(handler.failures).toBeGreaterThan(failuresBefore);
    // … and at the end the SQLite file holds all 1,000 edits, each once.
    const store = openStore(handler.file);
    const final = store.loadDoc(id).doc.getArray<number>('e2e-edits').toArray();
    store.close();
    expect(final).toHaveLength(1000);
    expect([...final].sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    await handler.start();
  });

  it('refuses a corrupt .journey file with the clear error and leaves the library as it was', async () => {
    await handler.call('library.create', `${ORIGIN}/`, { template: 'blank' });
    const page = await openApp(context);
    await expect.poll(() => libraryTitles(page), { timeout: 15_000 }).not.toEqual([]);
    const before = await libraryTitles(page);
    const listed = await handler.call('library.list', `${ORIGIN}/`, undefined);

    const doc = new Y.Doc();
    writeBlueprint(doc, getTemplate('saas-trial-to-paid')!.build(), null);
    const json = JSON.parse(new TextDecoder().decode(encodeJourneyFile(doc))) as { state: { data: string } };
    const corrupt = join(handler.dir, 'corrupt.journey');
    // Same length, other bytes: a damaged file, not a truncated one.
    const data = json.state.data;
    const damaged = `${data.slice(0, 200)}${data.slice(200, 212) === 'AAAAAAAAAAAA' ? 'BBBBBBBBBBBB' : 'AAAAAAAAAAAA'}${data.slice(212)}`;
    writeFileSync(corrupt, JSON.stringify({ ...json, state: { ...json.state, data: damaged } }));
    handler.answer(corrupt);
    await page.getByRole('button', { name: 'Open .journey file…' }).click();
    const alert = page.getByRole('alert').locator('span');
    await expect
      .poll(() => alert.innerText(), { timeout: 15_000 })
      .toBe('This .journey file cannot be opened: its document data does not match its checksum — the file is damaged.');
    expect(await libraryTitles(page)).toEqual(before);
    expect(await handler.call('library.list', `${ORIGIN}/`, undefined)).toEqual(listed);

    // The same through the menu (File › Open…) with a truncated file; then a good one opens.
    const truncated = join(handler.dir, 'truncated.journey');
    writeFileSync(truncated, new TextDecoder().decode(encodeJourneyFile(doc)).slice(0, 500));
    handler.answer(truncated);
    await emit(page, 'command', 'file.open');
    await expect
      .poll(() => alert.innerText(), { timeout: 15_000 })
      .toMatch(/^This \.journey file cannot be opened: it ends abruptly or is not valid JSON — it was probably truncated\.$/);
    expect(await handler.call('library.list', `${ORIGIN}/`, undefined)).toEqual(listed);

    const good = join(handler.dir, 'good.journey');
    writeFileSync(good, encodeJourneyFile(doc));
    handler.answer(good);
    await emit(page, 'command', 'file.open');
    await ready(page);
    const expected = { title: readBlueprint(doc).meta.title, cards: readBlueprint(doc).cards.length };
    await expect.poll(() => model(page), { timeout: 15_000 }).toMatchObject(expected);
    await page.close();
  });

  it('refuses calls from a frame of another origin, through the same bridge', async () => {
    const page = await openApp(context);
    await page.route('http://elsewhere.localhost/**', (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<p>elsewhere</p>' }),
    );
    await page.goto('http://elsewhere.localhost/');
    const result = await page.evaluate(() =>
      (window as unknown as { journeyscrollDesktop: { invoke(c: string, a?: unknown): Promise<unknown> } }).journeyscrollDesktop.invoke(
        'library.list',
      ),
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    await page.close();
  });
});
