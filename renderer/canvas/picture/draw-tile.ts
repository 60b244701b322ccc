import { CARD_KIND_FILL, overlaps, type Rect } from '../../../shared/layout/index.ts';
import type { CardKind } from '../../../shared/model/index.ts';
import { DIMMED_OPACITY } from '../../personas/persona-styles.ts';
import { statusLabel } from '../card-text.ts';
import { flowControls } from '../gestures.ts';
import type { CardProps, FlowLine } from '../shape-types.ts';
import type { SceneIndex } from './scene-index.ts';
import { flowPiecesIn } from './flow-pieces.ts';
import { oneLine, wrapLines } from './text-lines.ts';
import { levelScale, tileRect, type TileKey } from './tile-grid.ts';

/** What a tile is drawn on: an offscreen canvas's context (or a page canvas's, in tests). */
export type TileContext = OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;

/** One card as the picture draws it: its box on the page and what its shape shows (a card shape's record). */
export interface PictureCard {
  /** The card's shape id. */
  readonly id: string;
  readonly x: number;
  readonly y: number;
  readonly props: CardProps;
}

/** One cell of the grid (its lane's band in one stage): a background with its borders. */
export interface PictureCell {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  /** Every other lane is shaded. */
  readonly shade: number;
}

/** What the picture draws: the grid's cells, every card and flow of the scroll (page coordinates), indexed by place. */
export interface PictureScene {
  readonly cells: readonly PictureCell[];
  readonly cards: readonly PictureCard[];
  readonly cardIndex: SceneIndex;
  /** Flows with their labels placed (`lx`, `ly` on the page; `label` '' where none fits). */
  readonly flows: readonly FlowLine[];
  readonly flowIndex: SceneIndex;
}

/** This window's view settings that change how cards and flows look. */
export interface PictureLook {
  readonly dark: boolean;
  /** The persona the canvas is filtered to: cards not for it are dimmed. */
  readonly personaFilter: string | null;
  readonly selectedFlow: string | null;
  /** For a card (by shape id) this person may not change: who owns it (drawn locked), else null; none when nothing is locked. */
  readonly lockOf: ((shapeId: string) => string | null) | null;
  /** The canvas's sans-serif font family (tldraw's, once loaded). */
  readonly fontFamily: string;
}

/**
 * The card's CSS (canvas.css) in numbers: the picture must look like the cards it stands in for,
 * so the switch between them while the camera moves and rests is not seen.
 */
const CARD = {
  radius: 6,
  padTop: 8, // 1px border + 7px padding
  padX: 9, // 1px border + 8px padding
  padBottom: 7,
  gap: 3,
  title: { size: 12.5, weight: 600, lineHeight: 15.625, lines: 2 },
  detail: { size: 11, weight: 400, lineHeight: 14.3, lines: 2 },
  meta: { size: 10, weight: 400, lineHeight: 12 },
  iconIndent: 16,
} as const;

interface Palette {
  readonly cell: string;
  readonly cellShade: string;
  readonly cellRight: string;
  readonly cellBottom: string;
  readonly border: string;
  readonly title: string;
  readonly detail: string;
  readonly meta: string;
  readonly icon: string;
  readonly flow: string;
  readonly flowSel: string;
  readonly label: string;
  readonly halo: string;
  readonly lock: string;
}

// canvas.css's colours, light and dark (in the dark the grid goes dark and cards stay paper-coloured).
const COLORS: Readonly<Record<'light' | 'dark', Palette>> = {
  light: {
    cell: '#ffffff',
    cellShade: '#f9fafb',
    cellRight: '#e5e7eb',
    cellBottom: '#d1d5db',
    border: '#9ca3af',
    title: '#111827',
    detail: '#374151',
    meta: '#4b5563',
    icon: '#1e3a8a',
    flow: '#4b5563',
    flowSel: '#2563eb',
    label: '#374151',
    halo: '#ffffff',
    lock: '#6b7280',
  },
  dark: {
    cell: '#1b2230',
    cellShade: '#1f2737',
    cellRight: '#2d3748',
    cellBottom: '#2d3748',
    border: '#4b5563',
    title: '#111827',
    detail: '#374151',
    meta: '#4b5563',
    icon: '#1e3a8a',
    flow: '#9ca3af',
    flowSel: '#60a5fa',
    label: '#e5e7eb',
    halo: '#111827',
    lock: '#6b7280',
  },
};

