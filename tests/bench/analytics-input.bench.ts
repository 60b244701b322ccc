/**
 * The canvas's input latency while the analytics run (issue 14), in headless Chromium against a
 * real `journeyscroll serve` and the built web edition: the B2B template, and a 1,000,000-event log
 * of 100,000 customers imported through File › Import performance data… (the dialog, its Web
 * Worker). Keystroke → paint: a key typed into a card's title field on the canvas, from the key
 * event's time stamp to the frame after it was handled (the first animation frame, then a task
 * after that frame's paint). Sampled every 40 ms while idle, and while the worker reads and
 * analyses the log; and the import's own time, Import click → summary shown. Medians of 3 runs
 * (each a fresh browser context), with p95 and worst.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium.ts';
import { ServeProcess } from '../e2e/support/server.ts';
import { ensureWebBuild } from '../support/web-build.ts';
import { median, ms, percentile, report } from './stats.ts';

const RUNS = 3;
const ROOM = 'bench-analytics-input';

type Model = {
  cards: Array<{ id: string; stageId: string; laneId: string; status?: string }>;
  stages: Array<{ id: string; order: string }>;
  lanes: Array<{ id: string; kind: string }>;
};

/** 1,000,000 events: each customer walks the touchpoint cards stage by stage; some convert. */
function writeLog(model: Model, file: string): void {
  const touch = model.lanes.find((l) => l.kind === 'touchpoints')!;
  const stages = [...model.stages].sort((a, b) => (a.order < b.order ? -1 : 1));
  const byStage = stages
    .map((s) => model.cards.filter((c) => c.laneId === touch.id && c.stageId === s.id && c.status !== 'retired').map((c) => c.id))
    .filter((l) => l.length);
  writeFileSync(file, 'customer,at,touchpoint,conversion\n');
  let seed = 7;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const t0 = Date.UTC(2026, 0, 1);
  for (let block = 0; block < 100; block++) {
    const lines: string[] = [];
    for (let c = block * 1000; c < (block + 1) * 1000; c++) {
      let t = t0 + Math.floor(rand() * 180) * 86_400_000;
      let stage = 0;
      for (let e = 0; e < 9; e++) {
        if (rand() < 0.3 && stage < byStage.length - 1) stage++;
        const cards = byStage[stage]!;
        t += Math.floor(rand() * 3 * 86_400) * 1000;
        lines.push(`c${c},${new Date(t).toISOString()},${cards[Math.floor(rand() * cards.length)]},0`);
      }
      const converts = rand() < 0.05 + stage * 0.03;
      lines.push(
        `c${c},${new Date(t + 3_600_000).toISOString()},${converts ? 'purchase' : 'visit'},${converts ? 10 + Math.floor(rand() * 200) : 0}`,
      );
    }
    writeFileSync(file, `${lines.join('\n')}\n`, { flag: 'a' });
  }
}

/** Opens a card's title field on the canvas and starts recording keystroke → paint latencies. */
async function openTitleField(page: Page): Promise<void> {
  await page.evaluate(async () => {
    type Js = {
      editor: { select(id: string): void; setEditingShape(id: string): void; setCamera(c: { x: number; y: number; z: number }): void };
      bridge: { layout(): { cards: Array<{ id: string; x: number; y: number; w: number; h: number }> } };
    };
    const js = (window as unknown as { journeyscroll: Js }).journeyscroll;
    const b = js.bridge.layout().cards[0]!;
    js.editor.setCamera({ x: 800 - (b.x + b.w / 2), y: 500 - (b.y + b.h / 2), z: 1 });
    for (let i = 0; i < 5; i++) await new Promise((r) => requestAnimationFrame(r));
    js.editor.select(`shape:c:${b.id}`);
    js.editor.setEditingShape(`shape:c:${b.id}`);
  });
  const field = page.locator('input.js-title-editor');
  await field.waitFor();
  await field.focus();
  await page.evaluate(() => {
    const w = window as unknown as { benchLatencies?: number[]; benchListening?: boolean };
    w.benchLatencies = [];
    if (w.benchListening) return;
    w.benchListening = true;
    window.addEventListener(
      'keydown',
      (e) => {
        const at = e.timeStamp;
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => w.benchLatencies!.push(performance.now() - at);
          channel.port2.postMessage(0);
        });
      },
      { capture: true },
    );
  });
}

const takeLatencies = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { benchLatencies: number[] };
    const out = w.benchLatencies;
    w.benchLatencies = [];
    return out;
  });

async function typeFor(page: Page, until: () => Promise<boolean>, maxMs: number): Promise<void> {
  const end = Date.now() + maxMs;
  while (Date.now() < end && !(await until())) {
    await page.keyboard.press('x');
    await page.waitForTimeout(40);
  }
}

export async function run(): Promise<void> {
  if (ensureWebBuild('bench') !== 0) throw new Error('could not build the web edition');
  const dir = mkdtempSync(join(tmpdir(), 'journeyscroll-bench-analytics-'));
  const server = new ServeProcess();
  await server.start();
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const idle: number[][] = [];
  const busy: number[][] = [];
  const imports: number[] = [];
  try {
    const log = join(dir, 'events.csv');
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, serviceWorkers: 'block' });
      const page = await context.newPage();
      await page.goto(`${server.origin}/b/${ROOM}?template=b2b-lead-to-renewal`);
      await page.waitForSelector('.js-card', { timeout: 30_000 });
      await page.waitForTimeout(1000);
      if (i === 0)
        writeLog(
          await page.evaluate(
            () =>
              JSON.parse(
                JSON.stringify((window as unknown as { journeyscroll: { readBlueprint(): unknown } }).journeyscroll.readBlueprint()),
              ) as Model,
          ),
          log,
        );

      await openTitleField(page);
      await typeFor(page, async () => false, 2000);
      idle.push(await takeLatencies(page));

      await page.getByRole('button', { name: 'Import performance data' }).click();
      const dialog = page.getByRole('dialog', { name: 'Import performance data' });
      await dialog.getByLabel('File to import').setInputFiles(log);
      const started = Date.now();
      await dialog.getByRole('button', { name: 'Import', exact: true }).click();
      let doneAt = 0;
      const status = dialog.getByRole('status', { name: 'Import status' });
      const done = async () => {
        if (doneAt) return true;
        if (/^[\d,]+ events of/.test((await status.innerText().catch(() => '')) || '')) doneAt = Date.now();
        return doneAt > 0;
      };
      await openTitleField(page);
      await typeFor(page, done, 120_000);
      if (!doneAt) throw new Error('the import did not finish within 120 s');
      busy.push(await takeLatencies(page));
      imports.push(doneAt - started);
      await context.close();
    }
  } finally {
    await browser.close();
    await server.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
  const line = (name: string, runs: number[][]) =>
    report(
      'analytics',
      name,
      `${ms(median(runs.map((r) => median(r))))} median, p95 ${ms(median(runs.map((r) => percentile(r, 95))))}, worst ${ms(median(runs.map((r) => Math.max(...r))))}  (${median(runs.map((r) => r.length))} keys a run)`,
    );
  line('canvas keystroke → paint, idle', idle);
  line('canvas keystroke → paint, during a 1 M-event import', busy);
  report(
    'analytics',
    'import 1 M events / 100 k customers in the worker (click → summary)',
    `${ms(median(imports))}  [${imports.map((x) => (x / 1000).toFixed(1)).join(', ')} s]`,
  );
}
