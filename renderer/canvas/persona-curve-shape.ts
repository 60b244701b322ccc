/**
 * The persona curves shape (`js-persona-curves`): every persona's emotion curve over one
 * thinking-and-feeling lane's band, projected like the lane's own curve. All personas' curves are
 * in the shape; which are drawn is this window's choice (renderer/personas/persona-styles.ts), so
 * toggling a curve changes no record. Kept apart from shape-types.ts: personas are their own part.
 */
export const PERSONA_CURVES = 'js-persona-curves';

export interface PersonaCurveLine {
  /** The persona's id (the stylesheet shows a curve by it). */
  id: string;
  name: string;
  colour: string;
  /** Shape-local points with the mean score they show. */
  points: Array<{ x: number; y: number; emotion: number }>;
}

export interface PersonaCurvesProps {
  w: number;
  h: number;
  curves: PersonaCurveLine[];
}

export const personaCurvesShapeId = (laneId: string) => `shape:pc:${laneId}`;

declare module 'tldraw' {
  export interface TLGlobalShapePropsMap {
    'js-persona-curves': PersonaCurvesProps;
  }
}
