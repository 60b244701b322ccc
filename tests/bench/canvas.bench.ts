/**
 * Canvas figures (issues 4 and 17), in headless Chromium against a real `journeyscroll serve`
 * serving the built web edition, at 1,000 / 5,000 / 20,000 cards. For each size, medians of 3 runs:
 * - load: document synced → every card in view drawn (mounted, not culled);
 * - a remote batch of 500 card edits (one transaction from another client) applied and drawn;
 * - a local edit's keystroke-to-paint: Enter in a card's title field → the new title painted;
 * - frame times (p50 / p95 of `requestAnimationFrame` deltas) over a scripted 5-second pan across
 *   the whole scroll that zooms in and out as it goes, and on a windowed scroll what the picture
 *   showed meanwhile (the share of the view's tiles up to date, mean over the frames) and what
 *   its tiles cost the worker;
 * - the page's JS heap after load (after a forced garbage collection).
 * Each run is a fresh browser context (empty IndexedDB): the blueprint comes from the server.
 * Budgets (issue 17): 20,000 cards load ≤ 1.5 s, 500-edit batch ≤ 150 ms, frame p95 ≤ 20 ms;
 * 5,000 cards load ≤ 0.8 s.
 */
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { chromium, type Page } from 'playwright-core';
import { generateBlueprint } from '../../shared/model/index.ts';
import { updateCard, writeBlueprint } from '../../shared/doc/index.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium.ts';
import { ServeProcess } from '../e2e/support/server.ts';
import { connect } from '../sync/harness.ts';
import { ensureWebBuild } from '../support/web-build.ts';
import { median, ms, percentile, report } from './stats.ts';
import { profileFolder, profiled } from './cpu-profile.ts';

const RUNS = 3;
const SIZES = (process.env.JOURNEYSCROLL_BENCH_CARDS ?? '1000,5000,20000').split(',').map(Number);
const PAN_MS = 5_000;

async function flushed(provider: WebsocketProvider): Promise<void> {
  const ws = provider.ws as unknown as { bufferedAmount: number } | null;
  while (ws && ws.bufferedAmount > 0) await new Promise((r) => setTimeout(r, 20));
  await new Promise((r) => setTimeout(r, 300));
}

/**
 * In the page: ms from the "synced" mark to the first frame where the layout holds every card and
 * every card whose box meets the viewport is drawn: mounted in the canvas and not culled, or — far
 * out on a large scroll, where no card is a shape — in the overview bitmap. (Cards outside the view
 * need not be drawn: a large scroll does not fit the window even at the smallest zoom.)
 */
async function loadTime(page: Page, url: string, cards: number): Promise<number> {
  await page.goto(url);
  return page.evaluate(async (n) => {
    const deadline = performance.now() + 60_000;
    type Box = { minX: number; minY: number; maxX: number; maxY: number };
    type Js = {
      editor?: { getCulledShapes(): Set<string>; getViewportPageBounds(): Box; getZoomLevel(): number };
      bridge?: { layout(): { cards: Array<{ id: string; x: number; y: number; w: number; h: number }> } };
    };
    for (;;) {
      await new Promise((r) => requestAnimationFrame(r));
      if (performance.now() > deadline) throw new Error('the cards in view were not drawn within 60 s');
      const js = (window as unknown as { journeyscroll?: Js }).journeyscroll;
      if (!js?.editor || !js.bridge) continue;
      const boxes = js.bridge.layout().cards;
      if (boxes.length !== n) continue;
      const view = js.editor.getViewportPageBounds();
      // Far out, a large scroll draws its cards in the overview bitmap alone (no card is a shape).
      const overview = document.querySelector('canvas.js-overview');
      if (js.editor.getZoomLevel() < 0.25 && overview?.getAttribute('data-cards') === String(n) && overview.hasAttribute('data-drawn')) {
        const synced = performance.getEntriesByName('journeyscroll:synced')[0];
        return performance.now() - synced!.startTime;
      }
      const culled = js.editor.getCulledShapes();
      let ready = true;
      for (const b of boxes) {
        if (b.x + b.w <= view.minX || b.x >= view.maxX || b.y + b.h <= view.minY || b.y >= view.maxY) continue;
        const id = `shape:c:${b.id}`;
        if (culled.has(id) || !document.querySelector(`[data-shape-id="${id}"] .js-card-t`)) {
          ready = false;
          break;
        }
      }
      if (!ready) continue;
      const painted = performance.now();
      const synced = performance.getEntriesByName('journeyscroll:synced')[0];
      if (!synced) throw new Error('no synced mark');
      return painted - synced.startTime;
    }
  }, cards);
}

