import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJourneyFile, readBlueprint } from '../../shared/doc/index.ts';
import { csvToBlueprint, parseCsv } from '../../shared/export/index.ts';
import type { Blueprint } from '../../shared/model/index.ts';
import { connect } from '../sync/harness.ts';
import { expectConnection, guardedContext, openBlueprint, selectCard, waitUntil, type BlueprintPage } from './support/browser.ts';
import { serverAndBrowser } from './support/fixture.ts';

/**
 * Issue 17, personas in two browsers through a real `journeyscroll serve`: a persona created in
 * one editor's Personas panel, cards tagged in the other's inspector, curves toggled from the
 * legend (a view setting of each window, not synced), the persona filter dimming the cards not
 * for the persona, unroll mode's persona curve, and the personas and tags surviving a downloaded
 * .journey file (opened again in a fresh room) and the cards CSV.
 */
const ROOM = 'e2e-personas';
const NAME = 'Night-shift nurse';
const COLOUR = '#0891b2';
const env = serverAndBrowser();
let a: BlueprintPage;
let b: BlueprintPage;
let personaId = '';
/** Two scored feeling cards in different stages, tagged with the persona; one feeling card left untagged. */
let tagged: string[] = [];
let untagged = '';
const opened: Array<ReturnType<typeof connect>> = [];

const full = (page: Page): Promise<Blueprint> =>
  page.evaluate(
    () =>
      JSON.parse(
        JSON.stringify((window as unknown as { journeyscroll: { readBlueprint(): unknown } }).journeyscroll.readBlueprint()),
      ) as Blueprint,
  );

beforeAll(async () => {
  const [ca, cb] = await Promise.all([guardedContext(env.browser, env.server.origin), guardedContext(env.browser, env.server.origin)]);
  a = await openBlueprint(ca.context, `${env.server.origin}/b/${ROOM}?template=b2b-lead-to-renewal`);
  await expectConnection(a.page, /Synced/);
  b = await openBlueprint(cb.context, `${env.server.origin}/b/${ROOM}`);
  const cards = (await a.model()).cards.length;
  await waitUntil('B has every card', async () => (await b.model()).cards.length === cards);
  const bp = await full(a.page);
  const lane = bp.lanes.find((l) => l.kind === 'thinking-feeling')!;
  const feelings = bp.cards.filter((c) => c.laneId === lane.id && typeof c.emotion === 'number');
  // In the first stages, left of the inspector that selecting a card opens.
  const stages = [...bp.stages].sort((x, y) => (x.order < y.order ? -1 : 1)).map((st) => st.id);
  const byStage = new Map<string, string>();
  for (const c of feelings) if (!byStage.has(c.stageId)) byStage.set(c.stageId, c.id);
  tagged = stages.flatMap((st) => (byStage.has(st) ? [byStage.get(st)!] : [])).slice(0, 2);
  untagged = feelings.find((c) => !tagged.includes(c.id))!.id;
  expect(tagged).toHaveLength(2);
}, 120_000);

afterAll(() => {
  for (const client of opened) client.destroy();
});

