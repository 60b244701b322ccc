import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../sync-server/store/index.ts';
import {
  byOrder,
  expectConnection,
  guardedContext,
  openBlueprint,
  selectedIds,
  waitUntil,
  type BlueprintPage,
  type ModelView,
} from './support/browser.ts';
import { serverAndBrowser } from './support/fixture.ts';

/**
 * Issue 14 in the app: File › Import performance data… (here its toolbar button) refuses a bad
 * log by line and cancels a 1,000,000-row import with nothing changed; a good log brings the heat
 * overlay, the funnel bars and the underperformers, and Retire sets the card's status — undoable,
 * and recorded in the server's change log.
 */
const env = serverAndBrowser();
const ROOM = 'e2e-analytics';
const dir = mkdtempSync(join(tmpdir(), 'journeyscroll-e2e-analytics-'));
let p: BlueprintPage;
let model: ModelView;
let loser: { id: string; title: string };

type Card = ModelView['cards'][number] & { status?: string };
const cardOf = async (id: string) => (await p.model()).cards.find((c) => c.id === id) as Card;

/** Touchpoint cards of the first three stages: 80 customers pass a0; half take b1 and buy, half b0 and stop. */
function writeLogs(m: ModelView): { good: string; bad: string; big: string; metrics: string; a0: string } {
  const touch = m.lanes.find((l) => l.kind === 'touchpoints')!;
  const stages = byOrder(m.stages);
  const inStage = (i: number) =>
    (m.cards as Card[]).filter((c) => c.laneId === touch.id && c.stageId === stages[i]!.id && c.status !== 'retired');
  const [a0] = inStage(0);
  const [b0, b1] = inStage(1);
  const [c0] = inStage(2);
  if (!a0 || !b0 || !b1 || !c0) throw new Error('the template lacks the touchpoints this test walks');
  loser = b0;
  const rows = ['customer,at,touchpoint,conversion'];
  const at = (d: number) => new Date(Date.UTC(2026, 0, 1 + d)).toISOString();
  for (let i = 0; i < 80; i++) {
    rows.push(`c${i},${at(i % 7)},${a0.id},0`);
    if (i % 2)
      rows.push(`c${i},${at((i % 7) + 1)},${b1.id},0`, `c${i},${at((i % 7) + 2)},${c0.id},0`, `c${i},${at((i % 7) + 3)},purchase,100`);
    else rows.push(`c${i},${at((i % 7) + 1)},${b0.id},0`);
  }
  rows.push(`c0,${at(9)},billboard,0`);
  const good = join(dir, 'events.csv');
  writeFileSync(good, `${rows.join('\n')}\n`);
  const bad = join(dir, 'bad.csv');
  writeFileSync(bad, `customer,at,touchpoint,conversion\nc1,${at(0)},${a0.id},0\nc2,01/02/2026,${a0.id},0\nc3,${at(1)},${a0.id},-5\n`);
  // 1,000,000 rows, 100,000 customers (about 60 MB), written as 100 blocks of 10,000 rows.
  const big = join(dir, 'big.csv');
  const block: string[] = [];
  writeFileSync(big, 'customer,at,touchpoint,conversion\n');
  for (let b = 0; b < 100; b++) {
    block.length = 0;
    for (let i = 0; i < 10_000; i++) block.push(`c${(b * 10_000 + i) % 100_000},${at(b % 30)},${i % 3 ? a0.id : b1.id},${i % 97 ? 0 : 50}`);
    writeFileSync(big, `${block.join('\n')}\n`, { flag: 'a' });
  }
  const metrics = join(dir, 'metrics.csv');
  writeFileSync(metrics, `card,period,volume,conversion_rate\n${a0.id},2026-Q1,1200,4.5%\n`);
  return { good, bad, big, metrics, a0: a0.id };
}