/** Levels of detail, in device pixels per page unit: below these, a thing is too small to be worth drawing. */
const LOD = { outline: 0.2, flows: 0.2, text: 0.4 } as const;

const fontOf = (f: { size: number; weight: number }, family: string) => `${f.weight} ${f.size}px ${family}`;

/** A card's text, set once per card content and font: measuring is the costly part of drawing text. */
interface CardText {
  readonly title: string[];
  readonly detail: string[];
  readonly meta: string;
}

/**
 * Text set in the card's fonts, cached per card props object (the projection keeps a card's props
 * while the card is unchanged) and dropped when the font family changes (tldraw's font loaded).
 */
export class CardTextCache {
  private family = '';
  private cache = new WeakMap<CardProps, CardText>();
  private readonly measureContext: TileContext;
  constructor(measureContext: TileContext) {
    this.measureContext = measureContext;
  }

  get(props: CardProps, family: string): CardText {
    if (family !== this.family) {
      this.family = family;
      this.cache = new WeakMap();
    }
    let text = this.cache.get(props);
    if (!text) {
      const ctx = this.measureContext;
      const measure = (s: string) => ctx.measureText(s).width;
      const width = props.w - 2 * CARD.padX;
      ctx.font = fontOf(CARD.title, family);
      const title = wrapLines(props.title || 'Untitled', width, CARD.title.lines, measure);
      ctx.font = fontOf(CARD.detail, family);
      const detail = props.detail ? wrapLines(props.detail, width - (props.channel ? CARD.iconIndent : 0), CARD.detail.lines, measure) : [];
      ctx.font = fontOf(CARD.meta, family);
      const meta = oneLine(props.owner ? `${props.owner} · ${statusLabel(props.status)}` : statusLabel(props.status), width, measure);
      text = { title, detail, meta };
      this.cache.set(props, text);
    }
    return text;
  }
}

/** Draws one tile: the flows, their labels and the cards that meet it, at the tile's level. */
export function drawTile(ctx: TileContext, key: TileKey, scene: PictureScene, look: PictureLook, text: CardTextCache): void {
  const rect = tileRect(key);
  const scale = levelScale(key.level);
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  ctx.setTransform(scale, 0, 0, scale, -rect.x * scale, -rect.y * scale);
  const colors = look.dark ? COLORS.dark : COLORS.light;
  // What reaches into the tile from just outside it (an arrowhead, a label's halo) is drawn too.
  const reach = { x: rect.x - 12, y: rect.y - 12, w: rect.w + 24, h: rect.h + 24 };
  drawCells(ctx, scene.cells, reach, scale, colors);
  if (scale >= LOD.flows) drawFlows(ctx, scene, reach, scale, look, colors);
  drawCards(ctx, scene, scene.cardIndex.query(reach), scale, look, colors, text);
}

/** The grid's cells, as canvas.css draws them: a background, a right and a bottom border. */
function drawCells(ctx: TileContext, cells: readonly PictureCell[], rect: Rect, scale: number, colors: Palette): void {
  const line = Math.max(1, 1 / scale);
  for (const c of cells) {
    if (!overlaps(c, rect)) continue;
    ctx.fillStyle = c.shade ? colors.cellShade : colors.cell;
    ctx.fillRect(c.x, c.y, c.w, c.h);
    ctx.fillStyle = colors.cellRight;
    ctx.fillRect(c.x + c.w - line, c.y, line, c.h);
    ctx.fillStyle = colors.cellBottom;
    ctx.fillRect(c.x, c.y + c.h - line, c.w, line);
  }
}

