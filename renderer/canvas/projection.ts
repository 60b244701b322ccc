import { summariseStages, type Blueprint, type Card, type CardKind, type ResolvedBlueprint } from '../../shared/model/index.ts';
import { resolveBlueprint } from '../../shared/model/index.ts';
import { CARD_KIND_FILL, layoutBlueprint, type Rect, type ScrollLayout } from '../../shared/layout/index.ts';
import type { OverviewBox } from './overview-boxes.ts';
import { cardDetail, stageSummaryLine } from './card-text.ts';
import { placeFlowLabels } from './flow-labels.ts';
import { patchProjectionSource } from './incremental-projection.ts';
import { personaCurveRecords } from './persona-projection.ts';
import {
  CARD,
  CELL,
  EMOTION,
  FLOWS,
  LANE,
  OVERVIEW,
  STAGE,
  TRAY,
  shapeIds,
  type CardProps,
  type CellProps,
  type EmotionProps,
  type FlowLine,
  type FlowsProps,
  type LaneProps,
  type OverviewProps,
  type StageProps,
  type TrayProps,
} from './shape-types.ts';

/**
 * The projection: model → the tldraw shape records that draw it (docs/architecture.md §3). Pure and
 * deterministic, so every client draws the same scroll, and testable without a DOM. The canvas
 * applies the difference with the store's `mergeRemoteChanges`, so projected shapes are never
 * synced and never enter tldraw's history.
 */
export interface ShapeRecord {
  readonly id: string;
  readonly typeName: 'shape';
  readonly type: string;
  readonly x: number;
  readonly y: number;
  readonly rotation: number;
  readonly index: string;
  readonly parentId: string;
  readonly isLocked: boolean;
  readonly opacity: number;
  readonly meta: Record<string, never>;
  readonly props: object;
}

/**
 * Z-order of the layers (fractional index keys, all in the page): cells at the back, then the
 * tray, the emotion curve, headers, flows and cards. User annotations go above (tldraw puts a new
 * shape above the highest index), and may be sent behind.
 */
export const LAYER_INDEX = {
  cell: 'a1',
  tray: 'a2',
  emotion: 'a3',
  personaCurves: 'a3G',
  lane: 'a4',
  stage: 'a5',
  flows: 'a6',
  card: 'a7',
  overview: 'a3V',
} as const;

export const PAGE_ID = 'page:page';

export interface Projection {
  readonly layout: ScrollLayout;
  readonly view: ResolvedBlueprint;
  readonly shapes: readonly ShapeRecord[];
}

const EMPTY_META: Record<string, never> = Object.freeze({}) as Record<string, never>;

function record(id: string, type: string, x: number, y: number, index: string, isLocked: boolean, props: object): ShapeRecord {
  return { id, typeName: 'shape', type, x, y, rotation: 0, index, parentId: PAGE_ID, isLocked, opacity: 1, meta: EMPTY_META, props };
}

const NO_PERSONAS: string[] = [];

// Card props depend only on the card (frozen and shared by readBlueprint while unchanged) and its size.
const cardPropsCache = new WeakMap<Card, CardProps>();
function cardProps(card: Card, w: number, h: number): CardProps {
  const cached = cardPropsCache.get(card);
  if (cached && cached.w === w && cached.h === h) return cached;
  const props: CardProps = {
    w,
    h,
    title: card.title,
    kind: card.kind,
    detail: cardDetail(card),
    channel: card.channel ?? '',
    owner: card.owner,
    status: card.status,
    personas: card.personas ? [...card.personas] : NO_PERSONAS,
  };
  if (Object.isFrozen(card)) cardPropsCache.set(card, props);
  return props;
}

// A card's record is kept while its props (cached per card above) and its place are unchanged, so a
// re-projection of a 20,000-card scroll after a few edits allocates a few records, not 20,000.
const cardRecordCache = new WeakMap<CardProps, ShapeRecord>();
function cardRecord(id: string, x: number, y: number, props: CardProps): ShapeRecord {
  const cached = cardRecordCache.get(props);
  if (cached && cached.x === x && cached.y === y && cached.id === shapeIds.card(id)) return cached;
  const next = record(shapeIds.card(id), CARD, x, y, LAYER_INDEX.card, false, props);
  cardRecordCache.set(props, next);
  return next;
}

