import * as Y from 'yjs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBlueprint } from '../../shared/doc/index.ts';
import { generateBlueprint, type Blueprint } from '../../shared/model/index.ts';
import { connect } from '../sync/harness.ts';
import { expectConnection, guardedContext, modelOf, waitUntil, type BlueprintPage } from './support/browser.ts';
import { serverAndBrowser } from './support/fixture.ts';

/**
 * Issue 17, "done when": the editing, presenting, lint and print paths on a 20,000-card scroll,
 * where the canvas holds only the cards near the view as shapes. What reads the model — a lint
 * finding, a presenter's last stage, the print — works on the whole blueprint, far off screen.
 */
const ROOM = 'e2e-large-scroll';
const CARDS = 20_000;
const env = serverAndBrowser();
let a: BlueprintPage;
let b: BlueprintPage;
let blueprint: Blueprint;
/** A data card near the end of the scroll with no system: the lint's one error on it. */
let faulty: { id: string; title: string };
let writer: ReturnType<typeof connect>;

type Js = {
  editor: {
    getSelectedShapeIds(): string[];
    getViewportPageBounds(): { minX: number; maxX: number; minY: number; maxY: number };
    setCamera(c: { x: number; y: number; z: number }): void;
    getViewportScreenBounds(): { x: number; y: number; w: number; h: number };
    getCurrentPageShapeIds(): Set<string>;
  };
  bridge: {
    layout(): {
      cardsById: Map<string, { x: number; y: number; w: number; h: number }>;
      stages: Array<{ id: string; column: { x: number; w: number } }>;
    };
  };
};

beforeAll(async () => {
  blueprint = generateBlueprint({ cards: CARDS, stages: 40, seed: 17 });
  const dataLane = blueprint.lanes.find((l) => l.kind === 'data')!;
  const index = blueprint.cards.findLastIndex((c) => c.laneId === dataLane.id);
  const { system: _dropped, ...card } = blueprint.cards[index]!;
  void _dropped;
  blueprint = { ...blueprint, cards: blueprint.cards.map((c, i) => (i === index ? card : c)) };
  faulty = { id: card.id, title: card.title };
  const seed = new Y.Doc();
  writeBlueprint(seed, blueprint);
  writer = connect(`${env.server.origin.replace('http', 'ws')}/sync`, ROOM, { doc: seed });
  await writer.synced();
  await new Promise((r) => setTimeout(r, 1_000));
  const [ca, cb] = await Promise.all([guardedContext(env.browser, env.server.origin), guardedContext(env.browser, env.server.origin)]);
  a = await openLarge(ca.context);
  await expectConnection(a.page, /Synced/);
  b = await openLarge(cb.context);
  await expectConnection(b.page, /Synced/);
  await waitUntil(
    'both have every card',
    async () => (await a.model()).cards.length === CARDS && (await b.model()).cards.length === CARDS,
    60_000,
  );
}, 180_000);

/**
 * Opens the room and waits for its canvas to hold the whole layout. (Not `openBlueprint`, which waits
 * for a card shape: once the first fit-to-scroll has zoomed far out, a large scroll mounts none.)
 */
async function openLarge(context: BrowserContext): Promise<BlueprintPage> {
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
  await page.goto(`${env.server.origin}/b/${ROOM}`);
  await page.waitForFunction(
    (n) => (window as unknown as { journeyscroll?: Js }).journeyscroll?.bridge.layout().cardsById.size === n,
    CARDS,
    { timeout: 60_000 },
  );
  return { page, model: () => modelOf(page) };
}

afterAll(() => {
  writer?.provider.awareness.destroy();
  writer?.destroy();
});

const cardShapes = (page: Page) =>
  page.evaluate(() => {
    const js = (window as unknown as { journeyscroll: Js }).journeyscroll;
    return [...js.editor.getCurrentPageShapeIds()].filter((id) => id.startsWith('shape:c:')).length;
  });