/** The page's JS heap in bytes after a full garbage collection. */
async function heap(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return usedSize;
}

/** What the pan saw: every rAF delta in ms, and the scroll picture's figures (null on a small scroll, which has none). */
interface PanResult {
  deltas: number[];
  /** Mean over the pan's frames of the share of the view's tiles drawn and up to date. */
  coverage: number | null;
  /** How long the worker took for each tile drawn during the pan. */
  tileMs: number[];
}

/**
 * A scripted 5-second camera path: from the scroll's left edge to its right edge along its middle,
 * the zoom swinging between 0.15 and 1 twice on the way.
 */
async function panFrames(page: Page): Promise<PanResult> {
  return page.evaluate(async (duration) => {
    type Stats = { coverage: number; drawMs: readonly number[] };
    type Js = {
      editor: {
        setCamera(c: { x: number; y: number; z: number }): void;
        getViewportScreenBounds(): { w: number; h: number };
      };
      bridge: { layout(): { bounds: { x: number; y: number; w: number; h: number } }; pictureStats(): Stats | null };
    };
    const js = (window as unknown as { journeyscroll: Js }).journeyscroll;
    const { bounds } = js.bridge.layout();
    const screen = js.editor.getViewportScreenBounds();
    const stamps: number[] = [];
    const coverage: number[] = [];
    const drawnBefore = js.bridge.pictureStats()?.drawMs.length ?? 0;
    const start = await new Promise<number>((r) => requestAnimationFrame(r));
    for (;;) {
      const now = await new Promise<number>((r) => requestAnimationFrame(r));
      stamps.push(now);
      const t = Math.min(1, (now - start) / duration);
      const z = 0.15 + 0.85 * (0.5 - 0.5 * Math.cos(t * Math.PI * 4));
      const cx = bounds.x + t * bounds.w;
      const cy = bounds.y + bounds.h / 2;
      // tldraw's camera: screen = (page + camera) * z.
      js.editor.setCamera({ x: screen.w / 2 / z - cx, y: screen.h / 2 / z - cy, z });
      const stats = js.bridge.pictureStats();
      if (stats) coverage.push(stats.coverage);
      if (t >= 1) break;
    }
    const deltas: number[] = [];
    for (let i = 1; i < stamps.length; i++) deltas.push(stamps[i]! - stamps[i - 1]!);
    return {
      deltas,
      coverage: coverage.length ? coverage.reduce((a, b) => a + b, 0) / coverage.length : null,
      tileMs: [...(js.bridge.pictureStats()?.drawMs ?? [])].slice(drawnBefore),
    };
  }, PAN_MS);
}

