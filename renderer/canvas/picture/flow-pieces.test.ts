import { describe, expect, it } from 'vitest';
import { flowPointAt } from '../gestures.ts';
import { cut, flowPiecesIn, type Cubic } from './flow-pieces.ts';
import { flowControls } from '../gestures.ts';

const at = ([a, b, c, d]: Cubic, t: number) => {
  const u = 1 - t;
  return {
    x: u * u * u * a.x + 3 * u * u * t * b.x + 3 * u * t * t * c.x + t * t * t * d.x,
    y: u * u * u * a.y + 3 * u * u * t * b.y + 3 * u * t * t * c.y + t * t * t * d.y,
  };
};

describe('flowPiecesIn', () => {
  const line = { x1: 0, y1: 0, x2: 10_000, y2: 3_000 };

  it('cutting a cubic keeps the same curve', () => {
    const curve = flowControls(line);
    const piece = cut(curve, 0.3, 0.55);
    for (let s = 0; s <= 1; s += 0.125) {
      const p = at(piece, s);
      const q = flowPointAt(line, 0.3 + s * 0.25);
      expect(p.x).toBeCloseTo(q.x, 6);
      expect(p.y).toBeCloseTo(q.y, 6);
    }
    expect(cut(curve, 0, 1)).toEqual(curve);
  });

  it('finds every part of the curve inside the rect and little outside it', () => {
    const rect = { x: 4_000, y: 0, w: 512, h: 3_000 };
    const pieces = flowPiecesIn(line, rect);
    expect(pieces.length).toBe(1);
    // Every point of the curve in the rect is on a piece (checked by sampling the curve finely).
    for (let t = 0; t <= 1; t += 0.0005) {
      const p = flowPointAt(line, t);
      if (p.x < rect.x || p.x > rect.x + rect.w) continue;
      const covered = pieces.some((piece) => {
        const first = piece[0];
        const last = piece[3];
        return p.x >= Math.min(first.x, last.x) - 1e-6 && p.x <= Math.max(first.x, last.x) + 1e-6;
      });
      expect(covered).toBe(true);
    }
    // A piece reaches at most one sample (1/48 of the curve) beyond the rect on each side.
    const span = Math.abs(pieces[0]![3].x - pieces[0]![0].x);
    expect(span).toBeLessThan(rect.w + (2 * 10_000) / 48 + 1);
  });

  it('a curve far from the rect has no piece in it', () => {
    expect(flowPiecesIn(line, { x: 0, y: 5_000, w: 512, h: 512 })).toEqual([]);
  });
});
