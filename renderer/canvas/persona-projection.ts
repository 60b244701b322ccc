import { personaCurves, type ScrollLayout } from '../../shared/layout/index.ts';
import type { Persona, ResolvedBlueprint } from '../../shared/model/index.ts';
import { PERSONA_CURVES, personaCurvesShapeId, type PersonaCurvesProps } from './persona-curve-shape.ts';

/** What projection.ts needs to make a record (kept as a parameter to avoid a cycle). */
type MakeRecord = (id: string, type: string, x: number, y: number, index: string, isLocked: boolean, props: object) => unknown;

/**
 * The persona curves' records: one shape per thinking-and-feeling lane holding every persona's
 * curve (none when the blueprint has no personas). Pure, like the rest of the projection.
 */
export function personaCurveRecords<R>(
  view: ResolvedBlueprint,
  layout: ScrollLayout,
  personas: readonly Persona[],
  index: string,
  record: MakeRecord,
): R[] {
  if (personas.length === 0) return [];
  const byLane = new Map<string, PersonaCurvesProps>();
  for (const curve of personaCurves(view, layout, personas)) {
    let props = byLane.get(curve.laneId);
    if (!props) byLane.set(curve.laneId, (props = { w: curve.band.w, h: curve.band.h, curves: [] }));
    props.curves.push({
      id: curve.personaId,
      name: curve.name,
      colour: curve.colour,
      points: curve.points.map((p) => ({ x: p.x - curve.band.x, y: p.y - curve.band.y, emotion: Math.round(p.emotion * 10) / 10 })),
    });
  }
  const out: R[] = [];
  for (const curve of layout.emotionCurves) {
    const props = byLane.get(curve.laneId);
    if (props) out.push(record(personaCurvesShapeId(curve.laneId), PERSONA_CURVES, curve.band.x, curve.band.y, index, true, props) as R);
  }
  return out;
}
