/** Sizes of the scroll in layout units (tldraw page units: 1 unit = 1 CSS pixel at 100%). */
export interface LayoutOptions {
  readonly laneHeaderWidth: number;
  readonly stageHeaderHeight: number;
  readonly defaultStageWidth: number;
  readonly cardWidth: number;
  readonly cardHeight: number;
  /** Space between cards, and between cards and the cell's edge. */
  readonly gap: number;
  readonly minLaneHeight: number;
  /** Height reserved at the top of a thinking-and-feeling lane for the emotion curve. */
  readonly emotionBandHeight: number;
  /** Space between the grid and the Unplaced tray. */
  readonly trayGap: number;
  readonly trayHeaderHeight: number;
}

export const DEFAULT_LAYOUT_OPTIONS: LayoutOptions = {
  laneHeaderWidth: 220,
  stageHeaderHeight: 112,
  defaultStageWidth: 360,
  cardWidth: 160,
  cardHeight: 96,
  gap: 12,
  minLaneHeight: 136,
  emotionBandHeight: 88,
  trayGap: 64,
  trayHeaderHeight: 40,
};