/**
 * The model's projection before windowing: everything but the cards and flows as shape records,
 * and what the cards and flows need to be drawn for any part of the scroll. Computed once per model
 * change; a window onto it (`projectWindow`) is cheap, so the camera can move it every frame.
 */
export interface ModelProjection {
  readonly layout: ScrollLayout;
  readonly view: ResolvedBlueprint;
  /** Cells, tray, emotion curves, stage and lane headers: few, always drawn. */
  readonly fixed: readonly ShapeRecord[];
  /** Every card's record, in layout order. */
  readonly cards: readonly ShapeRecord[];
  /** Every flow's line in page coordinates, unlabelled until a window places the labels it shows. */
  readonly flowLines: readonly FlowLine[];
  /** The model projected (the next projection compares with it). */
  readonly source: ProjectionSource;
}

/** What a projection is made from: the model, as `readBlueprint` returns it (entities frozen and shared while unchanged). */
export type ProjectionSource = Pick<Blueprint, 'stages' | 'lanes' | 'cards' | 'flows'> & { readonly personas?: Blueprint['personas'] };

/**
 * Projects the model. Given the `previous` projection, a change that moves nothing — card fields
 * other than place, order, emotion and personas (a batch of title edits) — re-projects only the
 * cards that changed and keeps the layout (incremental-projection.ts); any other change resolves
 * and lays out the whole blueprint. Both give the same result (incremental-projection.test.ts).
 */
export function projectModel(blueprint: ProjectionSource, previous?: ModelProjection | null): ModelProjection {
  const patch = previous ? patchProjectionSource(previous, blueprint) : null;
  if (previous && patch) {
    const { view, changed } = patch;
    const cards = previous.cards.slice();
    const index = cardIndexOf(previous);
    for (const card of changed) {
      const at = index.get(card.id)!;
      const box = previous.layout.cards[at]!;
      cards[at] = cardRecord(box.id, box.x, box.y, cardProps(card, box.w, box.h));
    }
    const next: ModelProjection = {
      layout: previous.layout,
      view,
      fixed: fixedRecords(blueprint, view, previous.layout),
      cards,
      flowLines: previous.flowLines,
      source: blueprint,
    };
    return next;
  }
  const view = resolveBlueprint(blueprint);
  const layout = layoutBlueprint(view);
  const fixed = fixedRecords(blueprint, view, layout);

  const flowsById = new Map(view.flows.map((f) => [f.id, f]));
  const flowLines: FlowLine[] = layout.flows.map((f) => ({
    id: f.id,
    x1: f.start.x,
    y1: f.start.y,
    x2: f.end.x,
    y2: f.end.y,
    label: flowLabel(flowsById.get(f.id)),
    lx: 0,
    ly: 0,
  }));

  const cards = layout.cards.map((box) => cardRecord(box.id, box.x, box.y, cardProps(view.cardsById.get(box.id)!, box.w, box.h)));
  return { layout, view, fixed, cards, flowLines, source: blueprint };
}

// Where each card's record is in `cards` (= its box in layout.cards), made once per layout (an
// incremental projection keeps the layout, and with it this index).
const cardIndexes = new WeakMap<ScrollLayout, Map<string, number>>();
function cardIndexOf(model: ModelProjection): Map<string, number> {
  let index = cardIndexes.get(model.layout);
  if (!index) {
    index = new Map(model.layout.cards.map((box, i) => [box.id, i]));
    cardIndexes.set(model.layout, index);
  }
  return index;
}

