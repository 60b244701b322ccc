import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readComments } from '../../shared/comments/index.ts';
import { importJourneyFile } from '../../electron/ipc/handlers.ts';
import { openLibrary } from '../../electron/ipc/library.ts';
import { signToken } from '../../sync-server/auth/token.ts';
import {
  byOrder,
  cardCentre,
  expectConnection,
  guardedContext,
  openBlueprint,
  selectCard,
  waitUntil,
  type BlueprintPage,
} from './support/browser.ts';
import { serverAndBrowser } from './support/fixture.ts';

/**
 * Issue 12, comments: two browsers on a real `journeyscroll serve` with a secret — Ana, a named
 * editor, and Bo, a commenter (a view-with-comment link). Threads with replies, @mentions and
 * resolve / reopen travel both ways; a comment written offline is merged on reconnect; the
 * commenter comments but cannot edit; the comments survive saving the .journey file and opening it
 * (the desktop's File › Open import).
 */
const SECRET = 'e2e-comments-secret-0123456789';
const ROOM = 'e2e-comments';
const env = serverAndBrowser({ secret: SECRET });
const outside: string[][] = [];
let ana: BlueprintPage;
let bo: BlueprintPage;
let card: { id: string; title: string };

const panel = (page: Page) => page.getByRole('complementary', { name: 'Comments' });
const thread = (page: Page) => panel(page).getByRole('article', { name: new RegExp(`^Thread on card '${card.title}'`) });
const badge = (page: Page) => page.getByRole('button', { name: new RegExp(`^\\d+ comments? on card '${card.title}'`) });

beforeAll(async () => {
  const anaToken = await signToken({ room: ROOM, role: 'editor', name: 'Ana Pop', ttlMs: 3_600_000 }, SECRET);
  const boToken = await signToken({ room: ROOM, role: 'commenter', name: 'Bo Li', ttlMs: 3_600_000 }, SECRET);
  const [ca, cb] = await Promise.all([0, 1].map(() => guardedContext(env.browser, env.server.origin)));
  outside.push(ca!.outside, cb!.outside);
  ana = await openBlueprint(ca!.context, `${env.server.origin}/b/${ROOM}?token=${anaToken}&template=b2b-lead-to-renewal`);
  await expectConnection(ana.page, /Synced/);
  bo = await openBlueprint(cb!.context, `${env.server.origin}/b/${ROOM}?token=${boToken}`);
  // A card of the first stage: it stays in view when the comments panel narrows the canvas.
  const model = await ana.model();
  const first = byOrder(model.stages)[0]!;
  card = model.cards.find((c) => c.title && c.stageId === first.id)!;
  await waitUntil('Bo has the card', async () => (await bo.model()).cards.some((c) => c.id === card.id));
}, 120_000);

afterAll(() => expect(outside.flat()).toEqual([]));

