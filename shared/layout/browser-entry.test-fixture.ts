// Bundled by tests/layout/browser-equivalence.test.ts to run the layout in Chromium.
import { generateBlueprint } from '../model/index.ts';
import { layoutBlueprint } from './index.ts';

export function layoutJson(seed: number): string {
  return JSON.stringify(layoutBlueprint(generateBlueprint({ seed, cards: 300, stages: 9 })));
}
