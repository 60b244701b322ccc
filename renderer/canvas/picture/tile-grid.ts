import type { Rect } from '../../../shared/layout/index.ts';

/**
 * The scroll picture's tiles: squares of the page drawn into bitmaps at a few fixed resolutions
 * (levels), like a map's tiles. A tile at level k is TILE_PX device pixels wide and covers
 * TILE_PX / 2^k page units, so one bitmap serves every zoom near 2^k (scaled by at most √2 either
 * way) and a pan only draws the tiles it uncovers. The grid is anchored at the page's origin, so a
 * tile's place never depends on the blueprint's bounds.
 */
export const TILE_PX = 256;
/**
 * A tile's bitmap is one pixel wider and taller than the part of the grid it stands for: it
 * overlaps its right and lower neighbours by a pixel of the same picture, so no seam of what is
 * under the tiles shows between two of them when the compositor places them at a fraction of a
 * pixel (unsmoothed while the camera moves).
 */
export const TILE_BITMAP_PX = TILE_PX + 1;
/** 2^-8: a tile covers 65,536 page units (a whole enterprise scroll in a few tiles). */
export const MIN_LEVEL = -8;
/** 2^1: sharp on a 2× screen at 100 %; closer than that the cards are DOM anyway. */
export const MAX_LEVEL = 1;

export interface TileKey {
  readonly level: number;
  readonly col: number;
  readonly row: number;
}

/** The level whose resolution is nearest to what the screen shows at `zoom` on a `dpr` display. */
export function tileLevel(zoom: number, dpr = 1): number {
  const ideal = Math.log2(Math.max(zoom * dpr, 2 ** MIN_LEVEL));
  // `|| 0`: Math.round(-0.4) is -0, which would name a second tile set for level 0.
  return Math.max(MIN_LEVEL, Math.min(MAX_LEVEL, Math.round(ideal) || 0));
}

/** Device pixels per page unit at `level`. */
export const levelScale = (level: number): number => 2 ** level;

/** Page units a tile of `level` covers on each side. */
export const tileSpan = (level: number): number => TILE_PX / levelScale(level);

export const tileId = (k: TileKey): string => `${k.level}/${k.col}/${k.row}`;

/** The part of the page a tile covers. */
export function tileRect(k: TileKey): Rect {
  const span = tileSpan(k.level);
  return { x: k.col * span, y: k.row * span, w: span, h: span };
}

/**
 * The tiles of `level` that cover `view` grown by `margin` (a fraction of its size on each side),
 * those nearest the view's centre first — the order they are drawn in when time is short.
 */
export function tilesCovering(view: Rect, level: number, margin = 0): TileKey[] {
  const span = tileSpan(level);
  const mx = view.w * margin;
  const my = view.h * margin;
  const c0 = Math.floor((view.x - mx) / span);
  const c1 = Math.floor((view.x + view.w + mx) / span);
  const r0 = Math.floor((view.y - my) / span);
  const r1 = Math.floor((view.y + view.h + my) / span);
  const cx = (view.x + view.w / 2) / span - 0.5;
  const cy = (view.y + view.h / 2) / span - 0.5;
  const keys: Array<TileKey & { d: number }> = [];
  for (let col = c0; col <= c1; col++)
    for (let row = r0; row <= r1; row++) keys.push({ level, col, row, d: Math.hypot(col - cx, row - cy) });
  keys.sort((a, b) => a.d - b.d);
  return keys.map(({ level, col, row }) => ({ level, col, row }));
}
