import { printPages, type PrintOptions, type PrintPage } from './print-pages.ts';
import type { Scene, ScenePrimitive } from './scene.ts';

/**
 * The scroll as a PDF, drawn from the same scene as the SVG, onto the pages of print-pages.ts.
 * The PDF library (pdfkit) is handed in: Node (the CLI) and the browser (the app's Print) load
 * different builds of it, and shared/ imports no package that reaches for Node or the DOM.
 * Fonts are the PDF standard Helvetica faces: no font files are embedded.
 */

/** The part of a pdfkit document this writer uses. */
export interface PdfWriter {
  addPage(options: { size: [number, number]; margin: number }): PdfWriter;
  save(): PdfWriter;
  restore(): PdfWriter;
  translate(x: number, y: number): PdfWriter;
  scale(factor: number): PdfWriter;
  rect(x: number, y: number, w: number, h: number): PdfWriter;
  roundedRect(x: number, y: number, w: number, h: number, r: number): PdfWriter;
  clip(): PdfWriter;
  moveTo(x: number, y: number): PdfWriter;
  lineTo(x: number, y: number): PdfWriter;
  closePath(): PdfWriter;
  lineWidth(width: number): PdfWriter;
  dash(length: number, options: { space: number }): PdfWriter;
  undash(): PdfWriter;
  fill(color: string): PdfWriter;
  stroke(color: string): PdfWriter;
  fillAndStroke(fill: string, stroke: string): PdfWriter;
  font(name: string): PdfWriter;
  fontSize(size: number): PdfWriter;
  fillColor(color: string): PdfWriter;
  text(text: string, x: number, y: number, options: { lineBreak: boolean }): PdfWriter;
  on(event: 'data', listener: (chunk: Uint8Array) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  on(event: 'error', listener: (error: unknown) => void): unknown;
  end(): void;
}

/** Creates a pdfkit document with no first page (pages are added per sheet). */
export type PdfWriterFactory = (options: { autoFirstPage: false; info: { Title: string; Producer: string } }) => PdfWriter;

/**
 * Text for the standard fonts, which encode WinAnsi only: common symbols of journey titles
 * become their ASCII spelling, other characters outside Latin-1 a question mark.
 */
export function pdfText(text: string): string {
  return text
    .replace(/→/g, '->')
    .replace(/←/g, '<-')
    .replace(/≥/g, '>=')
    .replace(/≤/g, '<=')
    .replace(/≠/g, '!=')
    .replace(/×/g, 'x')
    .replace(/[^\t\n\r\u0020-\u00ff\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026\u20ac]/gu, '?');
}

export function sceneToPdf(scene: Scene, createWriter: PdfWriterFactory, options: PrintOptions = { paper: 'banner' }): Promise<Uint8Array> {
  const pages = printPages(scene, options);
  const doc = createWriter({ autoFirstPage: false, info: { Title: scene.title || 'Journey', Producer: 'JourneyScroll' } });
  const chunks: Uint8Array[] = [];
  doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('end', () => resolve(concat(chunks)));
    doc.on('error', reject);
  });
  pages.forEach((page, i) => drawPage(doc, scene, page, i, pages.length));
  doc.end();
  return done;
}

function drawPage(doc: PdfWriter, scene: Scene, page: PrintPage, index: number, count: number): void {
  doc.addPage({ size: [page.width, page.height], margin: 0 });
  const { region, scale, margin } = page;
  doc.save();
  if (count > 1) {
    doc.rect(margin, margin, region.w * scale, region.h * scale).clip();
  }
  doc.translate(margin - region.x * scale, margin - region.y * scale).scale(scale);
  for (const p of scene.primitives) if (intersects(p, region)) drawPrimitive(doc, p);
  doc.restore();
  if (count > 1) drawSheetMarks(doc, scene, page, index, count);
}

