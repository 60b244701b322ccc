import { CardShapeUtil } from './card.tsx';
import { FlowsShapeUtil } from './flows.tsx';
import { CellShapeUtil, EmotionShapeUtil, TrayShapeUtil } from './grid.tsx';
import { LaneShapeUtil, StageShapeUtil } from './headers.tsx';
import { OverviewShapeUtil } from './overview.tsx';
import { PersonaCurvesShapeUtil } from './persona-curves.tsx';

/** The projected shapes' utils, passed to both the store (schema) and the editor (rendering). */
export const PROJECTED_SHAPE_UTILS = [
  CardShapeUtil,
  StageShapeUtil,
  LaneShapeUtil,
  CellShapeUtil,
  FlowsShapeUtil,
  EmotionShapeUtil,
  TrayShapeUtil,
  OverviewShapeUtil,
  PersonaCurvesShapeUtil,
];
