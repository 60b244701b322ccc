import type { Point, Rect } from '../../../shared/layout/index.ts';
import { flowControls } from '../gestures.ts';
import type { FlowLine } from '../shape-types.ts';

export type Cubic = readonly [Point, Point, Point, Point];

/** The box a flow's curve, arrowhead and label can reach (what a tile looks up flows by). */
export function flowBox(line: FlowLine): Rect {
  const points = flowControls(line);
  let minX = Math.min(...points.map((p) => p.x)) - 8;
  let minY = Math.min(...points.map((p) => p.y)) - 8;
  let maxX = Math.max(...points.map((p) => p.x)) + 8;
  let maxY = Math.max(...points.map((p) => p.y)) + 8;
  if (line.label) {
    const half = (line.label.length * 5.6 + 12) / 2;
    minX = Math.min(minX, line.lx - half);
    maxX = Math.max(maxX, line.lx + half);
    minY = Math.min(minY, line.ly - 9);
    maxY = Math.max(maxY, line.ly + 9);
  }
  return { x: minX, y: minY, w: maxX - minX, h: maxY - minY };
}

/** Pieces a flow's curve is cut into to find where it crosses a tile. */
const SAMPLES = 48;

/**
 * The parts of a flow's curve that pass through `rect`, each as a cubic of its own (the same
 * curve, cut by de Casteljau). A flow can cross the whole scroll: a tile strokes only the few
 * hundred pixels of it that it shows, not the ten thousand it does not.
 */
export function flowPiecesIn(line: Pick<FlowLine, 'x1' | 'y1' | 'x2' | 'y2'>, rect: Rect): Cubic[] {
  const curve = flowControls(line);
  const pieces: Cubic[] = [];
  let start = -1;
  let prev = curve[0];
  for (let i = 1; i <= SAMPLES; i++) {
    const next = pointAt(curve, i / SAMPLES);
    const inside = segmentMeets(prev, next, rect);
    if (inside && start < 0) start = i - 1;
    if (!inside && start >= 0) {
      pieces.push(cut(curve, start / SAMPLES, (i - 1) / SAMPLES));
      start = -1;
    }
    prev = next;
  }
  if (start >= 0) pieces.push(cut(curve, start / SAMPLES, 1));
  return pieces;
}

function pointAt([a, b, c, d]: Cubic, t: number): Point {
  const u = 1 - t;
  return {
    x: u * u * u * a.x + 3 * u * u * t * b.x + 3 * u * t * t * c.x + t * t * t * d.x,
    y: u * u * u * a.y + 3 * u * u * t * b.y + 3 * u * t * t * c.y + t * t * t * d.y,
  };
}

/** Whether the segment's box meets the rect (enough: the samples are short beside a tile). */
function segmentMeets(p: Point, q: Point, r: Rect): boolean {
  return Math.min(p.x, q.x) <= r.x + r.w && Math.max(p.x, q.x) >= r.x && Math.min(p.y, q.y) <= r.y + r.h && Math.max(p.y, q.y) >= r.y;
}

const lerp = (p: Point, q: Point, t: number): Point => ({ x: p.x + (q.x - p.x) * t, y: p.y + (q.y - p.y) * t });

/** The part of the cubic from t0 to t1, as a cubic. */
export function cut(curve: Cubic, t0: number, t1: number): Cubic {
  const right = t0 > 0 ? splitAt(curve, t0)[1] : curve;
  if (t1 >= 1) return right;
  return splitAt(right, (t1 - t0) / (1 - t0))[0];
}

function splitAt([a, b, c, d]: Cubic, t: number): [Cubic, Cubic] {
  const ab = lerp(a, b, t);
  const bc = lerp(b, c, t);
  const cd = lerp(c, d, t);
  const abc = lerp(ab, bc, t);
  const bcd = lerp(bc, cd, t);
  const m = lerp(abc, bcd, t);
  return [
    [a, ab, abc, m],
    [m, bcd, cd, d],
  ];
}
