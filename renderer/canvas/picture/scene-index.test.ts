import { describe, expect, it } from 'vitest';
import type { Rect } from '../../../shared/layout/index.ts';
import { SceneIndex } from './scene-index.ts';

/** A deterministic pseudo-random list of boxes, some long and thin (flows across stages). */
function boxes(n: number, seed: number): Rect[] {
  let s = seed;
  const next = () => (s = (s * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  return Array.from({ length: n }, (_, i) =>
    i % 10 === 0
      ? { x: next() * 20_000 - 2_000, y: next() * 9_000, w: next() * 8_000, h: next() * 300 }
      : { x: next() * 20_000 - 2_000, y: next() * 9_000 - 500, w: 160, h: 96 },
  );
}

const meets = (b: Rect, r: Rect) => b.x <= r.x + r.w && r.x <= b.x + b.w && b.y <= r.y + r.h && r.y <= b.y + b.h;

describe('SceneIndex', () => {
  it('answers exactly the boxes a brute-force scan finds, ascending, for rects of every size', () => {
    const list = boxes(3_000, 7);
    const index = new SceneIndex(list);
    const rects: Rect[] = [
      { x: 0, y: 0, w: 512, h: 512 },
      { x: -5_000, y: -5_000, w: 40_000, h: 40_000 },
      { x: 7_777, y: 3_333, w: 1, h: 1 },
      { x: 1_024, y: 2_048, w: 4_096, h: 300 },
      { x: 50_000, y: 50_000, w: 10, h: 10 },
    ];
    for (let i = 0; i < 40; i++) rects.push({ x: i * 431 - 1_000, y: (i * 277) % 9_000, w: 64 + i * 97, h: 64 + ((i * 53) % 700) });
    for (const r of rects) {
      const expected = list.flatMap((b, i) => (meets(b, r) ? [i] : []));
      expect(index.query(r)).toEqual(expected);
    }
  });

  it('a box spanning many buckets is answered once', () => {
    const index = new SceneIndex([{ x: 0, y: 0, w: 10_000, h: 10 }]);
    expect(index.query({ x: 100, y: 0, w: 9_000, h: 5 })).toEqual([0]);
    expect(new SceneIndex([]).query({ x: 0, y: 0, w: 1, h: 1 })).toEqual([]);
  });
});
