/**
 * The journey CLI run as a real process, and the visual exports rendered by real tools:
 * the SVG of the B2B template in Chromium (screenshot saved under tests/artifacts/), the PDF
 * through pdftoppm.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chromium } from 'playwright-core';
import { getTemplate } from '../../shared/templates/index.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const BIN = join(ROOT, 'bin/journeyscroll.js');
const ARTIFACTS = join(ROOT, 'tests/artifacts');
const dir = mkdtempSync(join(tmpdir(), 'journeyscroll-cli-'));
const cli = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 });

describe('journeyscroll CLI (real process)', () => {
  it('exports every format from a template and a .journey file, and imports CSV back', { timeout: 120_000 }, () => {
    expect(cli('export', '--template', 'b2b-lead-to-renewal', '--format', 'journey', '-o', 'b2b.journey').status).toBe(0);
    for (const format of ['definition', 'xstate', 'xstate-json', 'bpmn', 'blueprint-json', 'csv', 'svg', 'pdf']) {
      const r = cli('export', 'b2b.journey', '--format', format, '-o', `out.${format}`);
      expect(r.status, `${format}: ${r.stderr}`).toBe(0);
      expect(statSync(join(dir, `out.${format}`)).size).toBeGreaterThan(500);
    }
    expect(JSON.parse(readFileSync(join(dir, 'out.definition'), 'utf8')).format).toBe('journeyscroll.journey-definition');
    expect(readFileSync(join(dir, 'out.xstate'), 'utf8')).toMatch(/^import \{ assign, createActor, setup \} from 'xstate';$/m);
    expect(JSON.parse(readFileSync(join(dir, 'out.xstate-json'), 'utf8')).id).toBe('journey');
    const imported = cli('import', 'out.csv', '-o', 'from-csv.journey');
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stderr).toContain('130 cards');
    writeFileSync(join(dir, 'out.json'), readFileSync(join(dir, 'out.blueprint-json')));
    expect(cli('import', 'out.json', '-o', 'from-json.journey').status).toBe(0);
    expect(cli('templates').stdout).toContain('b2b-lead-to-renewal');
  });

  it('lints (exit 1 on errors, --json) and simulates', () => {
    const clean = cli('lint', '--template', 'b2b-lead-to-renewal', '--json');
    expect(clean.status).toBe(0);
    expect(JSON.parse(clean.stdout).findings).toEqual([]);
    const bp = getTemplate('b2b-lead-to-renewal')!.build();
    bp.flows = bp.flows.filter((f) => f.id !== bp.flows[0]!.id);
    bp.cards.find((c) => c.kind === 'data')!.system = '';
    writeFileSync(join(dir, 'broken.json'), JSON.stringify(bp));
    const broken = cli('lint', 'broken.json');
    expect(broken.status).toBe(1);
    expect(broken.stdout).toMatch(/error +capture-no-system/);
    writeFileSync(
      join(dir, 'events.json'),
      JSON.stringify({
        events: [
          { at: '0s', event: 'form.submitted' },
          { at: '1h', event: 'lead.created', data: { marketingConsent: true } },
        ],
        until: '5d',
      }),
    );
    const sim = cli('simulate', '--template', 'b2b-lead-to-renewal', '--events', 'events.json');
    expect(sim.status, sim.stderr).toBe(0);
    expect(sim.stdout).toMatch(/day {3}3 01:00:00 {2}enter {4}Prospect stage 2/);
  });

  it.each([
    [['export', '--template', 'b2b-lead-to-renewal', '--format', 'docx'], 2, /unknown format "docx"/],
    [['export', 'missing.journey', '--format', 'svg'], 1, /no such file/],
    [['lint', 'corrupt.journey'], 1, /not a readable .journey file/],
    [['lint', 'truncated.journey'], 1, /not a readable .journey file/],
    [['import', 'bad.csv', '-o', 'x.journey'], 1, /line 3: column "kind"/],
    [['export', 'bad-definition.json', '--format', 'bpmn'], 1, /fails the journey definition schema/],
    [['lint', '--template', 'nope'], 1, /unknown template "nope"/],
    [['simulate', '--template', 'b2b-lead-to-renewal', '--events', 'bad-events.json'], 1, /invalid event script/],
    [['export', '--template', 'b2b-lead-to-renewal', '--format', 'pdf', '--paper', 'letter', '-o', 'x.pdf'], 2, /unknown --paper "letter"/],
    [
      ['export', '--template', 'b2b-lead-to-renewal', '--format', 'pdf', '--paper', 'a4', '--scale', '0', '-o', 'x.pdf'],
      2,
      /--scale must be a number above 0/,
    ],
    [['export', '--template', 'b2b-lead-to-renewal', '--format', 'svg', '--paper', 'a4'], 2, /apply to --format pdf only/],
  ])('bad input %j → clear message, exit %i', (args, code, message) => {
    writeFileSync(join(dir, 'corrupt.journey'), 'not a journey file at all');
    if (existsSync(join(dir, 'b2b.journey')))
      writeFileSync(join(dir, 'truncated.journey'), readFileSync(join(dir, 'b2b.journey')).subarray(0, 200));
    writeFileSync(join(dir, 'bad.csv'), 'stage,lane,kind,title\nLead,Touchpoints,touchpoint,ok\nLead,Touchpoints,bogus,bad\n');
    writeFileSync(
      join(dir, 'bad-definition.json'),
      JSON.stringify({ format: 'journeyscroll.journey-definition', version: 1, title: 'x', status: 'draft', states: [] }),
    );
    writeFileSync(join(dir, 'bad-events.json'), JSON.stringify({ events: [{ at: 'yesterday', event: 'x' }] }));
    const r = cli(...args);
    expect(r.status).toBe(code);
    expect(r.stderr).toMatch(message);
    expect(existsSync(join(dir, 'x.journey'))).toBe(false);
  });
});

describe('visual exports render', () => {
  it('the B2B SVG in Chromium shows every stage and lane (screenshot saved)', { timeout: 120_000 }, async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const svgPath = join(ARTIFACTS, 'b2b-scroll.svg');
    expect(cli('export', '--template', 'b2b-lead-to-renewal', '--format', 'svg', '-o', svgPath).status).toBe(0);
    const bp = getTemplate('b2b-lead-to-renewal')!.build();
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
      // Inline in a page: Playwright's full-page screenshot of a bare SVG document never completes.
      await page.setContent(`<!doctype html><body style="margin:0">${readFileSync(svgPath, 'utf8')}</body>`);
      const seen = await page.evaluate(() => {
        const visible = (el: Element) => {
          const r = el.getBoundingClientRect();
          return r.width > 0 && r.height > 0;
        };
        return {
          stages: [...document.querySelectorAll('[data-role="stage-name"]')].filter(visible).map((e) => e.textContent),
          lanes: [...document.querySelectorAll('[data-role="lane-name"]')].filter(visible).map((e) => e.textContent),
        };
      });
      for (const s of bp.stages) expect(seen.stages.some((t) => s.name.startsWith((t ?? '').replace('…', '')))).toBe(true);
      for (const l of bp.lanes) expect(seen.lanes.some((t) => l.name.startsWith((t ?? '').replace('…', '')))).toBe(true);
      await page.screenshot({ path: join(ARTIFACTS, 'b2b-scroll-svg.png'), fullPage: true });
      expect(statSync(join(ARTIFACTS, 'b2b-scroll-svg.png')).size).toBeGreaterThan(10_000);
    } finally {
      await browser.close();
    }
  });

  it('the PDF renders with pdftoppm', () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const pdf = join(ARTIFACTS, 'b2b-scroll.pdf');
    expect(cli('export', '--template', 'b2b-lead-to-renewal', '--format', 'pdf', '-o', pdf).status).toBe(0);
    execFileSync('pdftoppm', ['-png', '-r', '30', '-singlefile', pdf, join(ARTIFACTS, 'b2b-scroll-pdf')]);
    const png = readFileSync(join(ARTIFACTS, 'b2b-scroll-pdf.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.length).toBeGreaterThan(5_000);
  });

  it('prints on tiled A3 sheets that pdftoppm renders, one file per sheet', () => {
    const pdf = join(ARTIFACTS, 'b2b-scroll-a3.pdf');
    const r = cli('export', '--template', 'b2b-lead-to-renewal', '--format', 'pdf', '--paper', 'a3', '--overlap', '36', '-o', pdf);
    expect(r.status, r.stderr).toBe(0);
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    expect(pages).toBeGreaterThan(1);
    expect(info).toMatch(/Page size:\s+1190\.\d+ x 841\.\d+ pts \(A3\)/);
    execFileSync('pdftoppm', ['-png', '-r', '20', pdf, join(ARTIFACTS, 'b2b-scroll-a3')]);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain(`sheet ${pages} of ${pages}`);
    for (const stage of getTemplate('b2b-lead-to-renewal')!.build().stages) expect(text).toContain(stage.name);
  });
});