describe('comments in two browsers', () => {
  it('a thread with a mention, a reply, resolve and reopen travel both ways', async () => {
    await selectCard(ana, card.id);
    await ana.page.getByRole('button', { name: 'Comment on card' }).click();
    const box = panel(ana.page).getByRole('combobox', { name: `New comment on card '${card.title}'` });
    await box.pressSequentially('Is this final, @Bo');
    // Bo is in the room: the mention list offers him; Enter takes the name.
    await expect.poll(() => ana.page.getByRole('option', { name: 'Bo Li' }).count(), { timeout: 10_000 }).toBe(1);
    await box.press('Enter');
    await box.press('Control+Enter');

    // Bo: the card's badge counts it and is marked unread; it opens the thread about the card.
    await expect
      .poll(() => badge(bo.page).getAttribute('aria-label'), { timeout: 10_000 })
      .toBe(`1 comment on card '${card.title}', unread`);
    await badge(bo.page).click();
    await expect.poll(() => thread(bo.page).innerText()).toContain('Is this final, @Bo Li');
    await panel(bo.page).getByRole('radio', { name: 'Mentioning me' }).check();
    await expect.poll(() => thread(bo.page).count()).toBe(1);
    await bo.page.getByRole('button', { name: /^Comments, 1 unread/ }).waitFor();
    await thread(bo.page)
      .getByRole('button', { name: `Show card '${card.title}'` })
      .click();
    await expect.poll(() => bo.page.getByRole('button', { name: /^Comments, \d+ unread/ }).count()).toBe(0);
    const reply = thread(bo.page).getByRole('combobox', { name: `Reply to Ana Pop on card '${card.title}'` });
    await reply.fill('Not yet — legal is reading it');
    await thread(bo.page).getByRole('button', { name: 'Reply', exact: true }).click();

    // Ana: the reply arrives, her badge counts two; she resolves the thread.
    await expect
      .poll(() => badge(ana.page).getAttribute('aria-label'), { timeout: 10_000 })
      .toBe(`2 comments on card '${card.title}', unread`);
    await expect.poll(() => thread(ana.page).innerText()).toContain('Not yet — legal is reading it');
    // Only her own comment has Edit and Delete.
    expect(await thread(ana.page).getByRole('button', { name: 'Edit comment' }).count()).toBe(1);
    await thread(ana.page).getByRole('button', { name: 'Resolve thread' }).click();
    await expect.poll(() => badge(ana.page).count()).toBe(0);

    // Bo sees it resolved (and no badge), and reopens it; Ana sees it open again.
    await expect.poll(() => badge(bo.page).count(), { timeout: 10_000 }).toBe(0);
    await panel(bo.page).getByRole('radio', { name: 'Resolved' }).check();
    await expect.poll(() => thread(bo.page).innerText()).toContain('Resolved by Ana Pop');
    await thread(bo.page).getByRole('button', { name: 'Reopen thread' }).click();
    await expect.poll(() => thread(ana.page).getByRole('button', { name: 'Resolve thread' }).count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => badge(ana.page).getAttribute('aria-label')).toMatch(/^2 comments/);
  });

  it('"Comment" is in the canvas context menu, and Ctrl+Alt+M comments on the selection', async () => {
    const composer = panel(ana.page).getByRole('combobox', { name: `New comment on card '${card.title}'` });
    const at = await cardCentre(ana, card.id);
    await ana.page.mouse.click(at.x, at.y, { button: 'right' });
    await ana.page.getByRole('menuitem', { name: 'Comment' }).click();
    await expect.poll(() => composer.isVisible()).toBe(true);
    await composer.press('Escape');
    await expect.poll(() => composer.count()).toBe(0);
    await selectCard(ana, card.id);
    await ana.page.keyboard.press('Control+Alt+M');
    await expect.poll(() => composer.isVisible()).toBe(true);
    await composer.press('Escape');
  });

  it('a reply written offline is merged on reconnect, beside one written online meanwhile', async () => {
    await panel(bo.page).getByRole('radio', { name: 'Open' }).check();
    await env.server.stop();
    await expectConnection(bo.page, /Offline/);
    const reply = thread(bo.page).getByRole('combobox', { name: /^Reply to Ana Pop/ });
    await reply.fill('Written on a train');
    await thread(bo.page).getByRole('button', { name: 'Reply', exact: true }).click();
    await expect.poll(() => thread(bo.page).innerText()).toContain('Written on a train');
    await env.server.start();
    await expectConnection(bo.page, /Synced/);
    await expectConnection(ana.page, /Synced/);
    await thread(ana.page)
      .getByRole('combobox', { name: /^Reply to Ana Pop/ })
      .fill('Back online');
    await thread(ana.page).getByRole('button', { name: 'Reply', exact: true }).click();
    for (const p of [ana, bo]) {
      await expect
        .poll(() => thread(p.page).innerText(), { timeout: 15_000 })
        .toMatch(/Written on a train[\s\S]*Back online|Back online[\s\S]*Written on a train/);
    }
  });

  it('the comments survive saving the .journey file and opening it', async () => {
    const [download] = await Promise.all([
      ana.page.waitForEvent('download'),
      ana.page.getByRole('button', { name: 'Download .journey' }).click(),
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'journeyscroll-e2e-comments-'));
    const file = join(dir, 'saved.journey');
    await download.saveAs(file);
    // Opened as the desktop's File › Open does: imported into a library, then read back.
    const library = openLibrary(join(dir, 'library.sqlite'));
    try {
      const entry = await importJourneyFile(library, file);
      const doc = library.readDoc(entry.id);
      const [opened] = readComments(doc).threads;
      doc.destroy();
      expect(opened).toMatchObject({ target: { kind: 'card', id: card.id }, resolved: false, mentions: ['Bo Li'] });
      expect(opened!.root).toMatchObject({ author: 'Ana Pop', body: 'Is this final, @Bo Li' });
      expect(opened!.replies.map((r) => r.author)).toEqual(['Bo Li', 'Bo Li', 'Ana Pop']);
    } finally {
      library.close();
    }
  });

  // Last: the commenter's own copy keeps the refused title (taking it back is the roles UI's work).
  it('the commenter comments but cannot edit: the inspector is read-only, and a forced edit never reaches Ana', async () => {
    await selectCard(bo, card.id);
    const inspector = bo.page.getByRole('complementary', { name: 'Card inspector' });
    expect(await inspector.getByRole('textbox', { name: 'Title', exact: true }).isDisabled()).toBe(true);
    expect(await inspector.getByRole('button', { name: 'Comment on card' }).isEnabled()).toBe(true);
    await bo.page.evaluate((id) => {
      const js = (
        window as unknown as { journeyscroll: { doc: { getMap(n: string): { get(k: string): { set(f: string, v: unknown): void } } } } }
      ).journeyscroll;
      js.doc.getMap('cards').get(id).set('title', 'FORCED by the commenter');
    }, card.id);
    await expect
      .poll(() => bo.page.getByRole('status', { name: 'Connection' }).innerText(), { timeout: 10_000 })
      .toMatch(/Commenters can only add comments/);
    await bo.page.waitForTimeout(500);
    expect((await ana.model()).cards.find((c) => c.id === card.id)!.title).toBe(card.title);
  });
});
