import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../sync-server/auth/token.ts';
import { expectConnection, guardedContext, layoutOf, openBlueprint, waitUntil, type BlueprintPage } from './support/browser.ts';
import { serverAndBrowser } from './support/fixture.ts';

/**
 * Issue 7, "done when": a presenter and two followers (an editor and a viewer) through a real
 * `journeyscroll serve`, each in its own browser context. Every → of the presenter moves both
 * followers' viewports to the same stage within 300 ms; a follower who pans away stops following
 * and rejoins with one click.
 */
const SECRET = 'e2e-present-secret-0123456789abcdef';
const ROOM = 'e2e-present';
const BUDGET_MS = 300;
const env = serverAndBrowser({ secret: SECRET });
let presenter: BlueprintPage;
let editor: BlueprintPage;
let viewer: BlueprintPage;

beforeAll(async () => {
  const editorToken = await signToken({ room: ROOM, role: 'editor', ttlMs: 3_600_000 }, SECRET);
  const viewerToken = await signToken({ room: ROOM, role: 'viewer', ttlMs: 3_600_000 }, SECRET);
  // Three people share this machine's two cores here. The presenter asks for reduced motion (its
  // camera then jumps instead of animating, as tldraw honours the system setting), so its own
  // animation frames do not compete with the followers' rendering — on three real machines they
  // never would. What is measured, awareness → server → follower → painted frame, is unchanged.
  const [cp, ce, cv] = await Promise.all(
    [{ reducedMotion: 'reduce' as const }, {}, {}].map((options) => guardedContext(env.browser, env.server.origin, options)),
  );
  presenter = await openBlueprint(cp!.context, `${env.server.origin}/b/${ROOM}?token=${editorToken}&template=b2b-lead-to-renewal`);
  await expectConnection(presenter.page, /Synced/);
  editor = await openBlueprint(ce!.context, `${env.server.origin}/b/${ROOM}?token=${editorToken}`);
  viewer = await openBlueprint(cv!.context, `${env.server.origin}/b/${ROOM}?token=${viewerToken}`);
  const cards = (await presenter.model()).cards.length;
  await waitUntil(
    'everyone has every card',
    async () => (await editor.model()).cards.length === cards && (await viewer.model()).cards.length === cards,
  );
}, 120_000);

/** The stage whose column holds the centre of this page's viewport, and how much of it is in view. */
function stageInView(page: Page): Promise<{ stageId: string | null; visible: number }> {
  return page.evaluate(() => {
    type Js = {
      editor: { getViewportPageBounds(): { minX: number; maxX: number; minY: number; maxY: number; midX: number } };
      bridge: { layout(): { stages: Array<{ id: string; column: { x: number; y: number; w: number; h: number } }> } };
    };
    const js = (window as unknown as { journeyscroll: Js }).journeyscroll;
    const v = js.editor.getViewportPageBounds();
    const stage = js.bridge.layout().stages.find((s) => s.column.x <= v.midX && v.midX < s.column.x + s.column.w);
    if (!stage) return { stageId: null, visible: 0 };
    const c = stage.column;
    const w = Math.max(0, Math.min(v.maxX, c.x + c.w) - Math.max(v.minX, c.x));
    const h = Math.max(0, Math.min(v.maxY, c.y + c.h) - Math.max(v.minY, c.y));
    return { stageId: stage.id, visible: (w * h) / (c.w * c.h) };
  });
}

/**
 * Resolves when the page frames `stageId`: the viewport is centred on the stage's column and
 * shows all of its width and (nearly) all of its height. Polls inside the page every 10 ms.
 */
async function framed(page: Page, stageId: string, timeout = 5_000): Promise<void> {
  try {
    await page.waitForFunction(
      (id) => {
        type Js = {
          editor: { getViewportPageBounds(): { minX: number; maxX: number; minY: number; maxY: number; midX: number } };
          bridge: { layout(): { stages: Array<{ id: string; column: { x: number; y: number; w: number; h: number } }> } };
        };
        const js = (window as unknown as { journeyscroll: Js }).journeyscroll;
        const v = js.editor.getViewportPageBounds();
        const c = js.bridge.layout().stages.find((s) => s.id === id)?.column;
        if (!c) return false;
        const shownHeight = Math.min(v.maxY, c.y + c.h) - Math.max(v.minY, c.y);
        return v.minX <= c.x + 1 && v.maxX >= c.x + c.w - 1 && shownHeight >= 0.97 * c.h && Math.abs(v.midX - (c.x + c.w / 2)) < c.w / 4;
      },
      stageId,
      { polling: 10, timeout },
    );
  } catch (error) {
    const state = await page.evaluate((id) => {
      const js = (
        window as unknown as {
          journeyscroll: {
            editor: { getViewportPageBounds(): unknown };
            bridge: { layout(): { stages: Array<{ id: string; column: unknown }> } };
          };
        }
      ).journeyscroll;
      return { viewport: js.editor.getViewportPageBounds(), column: js.bridge.layout().stages.find((s) => s.id === id)?.column };
    }, stageId);
    throw new Error(`${stageId} not framed: ${JSON.stringify(state)} (${(error as Error).message})`);
  }
}