/** Enter in a card's title field → the frame in which the card shows the new title. */
async function keystrokeToPaint(page: Page, cardId: string, title: string): Promise<number> {
  // As a person would: go to the card (far off at first), then open its title field.
  await page.evaluate(async (id) => {
    type Js = {
      editor: { select(id: string): void; setEditingShape(id: string): void; setCamera(c: { x: number; y: number; z: number }): void };
      bridge: { layout(): { cardsById: Map<string, { x: number; y: number; w: number; h: number }> } };
    };
    const js = (window as unknown as { journeyscroll: Js }).journeyscroll;
    const b = js.bridge.layout().cardsById.get(id)!;
    js.editor.setCamera({ x: 800 - (b.x + b.w / 2), y: 500 - (b.y + b.h / 2), z: 1 });
    // Until the card is on screen as a card (a large scroll mounts cards once the camera settles).
    while (!document.querySelector(`[data-shape-id="shape:c:${id}"] .js-card-t`)) await new Promise((r) => requestAnimationFrame(r));
    js.editor.select(`shape:c:${id}`);
    js.editor.setEditingShape(`shape:c:${id}`);
  }, cardId);
  const field = page.locator('input.js-title-editor');
  await field.waitFor();
  await field.fill(title);
  const watching = page.evaluate(
    ({ id, title }) =>
      new Promise<number>((resolve) => {
        let pressed = 0;
        window.addEventListener('keydown', (e) => e.key === 'Enter' && !pressed && (pressed = performance.now()), { capture: true });
        const check = () => {
          const el = document.querySelector(`[data-shape-id="shape:c:${id}"] .js-card-t`);
          if (pressed && el?.textContent === title) resolve(performance.now() - pressed);
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
        (window as unknown as { benchKeyReady: boolean }).benchKeyReady = true;
      }),
    { id: cardId, title },
  );
  await page.waitForFunction(() => (window as unknown as { benchKeyReady?: boolean }).benchKeyReady === true);
  await field.press('Enter');
  return watching;
}

/** The 500 cards edited in run `i` (the small scroll repeats its cards, with new titles). */
const batchOf = (cards: ReadonlyArray<{ id: string }>, i: number) => {
  const start = (i * 500) % Math.max(1, cards.length - 499);
  return cards.slice(start, start + 500).map((c) => c.id);
};

export async function run(): Promise<void> {
  if (ensureWebBuild('bench') !== 0) throw new Error('could not build the web edition');
  const server = new ServeProcess();
  await server.start();
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    for (const cards of SIZES) {
      const room = `bench-${cards}`;
      const seed = new Y.Doc();
      // Wider scrolls at scale (several journeys side by side), about 500 cards a stage.
      const blueprint = generateBlueprint({ cards, stages: Math.max(12, Math.round(cards / 500)), seed: 1 });
      writeBlueprint(seed, blueprint);
      // A Node client puts the document into the room (and later edits it), as another person would.
      const writer = connect(`${server.origin.replace('http', 'ws')}/sync`, room, { doc: seed });
      await writer.synced();
      await flushed(writer.provider);

      const loads: number[] = [];
      const edits: number[] = [];
      const keys: number[] = [];
      const heaps: number[] = [];
      const frames: number[][] = [];
      const coverages: number[] = [];
      const tileMs: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, serviceWorkers: 'block' });
        const page = await context.newPage();
        loads.push(await loadTime(page, `${server.origin}/b/${room}`, cards));
        await page.waitForTimeout(500); // the first fit-to-scroll settles
        heaps.push(await heap(page));
        // With JOURNEYSCROLL_BENCH_PROFILE=folder, the first run's batch and pan are CPU-profiled.
        const folder = i === 0 ? profileFolder() : null;
        const batch = () => remoteBatch(page, seed, batchOf(blueprint.cards, i), i);
        edits.push(await (folder ? profiled(page, folder, `canvas-${cards}-batch`, batch) : batch()));
        const pan = await (folder ? profiled(page, folder, `canvas-${cards}-pan`, () => panFrames(page)) : panFrames(page));
        frames.push(pan.deltas);
        if (pan.coverage !== null) coverages.push(pan.coverage);
        tileMs.push(...pan.tileMs);
        keys.push(await keystrokeToPaint(page, blueprint.cards[cards - 1 - i]!.id, `Typed ${i}`));
        await context.close();
      }
      const spread = (v: number[]) => `[${v.map((x) => x.toFixed(0)).join(', ')}]`;
      const line = (name: string, v: number[]) => report('canvas', `${cards} cards: ${name}`, `${ms(median(v))}  ${spread(v)}`);
      line(`load, synced → in view drawn`, loads);
      line(`remote batch of 500 card edits drawn`, edits);
      line(`local edit, keystroke → paint`, keys);
      const p50 = frames.map((f) => percentile(f, 50));
      const p95 = frames.map((f) => percentile(f, 95));
      report(
        'canvas',
        `${cards} cards: pan/zoom frame time p50 / p95`,
        `${ms(median(p50))} / ${ms(median(p95))}  p95 ${spread(p95)}, ${median(frames.map((f) => f.length))} frames`,
      );
      if (coverages.length)
        report(
          'canvas',
          `${cards} cards: pan, view's picture tiles up to date`,
          `${(100 * median(coverages)).toFixed(0)} % of the view (mean over the frames)  [${coverages.map((c) => (100 * c).toFixed(0)).join(', ')}]`,
        );
      if (tileMs.length)
        report(
          'canvas',
          `${cards} cards: pan, tiles drawn (worker) and time per tile`,
          `${(tileMs.length / RUNS).toFixed(0)} a pan, p50 ${ms(percentile(tileMs, 50))} / p95 ${ms(percentile(tileMs, 95))}`,
        );
      report('canvas', `${cards} cards: JS heap after load`, `${(median(heaps) / 2 ** 20).toFixed(1)} MiB`);
      writer.provider.awareness.destroy(); // its check timer would keep the process alive
      writer.destroy();
    }
  } finally {
    await browser.close();
    await server.dispose();
  }
}

