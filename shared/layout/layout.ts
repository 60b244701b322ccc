import {
  cellKey,
  resolveBlueprint,
  type Blueprint,
  type Card,
  type Lane,
  type LaneKind,
  type ResolvedBlueprint,
  type Stage,
} from '../model/index.ts';
import type { Point, Rect } from './geometry.ts';
import { DEFAULT_LAYOUT_OPTIONS, type LayoutOptions } from './options.ts';

export interface StageBox extends Rect {
  readonly id: string;
  readonly name: string;
  readonly index: number;
  /** The whole column, header included, down to the bottom of the last lane. */
  readonly column: Rect;
}

export interface LaneBox extends Rect {
  readonly id: string;
  readonly name: string;
  readonly kind: LaneKind;
  readonly index: number;
  /** The whole band, header included, across every stage. */
  readonly band: Rect;
}

export interface CellBox extends Rect {
  readonly stageId: string;
  readonly laneId: string;
  readonly cardIds: readonly string[];
}

export interface CardBox extends Rect {
  readonly id: string;
  /** Set for a placed card; an Unplaced card has neither. */
  readonly cell?: { readonly stageId: string; readonly laneId: string; readonly index: number };
}

export interface FlowPath {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly start: Point;
  readonly end: Point;
}

export interface EmotionPoint extends Point {
  readonly stageId: string;
  /** The mean emotion score of the stage's feeling cards in this lane. */
  readonly emotion: number;
}

export interface EmotionCurve {
  readonly laneId: string;
  /** The band the curve is drawn in (score +5 at its top, −5 at its bottom). */
  readonly band: Rect;
  readonly points: readonly EmotionPoint[];
}

export interface ScrollLayout {
  readonly options: LayoutOptions;
  /** Everything: headers, grid and tray. */
  readonly bounds: Rect;
  /** The grid of cells alone (no headers). */
  readonly grid: Rect;
  readonly stages: readonly StageBox[];
  readonly lanes: readonly LaneBox[];
  /** One per stage × lane, empty cells included (they are drop targets). */
  readonly cells: readonly CellBox[];
  readonly cards: readonly CardBox[];
  readonly cardsById: ReadonlyMap<string, CardBox>;
  readonly flows: readonly FlowPath[];
  readonly emotionCurves: readonly EmotionCurve[];
  /** The Unplaced tray, present only when some card has lost its stage or lane. */
  readonly tray: (Rect & { readonly cardIds: readonly string[] }) | null;
}

type LayoutInput = Pick<Blueprint, 'stages' | 'lanes' | 'cards' | 'flows'> | ResolvedBlueprint;

const isResolved = (input: LayoutInput): input is ResolvedBlueprint => 'cells' in input && input.cells instanceof Map;

/**
 * The scroll: stage columns left to right after the lane headers, lane bands top to bottom under
 * the stage headers, cards in rows inside their cell. A lane is as tall as its fullest cell.
 * Pure and deterministic — the same model gives the same rectangles in every client and in Node,
 * so peers agree on the picture without ever syncing geometry.
 */