/** Starts noting, in the page, when a painted frame first shows `stageId` framed (see `framed`). */
function watchFraming(page: Page, stageId: string): Promise<void> {
  return page.evaluate((id) => {
    type Js = {
      editor: { getViewportPageBounds(): { minX: number; maxX: number; minY: number; maxY: number; midX: number } };
      bridge: { layout(): { stages: Array<{ id: string; column: { x: number; y: number; w: number; h: number } }> } };
    };
    const w = window as unknown as { journeyscroll: Js; framedAt: number | null };
    w.framedAt = null;
    const check = () => {
      const v = w.journeyscroll.editor.getViewportPageBounds();
      const c = w.journeyscroll.bridge.layout().stages.find((s) => s.id === id)!.column;
      const shownHeight = Math.min(v.maxY, c.y + c.h) - Math.max(v.minY, c.y);
      if (v.minX <= c.x + 1 && v.maxX >= c.x + c.w - 1 && shownHeight >= 0.97 * c.h && Math.abs(v.midX - (c.x + c.w / 2)) < c.w / 4)
        w.framedAt = Date.now();
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  }, stageId);
}

/** The time (ms since the epoch) the page first painted the stage framed, once it has. */
async function framingTime(page: Page): Promise<number> {
  const handle = await page.waitForFunction(() => (window as unknown as { framedAt: number | null }).framedAt, undefined, {
    timeout: 5_000,
  });
  return (await handle.jsonValue()) as number;
}

describe('presenter and followers', () => {
  it('each → moves both followers to the same stage within 300 ms', async () => {
    const stages = (await layoutOf(presenter.page)).stages;
    const names = new Map((await presenter.model()).stages.map((s) => [s.id, s.name]));
    await presenter.page.getByRole('button', { name: 'Unroll: present the scroll stage by stage' }).click();
    await presenter.page.getByRole('navigation', { name: 'Presentation controls' }).waitFor();
    // Followers are offered the presenter, following on.
    for (const page of [editor.page, viewer.page]) {
      await page.getByRole('region', { name: 'Presentation in progress' }).waitFor({ timeout: 5_000 });
      await page.getByRole('button', { name: 'Stop following' }).waitFor();
    }
    const timings: number[] = [];
    for (let i = 0; i < stages.length; i++) {
      const target = stages[i]!.id;
      // Each follower notes the first painted frame (requestAnimationFrame) that frames the stage.
      await Promise.all([editor.page, viewer.page].map((page) => watchFraming(page, target)));
      const start = Date.now();
      await presenter.page.keyboard.press('ArrowRight');
      const framedAt = await Promise.all([editor.page, viewer.page].map((page) => framingTime(page)));
      timings.push(Math.max(...framedAt) - start);
      // The presenter itself frames the stage too (after its own animation) under the stage's title.
      await framed(presenter.page, target);
      expect(await presenter.page.getByRole('banner', { name: 'Presentation' }).innerText()).toContain(names.get(target));
    }
    console.log(`follow latency per step (ms): ${timings.join(', ')}; max ${Math.max(...timings)}`);
    expect(Math.max(...timings)).toBeLessThan(BUDGET_MS);
    // The last → stays on the last stage; ← walks back for everyone.
    await presenter.page.keyboard.press('ArrowLeft');
    await Promise.all([framed(editor.page, stages.at(-2)!.id), framed(viewer.page, stages.at(-2)!.id)]);
  });

  it('a follower who pans away stops following, and rejoins with one click', async () => {
    const stages = (await layoutOf(presenter.page)).stages;
    const here = (await stageInView(presenter.page)).stageId!;
    const box = (await editor.page.getByLabel('Blueprint canvas').boundingBox())!;
    await editor.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await editor.page.mouse.wheel(2400, 0);
    await editor.page.getByRole('button', { name: 'Follow presenter' }).waitFor({ timeout: 5_000 });
    // The presenter moves on: the panned follower stays where it went; the viewer follows.
    const away = await stageInView(editor.page);
    const back = stages[0]!.id;
    await presenter.page.keyboard.press('Home');
    await framed(viewer.page, back);
    await editor.page.waitForTimeout(300);
    expect((await stageInView(editor.page)).stageId).toBe(away.stageId);
    expect(away.stageId).not.toBe(back);
    expect(here).not.toBe(back);
    // One click: back with the presenter, and following again.
    await editor.page.getByRole('button', { name: 'Follow presenter' }).click();
    await framed(editor.page, back);
    await editor.page.getByRole('button', { name: 'Stop following' }).waitFor();
    await presenter.page.keyboard.press('ArrowRight');
    await framed(editor.page, stages[1]!.id);
  });

  it('a follower who resizes the window keeps the stage framed and keeps following', async () => {
    const here = (await stageInView(presenter.page)).stageId!;
    await viewer.page.setViewportSize({ width: 1000, height: 1200 });
    await framed(viewer.page, here);
    await viewer.page.getByRole('button', { name: 'Stop following' }).waitFor();
    await viewer.page.setViewportSize({ width: 1600, height: 1000 });
    await framed(viewer.page, here);
  });

  it('someone who joins during the presentation follows at once', async () => {
    const here = (await stageInView(presenter.page)).stageId!;
    const { context } = await guardedContext(env.browser, env.server.origin);
    const late = { page: await context.newPage() };
    // Not openBlueprint: it waits for the first card to be visible, and this page opens on a stage.
    await late.page.goto(
      `${env.server.origin}/b/${ROOM}?token=${await signToken({ room: ROOM, role: 'viewer', ttlMs: 3_600_000 }, SECRET)}`,
    );
    await late.page.getByRole('button', { name: 'Stop following' }).waitFor({ timeout: 10_000 });
    await framed(late.page, here);
    // …and stays with the presenter once everything has arrived.
    await late.page.waitForTimeout(1_000);
    await framed(late.page, here, 100);
    await context.close();
  });

  it('Esc ends the presentation for everyone', async () => {
    await presenter.page.keyboard.press('Escape');
    await presenter.page.getByRole('navigation', { name: 'Presentation controls' }).waitFor({ state: 'detached' });
    for (const page of [editor.page, viewer.page])
      await page.getByRole('region', { name: 'Presentation in progress' }).waitFor({ state: 'detached', timeout: 5_000 });
  });
});
