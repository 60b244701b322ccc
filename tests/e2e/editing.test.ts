import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  byOrder,
  cardCentre,
  drag,
  expectConnection,
  guardedContext,
  layoutOf,
  modelOf,
  openBlueprint,
  pageToScreen,
  selectCard,
  selectedIds,
  setField,
  waitUntil,
  type BlueprintPage,
} from './support/browser.ts';
import { serverAndBrowser } from './support/fixture.ts';

/**
 * Issue 4, "build": the gestures of the scroll canvas, each seen by a second editor through a
 * real `journeyscroll serve` — add a card with "+", title it, rename it by double-click, delete
 * it; edit fields in the inspector; reorder and resize stages by their headers; per-person undo
 * and redo; a sticky note (an annotation); and remote changes that arrive while this person is
 * typing a title or has a card selected.
 */
const env = serverAndBrowser();
const ROOM = 'e2e-editing';
let a: BlueprintPage;
let b: BlueprintPage;

/** The model with its stages and lanes in order. */
async function full(page: Page) {
  const model = await modelOf(page);
  return { ...model, stages: byOrder(model.stages), lanes: byOrder(model.lanes) };
}
const card = async (p: BlueprintPage, id: string) => (await p.model()).cards.find((c) => c.id === id);

/** Both editors look at the same stage, at a zoom where cards and their "+" buttons are legible. */
async function goToStage(name: string): Promise<void> {
  for (const p of [a, b]) {
    await p.page.getByRole('button', { name: `Go to stage ${name}` }).click();
    await p.page.waitForTimeout(400); // the camera glides there
  }
}

/** The cards of one stage, in one lane kind, by title. */
async function cardsIn(p: BlueprintPage, stageName: string, laneKind: string) {
  const model = await p.model();
  const stage = model.stages.find((s) => s.name === stageName)!;
  const lane = model.lanes.find((l) => l.kind === laneKind)!;
  return { stage, lane, cards: model.cards.filter((c) => c.stageId === stage.id && c.laneId === lane.id) };
}

/** The SQL stage's cards, in a stable order: each test edits its own, so none depends on another's edits. */
async function sqlCards(p: BlueprintPage) {
  const { stage } = await cardsIn(p, 'SQL', 'customer-actions');
  const cards = (await p.model()).cards.filter((c) => c.stageId === stage.id).sort((x, y) => (x.id < y.id ? -1 : 1));
  expect(cards.length).toBeGreaterThanOrEqual(5);
  return cards;
}

beforeAll(async () => {
  const [ca, cb] = await Promise.all([0, 1].map(() => guardedContext(env.browser, env.server.origin)));
  a = await openBlueprint(ca!.context, `${env.server.origin}/b/${ROOM}?template=b2b-lead-to-renewal`);
  await expectConnection(a.page, /Synced/);
  b = await openBlueprint(cb!.context, `${env.server.origin}/b/${ROOM}`);
  const cards = (await a.model()).cards.length;
  await waitUntil('B has every card', async () => (await b.model()).cards.length === cards);
  await goToStage('SQL');
}, 120_000);

