import type { Rect } from '../../../shared/layout/index.ts';

/** Page units per bucket side: a few cards wide, so a tile asks a handful of buckets. */
const BUCKET = 512;

/**
 * Which of a list of boxes meet a part of the page: a uniform grid of buckets, built once per
 * scene, so drawing a tile looks at the cards and flows near it and not at all 20,000. Answers
 * are indices into the list, ascending, so every tile draws overlapping things in the same order.
 */
export class SceneIndex {
  private readonly buckets = new Map<number, number[]>();
  private readonly stamps: Uint32Array;
  private stamp = 0;
  private readonly bounds: Rect;
  private readonly boxes: readonly Rect[];

  constructor(boxes: readonly Rect[]) {
    this.boxes = boxes;
    this.stamps = new Uint32Array(boxes.length);
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    boxes.forEach((b, i) => {
      minX = Math.min(minX, b.x);
      minY = Math.min(minY, b.y);
      maxX = Math.max(maxX, b.x + b.w);
      maxY = Math.max(maxY, b.y + b.h);
      this.visit(b, (key) => {
        const list = this.buckets.get(key);
        if (list) list.push(i);
        else this.buckets.set(key, [i]);
      });
    });
    this.bounds = boxes.length ? { x: minX, y: minY, w: maxX - minX, h: maxY - minY } : { x: 0, y: 0, w: 0, h: 0 };
  }

  /** The indices of the boxes that meet `rect` (edges touching count), ascending. */
  query(rect: Rect): number[] {
    const meets = (b: Rect) => b.x <= rect.x + rect.w && rect.x <= b.x + b.w && b.y <= rect.y + rect.h && rect.y <= b.y + b.h;
    const b = this.bounds;
    // A far-out tile that holds the whole scroll: every box, without visiting thousands of buckets.
    if (rect.x <= b.x && rect.y <= b.y && rect.x + rect.w >= b.x + b.w && rect.y + rect.h >= b.y + b.h) return this.boxes.map((_, i) => i);
    const stamp = ++this.stamp;
    const found: number[] = [];
    const clipped = intersection(rect, b);
    if (!clipped) return found;
    this.visit(clipped, (key) => {
      for (const i of this.buckets.get(key) ?? []) {
        if (this.stamps[i] === stamp) continue;
        this.stamps[i] = stamp;
        if (meets(this.boxes[i]!)) found.push(i);
      }
    });
    return found.sort((x, y) => x - y);
  }

  private visit(r: Rect, f: (key: number) => void): void {
    const c1 = Math.floor((r.x + r.w) / BUCKET);
    const r1 = Math.floor((r.y + r.h) / BUCKET);
    // One number per bucket (column * 2^21 + row, offset to stay positive): no string per visit.
    for (let c = Math.floor(r.x / BUCKET); c <= c1; c++)
      for (let row = Math.floor(r.y / BUCKET); row <= r1; row++) f(c * 2_097_152 + (row + 1_048_576));
  }
}

function intersection(a: Rect, b: Rect): Rect | null {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const w = Math.min(a.x + a.w, b.x + b.w) - x;
  const h = Math.min(a.y + a.h, b.y + b.h) - y;
  return w >= 0 && h >= 0 ? { x, y, w, h } : null;
}
