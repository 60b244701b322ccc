import { describe, expect, it } from 'vitest';
import { generateBlueprint } from './generate.ts';
import { seededRandom } from './random.ts';

describe('generateBlueprint', () => {
  it('makes a valid blueprint of the requested size', () => {
    const bp = generateBlueprint({ cards: 500, stages: 10, seed: 7 });
    expect(bp.cards).toHaveLength(500);
    expect(bp.stages).toHaveLength(10);
    expect(bp.lanes).toHaveLength(7);
    expect(bp.flows.length).toBeGreaterThan(200);
    const cardIds = new Set(bp.cards.map((c) => c.id));
    for (const flow of bp.flows) expect(cardIds.has(flow.from) && cardIds.has(flow.to)).toBe(true);
  });

  it('is deterministic per seed', () => {
    expect(generateBlueprint({ seed: 3, cards: 50 })).toEqual(generateBlueprint({ seed: 3, cards: 50 }));
    expect(generateBlueprint({ seed: 3, cards: 50 })).not.toEqual(generateBlueprint({ seed: 4, cards: 50 }));
  });
});

describe('seededRandom', () => {
  it('repeats its sequence for a seed and stays in range', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const seq = Array.from({ length: 100 }, () => a.int(10));
    expect(Array.from({ length: 100 }, () => b.int(10))).toEqual(seq);
    expect(seq.every((n) => n >= 0 && n < 10)).toBe(true);
    expect(new Set(seq).size).toBeGreaterThan(5);
  });
});
