import * as Y from 'yjs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateCard, writeBlueprint } from '../../shared/doc/index.ts';
import { CARD_KIND_FILL } from '../../shared/layout/index.ts';
import { generateBlueprint, type Blueprint, type Card } from '../../shared/model/index.ts';
import { connect } from '../sync/harness.ts';
import { expectConnection, guardedContext, waitUntil } from './support/browser.ts';
import { serverAndBrowser } from './support/fixture.ts';

/**
 * The scroll picture (docs/canvas.md): while the camera moves, the card and cell shapes are hidden
 * and the worker's tiles show the scroll in their place; once it rests, the cards are shapes again.
 * Checked on the screen itself (screenshots), so what is compared is what a person sees.
 */
const ROOM = 'e2e-scroll-picture';
const CARDS = 3_000;
const env = serverAndBrowser();
let page: Page;
let blueprint: Blueprint;
let writer: ReturnType<typeof connect>;
let seed: Y.Doc;
/** A card in the middle of the scroll with a title of two words at least. */
let card: Card;

type Box = { x: number; y: number; w: number; h: number };
type Js = {
  editor: {
    setCamera(c: { x: number; y: number; z: number }): void;
    getViewportScreenBounds(): Box;
    pageToScreen(p: { x: number; y: number }): { x: number; y: number };
  };
  bridge: {
    layout(): { cardsById: Map<string, Box> };
    pictureStats(): { coverage: number } | null;
    setPersonaFilter(id: string | null): void;
  };
};

beforeAll(async () => {
  blueprint = generateBlueprint({ cards: CARDS, stages: 12, seed: 23 });
  card = blueprint.cards.filter((c) => c.kind === 'action' && c.title.includes(' '))[40]!;
  seed = new Y.Doc();
  writeBlueprint(seed, blueprint);
  writer = connect(`${env.server.origin.replace('http', 'ws')}/sync`, ROOM, { doc: seed });
  await writer.synced();
  await new Promise((r) => setTimeout(r, 500));
  const { context } = await guardedContext(env.browser, env.server.origin);
  page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
  await page.goto(`${env.server.origin}/b/${ROOM}`);
  await page.waitForFunction(
    (n) => (window as unknown as { journeyscroll?: Js }).journeyscroll?.bridge.layout().cardsById.size === n,
    CARDS,
    {
      timeout: 60_000,
    },
  );
  await expectConnection(page, /Synced/);
}, 120_000);

afterAll(() => {
  writer?.provider.awareness.destroy();
  writer?.destroy();
});

/** Puts the card in the middle of the screen at 100 %. */
async function centreOnCard(): Promise<void> {
  await page.evaluate((id) => {
    const js = (window as unknown as { journeyscroll: Js }).journeyscroll;
    const box = js.bridge.layout().cardsById.get(id)!;
    const s = js.editor.getViewportScreenBounds();
    js.editor.setCamera({ x: s.w / 2 - (box.x + box.w / 2), y: s.h / 2 - (box.y + box.h / 2), z: 1 });
  }, card.id);
}

