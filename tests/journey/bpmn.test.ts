/**
 * Every BPMN export parses in bpmn-moddle without warnings, every reference resolves, and the
 * structure the engine relies on holds: the only cycle is the journey's step loop, so bpmn-engine
 * never enters an element again while an earlier execution of it is still running.
 */
import { BpmnModdle } from 'bpmn-moddle';
import { describe, expect, it } from 'vitest';
import { TEMPLATES } from '../../shared/templates/index.ts';
import { compileBlueprint, exportBpmn, type JourneyDefinition } from '../../shared/journey/index.ts';
import { cleanJourney } from '../../shared/journey/fixtures.ts';
import { generateJourney, SEEDS } from './generate.ts';

interface El {
  $type: string;
  id: string;
  flowElements?: El[];
  sourceRef?: El;
  targetRef?: El;
  incoming?: El[];
  outgoing?: El[];
  default?: El;
  conditionExpression?: { body?: string; language?: string };
}

const definitions: [string, JourneyDefinition][] = [
  ...TEMPLATES.filter((t) => t.id !== 'blank').map((t): [string, JourneyDefinition] => [t.id, compileBlueprint(t.build())]),
  ['clean fixture', compileBlueprint(cleanJourney())],
  ...SEEDS.map((seed): [string, JourneyDefinition] => {
    const g = generateJourney(seed);
    return [`seed ${seed}`, compileBlueprint(g.blueprint, { reentry: g.reentry })];
  }),
];

/** The cycles through sequence flows inside one container (a process or a sub-process). */
function cycles(container: El): string[][] {
  const found: string[][] = [];
  const nodes = (container.flowElements ?? []).filter((e) => e.$type !== 'bpmn:SequenceFlow');
  const state = new Map<string, 'open' | 'done'>();
  const visit = (node: El, path: string[]) => {
    state.set(node.id, 'open');
    for (const flow of node.outgoing ?? []) {
      const next = flow.targetRef!;
      if (state.get(next.id) === 'open') found.push([...path.slice(path.indexOf(next.id)), next.id]);
      else if (!state.has(next.id)) visit(next, [...path, next.id]);
    }
    state.set(node.id, 'done');
  };
  for (const n of nodes) if (!state.has(n.id)) visit(n, [n.id]);
  for (const n of nodes) if (n.$type === 'bpmn:SubProcess') found.push(...cycles(n));
  return found;
}

describe('BPMN export', () => {
  it.each(definitions)('%s parses in bpmn-moddle without warnings; the step loop is its only cycle', async (_label, definition) => {
    const xml = exportBpmn(definition);
    const { rootElement, warnings } = await new BpmnModdle().fromXML(xml);
    expect(warnings.map((w: { message: string }) => w.message)).toEqual([]);
    const root = rootElement as unknown as { rootElements: El[] };
    const process = root.rootElements.find((e) => e.$type === 'bpmn:Process')!;
    expect(process).toBeDefined();
    const ids = new Set<string>();
    const walk = (container: El) => {
      for (const e of container.flowElements ?? []) {
        expect(ids.has(e.id), `duplicate id ${e.id}`).toBe(false);
        ids.add(e.id);
        if (e.$type === 'bpmn:SequenceFlow') {
          expect(e.sourceRef?.id && e.targetRef?.id, `flow ${e.id} has both ends`).toBeTruthy();
          expect(e.sourceRef!.outgoing).toContain(e);
          expect(e.targetRef!.incoming).toContain(e);
          if (e.conditionExpression && !e.conditionExpression.language)
            expect(e.conditionExpression.body).toMatch(/^\$\{environment\.variables\.journey\.[\w.]+\}$/);
        }
        if (e.$type === 'bpmn:SubProcess') walk(e);
      }
    };
    walk(process);
    expect(cycles(process)).toEqual([['Step_journey', 'Continue_journey', 'Step_journey']]);
  });
});
