import { describe, expect, it } from 'vitest';
import {
  approveAsItIs,
  cardCentre,
  expectConnection,
  guardedContext,
  layoutOf,
  openBlueprint,
  pageToScreen,
  selectCard,
  selectedIds,
  setField,
  waitUntil,
} from './support/browser.ts';
import { serverAndBrowser } from './support/fixture.ts';

/**
 * Issue 13: the "changes since approved" overlay in real Chromium — approve, then add, change and
 * delete a card; the canvas marks each with its kind (the removed one as a ghost where the approved
 * version had it), and choosing an entry of its list selects that card.
 */
const env = serverAndBrowser();

describe('changes since approved, on the canvas', () => {
  it('marks an added, a changed and a removed card, and its entries select them', { timeout: 120_000 }, async () => {
    const { context, outside } = await guardedContext(env.browser, env.server.origin);
    const a = await openBlueprint(context, `${env.server.origin}/b/e2e-changes?template=b2b-lead-to-renewal`);
    const { page } = a;
    await expectConnection(page, /Synced/);

    await approveAsItIs(page, 'Approved v1');

    await page.getByRole('button', { name: 'Go to stage SQL' }).click();
    await page.waitForTimeout(400); // the camera glides there
    const model = await a.model();
    const sql = model.stages.find((s) => s.name === 'SQL')!;
    // Cards of the SQL stage wholly in view (clear of the overlay's list at the top right).
    const canvas = (await page.locator('.js-canvas').boundingBox())!;
    const layout = await layoutOf(page);
    const inView = async (id: string) => {
      const box = layout.cards[id]!;
      const [p, q] = [await pageToScreen(page, box), await pageToScreen(page, { x: box.x + box.w, y: box.y + box.h })];
      return p.x > canvas.x && p.y > canvas.y + 20 && q.x < canvas.x + canvas.width - 300 && q.y < canvas.y + canvas.height;
    };
    const inSql = [];
    for (const c of model.cards) if (c.stageId === sql.id && c.title && (await inView(c.id))) inSql.push(c);
    inSql.sort((x, y) => (x.title < y.title ? -1 : 1));
    // The "+" of the customer-actions lane adds; a card there is changed; one of another lane is
    // removed (so the removal does not reflow the changed card's cell).
    const lane = model.lanes.find((l) => l.kind === 'customer-actions')!;
    const changed = inSql.find((c) => c.laneId === lane.id)!;
    const removed = inSql.find((c) => c.laneId !== lane.id)!;

    // Add a card with "+", change a title in the inspector, delete a card.
    await page.getByRole('button', { name: `Add card to SQL, ${lane.name}` }).click();
    const title = page.getByRole('textbox', { name: 'Card title' });
    await title.waitFor();
    await title.fill('Books a follow-up call');
    await title.press('Enter');
    await waitUntil('the card is added', async () => (await a.model()).cards.some((c) => c.title === 'Books a follow-up call'));
    const added = (await a.model()).cards.find((c) => c.title === 'Books a follow-up call')!;
    await selectCard(a, changed.id);
    await setField(page, 'Title', 'Qualified by the sales team');
    await waitUntil(
      'the title is changed',
      async () => (await a.model()).cards.find((c) => c.id === changed.id)?.title === 'Qualified by the sales team',
    );
    const removedAt = await cardCentre(a, removed.id);
    await selectCard(a, removed.id);
    await page.keyboard.press('Delete');
    await waitUntil('the card is deleted', async () => !(await a.model()).cards.some((c) => c.id === removed.id));
    await page.keyboard.press('Escape');

    // The command's shortcut (as Word's Track Changes) shows the overlay; its toolbar button says so.
    await page.keyboard.press('Control+Shift+E');
    const toggle = page.getByRole('button', { name: 'Changes since approved' });
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true');
    const list = page.getByRole('region', { name: 'Changes on the canvas' });
    await expect.poll(() => list.getByRole('heading').innerText()).toBe('Changes since approved v1');

    const addedMark = page.getByRole('img', { name: 'Added card: Books a follow-up call' });
    const changedMark = page.getByRole('img', { name: 'Changed card: Qualified by the sales team' });
    const ghost = page.getByRole('img', { name: `Removed card: ${removed.title}` });
    for (const mark of [addedMark, changedMark, ghost]) await expect.poll(() => mark.count(), { timeout: 10_000 }).toBe(1);
    expect(await addedMark.getAttribute('data-card')).toBe(added.id);
    expect(await changedMark.getAttribute('data-card')).toBe(changed.id);
    expect(await ghost.getAttribute('class')).toContain('js-change-ghost');
    // The ghost stands where the approved version drew the card, and the mark over the card now.
    const g = (await ghost.boundingBox())!;
    expect(removedAt.x).toBeGreaterThan(g.x);
    expect(removedAt.x).toBeLessThan(g.x + g.width);
    expect(removedAt.y).toBeGreaterThan(g.y);
    expect(removedAt.y).toBeLessThan(g.y + g.height);
    const here = await cardCentre(a, changed.id);
    const m = (await changedMark.boundingBox())!;
    expect(Math.abs(m.x + m.width / 2 - here.x)).toBeLessThan(4);
    expect(Math.abs(m.y + m.height / 2 - here.y)).toBeLessThan(4);
    expect(await page.getByRole('img', { name: /^(Added|Changed|Moved|Removed) card: / }).count()).toBe(3);

    // Choosing an entry selects its card.
    await list.getByRole('button', { name: 'Changed card: Qualified by the sales team' }).click();
    await expect.poll(() => selectedIds(page)).toEqual([`shape:c:${changed.id}`]);
    await list.getByRole('button', { name: 'Added card: Books a follow-up call' }).click();
    await expect.poll(() => selectedIds(page)).toEqual([`shape:c:${added.id}`]);
    expect(await list.getByRole('button', { name: `Removed card: ${removed.title}` }).count()).toBe(1);

    // Off again from the toolbar.
    await toggle.click();
    expect(await page.getByRole('img', { name: /card: / }).count()).toBe(0);
    expect(await list.count()).toBe(0);
    expect(outside).toEqual([]);
    await context.close();
  });
});