/** Another client (the writer) edits 500 cards in one transaction; the page times receipt → all 500 titles drawn. */
async function remoteBatch(page: Page, doc: Y.Doc, ids: string[], run: number): Promise<number> {
  const title = (id: string) => `Edited ${run} ${id.slice(-6)}`;
  // The edited cards are brought into view first, so "drawn" means painted, not merely projected.
  const watching = page.evaluate(
    async ({ ids, titles }) => {
      type Js = {
        doc: { on(e: 'update', f: (u: Uint8Array, origin: unknown) => void): void };
        editor: { setCamera(c: { x: number; y: number; z: number }): void; getViewportScreenBounds(): { w: number; h: number } };
        bridge: { layout(): { cardsById: Map<string, { x: number; y: number; w: number; h: number }> } };
      };
      const js = (window as unknown as { journeyscroll: Js }).journeyscroll;
      const boxes = ids.map((id) => js.bridge.layout().cardsById.get(id)!);
      const minX = Math.min(...boxes.map((b) => b.x));
      const minY = Math.min(...boxes.map((b) => b.y));
      const maxX = Math.max(...boxes.map((b) => b.x + b.w));
      const maxY = Math.max(...boxes.map((b) => b.y + b.h));
      // Close enough that card text is drawn (a large scroll draws cards as shapes from 50%).
      const screen = js.editor.getViewportScreenBounds();
      const z = Math.max(0.6, Math.min(screen.w / (maxX - minX), screen.h / (maxY - minY), 1));
      js.editor.setCamera({ x: screen.w / 2 / z - (minX + maxX) / 2, y: screen.h / 2 / z - (minY + maxY) / 2, z });
      // Until the canvas has settled there: every edited card in view drawn as a card, nothing
      // left to mount (a large scroll mounts the cards in view once the camera rests).
      const view0 = (
        js.editor as unknown as { getViewportPageBounds(): { minX: number; minY: number; maxX: number; maxY: number } }
      ).getViewportPageBounds();
      const visible = ids.filter((_, i) => {
        const b = boxes[i]!;
        return b.x + b.w > view0.minX && b.x < view0.maxX && b.y + b.h > view0.minY && b.y < view0.maxY;
      });
      const settledBy = performance.now() + 20_000;
      while (
        performance.now() < settledBy &&
        !(
          document.querySelector('.tl-container:not(.js-moving) .js-picture-tiles[data-hidden]') &&
          visible.every((id) => document.querySelector(`[data-shape-id="shape:c:${id}"] .js-card-t`))
        )
      )
        await new Promise((r) => requestAnimationFrame(r));
      await new Promise((r) => setTimeout(r, 300));
      let received = 0;
      js.doc.on('update', () => {
        if (!received) received = performance.now();
      });
      (window as unknown as { benchReady: boolean }).benchReady = true;
      const view = (
        js.editor as unknown as { getViewportPageBounds(): { minX: number; minY: number; maxX: number; maxY: number } }
      ).getViewportPageBounds();
      // Drawn: every edited card whose box is in view is on screen with its new title.
      const inView = ids
        .map((id, i) => ({ id, title: titles[i]!, b: boxes[i]! }))
        .filter(({ b }) => b.x + b.w > view.minX && b.x < view.maxX && b.y + b.h > view.minY && b.y < view.maxY);
      if (inView.length === 0)
        throw new Error(`no edited card in view ${JSON.stringify({ view, z, b: [minX, minY, maxX, maxY], screen })}`);
      const deadline = performance.now() + 20_000;
      for (;;) {
        await new Promise((r) => requestAnimationFrame(r));
        if (performance.now() > deadline) throw new Error('the edited cards in view were not all drawn within 20 s');
        if (!received) continue;
        const done = inView.every(
          ({ id, title }) => document.querySelector(`[data-shape-id="shape:c:${id}"] .js-card-t`)?.textContent === title,
        );
        if (done) return performance.now() - received;
      }
    },
    { ids, titles: ids.map(title) },
  );
  await page.waitForFunction(() => (window as unknown as { benchReady?: boolean }).benchReady === true);
  // `doc` is the writer's: its provider sends the transaction as one update.
  doc.transact(() => {
    for (const id of ids) updateCard(doc, id, { title: title(id) });
  });
  return watching;
}
