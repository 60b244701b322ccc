import { describe, expect, it } from 'vitest';
import { MAX_LEVEL, MIN_LEVEL, TILE_PX, tileId, tileLevel, tileRect, tileSpan, tilesCovering } from './tile-grid.ts';

describe('tile grid', () => {
  it('picks the level nearest the screen resolution, within √2 of it', () => {
    expect(tileLevel(1)).toBe(0);
    expect(tileLevel(0.5)).toBe(-1);
    expect(tileLevel(0.6)).toBe(-1);
    expect(tileLevel(0.75)).toBe(0);
    expect(tileLevel(1, 2)).toBe(1);
    expect(tileLevel(0.15)).toBe(-3);
    for (let z = 0.02; z < 2; z *= 1.07) {
      const ratio = 2 ** tileLevel(z) / z;
      if (tileLevel(z) > MIN_LEVEL && tileLevel(z) < MAX_LEVEL) expect(ratio).toBeGreaterThanOrEqual(Math.SQRT1_2 - 1e-9);
      if (tileLevel(z) > MIN_LEVEL && tileLevel(z) < MAX_LEVEL) expect(ratio).toBeLessThanOrEqual(Math.SQRT2 + 1e-9);
    }
    expect(tileLevel(1e-6)).toBe(MIN_LEVEL);
    expect(tileLevel(50)).toBe(MAX_LEVEL);
  });

  it('covers the view (and its margin) with whole tiles, nearest the centre first', () => {
    const view = { x: 100, y: -300, w: 1600, h: 1000 };
    const keys = tilesCovering(view, 0);
    expect(tileSpan(0)).toBe(TILE_PX);
    const rects = keys.map(tileRect);
    // Every point of the view lies in exactly one tile.
    for (let x = view.x; x < view.x + view.w; x += 97)
      for (let y = view.y; y < view.y + view.h; y += 89)
        expect(rects.filter((r) => x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h)).toHaveLength(1);
    expect(new Set(keys.map(tileId)).size).toBe(keys.length);
    const first = tileRect(keys[0]!);
    expect(first.x <= 900 && 900 < first.x + first.w && first.y <= 200 && 200 < first.y + first.h).toBe(true);
    expect(tilesCovering(view, 0, 0.5).length).toBeGreaterThan(keys.length);
  });

  it('a level further out covers the same view with fewer, larger tiles', () => {
    const view = { x: 0, y: 0, w: 16_000, h: 10_000 };
    expect(tilesCovering(view, -3).length).toBeLessThan(tilesCovering(view, -2).length);
    const span = TILE_PX * 8;
    expect(tileRect({ level: -3, col: 1, row: 2 })).toEqual({ x: span, y: 2 * span, w: span, h: span });
  });
});
