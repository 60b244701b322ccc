import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../support/chromium.ts';

export const launchBrowser = (): Promise<Browser> => chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });

/**
 * A browser context that fails every request not addressed to the server's origin and records it
 * (with anything the page's content security policy refused):
 * the web edition must contact nothing but the sync server (docs/architecture.md §3). blob: and data: URLs
 * are the page's own memory, not requests. Separate contexts also keep same-origin pages from
 * syncing through BroadcastChannel, so what one sees from another went through the server.
 */
export async function guardedContext(
  browser: Browser,
  origin: string,
  options: {
    serviceWorkers?: 'allow' | 'block';
    deviceScaleFactor?: number;
    colorScheme?: 'light' | 'dark';
    reducedMotion?: 'reduce' | 'no-preference';
  } = {},
) {
  const context = await browser.newContext({
    viewport: { width: 1600, height: 1000 },
    serviceWorkers: options.serviceWorkers ?? 'block',
    deviceScaleFactor: options.deviceScaleFactor ?? 1,
    colorScheme: options.colorScheme ?? 'light',
    reducedMotion: options.reducedMotion ?? 'no-preference',
  });
  const outside: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`) || url === origin) return route.continue();
    outside.push(url);
    return route.abort('blockedbyclient');
  });
  // The web edition's content security policy refusing something counts as an attempt too.
  context.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) outside.push(`csp: ${message.text()}`);
  });
  context.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(origin) && !url.startsWith('blob:') && !url.startsWith('data:') && !outside.includes(url)) outside.push(url);
  });
  return { context, outside };
}

export interface BlueprintPage {
  readonly page: Page;
  /** The model as this page's Y.Doc holds it. */
  model(): Promise<ModelView>;
}

export interface ModelView {
  stages: Array<{ id: string; name: string; order: string; width?: number }>;
  lanes: Array<{ id: string; name: string; kind: string; order: string }>;
  cards: Array<{ id: string; title: string; stageId: string; laneId: string; owner: string; notes: string }>;
  flows: Array<{ id: string; from: string; to: string }>;
  meta: { title: string };
}

export async function openBlueprint(context: BrowserContext, url: string): Promise<BlueprintPage> {
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
  await page.goto(url);
  await page.waitForSelector('.js-card', { timeout: 30_000 });
  return { page, model: () => modelOf(page) };
}

export function modelOf(page: Page): Promise<ModelView> {
  return page.evaluate(() => {
    const js = (window as unknown as { journeyscroll: { readBlueprint(): ModelView } }).journeyscroll;
    const bp = js.readBlueprint();
    return JSON.parse(JSON.stringify({ stages: bp.stages, lanes: bp.lanes, cards: bp.cards, flows: bp.flows, meta: bp.meta })) as ModelView;
  });
}

/** Polls until `check` returns true (usable in hooks, where expect.poll is not). */
export async function waitUntil(what: string, check: () => Promise<boolean>, timeout = 20_000): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function expectConnection(page: Page, text: RegExp): Promise<void> {
  await waitUntil(`connection shows ${text}`, async () => text.test(await page.getByRole('status', { name: 'Connection' }).innerText()));
}

/** Screen position of a page-space point (tldraw's camera applied). */
export function pageToScreen(page: Page, point: { x: number; y: number }): Promise<{ x: number; y: number }> {
  return page.evaluate((p) => {
    const js = (window as unknown as { journeyscroll: { editor: { pageToScreen(p: { x: number; y: number }): { x: number; y: number } } } })
      .journeyscroll;
    const s = js.editor.pageToScreen(p);
    return { x: s.x, y: s.y };
  }, point);
}

/** Layout rectangles this page drew (from the bridge). */
export function layoutOf(page: Page) {
  return page.evaluate(() => {
    const js = (window as unknown as { journeyscroll: { bridge: { layout(): unknown } } }).journeyscroll;
    const l = js.bridge.layout() as {
      cells: Array<{ x: number; y: number; w: number; h: number; stageId: string; laneId: string; cardIds: string[] }>;
      cardsById: Map<string, { x: number; y: number; w: number; h: number }>;
      stages: Array<{ id: string; x: number; y: number; w: number; h: number }>;
      lanes: Array<{ id: string; x: number; y: number; w: number; h: number }>;
      bounds: { x: number; y: number; w: number; h: number };
    };
    return { cells: l.cells, cards: Object.fromEntries(l.cardsById), stages: l.stages, lanes: l.lanes, bounds: l.bounds };
  });
}

/** Drags with the real mouse, in steps, as a person would. */
export async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  const steps = 12;
  for (let i = 1; i <= steps; i++) await page.mouse.move(from.x + ((to.x - from.x) * i) / steps, from.y + ((to.y - from.y) * i) / steps);
  await page.mouse.up();
}

/** Items in the model's order (fractional index). */
export const byOrder = <T extends { order: string }>(items: readonly T[]): T[] =>
  [...items].sort((x, y) => (x.order < y.order ? -1 : x.order > y.order ? 1 : 0));

export const selectedIds = (page: Page): Promise<string[]> =>
  page.evaluate(() =>
    (window as unknown as { journeyscroll: { editor: { getSelectedShapeIds(): string[] } } }).journeyscroll.editor.getSelectedShapeIds(),
  );

/** Where a card is on screen, at its centre. */
export async function cardCentre(p: BlueprintPage, cardId: string): Promise<{ x: number; y: number }> {
  const box = (await layoutOf(p.page)).cards[cardId]!;
  return pageToScreen(p.page, { x: box.x + box.w / 2, y: box.y + box.h / 2 });
}

/** Clicks a card, as a person would, and waits for it to be selected with its inspector shown. */
export async function selectCard(p: BlueprintPage, cardId: string): Promise<void> {
  const at = await cardCentre(p, cardId);
  await p.page.mouse.click(at.x, at.y);
  await waitUntil(
    'the card inspector shows the card',
    async () =>
      (await selectedIds(p.page)).includes(`shape:c:${cardId}`) &&
      (await p.page.getByRole('complementary', { name: 'Card inspector' }).count()) === 1,
  );
}

/** Types a value into a field of the card inspector and confirms it with Enter. */
export async function setField(page: Page, label: string, value: string): Promise<void> {
  const field = page.getByRole('complementary', { name: 'Card inspector' }).getByRole('textbox', { name: label, exact: true });
  await field.fill(value);
  await field.press('Enter');
}

/**
 * Approves the blueprint as it is from the Versions panel (a server without a secret lets anyone
 * approve), waits until the badge says `badge` ("Approved v1"), and closes the panel.
 */
export async function approveAsItIs(page: Page, badge: string): Promise<void> {
  await page.getByRole('button', { name: 'Versions and approval' }).click();
  await page.getByRole('button', { name: 'Approve…' }).click();
  const approval = page.getByRole('status', { name: 'Approval' });
  await waitUntil(`the badge says ${badge}`, async () => (await approval.innerText()) === badge, 15_000);
  await page.getByRole('button', { name: 'Close the versions panel' }).click();
}
