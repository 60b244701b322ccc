import { describe, expect, it } from 'vitest';
import { cellKey, firstOrders, resolveBlueprint, type Card } from '../model/index.ts';
import { layoutBlueprint } from './layout.ts';
import { personaCurves } from './persona-curves.ts';

const [o1, o2, o3] = firstOrders(3);
const stages = [
  { id: 'st_1', name: 'Lead', order: o1!, entryCriterion: '', customerGoal: '' },
  { id: 'st_2', name: 'MQL', order: o2!, entryCriterion: '', customerGoal: '' },
  { id: 'st_3', name: 'SQL', order: o3!, entryCriterion: '', customerGoal: '' },
];
const lanes = [{ id: 'ln_f', name: 'Feelings', kind: 'thinking-feeling' as const, order: o1!, owner: '' }];
const personas = [
  { id: 'pe_it', name: 'IT buyer', description: '', color: '#2563eb' },
  { id: 'pe_cfo', name: 'CFO', description: '' },
];
let n = 0;
const feeling = (stageId: string, emotion: number | undefined, tags?: string[]): Card => ({
  id: `cd_${++n}`,
  stageId,
  laneId: 'ln_f',
  order: `a${n}`,
  kind: 'feeling',
  title: `f${n}`,
  notes: '',
  owner: '',
  status: 'draft',
  ...(emotion === undefined ? {} : { emotion }),
  ...(tags ? { personas: tags } : {}),
});

describe('personaCurves', () => {
  const cards = [
    feeling('st_1', 4, ['pe_it']),
    feeling('st_1', -2, ['pe_it', 'pe_cfo']),
    feeling('st_1', 5), // untagged: in the lane's curve only
    feeling('st_2', -4, ['pe_cfo']),
    feeling('st_3', 3, ['pe_it']),
    feeling('st_3', undefined, ['pe_it']), // no score: no weight
  ];
  const view = resolveBlueprint({ stages, lanes, cards, flows: [] });
  const layout = layoutBlueprint(view);

  it('averages each persona’s tagged feeling cards per stage, and skips stages it has none in', () => {
    const curves = personaCurves(view, layout, personas);
    // Display order is by name: CFO before IT buyer.
    expect(curves.map((c) => c.personaId)).toEqual(['pe_cfo', 'pe_it']);
    const it = curves.find((c) => c.personaId === 'pe_it')!;
    expect(it.points.map((p) => [p.stageId, p.emotion])).toEqual([
      ['st_1', 1],
      ['st_3', 3],
    ]);
    const cfo = curves.find((c) => c.personaId === 'pe_cfo')!;
    expect(cfo.points.map((p) => [p.stageId, p.emotion])).toEqual([
      ['st_1', -2],
      ['st_2', -4],
    ]);
    expect(it.colour).toBe('#2563eb');
  });

  it('draws on the lane’s emotion band, on the same scale as the lane’s own curve', () => {
    const lane = layout.emotionCurves[0]!;
    const it = personaCurves(view, layout, personas).find((c) => c.personaId === 'pe_it')!;
    expect(it.band).toEqual(lane.band);
    const top = lane.band.y + 8;
    const bottom = lane.band.y + lane.band.h - 8;
    for (const p of it.points) expect(p.y).toBeCloseTo(top + ((5 - p.emotion) / 10) * (bottom - top));
    const stage3 = layout.stages[2]!;
    expect(it.points[1]!.x).toBe(stage3.x + stage3.w / 2);
  });

  it('draws only the personas asked for, and none when the blueprint has none', () => {
    expect(personaCurves(view, layout, personas, new Set(['pe_it'])).map((c) => c.personaId)).toEqual(['pe_it']);
    expect(personaCurves(view, layout, [])).toEqual([]);
  });

  it('ignores tags of a persona that no longer exists', () => {
    const curves = personaCurves(view, layout, personas.slice(0, 1));
    expect(curves.map((c) => c.personaId)).toEqual(['pe_it']);
    expect(view.cells.get(cellKey('st_2', 'ln_f'))!.length).toBe(1);
  });
});