beforeAll(async () => {
  const { context } = await guardedContext(env.browser, env.server.origin);
  p = await openBlueprint(context, `${env.server.origin}/b/${ROOM}?template=b2b-lead-to-renewal`);
  await expectConnection(p.page, /Synced/);
  await waitUntil('the template is in', async () => (await p.model()).cards.length > 10);
  model = await p.model();
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('performance data in the app', () => {
  let files: ReturnType<typeof writeLogs>;
  const dialog = () => p.page.getByRole('dialog', { name: 'Import performance data' });
  const status = () => dialog().getByRole('status', { name: 'Import status' });

  it('refuses a malformed log with line numbers, and cancels a 1,000,000-row import; nothing changes', async () => {
    files = writeLogs(model);
    await p.page.getByRole('button', { name: 'Import performance data' }).click();
    await expect.poll(() => dialog().isVisible()).toBe(true);
    await dialog().getByLabel('File to import').setInputFiles(files.bad);
    await dialog().getByRole('button', { name: 'Import', exact: true }).click();
    const refused = dialog().getByRole('list', { name: 'Refused rows' });
    await expect.poll(() => refused.innerText()).toMatch(/line 3: "at" is not an ISO 8601 time[\s\S]*line 4: "conversion"/);

    await dialog().getByLabel('File to import').setInputFiles(files.big);
    await dialog().getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(() => status().innerText(), { timeout: 10_000 }).toMatch(/Reading|Analysing/);
    expect(await dialog().getByRole('progressbar', { name: 'Import progress' }).count()).toBe(1);
    await dialog().getByRole('button', { name: 'Cancel import' }).click();
    await expect.poll(() => status().innerText()).toBe('The import was cancelled: nothing was changed.');
    expect(await p.page.getByRole('img', { name: /^Heat overlay/ }).count()).toBe(0);
    const after = await p.model();
    expect(after.cards).toEqual(model.cards);
  });

  it('imports per-card metrics into the card as one undo step', async () => {
    type WithMetrics = Card & { metrics?: Record<string, unknown> };
    const before = (await cardOf(files.a0)) as WithMetrics;
    await dialog()
      .getByRole('radio', { name: /^Per-card metrics/ })
      .check();
    await dialog().getByLabel('File to import').setInputFiles(files.metrics);
    await dialog().getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(() => status().innerText()).toMatch(/^1 row of metrics\.csv: the metrics of 1 card updated/);
    expect(((await cardOf(files.a0)) as WithMetrics).metrics).toEqual({
      ...before.metrics,
      volume: 1200,
      conversionRate: 0.045,
      period: '2026-Q1',
    });
    await p.page.getByRole('button', { name: 'Undo', exact: true }).click();
    await waitUntil(
      'undo takes the metrics back',
      async () => JSON.stringify(((await cardOf(files.a0)) as WithMetrics).metrics) === JSON.stringify(before.metrics),
    );
    await dialog()
      .getByRole('radio', { name: /^An event log/ })
      .check();
  });

  it('imports an event log: unmapped touchpoints listed, the heat overlay and the funnel drawn', async () => {
    await dialog().getByLabel('File to import').setInputFiles(files.good);
    await dialog().getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(() => status().innerText(), { timeout: 20_000 }).toMatch(/^241 events of 80 customers; 4 of 6 touchpoints mapped/);
    // The conversions' own name ("purchase") names no card in this template either.
    const unmapped = await dialog().getByRole('list', { name: 'Unmapped touchpoints' }).getByRole('listitem').allInnerTexts();
    expect(unmapped.sort()).toEqual(['billboard', 'purchase']);
    await dialog().getByRole('button', { name: 'Close' }).click();

    const overlay = p.page.getByRole('img', { name: /^Heat overlay: Attributed conversions \(Markov\)/ });
    await expect.poll(() => overlay.count()).toBe(1);
    const legend = p.page.getByRole('region', { name: 'Heat overlay legend' });
    await legend.getByRole('radio', { name: 'Conversion rate' }).check();
    await expect.poll(() => p.page.getByRole('img', { name: /^Heat overlay: Conversion rate, \d+ cards/ }).count()).toBe(1);
    await p.page.getByRole('button', { name: 'Zoom to fit the scroll' }).click();
    await waitUntil(
      'the overlay tints the cards in view',
      async () => Number(await p.page.locator('.js-heat-canvas').getAttribute('data-cards')) >= 4,
    );
    if (process.env.JOURNEYSCROLL_E2E_SHOTS)
      await p.page.screenshot({ path: join(process.env.JOURNEYSCROLL_E2E_SHOTS, 'analytics-overlay.png') });
    const first = byOrder(model.stages)[0]!;
    const funnel = p.page
      .getByRole('navigation', { name: 'Stages' })
      .getByRole('img', { name: new RegExp(`^${first.name}: 80 entered, 80 moved on`) });
    await expect.poll(() => funnel.count()).toBe(1);

    // The overlay on screen goes into the SVG picture.
    await p.page.getByRole('button', { name: 'Export…' }).click();
    const exporting = p.page.getByRole('dialog', { name: 'Export' });
    await exporting.getByRole('radio', { name: /Scroll picture \(SVG\)/ }).check();
    expect(await exporting.getByRole('checkbox', { name: 'Include the heat overlay (Conversion rate)' }).isChecked()).toBe(true);
    const [download] = await Promise.all([
      p.page.waitForEvent('download'),
      exporting.getByRole('button', { name: 'Export Scroll picture (SVG)' }).click(),
    ]);
    const svg = readFileSync(await download.path(), 'utf8');
    expect(svg).toContain('>Heat overlay: pale 0 → deep 100 %<');
    expect(svg).toContain('data-role="heat-legend">Conversion rate<');
    expect(svg).toMatch(new RegExp(`data-role="heat" data-id="${files.a0}">50 %<`));
  });

  it('lists the underperformer in the Check panel; Retire sets its status, undoably, into the change log', async () => {
    await p.page.getByRole('button', { name: 'Check journey' }).click();
    const section = p.page.getByRole('region', { name: 'Underperformers' });
    await section.getByRole('spinbutton', { name: 'Minimum customers' }).fill('41');
    await expect.poll(() => section.getByRole('status', { name: 'Underperformer summary' }).innerText()).toMatch(/^No card reached by 41/);
    await section.getByRole('spinbutton', { name: 'Minimum customers' }).fill('30');
    const finding = section.getByRole('button', { name: `Underperformer: ${loser.title}, 0.0 % of 40 customers converted` });
    await expect.poll(() => finding.count()).toBe(1);
    await finding.click();
    await waitUntil('the underperformer is selected', async () => (await selectedIds(p.page)).includes(`shape:c:${loser.id}`));

    const beforeRetire = Date.now();
    await section.getByRole('button', { name: `Retire ${loser.title}` }).click();
    await waitUntil('the card is retired', async () => (await cardOf(loser.id)).status === 'retired');
    await expect.poll(() => finding.count()).toBe(0);
    await p.page.getByRole('button', { name: 'Undo', exact: true }).click();
    await waitUntil('undo brings the card back', async () => (await cardOf(loser.id)).status !== 'retired');
    await expect.poll(() => finding.count()).toBe(1);
    await section.getByRole('button', { name: `Retire ${loser.title}` }).click();
    await waitUntil('the card is retired again', async () => (await cardOf(loser.id)).status === 'retired');

    // The server keeps its store to itself while it runs: stop it (the last test), then read the log.
    await waitUntil('the server has every edit', async () =>
      (await p.page.getByRole('status', { name: 'Connection' }).innerText()).includes('Synced'),
    );
    await p.page.waitForTimeout(500);
    await env.server.stop();
    const store = openStore(join(env.server.dataDir, 'journeyscroll.sqlite'));
    try {
      const statusChanges = store
        .listChanges(ROOM)
        .filter((c) => c.root === 'cards' && c.key === loser.id && c.field === 'status' && c.at >= beforeRetire - 5);
      expect(statusChanges.length).toBe(3); // retire, undo, retire
    } finally {
      store.close();
    }
  });
});
