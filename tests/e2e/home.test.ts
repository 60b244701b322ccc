import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { byOrder, expectConnection, guardedContext, modelOf as readModel, waitUntil } from './support/browser.ts';
import { serverAndBrowser } from './support/fixture.ts';

/**
 * Issue 4, "web edition": the home page lists the blueprints opened before on this device and
 * creates a new one from a template; the link of a new blueprint can be reloaded and shared
 * without the template being laid down twice.
 */
const env = serverAndBrowser();

/** Title, stage names in order and the number of cards: what these checks compare. */
const modelOf = async (page: Page) => {
  const model = await readModel(page);
  return { title: model.meta.title, stages: byOrder(model.stages).map((s) => s.name), cards: model.cards.length };
};

describe('the web edition’s home page', () => {
  it('creates a blueprint from a template, lists it as opened before, reopens it, and forgets it', async () => {
    const { context } = await guardedContext(env.browser, env.server.origin);
    const page = await context.newPage();
    await page.goto(`${env.server.origin}/`);
    await page.getByRole('heading', { name: 'Opened before on this device' }).waitFor();
    expect(await page.getByText('None yet.').count()).toBe(1);

    await page.getByRole('button', { name: 'Create a blueprint from SaaS trial to paid' }).click();
    await page.waitForURL(/\/b\/[^/?]+/);
    await page.waitForSelector('.js-card', { timeout: 30_000 });
    await expectConnection(page, /Synced/);
    const created = await modelOf(page);
    expect(created.stages.slice(0, 2)).toEqual(['Sign-up', 'Activation']);
    expect(created.cards).toBeGreaterThanOrEqual(30);
    const room = new URL(page.url()).pathname.split('/').pop()!;

    // Reloading the page, and a colleague opening the very same link, lay nothing down twice.
    const link = page.url();
    await page.reload();
    await page.waitForSelector('.js-card', { timeout: 30_000 });
    await expectConnection(page, /Synced/);
    expect((await modelOf(page)).cards).toBe(created.cards);
    const other = await (await guardedContext(env.browser, env.server.origin)).context.newPage();
    await other.goto(link);
    await other.waitForSelector('.js-card', { timeout: 30_000 });
    await expectConnection(other, /Synced/);
    await other.waitForTimeout(500);
    expect((await modelOf(other)).cards).toBe(created.cards);
    expect((await modelOf(page)).cards).toBe(created.cards);

    // Home lists it by title, with a link that opens it again.
    await page.goto(`${env.server.origin}/`);
    const entry = page.getByRole('link', { name: created.title });
    await entry.waitFor();
    await entry.click();
    await page.waitForURL(new RegExp(`/b/${room}`));
    await page.waitForSelector('.js-card', { timeout: 30_000 });
    expect((await modelOf(page)).cards).toBe(created.cards);

    await page.goto(`${env.server.origin}/`);
    await page.getByRole('button', { name: `Forget ${created.title}` }).click();
    await waitUntil('the entry is gone', async () => (await page.getByRole('link', { name: created.title }).count()) === 0);
    await page.reload();
    await page.getByRole('heading', { name: 'Opened before on this device' }).waitFor();
    expect(await page.getByRole('link', { name: created.title }).count()).toBe(0);
  });
});
