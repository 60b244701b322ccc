import { personaCurves, type ScrollLayout } from '../layout/index.ts';
import { MAX_PERSONA_CURVES, personasInOrder, resolveBlueprint, type Blueprint } from '../model/index.ts';
import type { ScenePrimitive } from './scene.ts';

/** Dots drawn per card at most (more tags than fit read as "+N"). */
const DOTS_PER_CARD = 4;
const DOT = 10;

/**
 * What the print adds for personas: a dot in each tagged persona's colour at a card's top right,
 * and the chosen personas' emotion curves over the thinking-and-feeling lanes' bands, each in its
 * colour, with a legend under the lane's name. `chosen` names the curves (the canvas passes the
 * ones shown); absent, the first MAX_PERSONA_CURVES personas that have a curve are drawn.
 */
export function personaPrimitives(blueprint: Blueprint, layout: ScrollLayout, chosen?: readonly string[]): ScenePrimitive[] {
  const out: ScenePrimitive[] = [];
  if (blueprint.personas.length === 0) return out;
  const personas = new Map(personasInOrder(blueprint.personas).map((p) => [p.id, p]));
  const view = resolveBlueprint(blueprint);

  for (const box of layout.cards) {
    const tags = view.cardsById.get(box.id)?.personas?.filter((id) => personas.has(id)) ?? [];
    tags.slice(0, DOTS_PER_CARD).forEach((id, i) => {
      out.push({
        type: 'rect',
        x: box.x + box.w - 8 - (i + 1) * (DOT + 3) + 3,
        y: box.y + 6,
        w: DOT,
        h: DOT,
        radius: DOT / 2,
        fill: personas.get(id)!.colour,
        role: 'card-persona',
        id: `${box.id}:${id}`,
      });
    });
    if (tags.length > DOTS_PER_CARD)
      out.push({ type: 'text', x: box.x + box.w - 30, y: box.y + 30, text: `+${tags.length - DOTS_PER_CARD}`, size: 9, fill: '#374151' });
  }

  const all = personaCurves(view, layout, blueprint.personas);
  const wanted = chosen
    ? new Set(chosen.slice(0, MAX_PERSONA_CURVES))
    : new Set([...new Set(all.filter((c) => c.points.length > 0).map((c) => c.personaId))].slice(0, MAX_PERSONA_CURVES));
  const curves = all.filter((c) => wanted.has(c.personaId));
  const legendRow = new Map<string, number>();
  for (const curve of curves) {
    if (curve.points.length > 1) out.push({ type: 'line', points: curve.points, stroke: curve.colour, width: 2.5 });
    for (const p of curve.points)
      out.push({
        type: 'rect',
        x: p.x - 4,
        y: p.y - 4,
        w: 8,
        h: 8,
        radius: 4,
        fill: curve.colour,
        role: 'persona-point',
        id: curve.personaId,
      });
    const lane = layout.lanes.find((l) => l.id === curve.laneId)!;
    const row = legendRow.get(lane.id) ?? 0;
    legendRow.set(lane.id, row + 1);
    const y = lane.y + 44 + row * 16;
    out.push({ type: 'rect', x: lane.x + 12, y: y - 8, w: 14, h: 4, fill: curve.colour });
    out.push({
      type: 'text',
      x: lane.x + 32,
      y,
      text: curve.name.length > 28 ? `${curve.name.slice(0, 27)}…` : curve.name,
      size: 11,
      fill: curve.colour,
      role: 'persona-legend',
      id: curve.personaId,
    });
  }
  return out;
}
