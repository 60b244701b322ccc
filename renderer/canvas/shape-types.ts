import { PERSONA_CURVES } from './persona-curve-shape.ts';

/**
 * The projected shape types: what the canvas draws from the model (never synced, never in
 * tldraw's history). Plain data only, so the projection can be computed and tested without a DOM.
 * Free-form annotations are tldraw's own shapes and are not listed here.
 */
export const CARD = 'js-card';
export const STAGE = 'js-stage';
export const LANE = 'js-lane';
export const CELL = 'js-cell';
export const FLOWS = 'js-flows';
export const EMOTION = 'js-emotion';
export const TRAY = 'js-tray';
/** Every card as a coloured box, in one bitmap: a large scroll's cheap picture (far out, and under cards not yet drawn). */
export const OVERVIEW = 'js-overview';

export const PROJECTED_TYPES: ReadonlySet<string> = new Set([CARD, STAGE, LANE, CELL, FLOWS, EMOTION, TRAY, OVERVIEW, PERSONA_CURVES]);

export interface CardProps {
  w: number;
  h: number;
  title: string;
  kind: string;
  /** One line under the title: channel, field → system, trigger → action… */
  detail: string;
  /** Channel id for the icon ('' when none). */
  channel: string;
  owner: string;
  status: string;
  /** Ids of the personas the card concerns (the persona filter dims the others). */
  personas: string[];
}

export interface StageProps {
  w: number;
  h: number;
  name: string;
  index: number;
  macro: string;
  /** What moves a customer in. */
  entry: string;
  /** A short summary line (touchpoints, data points, systems). */
  summary: string;
}

export interface LaneProps {
  w: number;
  h: number;
  name: string;
  kind: string;
  owner: string;
}

export interface CellProps {
  w: number;
  h: number;
  stageId: string;
  laneId: string;
  /** "Stage name, lane name" for the add button's accessible name. */
  label: string;
  /** Lane position parity, for alternating band shades. */
  shade: number;
  /** Height of the emotion band at the top of a thinking-and-feeling lane (0 elsewhere). */
  band: number;
}

export interface FlowLine {
  id: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  /** Shown only where it overlaps no card and no other label ('' otherwise; the inspector shows it). */
  label: string;
  /** Where the label's centre goes (shape-local). */
  lx: number;
  ly: number;
}

export interface FlowsProps {
  w: number;
  h: number;
  /** Every visible flow, in shape-local coordinates. */
  lines: FlowLine[];
}

export interface EmotionProps {
  w: number;
  h: number;
  /** Curve points in shape-local coordinates with the score they show. */
  points: Array<{ x: number; y: number; emotion: number }>;
}

export interface TrayProps {
  w: number;
  h: number;
  count: number;
}

export interface OverviewProps {
  w: number;
  h: number;
  /** How many cards the bitmap draws, and which projection it draws (the boxes travel beside the store). */
  cards: number;
  version: number;
}

declare module 'tldraw' {
  export interface TLGlobalShapePropsMap {
    'js-card': CardProps;
    'js-stage': StageProps;
    'js-lane': LaneProps;
    'js-cell': CellProps;
    'js-flows': FlowsProps;
    'js-emotion': EmotionProps;
    'js-tray': TrayProps;
    'js-overview': OverviewProps;
  }
}

/** Shape ids of projected shapes: stable, derived from model ids, so selection survives re-projection. */
export const shapeIds = {
  card: (id: string) => `shape:c:${id}`,
  stage: (id: string) => `shape:s:${id}`,
  lane: (id: string) => `shape:l:${id}`,
  cell: (stageId: string, laneId: string) => `shape:x:${stageId}:${laneId}`,
  flows: () => 'shape:flows',
  emotion: (laneId: string) => `shape:e:${laneId}`,
  tray: () => 'shape:tray',
  overview: () => 'shape:overview',
} as const;

/** The model id behind a projected card, stage or lane shape id. */
export function entityOf(shapeId: string): { kind: 'card' | 'stage' | 'lane'; id: string } | null {
  const m = /^shape:([csl]):(.+)$/.exec(shapeId);
  if (!m) return null;
  return { kind: m[1] === 'c' ? 'card' : m[1] === 's' ? 'stage' : 'lane', id: m[2]! };
}
