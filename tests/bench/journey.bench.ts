/** Journey figures for a 5,000-card blueprint: compile, lint and each export (median of runs). */
import { generateBlueprint } from '../../shared/model/index.ts';
import { buildScene, cardsToCsv, sceneToSvg } from '../../shared/export/index.ts';
import { compileBlueprint, exportBpmn, exportXState, lintBlueprint } from '../../shared/journey/index.ts';
import { sceneToPdf } from '../../sync-server/export/pdf.ts';
import { median, ms, report, timeRuns } from './stats.ts';

export async function run(): Promise<void> {
  const blueprint = generateBlueprint({ seed: 42, stages: 24, cards: 5000, flowRatio: 0.5 });
  const definition = compileBlueprint(blueprint);
  const figure = async (name: string, fn: () => unknown, runs = 7) =>
    report('journey', `${name} (5,000 cards)`, ms(median(await timeRuns(runs, fn, 1))));
  await figure('compile blueprint → definition v1', () => compileBlueprint(blueprint));
  await figure('lint', () => lintBlueprint(blueprint));
  await figure('export xstate', () => exportXState(definition));
  await figure('export bpmn', () => exportBpmn(definition));
  await figure('export csv', () => cardsToCsv(blueprint));
  await figure('export svg (scene + serialize)', () => sceneToSvg(buildScene(blueprint)));
  await figure('export pdf (scene + pdfkit)', () => sceneToPdf(buildScene(blueprint)), 3);
}
