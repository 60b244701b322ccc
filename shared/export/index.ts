/** shared/export: pure blueprint exports — CSV cards, and the scroll as a scene drawn to SVG. */
export { cardsToCsv, csvToBlueprint, parseCsv, CsvError, CSV_COLUMNS } from './csv.ts';
export { buildScene, fitText, printCaption, type Scene, type SceneOptions, type ScenePrimitive, type SceneHeat } from './scene.ts';
export { sceneToSvg } from './svg.ts';
export {
  printPages,
  PAPER_SIZES,
  DEFAULT_TILE_SCALE,
  MIN_LEGIBLE_SCALE,
  DEFAULT_OVERLAP,
  MAX_PAGE_POINTS,
  type PaperSize,
  type PrintOptions,
  type PrintPage,
} from './print-pages.ts';
export { sceneToPdf, pdfText, type PdfWriter, type PdfWriterFactory } from './pdf.ts';
