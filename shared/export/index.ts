/** shared/export: pure blueprint exports — CSV cards, and the scroll as a scene drawn to SVG. */
export { cardsToCsv, csvToBlueprint, parseCsv, CsvError, CSV_COLUMNS } from './csv.ts';
export { buildScene, fitText, type Scene, type ScenePrimitive } from './scene.ts';
export { sceneToSvg } from './svg.ts';
