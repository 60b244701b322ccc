import { describe, expect, it } from 'vitest';
import { getTemplate } from '../templates/index.ts';
import { pdfText } from './pdf.ts';
import { DEFAULT_OVERLAP, MAX_PAGE_POINTS, MIN_LEGIBLE_SCALE, printPages } from './print-pages.ts';
import { buildScene, printCaption, type Scene } from './scene.ts';

const scene = (width: number, height: number): Scene => ({ width, height, title: 't', primitives: [] });

describe('printPages', () => {
  it('puts the whole scroll on one banner page, scaled down only past the PDF page limit', () => {
    expect(printPages(scene(4540, 1412), { paper: 'banner' })).toEqual([
      expect.objectContaining({ width: 4540, height: 1412, scale: 1, region: { x: 0, y: 0, w: 4540, h: 1412 } }),
    ]);
    const [long] = printPages(scene(30_000, 1500), { paper: 'banner' });
    expect(long!.width).toBeCloseTo(MAX_PAGE_POINTS);
    expect(long!.scale).toBeCloseTo(MAX_PAGE_POINTS / 30_000);
  });

  it('tiles A4 and A3 into one overlapping strip that covers the whole scroll', () => {
    const s = buildScene(getTemplate('b2b-lead-to-renewal')!.build());
    for (const paper of ['a4', 'a3'] as const) {
      const pages = printPages(s, { paper });
      expect(pages.every((p) => p.rows === 1 && p.columns === pages.length)).toBe(true);
      const first = pages[0]!;
      expect(first.scale).toBeGreaterThanOrEqual(MIN_LEGIBLE_SCALE);
      // The strip's height fits one sheet; consecutive sheets share exactly the overlap.
      expect(first.region.h * first.scale).toBeGreaterThanOrEqual(s.height * first.scale - 1e-6);
      for (let i = 1; i < pages.length; i++) {
        const shared = (pages[i - 1]!.region.x + pages[i - 1]!.region.w - pages[i]!.region.x) * first.scale;
        expect(shared).toBeCloseTo(DEFAULT_OVERLAP);
      }
      const last = pages.at(-1)!;
      expect(last.region.x + last.region.w).toBeGreaterThanOrEqual(s.width);
      expect(last.region.x).toBeLessThan(s.width);
    }
    // A4: the B2B scroll is too tall for a landscape sheet at a legible scale, so portrait.
    const a4 = printPages(s, { paper: 'a4' })[0]!;
    expect(a4.height).toBeGreaterThan(a4.width);
    const a3 = printPages(s, { paper: 'a3' })[0]!;
    expect(a3.width).toBeGreaterThan(a3.height);
  });

  it('uses several rows for a scroll too tall for one sheet, and the orientation with fewer sheets for a given scale', () => {
    const tall = printPages(scene(3000, 4000), { paper: 'a4' });
    expect(tall[0]!.rows).toBeGreaterThan(1);
    expect(tall.length).toBe(tall[0]!.rows * tall[0]!.columns);
    const cover = new Set(tall.map((p) => `${p.row},${p.column}`));
    expect(cover.size).toBe(tall.length);
    const scaled = printPages(scene(4000, 600), { paper: 'a4', scale: 0.5 });
    const landscape = scaled[0]!.width > scaled[0]!.height;
    expect(landscape).toBe(true);
  });

  it('refuses a scale or overlap it cannot honour', () => {
    expect(() => printPages(scene(100, 100), { paper: 'a4', scale: 0 })).toThrow(/scale/);
    expect(() => printPages(scene(100, 100), { paper: 'a4', overlap: 1000 })).toThrow(/overlap/);
  });
});

describe('pdfText', () => {
  it('spells symbols the standard fonts lack and keeps Latin-1', () => {
    expect(pdfText('score ≥ 50 → MQL ≠ SQL')).toBe('score >= 50 -> MQL != SQL');
    expect(pdfText('Café – “quoted” …')).toBe('Café – “quoted” …');
    expect(pdfText('日本')).toBe('??');
  });
});

describe('print caption', () => {
  it('says the status and the day it was printed, under the title of the scene', () => {
    const blueprint = getTemplate('b2b-lead-to-renewal')!.build();
    blueprint.meta.status = 'in-review';
    const caption = printCaption(blueprint, new Date(Date.UTC(2026, 10, 30, 23, 30)));
    expect(caption).toBe('In review · printed 30 Nov 2026');
    const scene = buildScene(blueprint, { caption });
    const texts = scene.primitives.flatMap((p) => (p.type === 'text' ? [p] : []));
    const title = texts.find((p) => p.role === 'title')!;
    const shown = texts.find((p) => p.role === 'caption')!;
    expect(shown).toMatchObject({ text: caption });
    expect(shown.y).toBeGreaterThan(title.y);
    expect(buildScene(blueprint).primitives.some((p) => p.type === 'text' && p.role === 'caption')).toBe(false);
  });
});