/** Cells, tray, emotion and persona curves, stage and lane headers. */
function fixedRecords(blueprint: ProjectionSource, view: ResolvedBlueprint, layout: ScrollLayout): ShapeRecord[] {
  const fixed: ShapeRecord[] = [];
  const stageNames = new Map(view.stages.map((s) => [s.id, s.name]));
  const laneNames = new Map(view.lanes.map((l) => [l.id, l.name]));
  const laneKinds = new Map(view.lanes.map((l) => [l.id, l.kind]));
  const laneIndex = new Map(layout.lanes.map((l) => [l.id, l.index]));
  const band = layout.options.emotionBandHeight;

  for (const cell of layout.cells) {
    const props: CellProps = {
      w: cell.w,
      h: cell.h,
      stageId: cell.stageId,
      laneId: cell.laneId,
      label: `${stageNames.get(cell.stageId) ?? ''}, ${laneNames.get(cell.laneId) ?? ''}`,
      shade: (laneIndex.get(cell.laneId) ?? 0) % 2,
      band: laneKinds.get(cell.laneId) === 'thinking-feeling' ? band : 0,
    };
    fixed.push(record(shapeIds.cell(cell.stageId, cell.laneId), CELL, cell.x, cell.y, LAYER_INDEX.cell, true, props));
  }

  if (layout.tray) {
    const props: TrayProps = { w: layout.tray.w, h: layout.tray.h, count: layout.tray.cardIds.length };
    fixed.push(record(shapeIds.tray(), TRAY, layout.tray.x, layout.tray.y, LAYER_INDEX.tray, true, props));
  }

  for (const curve of layout.emotionCurves) {
    const props: EmotionProps = {
      w: curve.band.w,
      h: curve.band.h,
      points: curve.points.map((p) => ({ x: p.x - curve.band.x, y: p.y - curve.band.y, emotion: Math.round(p.emotion * 10) / 10 })),
    };
    fixed.push(record(shapeIds.emotion(curve.laneId), EMOTION, curve.band.x, curve.band.y, LAYER_INDEX.emotion, true, props));
  }

  fixed.push(...personaCurveRecords<ShapeRecord>(view, layout, blueprint.personas ?? [], LAYER_INDEX.personaCurves, record));

  const stagesById = new Map(view.stages.map((s) => [s.id, s]));
  const summaries = new Map(summariseStages(view).map((s) => [s.stageId, s]));
  for (const box of layout.stages) {
    const stage = stagesById.get(box.id)!;
    const props: StageProps = {
      w: box.w,
      h: box.h,
      name: stage.name,
      index: box.index,
      macro: stage.macroStage ?? '',
      entry: stage.entryCriterion,
      summary: stageSummaryLine(summaries.get(stage.id)),
    };
    fixed.push(record(shapeIds.stage(box.id), STAGE, box.x, box.y, LAYER_INDEX.stage, false, props));
  }

  const lanesById = new Map(view.lanes.map((l) => [l.id, l]));
  for (const box of layout.lanes) {
    const lane = lanesById.get(box.id)!;
    const props: LaneProps = { w: box.w, h: box.h, name: lane.name, kind: lane.kind, owner: lane.owner };
    fixed.push(record(shapeIds.lane(box.id), LANE, box.x, box.y, LAYER_INDEX.lane, false, props));
  }
  return fixed;
}

const meets = (r: Rect, x: number, y: number, w: number, h: number) => x + w >= r.x && x <= r.x + r.w && y + h >= r.y && y <= r.y + r.h;

/**
 * The shapes that draw `window` of the scroll (page coordinates; null = all of it): the fixed
 * shapes, the cards that meet the window or are in `keep` (selected, being edited), and the flows
 * shape with the lines that meet the window, labelled against the cards drawn.
 */
export function projectWindow(model: ModelProjection, window: Rect | null, keep: ReadonlySet<string> = new Set()): ShapeRecord[] {
  const { layout } = model;
  const shapes: ShapeRecord[] = [...model.fixed];
  const cards = window
    ? model.cards.filter((c) => keep.has(c.id) || meets(window, c.x, c.y, (c.props as CardProps).w, (c.props as CardProps).h))
    : model.cards;
  const labelled = labelledFlowLines(model);
  const lines = window
    ? labelled.filter((l) => meets(window, Math.min(l.x1, l.x2), Math.min(l.y1, l.y2), Math.abs(l.x2 - l.x1), Math.abs(l.y2 - l.y1)))
    : labelled;
  if (layout.flows.length > 0) {
    const { x, y, w, h } = layout.grid.w > 0 ? layout.bounds : { x: 0, y: 0, w: 1, h: 1 };
    const props: FlowsProps = {
      w: Math.max(1, w),
      h: Math.max(1, h),
      lines: lines.map((l) => ({ ...l, x1: l.x1 - x, y1: l.y1 - y, x2: l.x2 - x, y2: l.y2 - y, lx: l.lx - x, ly: l.ly - y })),
    };
    shapes.push(record(shapeIds.flows(), FLOWS, x, y, LAYER_INDEX.flows, true, props));
  }
  for (const card of cards) shapes.push(card);
  return shapes;
}

