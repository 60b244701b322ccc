/**
 * Canvas figures (issue 4), in headless Chromium against a real `journeyscroll serve` serving the
 * built web edition. Budgets (median of 3 on the 2-core reference machine):
 * - load: document synced → every card mounted and those in view drawn, for 1,000 and 5,000 cards
 *   (5,000 under 2.5 s);
 * - a remote batch of 500 card edits (one transaction from another client) applied and drawn
 *   (under 0.5 s).
 * Each load is a fresh browser context (empty IndexedDB): the blueprint comes from the server.
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
import { median, ms, report } from './stats.ts';

const RUNS = 3;

async function flushed(provider: WebsocketProvider): Promise<void> {
  const ws = provider.ws as unknown as { bufferedAmount: number } | null;
  while (ws && ws.bufferedAmount > 0) await new Promise((r) => setTimeout(r, 20));
  await new Promise((r) => setTimeout(r, 300));
}

/**
 * In the page: ms from the "synced" mark to the first frame where every card is mounted in the
 * canvas and none of those in view is culled. (A 5,000-card scroll does not fit the window even
 * at tldraw's smallest zoom, so cards outside the view stay culled — hidden — by design.)
 */
async function loadTime(page: Page, url: string, cards: number): Promise<number> {
  await page.goto(url);
  return page.evaluate(async (n) => {
    type Box = { minX: number; minY: number; maxX: number; maxY: number };
    type Js = {
      editor?: { getCulledShapes(): Set<string>; getViewportPageBounds(): Box; getShapePageBounds(id: string): Box | undefined };
    };
    for (;;) {
      await new Promise((r) => requestAnimationFrame(r));
      const js = (window as unknown as { journeyscroll?: Js }).journeyscroll;
      const mounted = document.querySelectorAll('[data-shape-type="js-card"]');
      if (!js?.editor || mounted.length !== n) continue;
      const editor = js.editor;
      const view = editor.getViewportPageBounds();
      const culled = editor.getCulledShapes();
      let ready = true;
      for (const el of mounted) {
        const id = el.getAttribute('data-shape-id')!;
        const b = editor.getShapePageBounds(id);
        if (b && b.maxX > view.minX && b.minX < view.maxX && b.maxY > view.minY && b.minY < view.maxY && culled.has(id)) {
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

export async function run(): Promise<void> {
  if (ensureWebBuild('bench') !== 0) throw new Error('could not build the web edition');
  const server = new ServeProcess();
  await server.start();
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    for (const cards of [1_000, 5_000]) {
      const room = `bench-${cards}`;
      const seed = new Y.Doc();
      const blueprint = generateBlueprint({ cards, stages: 12, seed: 1 });
      writeBlueprint(seed, blueprint);
      // A Node client puts the document into the room (and later edits it), as another person would.
      const writer = connect(`${server.origin.replace('http', 'ws')}/sync`, room, { doc: seed });
      await writer.synced();
      await flushed(writer.provider);

      const loads: number[] = [];
      const edits: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, serviceWorkers: 'block' });
        const page = await context.newPage();
        loads.push(await loadTime(page, `${server.origin}/b/${room}`, cards));
        if (cards === 5_000)
          edits.push(
            await remoteBatch(
              page,
              seed,
              blueprint.cards.slice(i * 500, i * 500 + 500).map((c) => c.id),
              i,
            ),
          );
        await context.close();
      }
      report(
        'canvas',
        `${cards} cards: synced → all mounted, those in view drawn (median of ${RUNS})`,
        `${ms(median(loads))}  [${loads.map((v) => v.toFixed(0)).join(', ')}]`,
      );
      if (edits.length)
        report(
          'canvas',
          `${cards} cards: remote batch of 500 card edits applied and drawn (median of ${RUNS})`,
          `${ms(median(edits))}  [${edits.map((v) => v.toFixed(0)).join(', ')}]`,
        );
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
  const watching = page.evaluate(
    async ({ ids, titles }) => {
      type Js = { doc: { on(e: 'update', f: (u: Uint8Array, origin: unknown) => void): void } };
      const js = (window as unknown as { journeyscroll: Js }).journeyscroll;
      let received = 0;
      js.doc.on('update', () => {
        if (!received) received = performance.now();
      });
      (window as unknown as { benchReady: boolean }).benchReady = true;
      for (;;) {
        await new Promise((r) => requestAnimationFrame(r));
        if (!received) continue;
        let done = true;
        for (let i = 0; i < ids.length && done; i++) {
          const el = document.querySelector(`[data-shape-id="shape:c:${ids[i]}"] .js-card-t`);
          if (!el || el.textContent !== titles[i]) done = false;
        }
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
