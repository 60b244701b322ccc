import { describe, expect, it } from 'vitest';
import { cellKey, resolveBlueprint } from './resolve.ts';
import type { Card, Flow, Lane, Stage } from './schema.ts';

const stage = (id: string, order: string): Stage => ({ id, name: id, order, entryCriterion: '', customerGoal: '' });
const lane = (id: string, order: string): Lane => ({ id, name: id, kind: 'touchpoints', order, owner: '' });
const card = (id: string, stageId: string, laneId: string, order = 'a0'): Card => ({
  id,
  stageId,
  laneId,
  order,
  kind: 'touchpoint',
  title: id,
  notes: '',
  owner: '',
  status: 'draft',
});
const flow = (id: string, from: string, to: string): Flow => ({ id, from, to, label: '' });

describe('resolveBlueprint', () => {
  const input = {
    stages: [stage('s2', 'a1'), stage('s1', 'a0')],
    lanes: [lane('l1', 'a0')],
    cards: [card('c2', 's1', 'l1', 'a0'), card('c1', 's1', 'l1', 'a0'), card('c3', 'gone', 'l1'), card('c4', 's2', 'gone')],
    flows: [flow('f1', 'c1', 'c2'), flow('f2', 'c1', 'deleted'), flow('f3', 'c3', 'c1'), flow('f4', 'c1', 'c1')],
  };

  it('sorts by order and breaks ties by id', () => {
    const view = resolveBlueprint(input);
    expect(view.stages.map((s) => s.id)).toEqual(['s1', 's2']);
    expect(view.cells.get(cellKey('s1', 'l1'))!.map((c) => c.id)).toEqual(['c1', 'c2']);
  });

  it('puts orphaned cards in the Unplaced tray without changing them', () => {
    const view = resolveBlueprint(input);
    expect(view.unplaced.map((c) => c.id)).toEqual(['c3', 'c4']);
    expect(view.unplaced[0]).toBe(input.cards[2]);
  });

  it('hides flows whose end is gone, keeps self-loops (a repeating reminder)', () => {
    const view = resolveBlueprint(input);
    expect(view.flows.map((f) => f.id)).toEqual(['f1', 'f3', 'f4']);
    expect(view.hiddenFlows.map((f) => f.id)).toEqual(['f2']);
  });

  it('is deterministic whatever the input order', () => {
    const a = resolveBlueprint(input);
    const b = resolveBlueprint({ ...input, cards: [...input.cards].reverse(), stages: [...input.stages].reverse() });
    expect([...b.cells]).toEqual([...a.cells]);
    expect(b.unplaced).toEqual(a.unplaced);
    expect(b.stages).toEqual(a.stages);
  });
});
