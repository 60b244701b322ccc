import { overlaps, type Rect } from '../../shared/layout/index.ts';
import { flowPointAt } from './gestures.ts';
import type { FlowLine } from './shape-types.ts';

/** Flow labels are 10px text; an average glyph is ~0.56 em wide. */
const LABEL_HEIGHT = 13;
const charWidth = 5.6;
const BUCKET = 256;
/** Where along its curve a label may sit, in order of preference. */
const SPOTS = [0.5, 0.35, 0.65, 0.25, 0.75];

/**
 * Places each flow's label on its curve where it covers no card and no other label, trying a few
 * spots along the curve; a label with no free spot is left out of the picture (the inspector still
 * shows it). Deterministic (flows in the given order), and a spatial hash keeps it linear.
 */
export function placeFlowLabels(lines: FlowLine[], cards: readonly Rect[]): FlowLine[] {
  // Buckets keyed by one number (column * 2^20 + row, rows offset to stay positive): no string
  // per bucket visit, which was most of this function's time at 5,000 cards.
  const grid = new Map<number, Rect[]>();
  /** Visits the keys of the buckets `r` touches until `visit` returns true; says whether it did. */
  const someBucket = (r: Rect, visit: (key: number) => boolean | void): boolean => {
    for (let gx = Math.floor(r.x / BUCKET); gx <= Math.floor((r.x + r.w) / BUCKET); gx++) {
      for (let gy = Math.floor(r.y / BUCKET); gy <= Math.floor((r.y + r.h) / BUCKET); gy++) {
        if (visit(gx * 1_048_576 + (gy + 524_288))) return true;
      }
    }
    return false;
  };
  const add = (r: Rect) =>
    someBucket(r, (k) => {
      const list = grid.get(k);
      if (list) list.push(r);
      else grid.set(k, [r]);
    });
  const free = (r: Rect) => !someBucket(r, (k) => grid.get(k)?.some((o) => overlaps(r, o)) ?? false);
  for (const card of cards) add(card);
  return lines.map((line) => {
    if (!line.label) return line;
    const w = line.label.length * charWidth + 6;
    for (const t of SPOTS) {
      const p = flowPointAt(line, t);
      const box = { x: p.x - w / 2, y: p.y - LABEL_HEIGHT / 2, w, h: LABEL_HEIGHT };
      if (free(box)) {
        add(box);
        return { ...line, lx: p.x, ly: p.y };
      }
    }
    return { ...line, label: '', lx: 0, ly: 0 };
  });
}
