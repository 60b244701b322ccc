import PDFDocument from 'pdfkit';
import type { Scene } from '../../shared/export/index.ts';

/**
 * The scroll as a PDF, drawn from the same scene as the SVG: one long banner page at the scene's
 * size (1 layout unit = 1 pt; PDF pages may be up to 14,400 pt long, so wider scrolls are scaled
 * down to fit). Fonts are the PDF standard Helvetica faces: no font files needed.
 */
const MAX_PAGE = 14_400;

export function sceneToPdf(scene: Scene): Promise<Uint8Array> {
  const scale = Math.min(1, MAX_PAGE / scene.width, MAX_PAGE / scene.height);
  const doc = new PDFDocument({ size: [scene.width * scale, scene.height * scale], margin: 0, info: { Title: scene.title || 'Journey', Producer: 'JourneyScroll' } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
  doc.scale(scale);
  for (const p of scene.primitives) {
    if (p.type === 'rect') {
      if (p.radius) doc.roundedRect(p.x, p.y, p.w, p.h, p.radius);
      else doc.rect(p.x, p.y, p.w, p.h);
      if (p.fill !== 'none' && p.stroke) doc.fillAndStroke(p.fill, p.stroke);
      else if (p.fill !== 'none') doc.fill(p.fill);
      else if (p.stroke) doc.stroke(p.stroke);
    } else if (p.type === 'text') {
      // SVG places text by its baseline; pdfkit by the top of the line box.
      doc.font(p.bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(p.size).fillColor(p.fill).text(p.text, p.x, p.y - p.size * 0.8, { lineBreak: false });
    } else {
      const [first, ...rest] = p.points;
      if (!first) continue;
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
  doc.end();
  return done;
}