function drawFlows(ctx: TileContext, scene: PictureScene, rect: Rect, scale: number, look: PictureLook, colors: Palette): void {
  const labels: FlowLine[] = [];
  const heads: Array<{ x: number; y: number; angle: number; selected: boolean }> = [];
  // One device pixel wide: a hairline is several times cheaper to rasterise than a 1.5-unit
  // stroke, and a flow is drawn this way only while the camera moves or far out.
  ctx.lineWidth = 1 / scale;
  ctx.strokeStyle = colors.flow;
  ctx.beginPath();
  let selected: ReturnType<typeof flowPiecesIn> = [];
  for (const i of scene.flowIndex.query(rect)) {
    const line = scene.flows[i]!;
    const pieces = flowPiecesIn(line, rect);
    if (pieces.length === 0) continue;
    const isSelected = line.id === look.selectedFlow;
    if (isSelected) selected = pieces;
    else
      for (const [a, b, c, d] of pieces) {
        ctx.moveTo(a.x, a.y);
        ctx.bezierCurveTo(b.x, b.y, c.x, c.y, d.x, d.y);
      }
    if (line.label && line.lx >= rect.x - 60 && line.lx <= rect.x + rect.w + 60 && line.ly >= rect.y && line.ly <= rect.y + rect.h)
      labels.push(line);
    const [, , c, d] = flowControls(line);
    if (d.x >= rect.x && d.x <= rect.x + rect.w && d.y >= rect.y && d.y <= rect.y + rect.h)
      heads.push({ x: d.x, y: d.y, angle: Math.atan2(d.y - c.y, d.x - c.x), selected: isSelected });
  }
  ctx.stroke();
  if (selected.length) {
    ctx.strokeStyle = colors.flowSel;
    ctx.lineWidth = 3;
    ctx.beginPath();
    for (const [a, b, c, d] of selected) {
      ctx.moveTo(a.x, a.y);
      ctx.bezierCurveTo(b.x, b.y, c.x, c.y, d.x, d.y);
    }
    ctx.stroke();
  }
  // Arrowheads (the flows shape's marker: 7 stroke widths long, along the curve's end).
  const size = 10.5;
  for (const selectedHeads of [false, true]) {
    ctx.fillStyle = selectedHeads ? colors.flowSel : colors.flow;
    ctx.beginPath();
    for (const h of heads) {
      if (h.selected !== selectedHeads) continue;
      ctx.moveTo(h.x, h.y);
      ctx.lineTo(h.x - size * Math.cos(h.angle - 0.46), h.y - size * Math.sin(h.angle - 0.46));
      ctx.lineTo(h.x - size * Math.cos(h.angle + 0.46), h.y - size * Math.sin(h.angle + 0.46));
      ctx.closePath();
    }
    ctx.fill();
  }
  if (scale < LOD.text || labels.length === 0) return;
  // A label on a plate of the canvas's colour (the flows shape draws a halo; a plate is cheaper).
  ctx.font = `400 10px ${look.fontFamily}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'alphabetic';
  ctx.fillStyle = colors.halo;
  for (const l of labels) {
    const w = l.label.length * 5.6 + 4;
    ctx.fillRect(l.lx - w / 2, l.ly - 6, w, 12);
  }
  ctx.fillStyle = colors.label;
  for (const l of labels) ctx.fillText(l.label, l.lx, l.ly + 3.5);
}

function drawCards(
  ctx: TileContext,
  scene: PictureScene,
  found: readonly number[],
  scale: number,
  look: PictureLook,
  colors: Palette,
  text: CardTextCache,
): void {
  const outline = scale >= LOD.outline;
  const cards = found.map((i) => scene.cards[i]!);
  const alphaOf = (card: PictureCard) => {
    const p = card.props;
    const dimmed = look.personaFilter !== null && !p.personas.includes(look.personaFilter);
    const lock = look.lockOf?.(card.id);
    return (dimmed ? DIMMED_OPACITY : 1) * (lock ? 0.72 : 1) * (p.status === 'retired' ? 0.55 : 1);
  };
  const alphas = cards.map(alphaOf);
  // Setting a colour or the alpha parses and flushes state: set them only when they change.
  let fill = '';
  let alpha = 1;
  const paint = (i: number, colour: string) => {
    if (alphas[i] !== alpha) ctx.globalAlpha = alpha = alphas[i]!;
    if (colour !== fill) ctx.fillStyle = fill = colour;
  };
  ctx.globalAlpha = 1;
  if (!outline) {
    cards.forEach((card, i) => {
      paint(i, CARD_KIND_FILL[card.props.kind as CardKind] ?? CARD_KIND_FILL.note);
      ctx.fillRect(card.x, card.y, card.props.w, card.props.h);
    });
    ctx.globalAlpha = 1;
    return;
  }
  ctx.lineWidth = 1;
  ctx.strokeStyle = colors.border;
  cards.forEach((card, i) => {
    const p = card.props;
    paint(i, CARD_KIND_FILL[p.kind as CardKind] ?? CARD_KIND_FILL.note);
    ctx.beginPath();
    ctx.roundRect(card.x + 0.5, card.y + 0.5, p.w - 1, p.h - 1, CARD.radius);
    ctx.fill();
    const dashed = p.status === 'draft' || p.status === 'retired' || !!look.lockOf?.(card.id);
    if (dashed) ctx.setLineDash([3, 3]);
    ctx.stroke();
    if (dashed) ctx.setLineDash([]);
  });
  if (scale >= LOD.text) drawCardText(ctx, cards, alphas, look, colors, text);
  ctx.globalAlpha = 1;
}

/** The cards' text, a font at a time (switching fonts is what drawing text costs most). */
function drawCardText(
  ctx: TileContext,
  cards: readonly PictureCard[],
  alphas: readonly number[],
  look: PictureLook,
  colors: Palette,
  cache: CardTextCache,
): void {
  const family = look.fontFamily;
  const texts = cards.map((c) => cache.get(c.props, family));
  const tops = cards.map((c) => c.y + CARD.padTop);
  let alpha = -1;
  const setAlpha = (i: number) => {
    if (alphas[i] !== alpha) ctx.globalAlpha = alpha = alphas[i]!;
  };
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  ctx.font = fontOf(CARD.title, family);
  ctx.fillStyle = colors.title;
  cards.forEach((card, i) => {
    setAlpha(i);
    for (const line of texts[i]!.title) {
      ctx.fillText(line, card.x + CARD.padX, tops[i]! + CARD.title.lineHeight / 2);
      tops[i]! += CARD.title.lineHeight;
    }
    tops[i]! += CARD.gap;
  });
  ctx.font = fontOf(CARD.detail, family);
  cards.forEach((card, i) => {
    const lines = texts[i]!.detail;
    if (!lines.length) return;
    setAlpha(i);
    const left = card.x + CARD.padX;
    if (card.props.channel) {
      ctx.fillStyle = colors.icon;
      ctx.fillRect(left, tops[i]! + CARD.detail.lineHeight / 2 - 5, 10, 10);
    }
    ctx.fillStyle = colors.detail;
    const indent = card.props.channel ? CARD.iconIndent : 0;
    for (const line of lines) {
      ctx.fillText(line, left + indent, tops[i]! + CARD.detail.lineHeight / 2);
      tops[i]! += CARD.detail.lineHeight;
    }
  });
  ctx.font = fontOf(CARD.meta, family);
  ctx.fillStyle = colors.meta;
  cards.forEach((card, i) => {
    setAlpha(i);
    ctx.fillText(texts[i]!.meta, card.x + CARD.padX, card.y + card.props.h - CARD.padBottom - CARD.meta.lineHeight / 2);
  });
  cards.forEach((card, i) => {
    if (!look.lockOf?.(card.id)) return;
    setAlpha(i);
    drawLock(ctx, card.x + card.props.w - 18, card.y + 6, colors.lock);
  });
}

function drawLock(ctx: TileContext, x: number, y: number, color: string): void {
  ctx.strokeStyle = color;
  ctx.lineWidth = 2;
  ctx.strokeRect(x + 1, y + 5, 10, 8);
  ctx.beginPath();
  ctx.arc(x + 6, y + 5, 3, Math.PI, 0);
  ctx.stroke();
  ctx.lineWidth = 1;
}