// Labels are placed once per layout, against every card: a label never sits on a card that is
// not mounted yet, stays where it is as the window moves, and the picture's tiles agree with it.
const labelledCache = new WeakMap<readonly FlowLine[], readonly FlowLine[]>();

/** The model's flow lines with their labels placed (page coordinates; '' where no spot is free). */
export function labelledFlowLines(model: ModelProjection): readonly FlowLine[] {
  let labelled = labelledCache.get(model.flowLines);
  if (!labelled) {
    labelled = placeFlowLabels([...model.flowLines], model.layout.cards);
    labelledCache.set(model.flowLines, labelled);
  }
  return labelled;
}

/** The overview shape: one bitmap of every card's box over the scroll's bounds (`version` names the boxes). */
export function overviewRecord(model: ModelProjection, version: number): ShapeRecord {
  const { x, y, w, h } = model.layout.bounds;
  const props: OverviewProps = { w: Math.max(1, w), h: Math.max(1, h), cards: model.cards.length, version };
  return record(shapeIds.overview(), OVERVIEW, x, y, LAYER_INDEX.overview, true, props);
}

/** The overview's boxes, relative to the scroll's bounds, in their card kind's colour. */
export function overviewBoxesOf(model: ModelProjection): OverviewBox[] {
  const { x, y } = model.layout.bounds;
  return model.cards.map((c) => {
    const p = c.props as CardProps;
    const fill = CARD_KIND_FILL[p.kind as CardKind] ?? CARD_KIND_FILL.note;
    return { x: c.x - x, y: c.y - y, w: p.w, h: p.h, fill };
  });
}

/** The whole scroll's shapes (what a small blueprint draws, and what every client computes alike). */
export function projectBlueprint(blueprint: ProjectionSource): Projection {
  const model = projectModel(blueprint);
  return { layout: model.layout, view: model.view, shapes: projectWindow(model, null) };
}

function flowLabel(flow: { label: string; event?: string; condition?: string; delay?: string } | undefined): string {
  if (!flow) return '';
  if (flow.label) return flow.label;
  return [flow.event, flow.condition, flow.delay ? `after ${flow.delay}` : undefined].filter(Boolean).join(' · ');
}

export interface ShapeDiff {
  readonly put: ShapeRecord[];
  readonly remove: string[];
}

/**
 * What to change in the store so that its projected shapes equal `desired`. Shapes in `hold` (being
 * dragged or resized by the local user right now) keep their position and size, so a remote
 * change never yanks a shape from under the pointer; everything else about them still updates.
 */
export function diffProjection(
  current: ReadonlyMap<string, ShapeRecord>,
  desired: readonly ShapeRecord[],
  hold: ReadonlySet<string> = new Set(),
): ShapeDiff {
  const put: ShapeRecord[] = [];
  const seen = new Set<string>();
  for (const next of desired) {
    seen.add(next.id);
    const prev = current.get(next.id);
    let target = next;
    if (prev && hold.has(next.id)) {
      const props = { ...next.props, w: (prev.props as { w: number }).w, h: (prev.props as { h: number }).h };
      target = { ...next, x: prev.x, y: prev.y, props };
    }
    if (!prev || !sameShape(prev, target)) put.push(target);
  }
  const remove: string[] = [];
  for (const id of current.keys()) if (!seen.has(id)) remove.push(id);
  return { put, remove };
}

function sameShape(a: ShapeRecord, b: ShapeRecord): boolean {
  return (
    a.type === b.type &&
    a.x === b.x &&
    a.y === b.y &&
    a.index === b.index &&
    a.parentId === b.parentId &&
    a.isLocked === b.isLocked &&
    a.rotation === b.rotation &&
    a.opacity === b.opacity &&
    (a.props === b.props || jsonEqual(a.props, b.props))
  );
}

function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if (!jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  return true;
}
