import { describe, expect, it } from 'vitest';
import {
  expectConnection,
  guardedContext,
  openBlueprint,
  selectCard,
  selectedIds,
  setField,
  waitUntil,
  type BlueprintPage,
} from './support/browser.ts';
import { serverAndBrowser } from './support/fixture.ts';

/**
 * Issue 13: versions and approval in two browsers through a real server — save, list, compare
 * (each change selects what it is about), view read-only, approve (the badge counts the changes
 * since), restore after a safety copy — and everything still there after the server restarts.
 */
const env = serverAndBrowser();

const versionNames = (p: BlueprintPage) =>
  p.page.evaluate(() => {
    const doc = (window as unknown as { journeyscroll: { doc: { getMap(k: string): Map<string, { get(k: string): unknown }> } } })
      .journeyscroll.doc;
    return [...doc.getMap('versions').values()].map((v) => `${String(v.get('kind'))}:${String(v.get('name'))}`).sort();
  });

describe('versions and approval', () => {
  it('save, compare, view, approve and restore across two browsers; kept through a server restart', { timeout: 120_000 }, async () => {
    const room = 'e2e-versions';
    const ca = await guardedContext(env.browser, env.server.origin);
    const cb = await guardedContext(env.browser, env.server.origin);
    const a = await openBlueprint(ca.context, `${env.server.origin}/b/${room}?template=b2b-lead-to-renewal`);
    await expectConnection(a.page, /Synced/);
    const b = await openBlueprint(cb.context, `${env.server.origin}/b/${room}`);
    const card = (await a.model()).cards.find((c) => c.title)!;
    await waitUntil('B has the card', async () => (await b.model()).cards.some((c) => c.id === card.id));

    // A saves a version; B sees it listed.
    await a.page.getByRole('button', { name: 'Versions and approval' }).click();
    await a.page.getByRole('textbox', { name: 'Version name' }).fill('Workshop 12 Nov');
    await a.page.getByRole('button', { name: 'Save version' }).click();
    await b.page.getByRole('button', { name: 'Versions and approval' }).click();
    const listB = b.page.getByRole('list', { name: 'Saved versions' });
    await expect.poll(() => listB.getByText('Workshop 12 Nov').count(), { timeout: 15_000 }).toBe(1);

    // A changes a card; B compares the version with the working copy and picks the change.
    await selectCard(a, card.id);
    await setField(a.page, 'Title', 'Changed after the workshop');
    await waitUntil(
      'B has the change',
      async () => (await b.model()).cards.find((c) => c.id === card.id)?.title === 'Changed after the workshop',
    );
    await b.page.getByRole('button', { name: 'Compare Workshop 12 Nov with the working copy' }).click();
    await expect
      .poll(() => b.page.getByRole('status', { name: 'Comparison summary' }).innerText())
      .toBe('0 added, 0 removed, 0 moved, 1 changed');
    await b.page.getByRole('button', { name: 'changed card Changed after the workshop' }).click();
    await expect.poll(() => selectedIds(b.page)).toEqual([`shape:c:${card.id}`]);

    // B views the version read-only, then goes back.
    await b.page.getByRole('button', { name: 'View Workshop 12 Nov' }).click();
    const viewer = b.page.getByRole('region', { name: 'Version Workshop 12 Nov, read-only' });
    await expect.poll(() => viewer.getByRole('status').innerText()).toMatch(/^Viewing ‘Workshop 12 Nov’/);
    await expect
      .poll(async () => (await viewer.getByRole('img', { name: /^The scroll as it was/ }).boundingBox())?.width ?? 0)
      .toBeGreaterThan(300);
    expect(await viewer.getByRole('img', { name: /^The scroll as it was/ }).textContent()).toContain((await b.model()).stages[0]!.name);
    await viewer.getByRole('button', { name: 'Back to the working copy' }).click();
    expect(await viewer.count()).toBe(0);

    // A approves (no secret: everyone is an approver); B's badge says so, then counts a change since.
    await a.page.getByRole('button', { name: 'Approve…' }).click();
    await expect.poll(() => b.page.getByRole('status', { name: 'Approval' }).innerText(), { timeout: 15_000 }).toBe('Approved v1');
    await setField(a.page, 'Title', 'Changed after the approval');
    await expect
      .poll(() => b.page.getByRole('status', { name: 'Approval' }).innerText(), { timeout: 15_000 })
      .toBe('Approved v1 · 1 change since');

    // B restores the workshop version (confirming); A's card is back, and a safety copy was kept.
    b.page.once('dialog', (dialog) => void dialog.accept());
    await b.page.getByRole('button', { name: 'Restore Workshop 12 Nov' }).click();
    await waitUntil('A has the restored title', async () => (await a.model()).cards.find((c) => c.id === card.id)?.title === card.title);
    await expect.poll(() => versionNames(a)).toEqual(['approved:v1', 'named:Workshop 12 Nov', "safety:Before restoring 'Workshop 12 Nov'"]);

    // After a restart, a newcomer gets every version.
    await env.server.stop();
    await env.server.start();
    const cc = await guardedContext(env.browser, env.server.origin);
    const c = await openBlueprint(cc.context, `${env.server.origin}/b/${room}`);
    await expect
      .poll(() => versionNames(c), { timeout: 20_000 })
      .toEqual(['approved:v1', 'named:Workshop 12 Nov', "safety:Before restoring 'Workshop 12 Nov'"]);
    await expect
      .poll(() => c.page.getByRole('status', { name: 'Approval' }).innerText(), { timeout: 15_000 })
      .toBe('Approved v1 · 1 change since');
    expect([...ca.outside, ...cb.outside, ...cc.outside]).toEqual([]);
    for (const x of [ca, cb, cc]) await x.context.close();
  });
});
