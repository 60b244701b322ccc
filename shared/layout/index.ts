export {
  layoutBlueprint,
  type ScrollLayout,
  type StageBox,
  type LaneBox,
  type CellBox,
  type CardBox,
  type FlowPath,
  type EmotionCurve,
  type EmotionPoint,
} from './layout.ts';
export { DEFAULT_LAYOUT_OPTIONS, type LayoutOptions } from './options.ts';
export { contains, overlaps, center, type Point, type Rect } from './geometry.ts';
export { cellAt } from './hit.ts';
export { CARD_KIND_FILL } from './palette.ts';
export { personaCurves, type PersonaCurve } from './persona-curves.ts';
