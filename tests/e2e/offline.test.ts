import { describe, expect, it } from 'vitest';
import { expectConnection, guardedContext, openBlueprint, selectCard, setField, waitUntil } from './support/browser.ts';
import { serverAndBrowser } from './support/fixture.ts';

/**
 * Issue 4, "done when": offline work. The server is taken down and brought back on the same port
 * with the same data, as a laptop losing and finding the network would see it.
 */
const env = serverAndBrowser();

describe('offline', () => {
  it('edits to different fields of one card, made while both were offline, both survive reconnecting', async () => {
    const room = 'e2e-offline-fields';
    const ca = await guardedContext(env.browser, env.server.origin);
    const cb = await guardedContext(env.browser, env.server.origin);
    const a = await openBlueprint(ca.context, `${env.server.origin}/b/${room}?template=b2b-lead-to-renewal`);
    await expectConnection(a.page, /Synced/);
    const b = await openBlueprint(cb.context, `${env.server.origin}/b/${room}`);
    const card = (await a.model()).cards.find((c) => c.title)!;
    await waitUntil('B has the card', async () => (await b.model()).cards.some((c) => c.id === card.id));
    await selectCard(a, card.id);
    await selectCard(b, card.id);

    await env.server.stop();
    await expectConnection(a.page, /Offline/);
    await expectConnection(b.page, /Offline/);
    await setField(a.page, 'Title', 'Renamed on a train');
    await setField(b.page, 'Owner team', 'Field marketing (offline)');
    expect((await a.model()).cards.find((c) => c.id === card.id)).toMatchObject({ title: 'Renamed on a train', owner: card.owner });
    expect((await b.model()).cards.find((c) => c.id === card.id)).toMatchObject({ title: card.title, owner: 'Field marketing (offline)' });

    await env.server.start();
    await expectConnection(a.page, /Synced/);
    await expectConnection(b.page, /Synced/);
    for (const p of [a, b]) {
      await expect
        .poll(async () => (await p.model()).cards.find((c) => c.id === card.id), { timeout: 15_000 })
        .toMatchObject({ title: 'Renamed on a train', owner: 'Field marketing (offline)' });
    }
    // Both show it on the card itself.
    await expect.poll(() => b.page.locator(`[data-shape-id="shape:c:${card.id}"]`).innerText()).toContain('Renamed on a train');
    expect([...ca.outside, ...cb.outside]).toEqual([]);
    await ca.context.close();
    await cb.context.close();
  });

  it('a reload while the server is down keeps the blueprint; edits made then reach the server when it is back', async () => {
    const room = 'e2e-offline-reload';
    // Service workers allowed: they keep the app's own files for the offline reload.
    const ca = await guardedContext(env.browser, env.server.origin, { serviceWorkers: 'allow' });
    const a = await openBlueprint(ca.context, `${env.server.origin}/b/${room}?template=b2b-lead-to-renewal`);
    await expectConnection(a.page, /Synced/);
    await a.page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await waitUntil('the service worker controls the page', () => a.page.evaluate(() => !!navigator.serviceWorker.controller));
    const before = await a.model();
    await a.page.waitForTimeout(300); // the last IndexedDB writes

    await env.server.stop();
    await a.page.reload();
    await a.page.waitForSelector('.js-card', { timeout: 30_000 });
    await expectConnection(a.page, /Offline/);
    const reloaded = await a.model();
    expect(reloaded.cards.length).toBe(before.cards.length);
    expect(reloaded.meta.title).toBe(before.meta.title);
    await expect.poll(() => a.page.locator('.js-card').count()).toBe(before.cards.length);

    await a.page.getByRole('button', { name: 'Add stage' }).click();
    const name = `Stage ${before.stages.length + 1}`;
    await expect.poll(() => a.page.getByRole('button', { name: `Go to stage ${name}` }).count()).toBe(1);

    await env.server.start();
    await expectConnection(a.page, /Synced/);
    // Someone else opening the blueprint now gets the stage from the server.
    const cb = await guardedContext(env.browser, env.server.origin);
    const b = await openBlueprint(cb.context, `${env.server.origin}/b/${room}`);
    await expect.poll(async () => (await b.model()).stages.map((s) => s.name), { timeout: 15_000 }).toContain(name);
    expect(cb.outside).toEqual([]);
    expect(ca.outside).toEqual([]);
    await ca.context.close();
    await cb.context.close();
  });
});
