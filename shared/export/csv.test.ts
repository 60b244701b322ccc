import { describe, expect, it } from 'vitest';
import { cleanJourney } from '../journey/fixtures.ts';
import { cardsToCsv, csvToBlueprint, CsvError, parseCsv } from './csv.ts';

describe('CSV', () => {
  it('round-trips cards (fields, nested fields, stage and lane names)', () => {
    const bp = cleanJourney();
    bp.cards[0]!.notes = 'line one\nline "two", with comma';
    bp.cards[0]!.title = '=SUM(A1)';
    bp.cards[0]!.metrics = { openRate: 0.25, volume: 1000 };
    const csv = cardsToCsv(bp);
    expect(csv).toContain("'=SUM(A1)");
    const back = csvToBlueprint(csv);
    const strip = ({ stageId: _s, laneId: _l, order: _o, ...rest }: (typeof bp.cards)[number]) => rest;
    expect(back.cards.map(strip).sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      bp.cards.map(strip).sort((a, b) => a.id.localeCompare(b.id)),
    );
    const stageName = (b: typeof bp, id: string) => b.stages.find((s) => s.id === id)!.name;
    for (const card of bp.cards)
      expect(stageName(back, back.cards.find((c) => c.id === card.id)!.stageId)).toBe(stageName(bp, card.stageId));
    expect(cardsToCsv(back)).toBe(csv);
  });

  it('reports every bad row with its line number and imports nothing', () => {
    const csv = cardsToCsv(cleanJourney()).split('\r\n');
    const row = csv[2]!.split(',');
    row[4] = 'bogus-kind';
    csv[2] = row.join(',');
    csv[4] = csv[4]!.split(',').slice(0, 5).join(',');
    try {
      csvToBlueprint(csv.join('\r\n'));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CsvError);
      const problems = (error as CsvError).problems.join('\n');
      expect(problems).toMatch(/line 3: column "kind"/);
      expect(problems).toMatch(/line 5: \d+ fields, the header has/);
    }
  });

  it('rejects unknown columns, unclosed quotes and an empty file', () => {
    expect(() => csvToBlueprint('stage,lane,kind,title,colour\n')).toThrow(/unknown column/);
    expect(() => csvToBlueprint('stage,lane,kind,title\n"a,b,c,d\n')).toThrow(/not closed/);
    expect(() => csvToBlueprint('')).toThrow(/empty/);
    expect(parseCsv('a,"b\nc"\r\nd,e')).toEqual([
      { line: 1, fields: ['a', 'b\nc'] },
      { line: 3, fields: ['d', 'e'] },
    ]);
  });
});
