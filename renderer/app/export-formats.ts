import type { Provenance } from '../../shared/journey/definition.ts';
import { buildScene, cardsToCsv, sceneToSvg, type SceneHeat } from '../../shared/export/index.ts';
import { compileBlueprint, CompileError, exportBpmn, exportXState, exportXStateModule } from '../../shared/journey/index.ts';
import type { Blueprint } from '../../shared/model/index.ts';

/**
 * What the Export dialog offers: the same formats as `journeyscroll export` (docs/journey-definition.md).
 * PDF goes through the print layout (paper size) and `.journey` through the document itself, so
 * both are made by the dialog; everything else is text made here.
 */
export const EXPORT_FORMATS = [
  {
    id: 'definition',
    label: 'Journey definition',
    detail: 'Journey Definition v1 JSON, for an orchestration engine',
    extension: 'definition.json',
    executable: true,
  },
  {
    id: 'xstate',
    label: 'XState module',
    detail: 'An ES module that runs with only xstate installed: machine, guards, actions and a driver',
    extension: 'xstate.mjs',
    executable: true,
  },
  {
    id: 'xstate-json',
    label: 'XState config',
    detail: 'The XState v5 machine config alone (JSON)',
    extension: 'xstate.json',
    executable: true,
  },
  {
    id: 'bpmn',
    label: 'BPMN 2.0',
    detail: 'BPMN XML that runs in bpmn-engine; lanes are owning teams',
    extension: 'bpmn',
    executable: true,
  },
  {
    id: 'journey',
    label: '.journey file',
    detail: 'The whole blueprint, to open in JourneyScroll',
    extension: 'journey',
    executable: false,
  },
  {
    id: 'blueprint-json',
    label: 'Blueprint JSON',
    detail: 'The interchange JSON (docs/schema/blueprint.schema.json)',
    extension: 'blueprint.json',
    executable: false,
  },
  { id: 'csv', label: 'Cards CSV', detail: 'One row per card, for spreadsheets; imports back', extension: 'csv', executable: false },
  { id: 'svg', label: 'Scroll picture (SVG)', detail: 'The whole scroll as a vector picture', extension: 'svg', executable: false },
  { id: 'pdf', label: 'Scroll PDF', detail: 'Banner page or tiled A4/A3 sheets (same as Print)', extension: 'pdf', executable: false },
] as const;

export type ExportFormat = (typeof EXPORT_FORMATS)[number]['id'];
export type TextExportFormat = Exclude<ExportFormat, 'pdf' | 'journey'>;

/** The export as text; throws an Error with a readable message when the journey does not compile. */
/** `heat`: the heat overlay on screen, drawn into the SVG (docs/analytics.md). */
/** `provenance`: what the executable formats say they were compiled from (docs/versions.md). */
export function exportAsText(format: TextExportFormat, blueprint: Blueprint, heat?: SceneHeat, provenance?: Provenance): string {
  const definition = () => {
    try {
      return compileBlueprint(blueprint, provenance ? { provenance } : {});
    } catch (error) {
      if (error instanceof CompileError)
        throw new Error(`The journey does not compile — ${error.problems.map((p) => p.message).join('; ')}`);
      throw error;
    }
  };
  switch (format) {
    case 'definition':
      return `${JSON.stringify(definition(), null, 2)}\n`;
    case 'xstate':
      return exportXStateModule(definition());
    case 'xstate-json':
      return `${JSON.stringify(exportXState(definition()), null, 2)}\n`;
    case 'bpmn':
      return exportBpmn(definition());
    case 'blueprint-json':
      return `${JSON.stringify(blueprint, null, 2)}\n`;
    case 'csv':
      return cardsToCsv(blueprint);
    case 'svg':
      return sceneToSvg(buildScene(blueprint, heat ? { heat } : {}));
  }
}

/** A file name from the blueprint's title: letters, digits, dots and dashes only. */
export function exportFileName(title: string, extension: string): string {
  const base =
    title
      .trim()
      .replace(/[^\w.-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'journey';
  return `${base}.${extension}`;
}
