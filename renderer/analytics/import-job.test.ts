import { describe, expect, it } from 'vitest';
import { trialBlueprint } from '../../shared/analytics/fixture.ts';
import { failureOf, runImportJob, textChunks, type ImportProgressReport } from './import-job.ts';

const blueprint = trialBlueprint();
const csv = (lines: readonly string[]) => new Blob([`${lines.join('\n')}\n`], { type: 'text/csv' });

describe('runImportJob (what the import worker runs)', () => {
  it('analyses an event log against the blueprint and lists unmapped touchpoints', async () => {
    const file = csv([
      'customer,at,touchpoint,conversion',
      'a,2026-01-01,Search ad,0',
      'a,2026-01-02,trial.started,0',
      'a,2026-01-03,purchase,120',
      'b,2026-01-01,billboard,0',
    ]);
    const outcome = await runImportJob({ kind: 'events', file, name: 'log.csv', blueprint });
    expect(outcome.kind).toBe('events');
    if (outcome.kind !== 'events') return;
    expect(outcome.analysis.events).toBe(4);
    expect(outcome.analysis.mapping.unmapped).toEqual(['billboard']);
    expect(outcome.analysis.journey.cards.find((c) => c.card === 'cd_ad')!.customers).toBe(1);
  });

  it('reads NDJSON, sniffed from the first character when the name says nothing', async () => {
    const file = new Blob([
      '{"customer":"a","at":"2026-01-01","touchpoint":"cd_ad"}\n{"customer":"a","at":"2026-01-02","touchpoint":"x","conversion":5}\n',
    ]);
    const outcome = await runImportJob({ kind: 'events', file, name: 'export', blueprint });
    expect(outcome.kind === 'events' && outcome.analysis.events).toBe(2);
  });

  it('refuses malformed rows with their line numbers', async () => {
    const file = csv([
      'customer,at,touchpoint,conversion',
      'a,2026-01-01,cd_ad,0',
      'b,01/02/2026,cd_ad,0',
      ',2026-01-01,cd_ad,0',
      'c,2026-01-01,cd_ad,-3',
    ]);
    const error = await runImportJob({ kind: 'events', file, name: 'bad.csv', blueprint }).then(
      () => null,
      (e: unknown) => e,
    );
    const failure = failureOf(error);
    expect(failure.problems.map((p) => p.line)).toEqual([3, 4, 5]);
    expect(failure.problems[0]!.message).toMatch(/ISO 8601/);
    expect(failure.message).toMatch(/3 bad rows; nothing was imported/);
  });

  it('parses a metrics CSV into rows, refusing an unknown card by line', async () => {
    const good = await runImportJob({
      kind: 'metrics',
      file: csv(['card,period,volume,conversion_rate', 'cd_ad,2026-Q1,1200,4.5%', 'cd_trial,2026-Q1,300,0.2']),
      name: 'm.csv',
      blueprint,
    });
    expect(good.kind === 'metrics' && good.rows.map((r) => [r.line, r.card, r.metrics.conversionRate])).toEqual([
      [2, 'cd_ad', 0.045],
      [3, 'cd_trial', 0.2],
    ]);
    const bad = await runImportJob({ kind: 'metrics', file: csv(['card,volume', 'cd_ad,1', 'cd_nope,2']), name: 'm.csv', blueprint }).catch(
      (e: unknown) => failureOf(e),
    );
    expect(bad).toMatchObject({ problems: [{ line: 3, message: 'no card with id "cd_nope"' }] });
  });

  it('cancels a 1,000,000-row import part-way: it stops reading and returns nothing', async () => {
    // 100 blocks of 10,000 rows (10,000 customers): 1,000,000 rows, about 40 MB.
    const rows: string[] = [];
    for (let i = 0; i < 10_000; i++) rows.push(`c${i},2026-01-01T00:00:${String(i % 60).padStart(2, '0')}Z,cd_ad,0\n`);
    const block = rows.join('');
    const file = new Blob(['customer,at,touchpoint,conversion\n', ...Array.from({ length: 100 }, () => block)]);
    expect(file.size).toBeGreaterThan(30e6);
    const controller = new AbortController();
    const seen: ImportProgressReport[] = [];
    const started = performance.now();
    const error = await runImportJob(
      { kind: 'events', file, name: 'big.csv', blueprint },
      {
        signal: controller.signal,
        onProgress: (p) => {
          seen.push(p);
          if (p.done >= 4 << 20) controller.abort();
        },
      },
    ).then(
      () => null,
      (e: unknown) => e as DOMException,
    );
    expect(error?.name).toBe('AbortError');
    const last = seen.at(-1)!;
    expect(last.phase).toBe('reading');
    expect(last.done).toBeLessThan(last.total / 4); // stopped early, not at the end
    expect(performance.now() - started).toBeLessThan(30_000);
  }, 60_000);

  it('decodes UTF-8 split across chunk boundaries', async () => {
    const text = 'é€'.repeat(1000);
    let out = '';
    for await (const c of textChunks(new Blob([text]), () => undefined, 7)) out += c;
    expect(out).toBe(text);
  });
});
