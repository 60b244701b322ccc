import type { Scene } from './scene.ts';

/**
 * How the scroll goes onto paper: one continuous banner page, or tiled A4/A3 sheets that overlap
 * so they can be trimmed and taped into one long scroll (as a CMO unrolls it on a table).
 * Pure geometry in PDF points (1 layout unit = 1 pt at scale 1); the PDF writer draws each page.
 */
export type PaperSize = 'banner' | 'a4' | 'a3';
export const PAPER_SIZES: readonly PaperSize[] = ['banner', 'a4', 'a3'];

export interface PrintOptions {
  readonly paper: PaperSize;
  /** Tiled paper only: points per layout unit (by default the largest legible strip, see printPages). */
  readonly scale?: number;
  /** Tiled paper only: how much of the scroll two neighbouring sheets share, in points. */
  readonly overlap?: number;
}

/** One sheet: its size, and the part of the scene it shows (scene units). */
export interface PrintPage {
  readonly width: number;
  readonly height: number;
  /** The scene → page transform: page = (scene − origin) × scale + margin. */
  readonly scale: number;
  readonly margin: number;
  /** Points of this sheet's printable area that the next sheet to the right or below repeats. */
  readonly overlap: number;
  /** The scene rectangle drawn in this page's printable area. */
  readonly region: { readonly x: number; readonly y: number; readonly w: number; readonly h: number };
  /** Row and column of the sheet in the assembled scroll (0-based), and the grid size. */
  readonly row: number;
  readonly column: number;
  readonly rows: number;
  readonly columns: number;
}

/** A4 and A3, points, portrait. */
const SHEETS: Record<Exclude<PaperSize, 'banner'>, { w: number; h: number }> = {
  a4: { w: 595.28, h: 841.89 },
  a3: { w: 841.89, h: 1190.55 },
};
/** The longest side a PDF page may have (PDF 1.x user-space limit). */
export const MAX_PAGE_POINTS = 14_400;
/** Scale of multi-row tiling: card titles (12 units) print at about 8 pt. */
export const DEFAULT_TILE_SCALE = 0.66;
/** Below this scale card titles (12 units) print under 6 pt: too small to read across a table. */
export const MIN_LEGIBLE_SCALE = 0.5;
export const DEFAULT_OVERLAP = 28;
/** Printers cannot print to the edge; the margin also carries the sheet's footer. */
const TILE_MARGIN = 24;

/**
 * Tiled paper: by default the scroll is printed as one strip of sheets — landscape when the whole
 * height fits a landscape sheet legibly, else portrait — at the largest scale (up to 1) at which
 * it fits; a scroll too tall for either prints on several rows at DEFAULT_TILE_SCALE. With a
 * scale given, the orientation that needs fewer sheets is used.
 */
export function printPages(scene: Scene, options: PrintOptions): PrintPage[] {
  if (options.paper === 'banner') {
    const scale = Math.min(1, MAX_PAGE_POINTS / scene.width, MAX_PAGE_POINTS / scene.height);
    return [
      {
        width: scene.width * scale,
        height: scene.height * scale,
        scale,
        margin: 0,
        overlap: 0,
        region: { x: 0, y: 0, w: scene.width, h: scene.height },
        row: 0,
        column: 0,
        rows: 1,
        columns: 1,
      },
    ];
  }
  const portrait = SHEETS[options.paper];
  const landscape = { w: portrait.h, h: portrait.w };
  const overlap = options.overlap ?? DEFAULT_OVERLAP;
  if (!(overlap >= 0 && overlap < (portrait.w - 2 * TILE_MARGIN) / 2))
    throw new RangeError(`print overlap must be between 0 and ${Math.floor((portrait.w - 2 * TILE_MARGIN) / 2)} pt`);
  if (options.scale !== undefined) {
    if (!(options.scale > 0 && options.scale <= 4)) throw new RangeError(`print scale must be in (0, 4], got ${options.scale}`);
    const a = tile(scene, landscape, options.scale, overlap);
    const b = tile(scene, portrait, options.scale, overlap);
    return b.length < a.length ? b : a;
  }
  for (const sheet of [landscape, portrait]) {
    const fit = Math.min(1, (sheet.h - 2 * TILE_MARGIN) / scene.height);
    if (fit >= MIN_LEGIBLE_SCALE) return tile(scene, sheet, fit, overlap);
  }
  return tile(scene, landscape, DEFAULT_TILE_SCALE, overlap);
}

function tile(scene: Scene, sheet: { w: number; h: number }, scale: number, overlap: number): PrintPage[] {
  const printableW = sheet.w - 2 * TILE_MARGIN;
  const printableH = sheet.h - 2 * TILE_MARGIN;
  // Region sizes in scene units: each sheet shows printable/scale, and advances by that less the overlap.
  const regionW = printableW / scale;
  const regionH = printableH / scale;
  const stepX = (printableW - overlap) / scale;
  const stepY = (printableH - overlap) / scale;
  const count = (size: number, region: number, step: number) => Math.max(1, Math.ceil((size - region) / step - 1e-9) + 1);
  const columns = count(scene.width, regionW, stepX);
  const rows = count(scene.height, regionH, stepY);
  const pages: PrintPage[] = [];
  // Column by column, top to bottom: the order in which the scroll is assembled left to right.
  for (let column = 0; column < columns; column++) {
    for (let row = 0; row < rows; row++) {
      pages.push({
        width: sheet.w,
        height: sheet.h,
        scale,
        margin: TILE_MARGIN,
        overlap,
        region: { x: column * stepX, y: row * stepY, w: regionW, h: regionH },
        row,
        column,
        rows,
        columns,
      });
    }
  }
  return pages;
}
