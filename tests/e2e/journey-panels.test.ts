import { readFileSync } from 'node:fs';
import { BpmnModdle } from 'bpmn-moddle';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateDefinition } from '../../shared/journey/index.ts';
import {
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
 * Issue 6, in the app: the Lint panel's findings select the card at fault, and the Export dialog
 * produces the same executable formats as the CLI — a definition that validates against its
 * schema and BPMN that parses in bpmn-moddle.
 */
const env = serverAndBrowser();
let p: BlueprintPage;
let dataCard: { id: string; title: string };

beforeAll(async () => {
  const { context } = await guardedContext(env.browser, env.server.origin);
  p = await openBlueprint(context, `${env.server.origin}/b/e2e-panels?template=b2b-lead-to-renewal`);
  await expectConnection(p.page, /Synced/);
}, 60_000);

describe('lint panel and export dialog', () => {
  it('a finding selects the card at fault', async () => {
    await p.page.getByRole('button', { name: 'Check journey' }).click();
    const panel = p.page.getByRole('complementary', { name: 'Lint findings' });
    await expect.poll(() => panel.getByRole('status', { name: 'Lint summary' }).innerText()).toMatch(/^No findings/);

    // Break the journey in the inspector: a data card that says where nothing is stored.
    const model = await p.model();
    const dataLane = model.lanes.find((l) => l.kind === 'data')!;
    const card = model.cards.find((c) => c.laneId === dataLane.id)!;
    dataCard = card;
    const box = (await layoutOf(p.page)).cards[card.id]!;
    await p.page.getByRole('button', { name: 'Zoom to fit the scroll' }).click();
    await p.page.waitForTimeout(300);
    const at = await pageToScreen(p.page, { x: box.x + box.w / 2, y: box.y + box.h / 2 });
    await p.page.mouse.click(at.x, at.y);
    const inspector = p.page.getByRole('complementary', { name: 'Card inspector' });
    const system = inspector.getByRole('textbox', { name: 'Stored in system', exact: true });
    await system.fill('');
    await system.press('Enter');
    await p.page.keyboard.press('Escape');
    await p.page.mouse.click(5, 300); // select nothing

    await expect.poll(() => panel.getByRole('status', { name: 'Lint summary' }).innerText(), { timeout: 5_000 }).toMatch(/^1 error\b/);
    const finding = panel.getByRole('button', { name: /^Error: .*no system/ });
    await finding.click();
    await waitUntil('the card at fault is selected', () =>
      p.page.evaluate((id) => {
        const js = (window as unknown as { journeyscroll: { editor: { getSelectedShapeIds(): string[] } } }).journeyscroll;
        const ids = js.editor.getSelectedShapeIds();
        return ids.length === 1 && ids[0] === `shape:c:${id}`;
      }, card.id),
    );
    // …and brought into view (the camera glides there).
    await waitUntil('the card at fault is in view', () =>
      p.page.evaluate((b) => {
        const js = (
          window as unknown as {
            journeyscroll: { editor: { getViewportPageBounds(): { minX: number; maxX: number; minY: number; maxY: number } } };
          }
        ).journeyscroll;
        const v = js.editor.getViewportPageBounds();
        return b.x >= v.minX && b.x + b.w <= v.maxX && b.y >= v.minY && b.y + b.h <= v.maxY;
      }, box),
    );
    await expect.poll(() => inspector.getByRole('textbox', { name: 'Title', exact: true }).inputValue()).toBe(card.title);
  });

  it('exports a definition that validates, warning first about the lint error', async () => {
    await p.page.getByRole('button', { name: 'Export…' }).click();
    const dialog = p.page.getByRole('dialog', { name: 'Export' });
    await expect.poll(() => dialog.getByRole('radio', { name: /Journey definition/ }).isChecked()).toBe(true);
    expect(await dialog.getByRole('note').innerText()).toMatch(/1 lint error/);
    const [download] = await Promise.all([
      p.page.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Export Journey definition' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.definition\.json$/);
    const definition = JSON.parse(readFileSync(await download.path(), 'utf8')) as {
      states: Array<{ captures?: Array<{ card?: string; system?: string }> }>;
    };
    const valid = validateDefinition(definition);
    expect(valid.ok, JSON.stringify(valid)).toBe(true);
    // The edit made in the app is in the export: the capture of the broken card names no system.
    const capture = definition.states.flatMap((s) => s.captures ?? []).find((c) => JSON.stringify(c).includes(dataCard.id));
    expect(capture).toBeDefined();
    expect(capture!.system ?? '').toBe('');
  });

  it('exports BPMN that parses without warnings', async () => {
    await p.page.getByRole('button', { name: 'Export…' }).click();
    const dialog = p.page.getByRole('dialog', { name: 'Export' });
    await dialog.getByRole('radio', { name: /BPMN 2\.0/ }).check();
    const [download] = await Promise.all([
      p.page.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Export BPMN 2.0' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.bpmn$/);
    const { warnings, rootElement } = await new BpmnModdle().fromXML(readFileSync(await download.path(), 'utf8'));
    expect(warnings).toEqual([]);
    expect(JSON.stringify((rootElement as { rootElements: Array<{ $type: string }> }).rootElements.map((e) => e.$type))).toContain(
      'bpmn:Process',
    );
  });

  it('opens the same tools from the keyboard (the web edition has no menu bar)', async () => {
    await p.page.mouse.click(5, 300);
    const panel = p.page.getByRole('complementary', { name: 'Lint findings' });
    await p.page.keyboard.press('Control+Shift+L');
    await panel.waitFor({ state: 'detached' });
    await p.page.keyboard.press('Control+Shift+L');
    await panel.waitFor();
    await p.page.keyboard.press('Control+e');
    await p.page.getByRole('dialog', { name: 'Export' }).waitFor();
    await p.page.keyboard.press('Escape');
    await p.page.getByRole('dialog', { name: 'Export' }).waitFor({ state: 'hidden' });
    await p.page.keyboard.press('Control+p');
    await p.page.getByRole('dialog', { name: 'Print the scroll' }).waitFor();
    await p.page.keyboard.press('Escape');
    await p.page.keyboard.press('Control+/');
    const help = p.page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    expect(await help.innerText()).toMatch(/Ctrl\+Enter\s+Unroll/);
    await p.page.keyboard.press('Escape');
    await p.page.keyboard.press('Control+Enter');
    await p.page.getByRole('navigation', { name: 'Presentation controls' }).waitFor();
    await p.page.keyboard.press('Escape');
    await p.page.getByRole('navigation', { name: 'Presentation controls' }).waitFor({ state: 'detached' });
  });
});