function drawPrimitive(doc: PdfWriter, p: ScenePrimitive): void {
  if (p.type === 'rect') {
    if (p.radius) doc.roundedRect(p.x, p.y, p.w, p.h, p.radius);
    else doc.rect(p.x, p.y, p.w, p.h);
    if (p.fill !== 'none' && p.stroke) doc.fillAndStroke(p.fill, p.stroke);
    else if (p.fill !== 'none') doc.fill(p.fill);
    else if (p.stroke) doc.stroke(p.stroke);
  } else if (p.type === 'text') {
    // SVG places text by its baseline; pdfkit by the top of the line box.
    doc
      .font(p.bold ? 'Helvetica-Bold' : 'Helvetica')
      .fontSize(p.size)
      .fillColor(p.fill)
      .text(pdfText(p.text), p.x, p.y - p.size * 0.8, { lineBreak: false });
  } else {
    const [first, ...rest] = p.points;
    if (!first) return;
    doc.moveTo(first.x, first.y);
    for (const q of rest) doc.lineTo(q.x, q.y);
    doc.lineWidth(p.width).stroke(p.stroke);
    const last = p.points.at(-1)!;
    const prev = p.points.at(-2) ?? first;
    if (p.arrow && (last.x !== prev.x || last.y !== prev.y)) {
      const a = Math.atan2(last.y - prev.y, last.x - prev.x);
      doc
        .moveTo(last.x, last.y)
        .lineTo(last.x - 8 * Math.cos(a - 0.4), last.y - 8 * Math.sin(a - 0.4))
        .lineTo(last.x - 8 * Math.cos(a + 0.4), last.y - 8 * Math.sin(a + 0.4))
        .closePath()
        .fill(p.stroke);
    }
  }
}

/**
 * On a tiled sheet: dashed lines where the neighbouring sheets begin (trim or overlap there), and
 * a footer saying where the sheet goes in the assembled scroll.
 */
function drawSheetMarks(doc: PdfWriter, scene: Scene, page: PrintPage, index: number, count: number): void {
  const { margin, scale } = page;
  const right = margin + page.region.w * scale;
  const bottom = margin + page.region.h * scale;
  doc.save().lineWidth(0.5).dash(4, { space: 3 });
  if (page.column + 1 < page.columns)
    doc
      .moveTo(right - page.overlap, margin)
      .lineTo(right - page.overlap, bottom)
      .stroke('#9ca3af');
  if (page.row + 1 < page.rows)
    doc
      .moveTo(margin, bottom - page.overlap)
      .lineTo(right, bottom - page.overlap)
      .stroke('#9ca3af');
  doc.undash().restore();
  const where =
    page.rows > 1
      ? `column ${page.column + 1} of ${page.columns}, row ${page.row + 1} of ${page.rows}`
      : `${page.column + 1} of ${page.columns}`;
  const footer = `${pdfText(scene.title || 'Journey')} - sheet ${index + 1} of ${count} (${where}). Dashed lines: where the next sheet overlaps.`;
  doc
    .font('Helvetica')
    .fontSize(7)
    .fillColor('#6b7280')
    .text(footer, margin, page.height - margin + 8, { lineBreak: false });
}

/** Whether a primitive may show in the region (text extents are estimated generously). */
function intersects(p: ScenePrimitive, r: PrintPage['region']): boolean {
  let x0: number, y0: number, x1: number, y1: number;
  if (p.type === 'rect') [x0, y0, x1, y1] = [p.x, p.y, p.x + p.w, p.y + p.h];
  else if (p.type === 'text') [x0, y0, x1, y1] = [p.x, p.y - p.size, p.x + p.text.length * p.size * 0.7, p.y + p.size * 0.3];
  else {
    x0 = Math.min(...p.points.map((q) => q.x)) - 10;
    y0 = Math.min(...p.points.map((q) => q.y)) - 10;
    x1 = Math.max(...p.points.map((q) => q.x)) + 10;
    y1 = Math.max(...p.points.map((q) => q.y)) + 10;
  }
  return x1 >= r.x && x0 <= r.x + r.w && y1 >= r.y && y0 <= r.y + r.h;
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
