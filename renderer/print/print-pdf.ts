import { buildScene, printCaption, sceneToPdf, type PdfWriter, type PrintOptions, type SceneHeat } from '../../shared/export/index.ts';
import type { Blueprint } from '../../shared/model/index.ts';

/** pdfkit's browser build, as far as printing uses it. */
interface PdfKitBrowser {
  default: new (options: object) => PdfWriter;
  registerStdFonts(...fonts: unknown[]): void;
}

let loading: Promise<PdfKitBrowser['default']> | null = null;

/**
 * pdfkit's browser build with the two standard fonts the scene uses, loaded on first print only
 * (it is a few hundred kilobytes the canvas never needs).
 */
function loadPdfKit(): Promise<PdfKitBrowser['default']> {
  loading ??= Promise.all([
    import('pdfkit') as unknown as Promise<PdfKitBrowser>,
    import('pdfkit/standard-fonts/Helvetica') as Promise<{ default: unknown }>,
    import('pdfkit/standard-fonts/HelveticaBold') as Promise<{ default: unknown }>,
  ]).then(([pdfkit, regular, bold]) => {
    pdfkit.registerStdFonts(regular.default, bold.default);
    return pdfkit.default;
  });
  return loading;
}

/**
 * The print of the scroll: the same scene and PDF writer as `journeyscroll export --format pdf`
 * (shared/export), drawn in the page with pdfkit's browser build, so printing works offline. The
 * title carries the blueprint's status and the print date.
 */
export async function printScrollPdf(
  blueprint: Blueprint,
  options: PrintOptions,
  at: Date = new Date(),
  heat?: SceneHeat,
  personaCurves?: readonly string[],
): Promise<Uint8Array> {
  const PDFDocument = await loadPdfKit();
  const scene = buildScene(blueprint, {
    caption: printCaption(blueprint, at),
    ...(heat ? { heat } : {}),
    ...(personaCurves ? { personaCurves } : {}),
  });
  return sceneToPdf(scene, (init) => new PDFDocument(init), options);
}
