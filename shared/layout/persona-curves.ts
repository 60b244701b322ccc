import { cellKey, personasInOrder, type Persona, type ResolvedBlueprint } from '../model/index.ts';
import type { Rect } from './geometry.ts';
import type { EmotionPoint, ScrollLayout } from './layout.ts';

/** One persona's emotion curve in one thinking-and-feeling lane. */
export interface PersonaCurve {
  readonly personaId: string;
  readonly name: string;
  readonly colour: string;
  readonly laneId: string;
  /** The band the curve is drawn in: the lane's emotion band (score +5 at its top, −5 at its bottom). */
  readonly band: Rect;
  /** One point per stage where the persona has a scored feeling card in this lane: their mean. */
  readonly points: readonly EmotionPoint[];
}

/**
 * The emotion curve of each persona: like the lane's own curve (layout.ts), but over the feeling
 * cards tagged with that persona only. A stage where the persona has no scored card has no point
 * (the curve joins its neighbours), as the lane's curve does. Personas come in display order;
 * `only` limits the curves to these persona ids.
 */
export function personaCurves(
  view: ResolvedBlueprint,
  layout: ScrollLayout,
  personas: readonly Persona[],
  only?: ReadonlySet<string>,
): PersonaCurve[] {
  const out: PersonaCurve[] = [];
  const chosen = personasInOrder(personas).filter((p) => !only || only.has(p.id));
  if (chosen.length === 0) return out;
  for (const curve of layout.emotionCurves) {
    const { band, laneId } = curve;
    // Per stage, per persona: [sum, count] — one pass over the lane's cards.
    const sums = new Map<string, Map<string, [number, number]>>();
    for (const stage of layout.stages) {
      const cards = view.cells.get(cellKey(stage.id, laneId));
      if (!cards) continue;
      for (const card of cards) {
        if (typeof card.emotion !== 'number' || !card.personas) continue;
        for (const personaId of new Set(card.personas)) {
          let byStage = sums.get(personaId);
          if (!byStage) sums.set(personaId, (byStage = new Map()));
          const acc = byStage.get(stage.id) ?? [0, 0];
          acc[0] += card.emotion;
          acc[1] += 1;
          byStage.set(stage.id, acc);
        }
      }
    }
    for (const persona of chosen) {
      const byStage = sums.get(persona.id);
      const points: EmotionPoint[] = [];
      for (const stage of layout.stages) {
        const acc = byStage?.get(stage.id);
        if (!acc) continue;
        const emotion = acc[0] / acc[1];
        points.push({ stageId: stage.id, emotion, x: stage.x + stage.w / 2, y: band.y + 8 + ((5 - emotion) / 10) * (band.h - 16) });
      }
      out.push({ personaId: persona.id, name: persona.name, colour: persona.colour, laneId, band, points });
    }
  }
  return out;
}
