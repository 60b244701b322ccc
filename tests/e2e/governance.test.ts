import { beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../sync-server/auth/token.ts';
import type * as Y from 'yjs';
import {
  cardCentre,
  drag,
  expectConnection,
  guardedContext,
  openBlueprint,
  selectCard,
  waitUntil,
  type BlueprintPage,
} from './support/browser.ts';
import { serverAndBrowser } from './support/fixture.ts';

/**
 * Issue 12, "done when": two browsers on one blueprint through a real `journeyscroll serve` with a
 * secret — the journey-operations approver (A) and Maria, an editor of the Data team (B). A change
 * to a lane the Data team does not own is not offered in B's UI; forced straight into B's Y.Doc it
 * is refused by the server, taken back in B with the reason in words, and A never sees it, while
 * B's allowed change made just before it arrives.
 */
const SECRET = 'e2e-governance-secret-0123456789';
const ROOM = 'e2e-governance';
const env = serverAndBrowser({ secret: SECRET });
let a: BlueprintPage;
let b: BlueprintPage;
let ids: { dataLane: string; emailLane: string; dataCard: string; emailCard: string; emailTitle: string; emailOwner: string };

type Js = { journeyscroll: { doc: Y.Doc } };

beforeAll(async () => {
  const approver = await signToken({ room: ROOM, role: 'approver', name: 'Ops', ttlMs: 3_600_000 }, SECRET);
  const maria = await signToken({ room: ROOM, role: 'editor', team: 'Data', name: 'Maria Ionescu', ttlMs: 3_600_000 }, SECRET);
  const [ca, cb] = await Promise.all([0, 1].map(() => guardedContext(env.browser, env.server.origin)));
  a = await openBlueprint(ca!.context, `${env.server.origin}/b/${ROOM}?token=${approver}&template=b2b-lead-to-renewal`);
  await expectConnection(a.page, /Synced/);
  const model = await a.model();
  const dataLane = model.lanes.find((l) => l.kind === 'data')!.id;
  const emailLane = model.lanes.find((l) => l.kind === 'touchpoints')!.id;
  // The journey-operations team gives the lanes to their teams.
  await a.page.evaluate(
    ({ dataLane, emailLane }) => {
      const lanes = (window as unknown as Js).journeyscroll.doc.getMap('lanes');
      (lanes.get(dataLane) as Y.Map<unknown>).set('owner', 'Data');
      (lanes.get(emailLane) as Y.Map<unknown>).set('owner', 'Email');
    },
    { dataLane, emailLane },
  );
  const dataCard = model.cards.find((c) => c.laneId === dataLane && c.owner !== 'Data')!;
  const emailCard = model.cards.find((c) => c.laneId === emailLane && c.owner !== 'Data')!;
  ids = { dataLane, emailLane, dataCard: dataCard.id, emailCard: emailCard.id, emailTitle: emailCard.title, emailOwner: emailCard.owner };
  b = await openBlueprint(cb!.context, `${env.server.origin}/b/${ROOM}?token=${maria}`);
  await expectConnection(b.page, /Synced/);
  await waitUntil('B has the lane owners', async () => (await b.model()).cards.length === model.cards.length);
}, 120_000);

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const card = (p: BlueprintPage, id: string) => p.page.locator(`[data-shape-id="shape:c:${id}"] .js-card`);

describe('a team editor on a foreign lane', () => {
  it('sees its cards locked with their owner, and is offered no change there', async () => {
    await expect
      .poll(() => card(b, ids.emailCard).getAttribute('data-locked'), { timeout: 10_000 })
      .toBe(
        // Who owns the card itself; else its lane's team.
        `Owned by the ${ids.emailOwner || 'Email'} team`,
      );
    expect(await card(b, ids.dataCard).getAttribute('data-locked')).toBeNull();
    await expect.poll(() => b.page.getByText('Locked · Owned by the Email team').count()).toBeGreaterThan(0);
    // No "add card" in the Email lane's cells; there is in the Data lane's.
    const lanes = (await b.model()).lanes;
    const addIn = (id: string) =>
      b.page.getByRole('button', { name: new RegExp(`^Add card to .*, ${escape(lanes.find((l) => l.id === id)!.name)}$`) }).count();
    expect(await addIn(ids.emailLane)).toBe(0);
    expect(await addIn(ids.dataLane)).toBeGreaterThan(0);
    // The inspector is read-only there and says who owns it.
    await selectCard(b, ids.emailCard);
    const inspector = b.page.getByRole('complementary', { name: 'Card inspector' });
    await expect.poll(() => inspector.getByRole('note', { name: 'Locked' }).innerText()).toMatch(/The Email team owns/);
    expect(await inspector.getByRole('textbox', { name: 'Title', exact: true }).isDisabled()).toBe(true);
    expect(await inspector.getByRole('button', { name: 'Delete card' }).count()).toBe(0);
    // Dragging it onto the Data lane moves nothing.
    const before = (await b.model()).cards.find((c) => c.id === ids.emailCard)!;
    const from = await cardCentre(b, ids.emailCard);
    const to = await cardCentre(b, ids.dataCard);
    await drag(b.page, from, { x: to.x + 40, y: to.y + 20 });
    await b.page.waitForTimeout(300);
    expect((await b.model()).cards.find((c) => c.id === ids.emailCard)).toMatchObject({ laneId: before.laneId, stageId: before.stageId });
    // The status menu: a team editor may set no status; an approver all of them.
    expect(await b.page.getByRole('combobox', { name: 'Blueprint status' }).isDisabled()).toBe(true);
    expect(await a.page.getByRole('option', { name: /Approved — approvers only/ }).isDisabled()).toBe(false);
  });

  it('a forced change is refused by the server, taken back with the reason, and never reaches A', async () => {
    // An allowed change, then a forced rename and a forced deletion of the foreign card, written
    // straight into B's document as separate transactions.
    await b.page.evaluate(({ dataCard, emailCard }) => {
      const doc = (window as unknown as Js).journeyscroll.doc;
      const cards = doc.getMap('cards');
      (cards.get(dataCard) as Y.Map<unknown>).set('notes', 'weights agreed with sales');
      (cards.get(emailCard) as Y.Map<unknown>).set('title', 'FORCED title');
      doc.transact(() => cards.delete(emailCard));
    }, ids);
    // B says so in words…
    const reason = `The Email team owns '${(await a.model()).lanes.find((l) => l.id === ids.emailLane)!.name}': your change to '${ids.emailTitle}' was not saved`;
    await expectConnection(b.page, new RegExp(escape(reason)));
    // …and has the card back as the server has it (Yjs cannot un-delete: the document was rebuilt).
    await waitUntil(
      'B has the foreign card back',
      async () => (await b.model()).cards.find((c) => c.id === ids.emailCard)?.title === ids.emailTitle,
    );
    await expect.poll(() => card(b, ids.emailCard).count(), { timeout: 10_000 }).toBe(1);
    // B's allowed change is kept in B and reaches A; A never saw the forced ones.
    expect((await b.model()).cards.find((c) => c.id === ids.dataCard)?.notes).toBe('weights agreed with sales');
    await waitUntil(
      'A has the allowed change',
      async () => (await a.model()).cards.find((c) => c.id === ids.dataCard)?.notes === 'weights agreed with sales',
    );
    expect((await a.model()).cards.find((c) => c.id === ids.emailCard)?.title).toBe(ids.emailTitle);
    // B still edits after the take-back, and A sees it.
    await b.page.evaluate(({ dataCard }) => {
      const cards = (window as unknown as Js).journeyscroll.doc.getMap('cards');
      (cards.get(dataCard) as Y.Map<unknown>).set('title', 'Lead score after the take-back');
    }, ids);
    await waitUntil(
      "A has B's next edit",
      async () => (await a.model()).cards.find((c) => c.id === ids.dataCard)?.title === 'Lead score after the take-back',
    );
    expect(JSON.stringify(await a.model())).not.toMatch(/FORCED/);
    // The offline copy was rewritten without the refused changes: reloaded, B does not send them
    // again (the server would refuse them again, and B would say so).
    await b.page.reload();
    await b.page.waitForSelector('.js-card', { timeout: 30_000 });
    await expectConnection(b.page, /Synced/);
    await b.page.waitForTimeout(1000);
    expect(await b.page.getByRole('status', { name: 'Connection' }).innerText()).not.toMatch(/was not saved/);
    expect((await b.model()).cards.find((c) => c.id === ids.emailCard)?.title).toBe(ids.emailTitle);
  });
});
