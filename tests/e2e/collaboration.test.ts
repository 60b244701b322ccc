import { beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../sync-server/auth/token.ts';
import {
  drag,
  expectConnection,
  guardedContext,
  layoutOf,
  openBlueprint,
  pageToScreen,
  waitUntil,
  type BlueprintPage,
} from './support/browser.ts';
import { serverAndBrowser } from './support/fixture.ts';

/**
 * Issue 4, "done when": two browser contexts on one blueprint through a real `journeyscroll serve`
 * (with a secret, so every connection carries a token), and a viewer who sees everything and can
 * change nothing. Every context fails and records any request not addressed to the server.
 */
const SECRET = 'e2e-secret-journeyscroll-0123456789';
const ROOM = 'e2e-collab';
const env = serverAndBrowser({ secret: SECRET });
const outside: string[][] = [];
let a: BlueprintPage;
let b: BlueprintPage;
let v: BlueprintPage;

beforeAll(async () => {
  const editorToken = await signToken({ room: ROOM, role: 'editor', ttlMs: 3_600_000 }, SECRET);
  const viewerToken = await signToken({ room: ROOM, role: 'viewer', ttlMs: 3_600_000 }, SECRET);
  const [ca, cb, cv] = await Promise.all([0, 1, 2].map(() => guardedContext(env.browser, env.server.origin)));
  outside.push(ca!.outside, cb!.outside, cv!.outside);
  a = await openBlueprint(ca!.context, `${env.server.origin}/b/${ROOM}?token=${editorToken}&template=b2b-lead-to-renewal`);
  await expectConnection(a.page, /Synced/);
  b = await openBlueprint(cb!.context, `${env.server.origin}/b/${ROOM}?token=${editorToken}`);
  v = await openBlueprint(cv!.context, `${env.server.origin}/b/${ROOM}?token=${viewerToken}`);
  const cards = (await a.model()).cards.length;
  await waitUntil('B has every card', async () => (await b.model()).cards.length === cards);
  await waitUntil('the viewer has every card', async () => (await v.model()).cards.length === cards);
}, 120_000);

describe('two editors and a viewer on one blueprint', () => {
  it('a stage added in A appears in B', async () => {
    const before = (await b.model()).stages.length;
    await a.page.getByRole('button', { name: 'Add stage' }).click();
    const name = `Stage ${before + 1}`;
    await expect.poll(() => b.page.getByRole('button', { name: `Go to stage ${name}` }).count(), { timeout: 10_000 }).toBe(1);
    const added = (await b.model()).stages.find((s) => s.name === name)!;
    expect(added).toBeDefined();
    await expect.poll(() => b.page.locator(`[data-shape-id="shape:s:${added.id}"]`).count()).toBe(1);
  });

  it('a card dragged to another cell in B moves in A, with its stage and lane changed in the model', async () => {
    const model = await b.model();
    const stages = [...model.stages].sort((x, y) => (x.order < y.order ? -1 : 1));
    const touchpoints = model.lanes.find((l) => l.kind === 'touchpoints')!;
    const data = model.lanes.find((l) => l.kind === 'data')!;
    const card = model.cards.find((c) => c.stageId === stages[0]!.id && c.laneId === touchpoints.id)!;
    const target = { stageId: stages[2]!.id, laneId: data.id };
    const layout = await layoutOf(b.page);
    const box = layout.cards[card.id]!;
    const cell = layout.cells.find((c) => c.stageId === target.stageId && c.laneId === target.laneId)!;
    const from = await pageToScreen(b.page, { x: box.x + box.w / 2, y: box.y + box.h / 2 });
    const to = await pageToScreen(b.page, { x: cell.x + cell.w / 2, y: cell.y + cell.h - 30 });
    await drag(b.page, from, to);

    await expect.poll(async () => (await a.model()).cards.find((c) => c.id === card.id), { timeout: 10_000 }).toMatchObject(target);
    // A draws it inside the target cell.
    const layoutA = await layoutOf(a.page);
    const cellA = layoutA.cells.find((c) => c.stageId === target.stageId && c.laneId === target.laneId)!;
    expect(cellA.cardIds).toContain(card.id);
    const shape = a.page.locator(`[data-shape-id="shape:c:${card.id}"]`);
    const [topLeft, bottomRight] = await Promise.all([
      pageToScreen(a.page, { x: cellA.x, y: cellA.y }),
      pageToScreen(a.page, { x: cellA.x + cellA.w, y: cellA.y + cellA.h }),
    ]);
    await expect
      .poll(async () => {
        const r = await shape.boundingBox();
        return (
          !!r && r.x >= topLeft.x - 1 && r.y >= topLeft.y - 1 && r.x + r.width <= bottomRight.x + 1 && r.y + r.height <= bottomRight.y + 1
        );
      })
      .toBe(true);
  });

  it('a flow drawn in A (an arrow from card to card) appears in B', async () => {
    const model = await a.model();
    const stages = [...model.stages].sort((x, y) => (x.order < y.order ? -1 : 1));
    const automation = model.lanes.find((l) => l.kind === 'automation')!;
    const teams = model.lanes.find((l) => l.kind === 'teams')!;
    const from = model.cards.find((c) => c.stageId === stages[4]!.id && c.laneId === teams.id)!;
    const to = model.cards.find((c) => c.stageId === stages[5]!.id && c.laneId === automation.id)!;
    const existing = model.flows.filter((f) => f.from === from.id && f.to === to.id).length;
    const layout = await layoutOf(a.page);
    const start = await pageToScreen(a.page, { x: layout.cards[from.id]!.x + 80, y: layout.cards[from.id]!.y + 48 });
    const end = await pageToScreen(a.page, { x: layout.cards[to.id]!.x + 80, y: layout.cards[to.id]!.y + 48 });
    await a.page.getByRole('button', { name: 'Arrow — A' }).click(); // tldraw's arrow tool
    await drag(a.page, start, end);

    await expect
      .poll(async () => (await b.model()).flows.filter((f) => f.from === from.id && f.to === to.id).length, { timeout: 10_000 })
      .toBe(existing + 1);
    const flow = (await b.model()).flows.find((f) => f.from === from.id && f.to === to.id)!;
    await expect.poll(() => b.page.locator(`[data-flow-id="${flow.id}"]`).count()).toBe(1);
    // The arrow became a flow: no stray arrow annotation was kept or synced.
    expect(await a.page.locator('[data-shape-type="arrow"]').count()).toBe(0);
    expect(await b.page.locator('[data-shape-type="arrow"]').count()).toBe(0);
  });

  it('the viewer sees edits and cursors, its UI is disabled, and the server refuses its writes', async () => {
    await expectConnection(v.page, /Read-only/);
    // Sees the edits above.
    expect((await v.model()).stages.length).toBe((await a.model()).stages.length);
    expect(await v.page.locator('[data-flow-id]').count()).toBe(await a.page.locator('[data-flow-id]').count());
    // Sees A's cursor.
    const canvas = await a.page.locator('.tl-canvas').boundingBox();
    for (let i = 0; i < 6; i++) await a.page.mouse.move(canvas!.x + 300 + i * 20, canvas!.y + 300);
    await expect.poll(() => v.page.locator('.tl-collaborator__cursor').count(), { timeout: 10_000 }).toBeGreaterThan(0);

    // UI disabled: no add buttons, edit buttons disabled, the inspector read-only.
    expect(await v.page.getByRole('button', { name: /^Add card to/ }).count()).toBe(0);
    expect(await v.page.getByRole('button', { name: 'Add stage' }).isDisabled()).toBe(true);
    expect(await v.page.getByRole('textbox', { name: 'Blueprint title' }).isDisabled()).toBe(true);
    const card = (await v.model()).cards[0]!;
    const layout = await layoutOf(v.page);
    const box = layout.cards[card.id]!;
    const at = await pageToScreen(v.page, { x: box.x + box.w / 2, y: box.y + box.h / 2 });
    await v.page.mouse.click(at.x, at.y);
    await expect.poll(() => v.page.getByRole('complementary', { name: 'Card inspector' }).count()).toBe(1);
    const inspector = v.page.getByRole('complementary', { name: 'Card inspector' });
    expect(await inspector.getByRole('textbox', { name: 'Title', exact: true }).isDisabled()).toBe(true);
    expect(await inspector.getByRole('button', { name: 'Delete card' }).isDisabled()).toBe(true);
    // Double-click opens no title editor; dragging and deleting change nothing.
    await v.page.mouse.dblclick(at.x, at.y);
    await v.page.waitForTimeout(300);
    expect(await v.page.getByRole('textbox', { name: 'Card title' }).count()).toBe(0);
    await v.page.keyboard.press('Escape');
    await drag(v.page, at, { x: at.x + 200, y: at.y + 150 });
    await v.page.keyboard.press('Delete');
    await v.page.waitForTimeout(500);
    expect((await v.model()).cards.find((c) => c.id === card.id)).toMatchObject({ stageId: card.stageId, laneId: card.laneId });

    // The server refuses: a write forced into the viewer's document never reaches anyone.
    const dropped = await env.server.metric('journeyscroll_viewer_writes_dropped_total');
    await v.page.evaluate(() => {
      const js = (window as unknown as { journeyscroll: { doc: { getMap(name: string): { set(k: string, v: unknown): void } } } })
        .journeyscroll;
      js.doc.getMap('meta').set('title', 'Forged by a viewer');
    });
    await expect.poll(() => env.server.metric('journeyscroll_viewer_writes_dropped_total'), { timeout: 10_000 }).toBeGreaterThan(dropped);
    await a.page.waitForTimeout(500);
    expect((await a.model()).meta.title).not.toBe('Forged by a viewer');
    expect((await b.model()).meta.title).not.toBe('Forged by a viewer');
  });

  it('contacted nothing but the sync server', () => {
    expect(outside.flat()).toEqual([]);
  });
});
