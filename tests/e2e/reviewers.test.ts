import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectConnection, guardedContext, openBlueprint } from './support/browser.ts';
import { serverAndBrowser } from './support/fixture.ts';

/**
 * Issue 13: "in review" names its reviewers — chosen in the status menu, shown beside it to
 * everyone in the room, kept in the blueprint and in the governance history.
 */
const env = serverAndBrowser();

type Meta = { meta: { status: string; reviewers?: string[] }; history: Array<Record<string, unknown>> };
const governance = (page: Page) =>
  page.evaluate(() => {
    const bp = (window as unknown as { journeyscroll: { readBlueprint(): Meta } }).journeyscroll.readBlueprint();
    return JSON.parse(JSON.stringify({ meta: bp.meta, history: bp.history })) as Meta;
  });

describe('in review, naming reviewers', () => {
  it(
    'names the reviewers when moving to in review; a second browser sees them; the history records them',
    { timeout: 120_000 },
    async () => {
      const [ca, cb] = [await guardedContext(env.browser, env.server.origin), await guardedContext(env.browser, env.server.origin)];
      const a = await openBlueprint(ca.context, `${env.server.origin}/b/e2e-reviewers?template=b2b-lead-to-renewal`);
      await expectConnection(a.page, /Synced/);
      const b = await openBlueprint(cb.context, `${env.server.origin}/b/e2e-reviewers`);

      a.page.once('dialog', (dialog) => {
        expect(dialog.type()).toBe('prompt');
        void dialog.accept('Ana Approver, Ben Legal, ');
      });
      await a.page.getByRole('combobox', { name: 'Blueprint status' }).selectOption('in-review');
      for (const p of [a, b])
        await expect
          .poll(() => p.page.getByRole('status', { name: 'Reviewers' }).innerText(), { timeout: 15_000 })
          .toBe('Reviewers: Ana Approver, Ben Legal');
      const { meta, history } = await governance(b.page);
      expect(meta).toMatchObject({ status: 'in-review', reviewers: ['Ana Approver', 'Ben Legal'] });
      expect(history.at(-1)).toMatchObject({ kind: 'status', to: 'in-review', reviewers: ['Ana Approver', 'Ben Legal'] });

      // Back to draft: the review is over, nobody is named.
      await b.page.getByRole('combobox', { name: 'Blueprint status' }).selectOption('draft');
      await expect.poll(() => a.page.getByRole('status', { name: 'Reviewers' }).count(), { timeout: 15_000 }).toBe(0);
      expect([...ca.outside, ...cb.outside]).toEqual([]);
      for (const c of [ca, cb]) await c.context.close();
    },
  );
});