export function layoutBlueprint(input: LayoutInput, overrides: Partial<LayoutOptions> = {}): ScrollLayout {
  const o: LayoutOptions = { ...DEFAULT_LAYOUT_OPTIONS, ...overrides };
  const view = isResolved(input) ? input : resolveBlueprint(input);
  const { gap, cardWidth: cw, cardHeight: ch } = o;

  const columnsIn = (width: number) => Math.max(1, Math.floor((width - gap) / (cw + gap)));
  const rowsFor = (count: number, width: number) => Math.ceil(count / columnsIn(width));
  const stageWidth = (stage: Stage) => stage.width ?? o.defaultStageWidth;
  const bandOf = (lane: Lane) => (lane.kind === 'thinking-feeling' ? o.emotionBandHeight : 0);

  // Lane heights: the fullest cell of the lane decides.
  const laneHeights = view.lanes.map((lane) => {
    let rows = 0;
    for (const stage of view.stages)
      rows = Math.max(rows, rowsFor(view.cells.get(cellKey(stage.id, lane.id))?.length ?? 0, stageWidth(stage)));
    return Math.max(o.minLaneHeight, bandOf(lane) + gap + rows * (ch + gap));
  });

  const gridX = o.laneHeaderWidth;
  const gridY = o.stageHeaderHeight;
  const stageXs: number[] = [];
  let x = gridX;
  for (const stage of view.stages) {
    stageXs.push(x);
    x += stageWidth(stage);
  }
  const gridW = x - gridX;
  const laneYs: number[] = [];
  let y = gridY;
  for (const h of laneHeights) {
    laneYs.push(y);
    y += h;
  }
  const gridH = y - gridY;
  const grid: Rect = { x: gridX, y: gridY, w: gridW, h: gridH };

  const stages: StageBox[] = view.stages.map((stage, index) => {
    const sx = stageXs[index]!;
    const w = stageWidth(stage);
    return { id: stage.id, name: stage.name, index, x: sx, y: 0, w, h: o.stageHeaderHeight, column: { x: sx, y: 0, w, h: gridY + gridH } };
  });
  const lanes: LaneBox[] = view.lanes.map((lane, index) => {
    const ly = laneYs[index]!;
    const h = laneHeights[index]!;
    return {
      id: lane.id,
      name: lane.name,
      kind: lane.kind,
      index,
      x: 0,
      y: ly,
      w: o.laneHeaderWidth,
      h,
      band: { x: 0, y: ly, w: gridX + gridW, h },
    };
  });

  const cells: CellBox[] = [];
  const cards: CardBox[] = [];
  const placeCards = (list: readonly Card[], area: Rect, cell: ((i: number) => CardBox['cell']) | null) => {
    const columns = columnsIn(area.w);
    list.forEach((card, i) => {
      const box: CardBox = {
        id: card.id,
        x: area.x + gap + (i % columns) * (cw + gap),
        y: area.y + gap + Math.floor(i / columns) * (ch + gap),
        w: cw,
        h: ch,
        ...(cell ? { cell: cell(i) } : {}),
      };
      cards.push(box);
    });
  };
  view.lanes.forEach((lane, li) => {
    view.stages.forEach((stage, si) => {
      const list = view.cells.get(cellKey(stage.id, lane.id)) ?? [];
      const rect: Rect = { x: stageXs[si]!, y: laneYs[li]!, w: stageWidth(stage), h: laneHeights[li]! };
      cells.push({ ...rect, stageId: stage.id, laneId: lane.id, cardIds: list.map((c) => c.id) });
      const band = bandOf(lane);
      placeCards(list, { x: rect.x, y: rect.y + band, w: rect.w, h: rect.h - band }, (index) => ({
        stageId: stage.id,
        laneId: lane.id,
        index,
      }));
    });
  });

  let tray: ScrollLayout['tray'] = null;
  let bottom = gridY + gridH;
  if (view.unplaced.length > 0) {
    const trayW = Math.max(gridW, cw + 2 * gap);
    const rows = rowsFor(view.unplaced.length, trayW);
    const trayY = bottom + o.trayGap;
    const trayH = o.trayHeaderHeight + gap + rows * (ch + gap);
    tray = { x: gridX, y: trayY, w: trayW, h: trayH, cardIds: view.unplaced.map((c) => c.id) };
    placeCards(view.unplaced, { x: gridX, y: trayY + o.trayHeaderHeight, w: trayW, h: trayH - o.trayHeaderHeight }, null);
    bottom = trayY + trayH;
  }

  const cardsById = new Map(cards.map((c) => [c.id, c]));
  const flows: FlowPath[] = [];
  for (const flow of view.flows) {
    const a = cardsById.get(flow.from);
    const b = cardsById.get(flow.to);
    if (!a || !b) continue;
    flows.push({ id: flow.id, from: flow.from, to: flow.to, ...anchors(a, b) });
  }

  const emotionCurves: EmotionCurve[] = [];
  lanes.forEach((lane) => {
    if (lane.kind !== 'thinking-feeling') return;
    const band: Rect = { x: gridX, y: lane.y, w: gridW, h: o.emotionBandHeight };
    const points: EmotionPoint[] = [];
    stages.forEach((stage) => {
      const scores = (view.cells.get(cellKey(stage.id, lane.id)) ?? [])
        .map((c) => c.emotion)
        .filter((e): e is number => typeof e === 'number');
      if (scores.length === 0) return;
      const emotion = scores.reduce((s, e) => s + e, 0) / scores.length;
      points.push({ stageId: stage.id, emotion, x: stage.x + stage.w / 2, y: band.y + 8 + ((5 - emotion) / 10) * (band.h - 16) });
    });
    emotionCurves.push({ laneId: lane.id, band, points });
  });

  const width = gridX + Math.max(gridW, tray?.w ?? 0);
  return {
    options: o,
    bounds: { x: 0, y: 0, w: width, h: bottom },
    grid,
    stages,
    lanes,
    cells,
    cards,
    cardsById,
    flows,
    emotionCurves,
    tray,
  };
}

/** Where a flow leaves and enters: the facing sides of the two cards (left/right, else top/bottom). */
function anchors(a: Rect, b: Rect): { start: Point; end: Point } {
  const ac = { x: a.x + a.w / 2, y: a.y + a.h / 2 };
  const bc = { x: b.x + b.w / 2, y: b.y + b.h / 2 };
  if (a === b) return { start: { x: a.x + a.w, y: ac.y }, end: { x: a.x + a.w, y: a.y + a.h * 0.75 } };
  if (b.x >= a.x + a.w) return { start: { x: a.x + a.w, y: ac.y }, end: { x: b.x, y: bc.y } };
  if (a.x >= b.x + b.w) return { start: { x: a.x, y: ac.y }, end: { x: b.x + b.w, y: bc.y } };
  if (bc.y >= ac.y) return { start: { x: ac.x, y: a.y + a.h }, end: { x: bc.x, y: b.y } };
  return { start: { x: ac.x, y: a.y }, end: { x: bc.x, y: b.y + b.h } };
}
