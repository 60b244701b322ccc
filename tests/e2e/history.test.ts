import { describe, expect, it } from 'vitest';
import { signToken } from '../../sync-server/auth/token.ts';
import { expectConnection, guardedContext, openBlueprint, selectCard, selectedIds, setField, waitUntil } from './support/browser.ts';
import { serverAndBrowser } from './support/fixture.ts';

/**
 * Issue 13: the history panel. Three named people in two browsers edit one room through a server
 * with a secret; the panel shows each person's change under their name, filters by person, and
 * choosing an entry selects the card it changed.
 */
const SECRET = 'e2e-history-secret-0123456789abcdef';
const ROOM = 'e2e-history';
const env = serverAndBrowser({ secret: SECRET });

describe('history panel', () => {
  it("attributes each person's change to them; filters by person; an entry selects its card", { timeout: 120_000 }, async () => {
    const token = (role: 'approver' | 'editor', name: string) => signToken({ room: ROOM, role, name, ttlMs: 3_600_000 }, SECRET);
    const ca = await guardedContext(env.browser, env.server.origin);
    const cb = await guardedContext(env.browser, env.server.origin);
    const ana = await openBlueprint(
      ca.context,
      `${env.server.origin}/b/${ROOM}?token=${await token('approver', 'Ana Ops')}&template=b2b-lead-to-renewal`,
    );
    await expectConnection(ana.page, /Synced/);
    const maria = await openBlueprint(cb.context, `${env.server.origin}/b/${ROOM}?token=${await token('editor', 'Maria Ionescu')}`);
    const tom = await openBlueprint(ca.context, `${env.server.origin}/b/${ROOM}?token=${await token('editor', 'Tom Baker')}`);
    const cards = (await ana.model()).cards.filter((c) => c.title).slice(0, 2);
    const [mariaCard, tomCard] = cards as [(typeof cards)[0], (typeof cards)[0]];
    for (const p of [maria, tom])
      await waitUntil('the blueprint arrived', async () => (await p.model()).cards.some((c) => c.id === tomCard.id));
    await selectCard(maria, mariaCard.id);
    await setField(maria.page, 'Title', 'Edited by Maria');
    await waitUntil(
      "Maria's edit at Ana",
      async () => (await ana.model()).cards.find((c) => c.id === mariaCard.id)?.title === 'Edited by Maria',
    );
    // A moment between the two edits, clear of both by more than the slider's one-second step.
    await ana.page.waitForTimeout(700);
    const between = Date.now();
    await ana.page.waitForTimeout(1_300);
    await selectCard(tom, tomCard.id);
    await setField(tom.page, 'Title', 'Edited by Tom');
    await waitUntil('both edits at Ana', async () => {
      const m = await ana.model();
      return (
        m.cards.find((c) => c.id === mariaCard.id)?.title === 'Edited by Maria' &&
        m.cards.find((c) => c.id === tomCard.id)?.title === 'Edited by Tom'
      );
    });

    await ana.page.getByRole('button', { name: 'History of changes' }).click();
    const list = ana.page.getByRole('list', { name: 'Changes' });
    await expect.poll(() => list.getByRole('button', { name: /^Maria Ionescu, .*: 1 card in / }).count(), { timeout: 15_000 }).toBe(1);
    expect(await list.getByRole('button', { name: /^Tom Baker, .*: 1 card in / }).count()).toBe(1);
    expect(await list.getByRole('button', { name: /^Ana Ops, / }).count()).toBeGreaterThan(0);

    await ana.page.getByRole('combobox', { name: 'Filter by person' }).selectOption('Tom Baker');
    await expect.poll(() => list.getByRole('button').count()).toBe(1);
    await list.getByRole('button', { name: /^Tom Baker/ }).click();
    await expect.poll(() => selectedIds(ana.page)).toEqual([`shape:c:${tomCard.id}`]);

    // Time travel: the blueprint between the two edits has Maria's title and not Tom's; saved as a version.
    await ana.page.getByRole('combobox', { name: 'Filter by person' }).selectOption('');
    await ana.page.getByRole('slider', { name: 'Moment' }).fill(String(between));
    await ana.page.getByRole('button', { name: 'Show the blueprint at this moment' }).click();
    const viewer = ana.page.getByRole('region', { name: /^Version As of .*, read-only$/ });
    await expect.poll(() => viewer.count(), { timeout: 15_000 }).toBe(1);
    const svg = (await viewer.getByRole('img', { name: /^The scroll as it was/ }).textContent()) ?? '';
    expect(svg).toContain('Edited by Maria');
    expect(svg).not.toContain('Edited by Tom');
    await viewer.getByRole('button', { name: 'Save this moment as a version' }).click();
    await expect.poll(() => viewer.count()).toBe(0);
    const saved = await ana.page.evaluate(() => {
      const doc = (window as unknown as { journeyscroll: { doc: { getMap(k: string): Map<string, { get(k: string): unknown }> } } })
        .journeyscroll.doc;
      return [...doc.getMap('versions').values()].map((v) => String(v.get('name')));
    });
    expect(saved).toEqual([expect.stringMatching(/^As of /)]);
    expect([...ca.outside, ...cb.outside]).toEqual([]);
    await ca.context.close();
    await cb.context.close();
  });
});
