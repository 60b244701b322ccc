/**
 * The analytics commands run as real processes on files written here: attribution, clv, analyze
 * and import-metrics, with their documented JSON shapes, and bad input refused with line numbers.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { trialBlueprint } from '../../shared/analytics/fixture.ts';
import { simulateCustomers } from '../../shared/analytics/simulate-clv.ts';
import { plantedRows, rowsToCsv, type Row } from '../../shared/analytics/testing.ts';
import { seededRandom } from '../../shared/model/index.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const BIN = join(ROOT, 'bin/journeyscroll.js');
const dir = mkdtempSync(join(tmpdir(), 'journeyscroll-analytics-'));
const cli = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 });

const rows: Row[] = [];
plantedRows({ customers: 2000, touchpoints: ['ad', 'email', 'social', 'webinar'], driver: 'webinar', seed: 3 }, (r) => rows.push(r));
writeFileSync(join(dir, 'events.csv'), rowsToCsv(rows));
writeFileSync(
  join(dir, 'events.ndjson'),
  rowsToCsv(rows)
    .split('\n')
    .slice(1, -1)
    .map((l) => {
      const [customer, at, touchpoint, conversion] = l.split(',');
      return JSON.stringify({ customer, at, touchpoint, conversion: Number(conversion) });
    })
    .join('\n'),
);

describe('journeyscroll attribution', () => {
  it('prints the documented JSON; the planted driver gets the largest Markov credit; credits sum up', () => {
    const r = cli('attribution', 'events.csv', '--model', 'markov', '--json');
    expect(r.status, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json)).toEqual(['model', 'conversions', 'value', 'touchpoints']);
    expect(json.model).toBe('markov');
    expect(json.conversions).toBe(rows.filter((x) => (x[3] ?? 0) > 0).length);
    expect(json.touchpoints[0].touchpoint).toBe('webinar');
    expect(Object.keys(json.touchpoints[0])).toEqual(['touchpoint', 'conversions', 'value']);
    const sum = json.touchpoints.reduce((s: number, t: { value: number }) => s + t.value, 0);
    expect(sum).toBeCloseTo(json.value, 6);
  });
  it('reads NDJSON the same as CSV, and applies --half-life to time decay', () => {
    const csv = JSON.parse(cli('attribution', 'events.csv', '--model', 'time-decay', '--json').stdout);
    const nd = JSON.parse(cli('attribution', 'events.ndjson', '--model', 'time-decay', '--json').stdout);
    expect(nd).toEqual(csv);
    const short = JSON.parse(cli('attribution', 'events.csv', '--model', 'time-decay', '--half-life', '1h', '--json').stdout);
    const last = JSON.parse(cli('attribution', 'events.csv', '--model', 'last', '--json').stdout);
    // A one-hour half-life over touches days apart is nearly last touch (touches on the same day share).
    const ad = (a: { touchpoints: { touchpoint: string; conversions: number }[] }) =>
      a.touchpoints.find((t) => t.touchpoint === 'ad')!.conversions;
    expect(Math.abs(ad(short) - ad(last)) / ad(last)).toBeLessThan(0.02);
    expect(Math.abs(ad(csv) - ad(last)) / ad(last)).toBeGreaterThan(0.05);
    expect(cli('attribution', 'events.csv', '--model', 'last').stdout).toMatch(/^last: \d+ conversions/);
  });
});

describe('journeyscroll clv', () => {
  it('fits purchases simulated from known parameters and prints the documented JSON', () => {
    const random = seededRandom(5);
    const sim = simulateCustomers(random, 2500, { r: 0.5, alpha: 6, a: 0.7, b: 2.5 }, { p: 6, q: 4, gamma: 15 }, () => 20 + random.int(30));
    const end = Date.UTC(2026, 11, 31);
    const lines = ['customer,date,value,persona'];
    sim.forEach((c, i) => {
      const first = end - Math.round(c.T * 7) * 86_400_000;
      c.times.forEach((t, k) =>
        lines.push(
          `c${i},${new Date(first + Math.round(t * 7) * 86_400_000).toISOString().slice(0, 10)},${c.values[k]!.toFixed(2)},${i % 2 ? 'Pro' : 'Starter'}`,
        ),
      );
    });
    writeFileSync(join(dir, 'purchases.csv'), `${lines.join('\n')}\n`);
    const r = cli(
      'clv',
      'purchases.csv',
      '--calibration-end',
      '2026-12-31',
      '--period',
      'week',
      '--horizon',
      '52',
      '--discount',
      '0.1',
      '--json',
    );
    expect(r.status, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.customers).toBe(2500);
    expect(Object.keys(json.bgnbd)).toEqual(['r', 'alpha', 'a', 'b', 'logLikelihood']);
    expect(Object.keys(json.gammaGamma)).toEqual(['p', 'q', 'gamma', 'customers']);
    expect(json.bgnbd.r).toBeGreaterThan(0.35);
    expect(json.bgnbd.r).toBeLessThan(0.7);
    expect(json.perCustomer).toHaveLength(2500);
    expect(json.byPersona.map((g: { group: string }) => g.group).sort()).toEqual(['Pro', 'Starter']);
    expect(cli('clv', 'purchases.csv', '--calibration-end', '2026-12-31').stdout).toMatch(/BG\/NBD +r /);
  });
});

describe('journeyscroll analyze and import-metrics', () => {
  writeFileSync(join(dir, 'trial.json'), JSON.stringify(trialBlueprint()));
  const journeyRows: Row[] = [];
  for (let i = 0; i < 60; i++) {
    const c = `c${i}`;
    journeyRows.push([c, 0, 'cd_ad']);
    if (i % 3 === 0)
      journeyRows.push([c, 1, 'Checkout', 40]); // straight to checkout: no such flow
    else journeyRows.push([c, 1, 'trial.started'], ...(i % 3 === 1 ? ([[c, 3, 'purchase', 90]] as Row[]) : []));
  }
  writeFileSync(join(dir, 'journey-events.csv'), rowsToCsv(journeyRows));

  it('reports stages, the dead flow, the missing transition, conformance and attribution', () => {
    expect(cli('import', 'trial.json', '-o', 'trial.journey').status).toBe(0);
    const r = cli('analyze', 'trial.journey', '--events', 'journey-events.csv', '--json', '--min-customers', '10', '--threshold', '0.6');
    expect(r.status, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.journey.deadFlows).toEqual(['fl_webinar']);
    expect(json.journey.missingTransitions).toEqual([{ from: 'st_visit', to: 'st_paid', customers: 20 }]);
    expect(json.journey.stages.map((s: { entered: number }) => s.entered)).toEqual([60, 40, 40]);
    expect(json.conformance).toMatchObject({ replayed: 60, fitting: 40 });
    expect(json.attribution.map((m: { model: string }) => m.model)).toEqual([
      'first',
      'last',
      'linear',
      'position',
      'time-decay',
      'markov',
    ]);
    expect(json.underperformers.map((u: { card: string }) => u.card)).toEqual(['cd_trial']);
    const text = cli('analyze', 'trial.journey', '--events', 'journey-events.csv');
    expect(text.stdout).toMatch(/missing transitions: Visit → Paid \(20\)/);
    expect(text.stdout).toMatch(/dead flows \(1\): fl_webinar/);
  });

  it('imports per-card metrics; a bad row refuses the file with line numbers and changes nothing', () => {
    expect(cli('import', 'trial.json', '-o', 'm.journey').status).toBe(0);
    writeFileSync(
      join(dir, 'metrics.csv'),
      'card,stage,lane,title,period,volume,conversion_rate\ncd_ad,,,,2026-Q1,500,3%\n,Trial,Touchpoints,Webinar,2026-Q1,80,0.2\n',
    );
    const ok = cli('import-metrics', 'm.journey', 'metrics.csv');
    expect(ok.status, ok.stderr).toBe(0);
    const exported = cli('export', 'm.journey', '--format', 'blueprint-json', '-o', 'm.json');
    expect(exported.status, exported.stderr).toBe(0);
    const cards = JSON.parse(readFileSync(join(dir, 'm.json'), 'utf8')).cards as { id: string; metrics?: unknown }[];
    expect(cards.find((c) => c.id === 'cd_ad')!.metrics).toEqual({ period: '2026-Q1', volume: 500, conversionRate: 0.03 });
    expect(cards.find((c) => c.id === 'cd_webinar')!.metrics).toEqual({ period: '2026-Q1', volume: 80, conversionRate: 0.2 });

    const before = readFileSync(join(dir, 'm.journey'));
    writeFileSync(join(dir, 'bad-metrics.csv'), 'card,volume\ncd_ad,10\nnope,3\ncd_ad,-1\n');
    const bad = cli('import-metrics', 'm.journey', 'bad-metrics.csv');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/line 3: no card with id "nope"/);
    expect(bad.stderr).toMatch(/line 4: volume/);
    expect(readFileSync(join(dir, 'm.journey')).equals(before)).toBe(true);
  });
});

describe('bad input', () => {
  it.each([
    [['attribution', 'bad.csv', '--model', 'markov'], 1, /line 3: "at" is not an ISO 8601 time[\s\S]*line 4: "conversion" must be 0/],
    [['attribution', 'events.csv', '--model', 'u-shaped'], 2, /unknown --model "u-shaped"/],
    [['attribution', 'events.csv', '--model', 'time-decay', '--half-life', 'soon'], 2, /--half-life/],
    [['attribution', 'missing.csv', '--model', 'first'], 1, /no such file/],
    [['clv', 'events.csv', '--calibration-end', '2026-12-31'], 1, /lacks columns "date", "value"/],
    [['clv', 'events.csv', '--calibration-end', 'tomorrow'], 2, /--calibration-end must be a date/],
    [['analyze', 'trial.journey'], 2, /missing --events/],
  ])('%j → exit %i', (args, code, message) => {
    writeFileSync(join(dir, 'bad.csv'), 'customer,at,touchpoint,conversion\na,2026-01-01,ad,0\na,01/02/2026,ad,0\na,2026-01-03,ad,x\n');
    const r = cli(...args);
    expect(r.status).toBe(code);
    expect(r.stderr).toMatch(message);
  });
});