/** Keeps the camera moving (by a fraction of a pixel each frame) until `stopMoving`. */
async function startMoving(): Promise<void> {
  await page.evaluate(() => {
    const js = (window as unknown as { journeyscroll: Js & { editor: { getCamera(): { x: number; y: number; z: number } } } })
      .journeyscroll;
    const w = window as unknown as { moving?: boolean };
    w.moving = true;
    let sign = 1;
    const step = () => {
      if (!w.moving) return;
      const c = js.editor.getCamera();
      js.editor.setCamera({ x: c.x + 0.25 * (sign = -sign), y: c.y, z: c.z });
      requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  });
}

const stopMoving = () => page.evaluate(() => void ((window as unknown as { moving?: boolean }).moving = false));

const cardShape = () => page.locator(`[data-shape-id="shape:c:${card.id}"]`);

/** Whether the canvas is at rest with the card drawn as a shape, and the picture hidden. */
const atRest = () =>
  page.evaluate((id) => {
    const shape = document.querySelector(`[data-shape-id="shape:c:${id}"]`);
    const tiles = document.querySelector('.js-picture-tiles');
    return (
      !!shape &&
      getComputedStyle(shape).visibility === 'visible' &&
      !document.querySelector('.tl-container.js-moving') &&
      !!tiles &&
      getComputedStyle(tiles).visibility === 'hidden'
    );
  }, card.id);

/**
 * What the screen shows in the card's box: its most common colour (the card's fill) and how many
 * pixels of its title lines are dark (its text).
 */
async function lookOfCard(): Promise<{ fill: [number, number, number]; dark: number }> {
  const box = await page.evaluate((id) => {
    const js = (window as unknown as { journeyscroll: Js }).journeyscroll;
    const b = js.bridge.layout().cardsById.get(id)!;
    const p = js.editor.pageToScreen({ x: b.x, y: b.y });
    return { x: Math.round(p.x), y: Math.round(p.y), w: Math.round(b.w), h: Math.round(b.h) };
  }, card.id);
  const png = (await page.screenshot({ clip: { x: box.x + 2, y: box.y + 2, width: box.w - 4, height: box.h - 4 } })).toString('base64');
  return page.evaluate(async (data) => {
    // Decoded here, not fetched: the page's content security policy allows no data: URLs to connect to.
    const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const g = new OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d')!;
    g.drawImage(bitmap, 0, 0);
    const { data: px, width, height } = g.getImageData(0, 0, bitmap.width, bitmap.height);
    const counts = new Map<string, number>();
    let dark = 0;
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        const i = (y * width + x) * 4;
        const [r, gg, b] = [px[i]!, px[i + 1]!, px[i + 2]!];
        const key = `${r},${gg},${b}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
        // The title: its two lines in the top third of the card.
        if (y < height / 3 && 0.3 * r + 0.59 * gg + 0.11 * b < 110) dark++;
      }
    const fill = [...counts]
      .sort((a, b) => b[1] - a[1])[0]![0]
      .split(',')
      .map(Number) as [number, number, number];
    return { fill, dark };
  }, png);
}

const hex = (c: string): [number, number, number] => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16)) as [number, number, number];
const distance = (a: readonly number[], b: readonly number[]) => Math.max(...a.map((v, i) => Math.abs(v - b[i]!)));

describe('the scroll picture', () => {
  it('stands in for the cards while the camera moves, looking like them, and gives way to them at rest', async () => {
    await centreOnCard();
    await waitUntil('the card is drawn as a shape, at rest', atRest, 15_000);
    const shape = await lookOfCard();
    if (process.env.SHOTS) await page.screenshot({ path: '/tmp/rest.png' });
    expect(distance(shape.fill, hex(CARD_KIND_FILL.action))).toBeLessThanOrEqual(4);
    expect(shape.dark).toBeGreaterThan(30);

    await startMoving();
    await waitUntil('the card shape is hidden and the tiles in view are drawn', () =>
      page.evaluate((id) => {
        const js = (window as unknown as { journeyscroll: Js }).journeyscroll;
        const el = document.querySelector(`[data-shape-id="shape:c:${id}"]`);
        return !!el && getComputedStyle(el).visibility === 'hidden' && js.bridge.pictureStats()?.coverage === 1;
      }, card.id),
    );
    const picture = await lookOfCard();
    if (process.env.SHOTS) {
      console.log('shape', shape, 'picture', picture);
      await page.screenshot({ path: '/tmp/moving.png' });
    }
    // The same fill, and its title drawn (text set by the worker in the same font, so of a like weight).
    expect(distance(picture.fill, shape.fill)).toBeLessThanOrEqual(6);
    expect(picture.dark).toBeGreaterThan(shape.dark * 0.4);
    await stopMoving();
    await waitUntil('at rest again, the card is a shape and the picture hidden', atRest, 10_000);
    await expect.poll(() => cardShape().isVisible()).toBe(true);
  });

  it('shows another person’s edit, and this window’s persona filter, as the cards do', async () => {
    // Another client turns the card into a touchpoint: another fill, in the picture as on the card.
    updateCard(seed, card.id, { kind: 'touchpoint', title: 'Welcome call booked' });
    await waitUntil('the card shape shows the edit', () =>
      page.evaluate(
        (id) => document.querySelector(`[data-shape-id="shape:c:${id}"] .js-card-t`)?.textContent === 'Welcome call booked',
        card.id,
      ),
    );
    await startMoving();
    await waitUntil('the tiles are drawn again', () =>
      page.evaluate(() => (window as unknown as { journeyscroll: Js }).journeyscroll.bridge.pictureStats()?.coverage === 1),
    );
    const edited = await lookOfCard();
    expect(distance(edited.fill, hex(CARD_KIND_FILL.touchpoint))).toBeLessThanOrEqual(6);
    // Filtered to a persona this card is not for: dimmed to about a fifth over the white cell.
    await page.evaluate(() => (window as unknown as { journeyscroll: Js }).journeyscroll.bridge.setPersonaFilter('ps_nobody'));
    await waitUntil('the tiles are drawn with the filter', () =>
      page.evaluate(() => (window as unknown as { journeyscroll: Js }).journeyscroll.bridge.pictureStats()?.coverage === 1),
    );
    const dimmed = await lookOfCard();
    const blend = hex(CARD_KIND_FILL.touchpoint).map((v, i) => Math.round(v * 0.22 + [255, 255, 255][i]! * 0.78));
    expect(distance(dimmed.fill, blend)).toBeLessThanOrEqual(10);
    await page.evaluate(() => (window as unknown as { journeyscroll: Js }).journeyscroll.bridge.setPersonaFilter(null));
    await stopMoving();
    await waitUntil('at rest again', atRest, 10_000);
  });
});