describe('personas in two browsers', () => {
  it('a persona created and edited in A’s Personas panel reaches B with its name, description and colour', async () => {
    await a.page.getByRole('button', { name: 'Edit personas' }).click();
    const panel = a.page.getByRole('complementary', { name: 'Personas' });
    const before = (await full(a.page)).personas.length;
    await panel.getByRole('button', { name: 'Add persona' }).click();
    const placeholder = `Persona ${before + 1}`;
    const name = panel.getByRole('textbox', { name: `Name of ${placeholder}` });
    await name.fill(NAME);
    await name.press('Enter');
    const description = panel.getByRole('textbox', { name: `Description of ${NAME}` });
    await description.fill('Checks the portal at 3 a.m.');
    await description.blur();
    await panel.getByLabel(`Colour of ${NAME}`).fill(COLOUR);
    await expect
      .poll(async () => (await full(b.page)).personas.find((p) => p.name === NAME), { timeout: 10_000 })
      .toMatchObject({ name: NAME, description: 'Checks the portal at 3 a.m.', color: COLOUR });
    personaId = (await full(b.page)).personas.find((p) => p.name === NAME)!.id;
    await expect.poll(() => b.page.getByRole('button', { name: `Emotion curve of ${NAME}` }).count()).toBe(1);
    await panel.getByRole('button', { name: 'Close the personas panel' }).click();
  });

  it('cards tagged in B’s inspector carry the persona in A', async () => {
    for (const id of tagged) {
      await selectCard(b, id);
      const box = b.page.getByRole('complementary', { name: 'Card inspector' }).getByRole('checkbox', { name: NAME });
      await box.click();
      // The tag is written through the edit queue; the box shows it once the document has it.
      await expect.poll(() => box.isChecked()).toBe(true);
    }
    await expect
      .poll(
        async () =>
          (await full(a.page)).cards
            .filter((c) => c.personas?.includes(personaId))
            .map((c) => c.id)
            .sort(),
        { timeout: 10_000 },
      )
      .toEqual([...tagged].sort());
    await selectCard(a, tagged[0]!);
    expect(await a.page.getByRole('complementary', { name: 'Card inspector' }).getByRole('checkbox', { name: NAME }).isChecked()).toBe(
      true,
    );
    await a.page.keyboard.press('Escape');
  });

  it('the legend toggles the persona’s curve in its colour, in this window only', async () => {
    const curve = (page: Page) => page.locator(`.js-persona-curve[data-persona="${personaId}"]`);
    await expect.poll(() => curve(a.page).count()).toBe(1);
    expect(await curve(a.page).isVisible()).toBe(false);
    const toggle = a.page.getByRole('button', { name: `Emotion curve of ${NAME}` });
    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => curve(a.page).isVisible()).toBe(true);
    expect(await curve(a.page).locator('polyline').getAttribute('stroke')).toBe(COLOUR);
    expect(await curve(a.page).locator('circle').count()).toBe(2);
    // B did not switch it on: a view setting, not a document change.
    expect(await curve(b.page).isVisible()).toBe(false);
    await toggle.click();
    await expect.poll(() => curve(a.page).isVisible()).toBe(false);
  });

  it('the persona filter dims the cards not for the persona', async () => {
    const opacity = (id: string) =>
      a.page.locator(`[data-shape-id="shape:c:${id}"] .js-card`).evaluate((el) => Number(getComputedStyle(el).opacity));
    expect(await opacity(untagged)).toBe(1);
    await a.page.getByRole('combobox', { name: 'Persona filter' }).selectOption({ label: NAME });
    await expect.poll(() => opacity(untagged)).toBeLessThan(0.5);
    expect(await opacity(tagged[0]!)).toBe(1);
    await a.page.getByRole('combobox', { name: 'Persona filter' }).selectOption({ label: 'every persona' });
    await expect.poll(() => opacity(untagged)).toBe(1);
  });

  it('unroll mode shows the chosen persona’s curve', async () => {
    await a.page.getByRole('button', { name: 'Unroll: present the scroll stage by stage' }).click();
    const presentation = a.page.getByRole('banner', { name: 'Presentation' });
    await presentation.getByRole('combobox', { name: 'Persona curve' }).selectOption({ label: NAME });
    await expect.poll(() => a.page.locator(`.js-persona-curve[data-persona="${personaId}"]`).isVisible()).toBe(true);
    await presentation.getByRole('button', { name: 'Leave unroll mode' }).click();
    await expect.poll(() => presentation.count()).toBe(0);
  });

  it('the persona and its tags survive a downloaded .journey file opened again, and the cards CSV', async () => {
    const [download] = await Promise.all([
      a.page.waitForEvent('download'),
      a.page.getByRole('button', { name: 'Download .journey' }).click(),
    ]);
    const doc = decodeJourneyFile(new Uint8Array(readFileSync(await download.path())));
    const saved = readBlueprint(doc);
    expect(saved.personas.find((p) => p.id === personaId)).toMatchObject({ name: NAME, color: COLOUR });
    expect(
      saved.cards
        .filter((c) => c.personas?.includes(personaId))
        .map((c) => c.id)
        .sort(),
    ).toEqual([...tagged].sort());

    // Opened again: the file's document in a fresh room, and a browser on it.
    const writer = connect(`${env.server.origin.replace('http', 'ws')}/sync`, `${ROOM}-reopened`, { doc });
    opened.push(writer);
    await writer.synced();
    const c = await openBlueprint(a.page.context(), `${env.server.origin}/b/${ROOM}-reopened`);
    await expect.poll(() => c.page.getByRole('button', { name: `Emotion curve of ${NAME}` }).count(), { timeout: 10_000 }).toBe(1);
    await selectCard(c, tagged[1]!);
    expect(await c.page.getByRole('complementary', { name: 'Card inspector' }).getByRole('checkbox', { name: NAME }).isChecked()).toBe(
      true,
    );
    await c.page.close();

    await b.page.getByRole('button', { name: 'Export…' }).click();
    const dialog = b.page.getByRole('dialog', { name: 'Export' });
    await dialog.getByRole('radio', { name: /Cards CSV/ }).check();
    const [csvDownload] = await Promise.all([
      b.page.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Export Cards CSV' }).click(),
    ]);
    const csv = readFileSync(await csvDownload.path(), 'utf8');
    const rows = parseCsv(csv);
    const column = rows[0]!.fields.indexOf('personas');
    const cell = (id: string) => rows.find((r) => r.fields[0] === id)!.fields[column]!;
    for (const id of tagged)
      expect(
        cell(id)
          .split(';')
          .map((s) => s.trim()),
      ).toContain(NAME);
    expect(cell(untagged)).not.toContain(NAME);
    const back = csvToBlueprint(csv);
    const persona = back.personas.find((p) => p.name === NAME)!;
    expect(
      back.cards
        .filter((card) => card.personas?.includes(persona.id))
        .map((card) => card.id)
        .sort(),
    ).toEqual([...tagged].sort());
  });
});
