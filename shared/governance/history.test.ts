import { describe, expect, it } from 'vitest';
import { generateBlueprint } from '../model/index.ts';
import { filterHistory, groupHistory, personLabel, type ChangeRow } from './history.ts';

const blueprint = generateBlueprint({ seed: 9, stages: 3, cards: 12 });
const [c1, c2, c3] = blueprint.cards;
const laneName = (id: string) => blueprint.lanes.find((l) => l.id === id)!.name;
const MIN = 60_000;
const row = (at: number, author: string | undefined, root: string, key?: string, team?: string): ChangeRow => ({
  seq: at,
  at,
  kind: 'write',
  root,
  ...(key ? { key } : {}),
  ...(author ? { author } : {}),
  ...(team ? { team } : {}),
});

describe('history for people', () => {
  const rows = [
    row(0, 'Maria', 'cards', c1!.id, 'Data'),
    row(1 * MIN, 'Maria', 'cards', c1!.id, 'Data'),
    row(2 * MIN, 'Maria', 'cards', c2!.id, 'Data'),
    row(3 * MIN, 'Tom', 'stages', blueprint.stages[0]!.id),
    row(4 * MIN, 'Maria', 'cards', c3!.id, 'Data'),
    row(30 * MIN, 'Maria', 'meta'),
    row(31 * MIN, undefined, 'cards', 'cd_gone'),
  ];

  it('groups runs of one person with pauses under the gap, counting each entity once, in words', () => {
    const groups = groupHistory(rows, blueprint);
    expect(groups.map((g) => [personLabel(g), g.from, g.to, g.rows])).toEqual([
      ['Maria (Data)', 0, 2 * MIN, 3],
      ['Tom', 3 * MIN, 3 * MIN, 1],
      ['Maria (Data)', 4 * MIN, 4 * MIN, 1],
      ['Maria', 30 * MIN, 30 * MIN, 1],
      ['Someone', 31 * MIN, 31 * MIN, 1],
    ]);
    const first = groups[0]!;
    const lanes = [laneName(c1!.laneId), laneName(c2!.laneId)];
    expect(first.entities).toHaveLength(2);
    expect(first.summary).toBe(lanes[0] === lanes[1] ? `2 cards in ${lanes[0]}` : `1 card in ${lanes[0]}, 1 card in ${lanes[1]}`);
    expect(groups[1]!.summary).toBe('1 stage');
    expect(groups[3]!.summary).toBe("the blueprint's details");
    expect(groups[4]!.summary).toBe('1 card since removed');
  });

  it('filters by person, team, stage and lane', () => {
    expect(filterHistory(rows, blueprint, { author: 'Tom' })).toHaveLength(1);
    expect(filterHistory(rows, blueprint, { team: 'Data' })).toHaveLength(4);
    const inLane = filterHistory(rows, blueprint, { laneId: c1!.laneId });
    expect(inLane.every((r) => r.root === 'cards' && blueprint.cards.find((c) => c.id === r.key)!.laneId === c1!.laneId)).toBe(true);
    expect(inLane.length).toBeGreaterThanOrEqual(2);
    expect(filterHistory(rows, blueprint, { stageId: blueprint.stages[0]!.id }).some((r) => r.root === 'stages')).toBe(true);
  });
});
