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

  it('writes the personas a card concerns by name and imports them as personas with their tags', () => {
    const bp = cleanJourney();
    bp.personas = [
      { id: 'pe_it', name: 'IT buyer', description: 'Signs off', color: '#2563eb' },
      { id: 'pe_cfo', name: 'CFO; finance', description: '' },
    ];
    bp.cards[0]!.personas = ['pe_it', 'pe_gone'];
    bp.cards[1]!.personas = ['pe_it'];
    const csv = cardsToCsv(bp);
    const rows = parseCsv(csv);
    const column = rows[0]!.fields.indexOf('personas');
    const row = (id: string) => rows.find((r) => r.fields[0] === id)!.fields[column];
    // A tag whose persona is gone is left out.
    expect(row(bp.cards[0]!.id)).toBe('IT buyer');
    expect(row(bp.cards[2]!.id)).toBe('');
    const back = csvToBlueprint(csv);
    expect(back.personas.map((p) => p.name)).toEqual(['IT buyer']);
    const it = back.personas[0]!;
    expect(it.color).toMatch(/^#[0-9a-f]{6}$/);
    expect(
      back.cards
        .filter((c) => c.personas?.includes(it.id))
        .map((c) => c.id)
        .sort(),
    ).toEqual([bp.cards[0]!.id, bp.cards[1]!.id].sort());
    expect(cardsToCsv(back)).toBe(csv);
  });

  it('splits a personas cell on semicolons, once per name', () => {
    const back = csvToBlueprint(
      'stage,lane,kind,title,personas\r\nLead,Feel,feeling,Happy, IT buyer ;CFO;IT buyer\r\nLead,Feel,feeling,Sad,CFO\r\n',
    );
    expect(back.personas.map((p) => p.name).sort()).toEqual(['CFO', 'IT buyer']);
    const cfo = back.personas.find((p) => p.name === 'CFO')!.id;
    expect(back.cards.map((c) => c.personas?.length)).toEqual([2, 1]);
    expect(back.cards.every((c) => c.personas!.includes(cfo))).toBe(true);
  });
});