describe('editing the scroll, seen by a second editor', () => {
  it('"+" adds a card to its cell and starts its title; double-click renames it; Delete removes it', async () => {
    const { stage, lane } = await cardsIn(a, 'SQL', 'customer-actions');
    await a.page.getByRole('button', { name: `Add card to SQL, ${lane.name}` }).click();
    const title = a.page.getByRole('textbox', { name: 'Card title' });
    await title.waitFor();
    expect(await title.evaluate((el) => el === document.activeElement)).toBe(true);
    await title.fill('Books a follow-up call');
    await title.press('Enter');
    await expect
      .poll(async () => (await b.model()).cards.find((c) => c.title === 'Books a follow-up call'), { timeout: 10_000 })
      .toMatchObject({ stageId: stage.id, laneId: lane.id });
    const added = (await b.model()).cards.find((c) => c.title === 'Books a follow-up call')!;
    await expect.poll(() => b.page.locator(`[data-shape-id="shape:c:${added.id}"]`).innerText()).toContain('Books a follow-up call');

    const at = await cardCentre(a, added.id);
    await a.page.mouse.dblclick(at.x, at.y);
    await title.waitFor();
    await title.fill('Books the follow-up call');
    await title.press('Enter');
    await expect.poll(async () => (await card(b, added.id))?.title, { timeout: 10_000 }).toBe('Books the follow-up call');

    await selectCard(a, added.id);
    await a.page.keyboard.press('Delete');
    await expect.poll(async () => (await card(b, added.id)) === undefined, { timeout: 10_000 }).toBe(true);
    await expect.poll(() => b.page.locator(`[data-shape-id="shape:c:${added.id}"]`).count()).toBe(0);
  });

  it('the inspector edits a card’s fields; the card shows its new owner in both windows', async () => {
    const target = (await sqlCards(a))[0]!;
    await selectCard(a, target.id);
    await setField(a.page, 'Owner team', 'Revenue operations');
    await setField(a.page, 'Title', 'SDR discovery call (30 minutes)');
    await expect
      .poll(async () => card(b, target.id), { timeout: 10_000 })
      .toMatchObject({ owner: 'Revenue operations', title: 'SDR discovery call (30 minutes)' });
    for (const p of [a, b])
      await expect.poll(() => p.page.locator(`[data-shape-id="shape:c:${target.id}"]`).innerText()).toContain('Revenue operations');

    // Escape takes back what was typed in a field.
    const owner = a.page.getByRole('complementary', { name: 'Card inspector' }).getByRole('textbox', { name: 'Owner team', exact: true });
    await owner.fill('Typed, then thought better of');
    await owner.press('Escape');
    expect(await owner.inputValue()).toBe('Revenue operations');
    await a.page.waitForTimeout(300);
    expect((await card(a, target.id))?.owner).toBe('Revenue operations');
  });

  it('Ctrl+Z undoes this person’s own last edit and not the other’s; Shift+Ctrl+Z redoes it', async () => {
    const [, mine, theirs] = await sqlCards(a);
    if (!mine || !theirs) throw new Error('the SQL stage has fewer cards than this test needs');
    const before = (await card(a, mine.id))!;
    await selectCard(a, mine.id);
    await setField(a.page, 'Title', 'Edited by A');
    await a.page.waitForTimeout(500); // a new undo step (captureTimeout 400 ms)
    await selectCard(b, theirs.id);
    await setField(b.page, 'Owner team', 'Edited by B');
    await expect.poll(async () => (await card(a, theirs.id))?.owner, { timeout: 10_000 }).toBe('Edited by B');

    // Focus back on the canvas (the inspector's field keeps text-editing keys for itself).
    await selectCard(a, mine.id);
    await a.page.keyboard.press('Control+z');
    for (const p of [a, b]) {
      await expect.poll(async () => (await card(p, mine.id))?.title, { timeout: 10_000 }).toBe(before.title);
      expect((await card(p, theirs.id))?.owner).toBe('Edited by B');
    }
    await a.page.keyboard.press('Control+Shift+z');
    for (const p of [a, b]) await expect.poll(async () => (await card(p, mine.id))?.title, { timeout: 10_000 }).toBe('Edited by A');
  });

  it('a remote change neither closes the title being typed nor drops the selection', async () => {
    const [, , , typed, selected] = await sqlCards(a);
    if (!typed || !selected) throw new Error('the SQL stage has fewer cards than this test needs');
    const at = await cardCentre(a, typed.id);
    await a.page.mouse.dblclick(at.x, at.y);
    const title = a.page.getByRole('textbox', { name: 'Card title' });
    await title.fill('Half-typed by A');

    // B changes another field of the same card, and the title of another card.
    await selectCard(b, typed.id);
    await b.page.getByRole('complementary', { name: 'Card inspector' }).getByRole('textbox', { name: 'Notes' }).fill('Notes from B');
    await b.page.getByRole('complementary', { name: 'Card inspector' }).getByRole('textbox', { name: 'Notes' }).blur();
    await selectCard(b, selected.id);
    await setField(b.page, 'Title', 'Renamed by B');
    await expect.poll(async () => (await card(a, typed.id))?.notes, { timeout: 10_000 }).toBe('Notes from B');
    await expect.poll(async () => (await card(a, selected.id))?.title, { timeout: 10_000 }).toBe('Renamed by B');
    await a.page.waitForTimeout(200); // a frame or two: the re-projection ran

    // A is still typing, with what it typed, in focus.
    expect(await title.inputValue()).toBe('Half-typed by A');
    expect(await title.evaluate((el) => el === document.activeElement)).toBe(true);
    await title.press('Enter');
    for (const p of [a, b])
      await expect
        .poll(async () => card(p, typed.id), { timeout: 10_000 })
        .toMatchObject({ title: 'Half-typed by A', notes: 'Notes from B' });

    // A selects a card; B edits it; A's selection and inspector stay on it, showing B's edit.
    await selectCard(a, selected.id);
    await setField(b.page, 'Owner team', 'Sales engineering');
    await expect.poll(async () => (await card(a, selected.id))?.owner, { timeout: 10_000 }).toBe('Sales engineering');
    await a.page.waitForTimeout(200);
    expect(await selectedIds(a.page)).toEqual([`shape:c:${selected.id}`]);
    expect(
      await a.page
        .getByRole('complementary', { name: 'Card inspector' })
        .getByRole('textbox', { name: 'Owner team', exact: true })
        .inputValue(),
    ).toBe('Sales engineering');
  });

  it('a stage header dragged past its neighbour reorders the stages; dragging its right edge widens it', async () => {
    await goToStage('MQL');
    const stages = (await full(a.page)).stages;
    const i = stages.findIndex((s) => s.name === 'MQL');
    const [mql, next] = [stages[i]!, stages[i + 1]!];
    const layout = await layoutOf(a.page);
    const [from, past] = [layout.stages.find((s) => s.id === mql.id)!, layout.stages.find((s) => s.id === next.id)!];
    // The header's title area (the top of the column), dragged to the far half of the next stage.
    const start = await pageToScreen(a.page, { x: from.x + from.w / 2, y: from.y + 30 });
    const end = await pageToScreen(a.page, { x: past.x + past.w * 0.8, y: past.y + 30 });
    await drag(a.page, start, end);
    await expect.poll(async () => (await full(b.page)).stages.map((s) => s.id).indexOf(mql.id), { timeout: 10_000 }).toBe(i + 1);
    expect((await full(b.page)).stages.map((s) => s.id).indexOf(next.id)).toBe(i);

    // Select the header, then drag its right edge (tldraw's resize handle) 120 screen px right.
    const moved = (await layoutOf(a.page)).stages.find((s) => s.id === mql.id)!;
    const title = await pageToScreen(a.page, { x: moved.x + moved.w / 2, y: moved.y + 30 });
    await a.page.mouse.click(title.x, title.y);
    await waitUntil('the stage is selected', async () => (await selectedIds(a.page)).includes(`shape:s:${mql.id}`));
    const edge = await pageToScreen(a.page, { x: moved.x + moved.w, y: moved.y + 40 });
    const zoom = await a.page.evaluate(() =>
      (window as unknown as { journeyscroll: { editor: { getZoomLevel(): number } } }).journeyscroll.editor.getZoomLevel(),
    );
    await drag(a.page, edge, { x: edge.x + 120, y: edge.y });
    await expect
      .poll(async () => (await layoutOf(b.page)).stages.find((s) => s.id === mql.id)!.w, { timeout: 10_000 })
      .toBeGreaterThan(moved.w + 100 / zoom);
    expect((await full(b.page)).stages.find((s) => s.id === mql.id)!.width).toBeGreaterThan(moved.w + 100 / zoom);
  });

  it('a lane header dragged below its neighbour reorders the lanes', async () => {
    await a.page.getByRole('button', { name: 'Fit' }).click();
    await a.page.waitForTimeout(600); // the camera glides out
    const lanes = (await full(a.page)).lanes;
    const i = lanes.findIndex((l) => l.kind === 'data');
    const [data, next] = [lanes[i]!, lanes[i + 1]!];
    const layout = await layoutOf(a.page);
    const [from, past] = [layout.lanes.find((l) => l.id === data.id)!, layout.lanes.find((l) => l.id === next.id)!];
    const start = await pageToScreen(a.page, { x: from.x + from.w / 2, y: from.y + from.h / 2 });
    const end = await pageToScreen(a.page, { x: from.x + from.w / 2, y: past.y + past.h * 0.8 });
    await drag(a.page, start, end);
    await expect.poll(async () => (await full(b.page)).lanes.map((l) => l.id).indexOf(data.id), { timeout: 10_000 }).toBe(i + 1);
    expect((await full(b.page)).lanes.map((l) => l.id).indexOf(next.id)).toBe(i);
    // B draws the data lane's cards in its new band.
    const moved = (await layoutOf(b.page)).lanes.find((l) => l.id === data.id)!;
    expect(moved.y).toBeGreaterThan((await layoutOf(b.page)).lanes.find((l) => l.id === next.id)!.y);
  });

  it('a sticky note put on the scroll in A appears in B, and A’s undo takes it away from both', async () => {
    const notesIn = (p: BlueprintPage) =>
      p.page.evaluate(
        () =>
          (window as unknown as { journeyscroll: { editor: { getCurrentPageShapes(): Array<{ type: string }> } } }).journeyscroll.editor
            .getCurrentPageShapes()
            .filter((s) => s.type === 'note').length,
      );
    const before = await notesIn(b);
    // An empty spot of a cell in the SQL stage, clear of every card: where a facilitator parks a comment.
    const layout = await layoutOf(a.page);
    const sqlId = (await cardsIn(a, 'SQL', 'customer-actions')).stage.id;
    const clear = (pt: { x: number; y: number }) =>
      Object.values(layout.cards).every((c) => pt.x < c.x - 40 || pt.x > c.x + c.w + 40 || pt.y < c.y - 40 || pt.y > c.y + c.h + 40);
    const spot = layout.cells
      .filter((c) => c.stageId === sqlId)
      .flatMap((c) => [0.25, 0.5, 0.75].map((f) => ({ x: c.x + c.w * f, y: c.y + c.h - 45 })))
      .find(clear);
    if (!spot) throw new Error('no empty spot in the SQL stage');
    const at = await pageToScreen(a.page, spot);
    await a.page.getByRole('button', { name: 'Note — N' }).click();
    await a.page.mouse.click(at.x, at.y);
    // tldraw opens the new note's text editor; type once it has the focus.
    await waitUntil(
      'the note’s text editor has the focus',
      () => a.page.evaluate(() => !!document.activeElement?.closest('[data-shape-type="note"]')),
      5_000,
    );
    await a.page.keyboard.type('Ask legal about consent wording');
    await a.page.keyboard.press('Escape');
    await expect.poll(() => notesIn(b), { timeout: 10_000 }).toBe(before + 1);
    await expect
      .poll(() => b.page.locator('[data-shape-type="note"]').last().innerText(), { timeout: 10_000 })
      .toContain('Ask legal about consent wording');

    // One undo takes the note away — putting it down and typing in it were one gesture.
    await a.page.keyboard.press('Escape');
    await a.page.keyboard.press('Control+z');
    await expect.poll(() => notesIn(a), { timeout: 5_000 }).toBe(before);
    await expect.poll(() => notesIn(b), { timeout: 10_000 }).toBe(before);
    expect(await b.page.locator('[data-shape-type="note"]').count()).toBe(before);
  });

  it('an image up to the size limit reaches the other editor; a larger one is refused with a clear message and sync goes on', async () => {
    type Js = {
      journeyscroll: {
        editor: {
          putExternalContent(c: unknown): Promise<void>;
          getViewportPageBounds(): { x: number; y: number; w: number; h: number };
          getCurrentPageShapes(): Array<{ type: string }>;
        };
      };
    };
    const images = (p: BlueprintPage) =>
      p.page.evaluate(() => (window as unknown as Js).journeyscroll.editor.getCurrentPageShapes().filter((s) => s.type === 'image').length);
    /** Drops a PNG of random pixels (it does not compress: side² × 4 bytes or so) as a file dropped on the canvas would. */
    const drop = (side: number) =>
      a.page.evaluate(async (side) => {
        const canvas = new OffscreenCanvas(side, side);
        const context = canvas.getContext('2d')!;
        const pixels = context.createImageData(side, side);
        crypto.getRandomValues(new Uint8Array(pixels.data.buffer, 0, Math.min(pixels.data.length, 65536)));
        for (let i = 65536; i < pixels.data.length; i += 65536)
          pixels.data.set(
            pixels.data.subarray(0, Math.min(65536, pixels.data.length - i)).map((v, k) => (v * 31 + k + i) & 255),
            i,
          );
        context.putImageData(pixels, 0, 0);
        const file = new File([await canvas.convertToBlob({ type: 'image/png' })], `noise-${side}.png`, { type: 'image/png' });
        const editor = (window as unknown as Js).journeyscroll.editor;
        const v = editor.getViewportPageBounds();
        await editor.putExternalContent({ type: 'files', files: [file], point: { x: v.x + v.w / 2, y: v.y + v.h / 2 } });
        return file.size;
      }, side);
    const before = await images(b);

    const small = await drop(600);
    expect(small).toBeGreaterThan(1024 * 1024);
    await expect.poll(() => images(b), { timeout: 15_000 }).toBe(before + 1);

    const large = await drop(1500);
    expect(large).toBeGreaterThan(8 * 1024 * 1024);
    await a.page.getByText('File size is too big', { exact: true }).waitFor({ timeout: 10_000 });
    expect(await images(a)).toBe(before + 1);

    // Sync goes on: an edit made now reaches B, and the connection still says synced.
    const target = (await sqlCards(a))[0]!;
    await selectCard(a, target.id);
    await setField(a.page, 'Owner team', 'After the big image');
    await expect.poll(async () => (await card(b, target.id))?.owner, { timeout: 10_000 }).toBe('After the big image');
    await expectConnection(a.page, /Synced/);

    // A change over the server's message limit all the same (9 MiB, as a huge paste would be): the
    // server refuses it, this person is told why, B and the server keep their copy; once the change
    // is taken away, sync resumes.
    type Doc = { journeyscroll: { doc: { getMap(name: string): { set(k: string, v: string): void; delete(k: string): void } } } };
    await a.page.evaluate(() => (window as unknown as Doc).journeyscroll.doc.getMap('oversize').set('paste', 'x'.repeat(9 * 1024 * 1024)));
    await a.page
      .getByText(/The server refused a change larger than it accepts at once/)
      .first()
      .waitFor({ timeout: 10_000 });
    await a.page.evaluate(() => (window as unknown as Doc).journeyscroll.doc.getMap('oversize').delete('paste'));
    await setField(a.page, 'Owner team', 'After the huge paste');
    await expect.poll(async () => (await card(b, target.id))?.owner, { timeout: 15_000 }).toBe('After the huge paste');
    await expectConnection(a.page, /Synced/);
    expect(
      await b.page.evaluate(
        () =>
          (window as unknown as { journeyscroll: { doc: { getMap(n: string): { size: number } } } }).journeyscroll.doc.getMap('oversize')
            .size,
      ),
    ).toBe(0);
  });

  it('deleting a stage keeps its cards in the Unplaced tray; one dragged from the tray to a cell is placed again; undo brings all back', async () => {
    await goToStage('Quote');
    const before = (await full(a.page)).stages;
    const quote = before.find((s) => s.name === 'Quote')!;
    const orphans = (await full(a.page)).cards.filter((c) => c.stageId === quote.id).map((c) => c.id);
    expect(orphans.length).toBeGreaterThan(0);
    const header = (await layoutOf(a.page)).stages.find((s) => s.id === quote.id)!;
    const title = await pageToScreen(a.page, { x: header.x + header.w / 2, y: header.y + 30 });
    await a.page.mouse.click(title.x, title.y);
    const inspector = a.page.getByRole('complementary', { name: 'Stage inspector' });
    await inspector.getByRole('button', { name: 'Delete stage' }).click();

    await expect.poll(async () => (await full(b.page)).stages.some((s) => s.id === quote.id), { timeout: 10_000 }).toBe(false);
    // Every card of the stage is still there, drawn in the tray (in no cell) in both windows.
    for (const p of [a, b]) {
      await expect
        .poll(
          async () => {
            const layout = await layoutOf(p.page);
            const inCells = new Set(layout.cells.flatMap((c) => c.cardIds));
            return orphans.every((id) => layout.cards[id] && !inCells.has(id));
          },
          { timeout: 10_000 },
        )
        .toBe(true);
      await expect.poll(() => p.page.locator('[data-shape-id="shape:tray"]').innerText()).toContain(`Unplaced — ${orphans.length} card`);
    }

    // Drag one from the tray into the SQL stage's touchpoints cell.
    await a.page.getByRole('button', { name: 'Fit' }).click();
    await a.page.waitForTimeout(600);
    const layout = await layoutOf(a.page);
    const model = await a.model();
    const sql = model.stages.find((s) => s.name === 'SQL')!;
    const touchpoints = model.lanes.find((l) => l.kind === 'touchpoints')!;
    const cell = layout.cells.find((c) => c.stageId === sql.id && c.laneId === touchpoints.id)!;
    const box = layout.cards[orphans[0]!]!;
    const from = await pageToScreen(a.page, { x: box.x + box.w / 2, y: box.y + box.h / 2 });
    const to = await pageToScreen(a.page, { x: cell.x + cell.w / 2, y: cell.y + cell.h - 20 });
    await drag(a.page, from, to);
    await expect.poll(async () => card(b, orphans[0]!), { timeout: 10_000 }).toMatchObject({ stageId: sql.id, laneId: touchpoints.id });
    await expect
      .poll(async () =>
        (await layoutOf(b.page)).cells.find((c) => c.stageId === sql.id && c.laneId === touchpoints.id)?.cardIds.includes(orphans[0]!),
      )
      .toBe(true);

    // Two undos: the drag, then the deletion — the stage is back, every card in its own cell again.
    await a.page.keyboard.press('Control+z');
    await expect.poll(async () => (await card(b, orphans[0]!))?.stageId, { timeout: 10_000 }).toBe(quote.id);
    await a.page.keyboard.press('Control+z');
    await expect.poll(async () => (await full(b.page)).stages.some((s) => s.id === quote.id), { timeout: 10_000 }).toBe(true);
    await expect
      .poll(
        async () => {
          const cells = (await layoutOf(b.page)).cells.filter((c) => c.stageId === quote.id);
          const placed = new Set(cells.flatMap((c) => c.cardIds));
          return orphans.every((id) => placed.has(id));
        },
        { timeout: 10_000 },
      )
      .toBe(true);
    expect(await b.page.locator('[data-shape-id="shape:tray"]').count()).toBe(0);
  });

  it('a huge paste into a title gets a clear error and changes nothing', async () => {
    await goToStage('SQL');
    const target = (await sqlCards(a))[0]!;
    const before = (await card(a, target.id))!;
    const at = await cardCentre(a, target.id);
    await a.page.mouse.dblclick(at.x, at.y);
    const title = a.page.getByRole('textbox', { name: 'Card title' });
    await title.fill('x'.repeat(50_000));
    await title.press('Enter');
    const alert = a.page.getByRole('alert');
    await alert.waitFor({ timeout: 5_000 });
    expect(await alert.innerText()).toContain('title is too long (50,000 characters; at most 500)');
    await b.page.waitForTimeout(500);
    for (const p of [a, b]) expect((await card(p, target.id))?.title).toBe(before.title);
  });

  it('notes typed in the inspector are kept when the next click selects another card', async () => {
    await goToStage('SQL');
    const cards = await sqlCards(a);
    const [first, second] = [cards[1]!, cards[2]!];
    const secondBefore = (await card(a, second.id))!;
    await selectCard(a, first.id);
    const notes = a.page.getByRole('complementary', { name: 'Card inspector' }).getByRole('textbox', { name: 'Notes' });
    await notes.fill('Typed, then straight on to the next card');
    const at = await cardCentre(a, second.id);
    await a.page.mouse.click(at.x, at.y);
    for (const p of [a, b])
      await expect.poll(async () => (await card(p, first.id))?.notes, { timeout: 10_000 }).toBe('Typed, then straight on to the next card');
    expect((await card(a, second.id))?.notes).toBe(secondBefore.notes);
    expect(await selectedIds(a.page)).toEqual([`shape:c:${second.id}`]);
  });

  it('a title typed in place is kept when the next click lands on another card, and Escape takes it back', async () => {
    await goToStage('SQL');
    const cards = await sqlCards(a);
    const [first, second] = [cards[4]!, cards[2]!];
    const title = a.page.getByRole('textbox', { name: 'Card title' });
    const original = (await card(a, first.id))!.title;

    let at = await cardCentre(a, first.id);
    await a.page.mouse.dblclick(at.x, at.y);
    await title.fill('Typed, then thought better of');
    await title.press('Escape');
    await a.page.waitForTimeout(300);
    expect((await card(a, first.id))?.title).toBe(original);

    at = await cardCentre(a, first.id);
    await a.page.mouse.dblclick(at.x, at.y);
    await title.fill('Typed, then on to the next card');
    const next = await cardCentre(a, second.id);
    await a.page.mouse.click(next.x, next.y);
    for (const p of [a, b])
      await expect.poll(async () => (await card(p, first.id))?.title, { timeout: 10_000 }).toBe('Typed, then on to the next card');
    expect(await title.count()).toBe(0);
  });

  it('a click on a flow selects it; its inspector sets a condition that B sees; Delete removes it', async () => {
    await goToStage('MQL');
    type Flows = {
      journeyscroll: {
        bridge: { layout(): { flows: Array<{ id: string; start: { x: number; y: number }; end: { x: number; y: number } }> } };
      };
    };
    const layout = await layoutOf(a.page);
    const flows = await a.page.evaluate(() =>
      (window as unknown as Flows).journeyscroll.bridge.layout().flows.map((f) => ({ id: f.id, start: f.start, end: f.end })),
    );
    const view = await a.page.evaluate(() => {
      const v = (
        window as unknown as { journeyscroll: { editor: { getViewportPageBounds(): { x: number; y: number; w: number; h: number } } } }
      ).journeyscroll.editor.getViewportPageBounds();
      return { x: v.x, y: v.y, w: v.w, h: v.h };
    });
    const clearOfCards = (p: { x: number; y: number }) =>
      Object.values(layout.cards).every((c) => p.x < c.x - 12 || p.x > c.x + c.w + 12 || p.y < c.y - 12 || p.y > c.y + c.h + 12);
    const inView = (p: { x: number; y: number }) =>
      p.x > view.x + 40 && p.x < view.x + view.w - 40 && p.y > view.y + 120 && p.y < view.y + view.h - 120;
    // A vertical flow (its curve is a straight line there), clicked half-way where no card covers it.
    const pick = flows
      .filter((f) => Math.abs(f.start.x - f.end.x) < 0.5 && Math.abs(f.start.y - f.end.y) > 60)
      .map((f) => ({ id: f.id, at: { x: f.start.x, y: (f.start.y + f.end.y) / 2 } }))
      .find((f) => clearOfCards(f.at) && inView(f.at));
    if (!pick) throw new Error('no vertical flow clear of cards in view');
    const at = await pageToScreen(a.page, pick.at);
    await a.page.mouse.click(at.x, at.y);
    const inspector = a.page.getByRole('complementary', { name: 'Flow inspector' });
    await inspector.waitFor({ timeout: 5_000 });
    const condition = inspector.getByRole('textbox', { name: 'Condition', exact: true });
    await condition.fill('score >= 50');
    await condition.press('Enter');
    const flowIn = (p: BlueprintPage) =>
      p.page.evaluate(
        (id) =>
          (window as unknown as { journeyscroll: { readBlueprint(): { flows: Array<{ id: string; condition?: string }> } } }).journeyscroll
            .readBlueprint()
            .flows.find((f) => f.id === id),
        pick.id,
      );
    await expect.poll(async () => (await flowIn(b))?.condition, { timeout: 10_000 }).toBe('score >= 50');

    // Enter left the field: Delete now goes to the picked flow.
    expect(await condition.evaluate((el) => el === document.activeElement)).toBe(false);
    await a.page.keyboard.press('Delete');
    await expect.poll(async () => (await flowIn(b)) === undefined, { timeout: 10_000 }).toBe(true);
    await expect.poll(() => b.page.locator(`[data-flow-id="${pick.id}"]`).count()).toBe(0);
  });

  it('a stage is renamed by double-clicking its header, and its entry criterion and goal set in the stage inspector; B has all three', async () => {
    await goToStage('Opportunity');
    const stage = (await full(a.page)).stages.find((s) => s.name === 'Opportunity')!;
    const header = (await layoutOf(a.page)).stages.find((s) => s.id === stage.id)!;
    const at = await pageToScreen(a.page, { x: header.x + header.w / 2, y: header.y + 30 });
    await a.page.mouse.dblclick(at.x, at.y);
    const name = a.page.getByRole('textbox', { name: 'Rename stage' });
    await name.waitFor();
    await name.fill('Opportunity (qualified)');
    await name.press('Enter');
    await b.page.getByRole('button', { name: 'Go to stage Opportunity (qualified)' }).waitFor({ timeout: 10_000 });

    await a.page.mouse.click(at.x, at.y);
    const inspector = a.page.getByRole('complementary', { name: 'Stage inspector' });
    const entry = inspector.getByRole('textbox', { name: 'Entry criterion' });
    await entry.fill('Demo done and the economic buyer has seen pricing');
    const goal = inspector.getByRole('textbox', { name: 'Customer goal' });
    await goal.fill('Know the product fits before the buying committee meets'); // leaving Entry criterion saves it
    await goal.blur();
    // The header shows the entry criterion; the goal is in the model (and in unroll mode's title strip).
    await expect
      .poll(() => b.page.locator(`[data-shape-id="shape:s:${stage.id}"]`).innerText(), { timeout: 10_000 })
      .toContain('Demo done and the economic buyer has seen pricing');
    const goalInB = () =>
      b.page.evaluate(
        (id) =>
          (
            window as unknown as { journeyscroll: { readBlueprint(): { stages: Array<{ id: string; customerGoal?: string }> } } }
          ).journeyscroll
            .readBlueprint()
            .stages.find((s) => s.id === id)?.customerGoal,
        stage.id,
      );
    await expect.poll(goalInB, { timeout: 10_000 }).toBe('Know the product fits before the buying committee meets');
  });

  it('the people menu lists the other editor; following them moves this view with theirs until this person pans', async () => {
    type Js = {
      journeyscroll: {
        editor: {
          getViewportPageBounds(): { x: number; y: number; w: number; h: number };
          getInstanceState(): { followingUserId: string | null };
        };
      };
    };
    // B says who they are (Settings), as a workshop participant would.
    const bName = 'Bea from CX';
    await b.page.getByRole('button', { name: 'Settings', exact: true }).click();
    await b.page.getByRole('textbox', { name: 'Your name' }).fill(bName);
    await b.page.getByRole('button', { name: 'Save' }).click();
    // tldraw's people menu button: its name is the avatars' initials once people have names, so by its title.
    await a.page.getByTitle('People', { exact: true }).click();
    const item = a.page.locator('.tlui-people-menu__item').filter({ hasText: bName });
    await item.waitFor();
    await item.locator('.tlui-people-menu__item__follow').click();
    await a.page.keyboard.press('Escape'); // close the menu; following goes on

    // The centre of each one's view (a Box's getters do not cross page.evaluate: plain numbers do).
    const centre = (p: BlueprintPage) =>
      p.page.evaluate(() => {
        const v = (window as unknown as Js).journeyscroll.editor.getViewportPageBounds();
        return { x: v.x + v.w / 2, y: v.y + v.h / 2, w: v.w };
      });
    const together = async () => {
      const [va, vb] = await Promise.all([centre(a), centre(b)]);
      return Math.abs(va.x - vb.x) < vb.w * 0.05 && Math.abs(va.y - vb.y) < vb.w * 0.05;
    };
    await b.page.getByRole('button', { name: 'Go to stage Renewal' }).click();
    await expect.poll(together, { timeout: 10_000 }).toBe(true);
    await b.page.getByRole('button', { name: 'Go to stage Lead' }).click();
    await expect.poll(together, { timeout: 10_000 }).toBe(true);

    // A scrolls the canvas: no longer following.
    const canvas = (await a.page.locator('.tl-canvas').boundingBox())!;
    await a.page.mouse.move(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2);
    await a.page.mouse.wheel(0, 400);
    await expect
      .poll(() => a.page.evaluate(() => (window as unknown as Js).journeyscroll.editor.getInstanceState().followingUserId), {
        timeout: 5_000,
      })
      .toBeNull();
    await b.page.getByRole('button', { name: 'Go to stage Renewal' }).click();
    await b.page.waitForTimeout(800);
    expect(await together()).toBe(false);
  });
});
