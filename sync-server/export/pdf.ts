import PDFDocument from 'pdfkit';
import { sceneToPdf as drawSceneToPdf, type PdfWriter, type PrintOptions, type Scene } from '../../shared/export/index.ts';

/**
 * The scroll as a PDF in Node (the CLI): shared/export/pdf.ts draws it with Node's pdfkit build.
 * The app's Print draws the same scene with pdfkit's browser build (renderer/print).
 */
export function sceneToPdf(scene: Scene, options?: PrintOptions): Promise<Uint8Array> {
  return drawSceneToPdf(scene, (init) => new PDFDocument(init) as unknown as PdfWriter, options);
}