describe('a 20,000-card scroll', () => {
  it('holds only the cards near the view as shapes', async () => {
    const shapes = await cardShapes(a.page);
    expect(shapes).toBeLessThan(CARDS / 4);
  });

  it('a lint finding selects a card far off screen and brings it into view', async () => {
    await a.page.getByRole('button', { name: 'Zoom to fit the scroll' }).click();
    await a.page.getByRole('button', { name: 'Check journey' }).click();
    const panel = a.page.getByRole('complementary', { name: 'Lint findings' });
    const finding = panel.getByRole('button', { name: /no system/ }).filter({ hasText: faulty.title });
    await finding.first().click({ timeout: 30_000 });
    await waitUntil('the far-off card is selected', () =>
      a.page.evaluate((id) => {
        const ids = (window as unknown as { journeyscroll: Js }).journeyscroll.editor.getSelectedShapeIds();
        return ids.length === 1 && ids[0] === `shape:c:${id}`;
      }, faulty.id),
    );
    await waitUntil('and in view', () =>
      a.page.evaluate((id) => {
        const js = (window as unknown as { journeyscroll: Js }).journeyscroll;
        const box = js.bridge.layout().cardsById.get(id)!;
        const v = js.editor.getViewportPageBounds();
        return box.x >= v.minX && box.x + box.w <= v.maxX && box.y >= v.minY && box.y + box.h <= v.maxY;
      }, faulty.id),
    );
    const inspector = a.page.getByRole('complementary', { name: 'Card inspector' });
    await expect.poll(() => inspector.getByRole('textbox', { name: 'Title', exact: true }).inputValue()).toBe(faulty.title);
    await a.page.getByRole('button', { name: 'Check journey' }).click();
  });

  it('far out, a click on a card in the overview selects it', async () => {
    await a.page.keyboard.press('Escape');
    await a.page.getByRole('button', { name: 'Zoom to fit the scroll' }).click();
    await a.page.waitForTimeout(500);
    // A card in the middle of the view (the scroll is taller than the view even at the smallest zoom).
    const at = await a.page.evaluate(() => {
      type Ed = { pageToScreen(p: { x: number; y: number }): { x: number; y: number } };
      const js = (window as unknown as { journeyscroll: Js & { editor: Ed } }).journeyscroll;
      const v = js.editor.getViewportPageBounds();
      const mid = { x: (v.minX + v.maxX) / 2, y: (v.minY + v.maxY) / 2 };
      let best: { x: number; y: number; w: number; h: number } | null = null;
      let distance = Infinity;
      for (const box of js.bridge.layout().cardsById.values()) {
        const d = Math.hypot(box.x + box.w / 2 - mid.x, box.y + box.h / 2 - mid.y);
        if (d < distance) [best, distance] = [box, d];
      }
      const s = js.editor.pageToScreen({ x: best!.x + best!.w / 2, y: best!.y + best!.h / 2 });
      return { x: s.x, y: s.y };
    });
    expect(await cardShapes(a.page)).toBeLessThanOrEqual(1); // far out: the overview alone
    await a.page.mouse.click(at.x, at.y);
    // Selected: the card whose box is under the click (at 5 % zoom a card is a few pixels wide).
    let picked = '';
    await waitUntil('the card under the click is selected', async () => {
      picked = await a.page.evaluate((point) => {
        type Ed = { screenToPage(p: { x: number; y: number }): { x: number; y: number } };
        const js = (window as unknown as { journeyscroll: Js & { editor: Ed } }).journeyscroll;
        const ids = js.editor.getSelectedShapeIds();
        if (ids.length !== 1 || !ids[0]!.startsWith('shape:c:')) return '';
        const id = ids[0]!.slice('shape:c:'.length);
        const box = js.bridge.layout().cardsById.get(id)!;
        const p = js.editor.screenToPage(point);
        const slack = 24; // one screen pixel is 20 page units here
        return p.x >= box.x - slack && p.x <= box.x + box.w + slack && p.y >= box.y - slack && p.y <= box.y + box.h + slack ? id : '';
      }, at);
      return picked !== '';
    });
    const title = blueprint.cards.find((c) => c.id === picked)!.title;
    const inspector = a.page.getByRole('complementary', { name: 'Card inspector' });
    await expect.poll(() => inspector.getByRole('textbox', { name: 'Title', exact: true }).inputValue()).toBe(title);
  });

  it('a card renamed in place far along the scroll reaches the other editor', async () => {
    const target = blueprint.cards[CARDS - 3]!;
    await a.page.keyboard.press('Escape');
    // Go there as a person would pan: the card is mounted once the view reaches it.
    await a.page.evaluate((id) => {
      const js = (window as unknown as { journeyscroll: Js }).journeyscroll;
      const box = js.bridge.layout().cardsById.get(id)!;
      const s = js.editor.getViewportScreenBounds();
      js.editor.setCamera({ x: s.w / 2 - (box.x + box.w / 2), y: s.h / 2 - (box.y + box.h / 2), z: 1 });
    }, target.id);
    const card = a.page.locator(`[data-shape-id="shape:c:${target.id}"]`);
    await card.waitFor({ timeout: 10_000 });
    // tldraw's shapes take no pointer events themselves: the canvas hit-tests where the mouse is.
    const at = await a.page.evaluate((id) => {
      const js = (
        window as unknown as { journeyscroll: Js & { editor: { pageToScreen(p: { x: number; y: number }): { x: number; y: number } } } }
      ).journeyscroll;
      const box = js.bridge.layout().cardsById.get(id)!;
      return js.editor.pageToScreen({ x: box.x + box.w / 2, y: box.y + box.h / 2 });
    }, target.id);
    await a.page.mouse.dblclick(at.x, at.y);
    const field = a.page.getByRole('textbox', { name: 'Card title' });
    await field.fill('Renamed far along');
    await field.press('Enter');
    await waitUntil(
      'B has the new title',
      async () => (await b.model()).cards.find((c) => c.id === target.id)?.title === 'Renamed far along',
    );
  });

  it('a follower follows the presenter to the last stage', async () => {
    await a.page.getByRole('button', { name: 'Unroll: present the scroll stage by stage' }).click();
    await a.page.getByRole('navigation', { name: 'Presentation controls' }).waitFor();
    await b.page.getByRole('region', { name: 'Presentation in progress' }).waitFor({ timeout: 10_000 });
    await a.page.keyboard.press('End');
    const last = [...blueprint.stages].sort((x, y) => (x.order < y.order ? -1 : 1)).at(-1)!;
    await waitUntil(
      'B frames the last stage',
      () =>
        b.page.evaluate((id) => {
          const js = (window as unknown as { journeyscroll: Js }).journeyscroll;
          const c = js.bridge.layout().stages.find((s) => s.id === id)!.column;
          const v = js.editor.getViewportPageBounds();
          return v.minX <= c.x + 1 && v.maxX >= c.x + c.w - 1;
        }, last.id),
      15_000,
    );
    await a.page.keyboard.press('Escape');
  });

  it('prints the whole scroll', async () => {
    await a.page.getByRole('button', { name: 'Print the scroll' }).click();
    const dialog = a.page.getByRole('dialog', { name: 'Print the scroll' });
    const download = a.page.waitForEvent('download', { timeout: 120_000 });
    await dialog.getByRole('button', { name: 'Save PDF' }).click();
    const file = await download;
    const path = await file.path();
    const { readFileSync } = await import('node:fs');
    const bytes = readFileSync(path);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    // Every card is in it, not only those the canvas holds: far more than a screenful of content.
    expect(bytes.length).toBeGreaterThan(1_000_000);
  }, 180_000);
});
