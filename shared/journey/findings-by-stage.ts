import type { Blueprint } from '../model/index.ts';
import type { Finding } from './lint.ts';

/**
 * The lint findings that concern each stage: those naming the stage, one of its cards, or a flow
 * leaving one of its cards. A finding about two stages counts for both; one about nothing placed
 * (an unplaced card, the journey as a whole) counts for none. Stage summaries show these.
 */
export function findingsByStage(
  blueprint: Pick<Blueprint, 'stages' | 'cards' | 'flows'>,
  findings: readonly Finding[],
): Map<string, Finding[]> {
  const stageOfCard = new Map(blueprint.cards.map((c) => [c.id, c.stageId]));
  const stageOfFlow = new Map(blueprint.flows.map((f) => [f.id, stageOfCard.get(f.from)]));
  const known = new Set(blueprint.stages.map((s) => s.id));
  const out = new Map<string, Finding[]>(blueprint.stages.map((s) => [s.id, []]));
  for (const finding of findings) {
    const stages = new Set<string>(finding.stageIds);
    for (const id of finding.cardIds) {
      const stage = stageOfCard.get(id);
      if (stage) stages.add(stage);
    }
    for (const id of finding.flowIds) {
      const stage = stageOfFlow.get(id);
      if (stage) stages.add(stage);
    }
    for (const stage of stages) if (known.has(stage)) out.get(stage)!.push(finding);
  }
  return out;
}
