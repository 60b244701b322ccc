import { CARD_KIND_FILL, layoutBlueprint } from '../layout/index.ts';
import type { Blueprint } from '../model/index.ts';
import { personaPrimitives } from './persona-scene.ts';

/**
 * A drawing of the whole scroll as plain primitives, built from shared/layout. The SVG
 * serializer (svg.ts) and the PDF renderer (sync-server/export/pdf.ts) both draw this scene, so
 * the two exports never diverge.
 */
export type ScenePrimitive =
  | {
      readonly type: 'rect';
      readonly x: number;
      readonly y: number;
      readonly w: number;
      readonly h: number;
      readonly fill: string;
      readonly stroke?: string;
      readonly radius?: number;
      readonly role?: string;
      readonly id?: string;
    }
  | {
      readonly type: 'text';
      readonly x: number;
      readonly y: number;
      readonly text: string;
      readonly size: number;
      readonly fill: string;
      readonly bold?: boolean;
      readonly role?: string;
      readonly id?: string;
    }
  | {
      readonly type: 'line';
      readonly points: readonly { x: number; y: number }[];
      readonly stroke: string;
      readonly width: number;
      readonly arrow?: boolean;
    };

export interface Scene {
  readonly width: number;
  readonly height: number;
  readonly title: string;
  readonly primitives: readonly ScenePrimitive[];
}

/** Cuts text to roughly fit a width (an average glyph is ~0.55 em). */
export function fitText(text: string, width: number, size: number): string {
  const max = Math.max(1, Math.floor(width / (size * 0.55)));
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.length <= max ? clean : `${clean.slice(0, Math.max(1, max - 1))}…`;
}

export interface SceneOptions {
  /**
   * A line under the title, for prints: the blueprint's status and when it was printed, so a
   * sheet on the table says which version it shows. The caller supplies the date (scenes are
   * deterministic).
   */
  readonly caption?: string;
  /**
   * A heat overlay to print (shared/analytics/heat.ts): its cards take their heat colour as fill
   * and show the figure; a line under the title names what the colours mean.
   */
  readonly heat?: SceneHeat;
  /** The personas whose emotion curves are drawn (persona-scene.ts; absent: the first five that have one). */
  readonly personaCurves?: readonly string[];
}

export interface SceneHeat {
  readonly title: string;
  readonly maxText: string;
  readonly cards: ReadonlyMap<string, { readonly fill: string; readonly text: string }>;
}

/** "Approved · printed 30 Nov 2026": the caption of a print made at `at`. */
export function printCaption(blueprint: Blueprint, at: Date): string {
  const status = blueprint.meta.status.replace(/-/g, ' ');
  const date = `${at.getUTCDate()} ${MONTHS[at.getUTCMonth()]} ${at.getUTCFullYear()}`;
  return `${status.charAt(0).toUpperCase()}${status.slice(1)} · printed ${date}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function buildScene(blueprint: Blueprint, options: SceneOptions = {}): Scene {
  const layout = layoutBlueprint(blueprint);
  const cards = new Map(blueprint.cards.map((c) => [c.id, c]));
  const p: ScenePrimitive[] = [];
  const { bounds } = layout;
  const width = Math.max(bounds.x + bounds.w, 400);
  const height = Math.max(bounds.y + bounds.h, 200);
  p.push({ type: 'rect', x: 0, y: 0, w: width, h: height, fill: '#ffffff' });
  p.push({
    type: 'text',
    x: 16,
    y: 36,
    text: fitText(blueprint.meta.title || 'Untitled journey', layout.options.laneHeaderWidth - 24, 18),
    size: 18,
    fill: '#111827',
    bold: true,
    role: 'title',
  });
  if (options.caption)
    p.push({
      type: 'text',
      x: 16,
      y: 58,
      text: fitText(options.caption, layout.options.laneHeaderWidth - 24, 11),
      size: 11,
      fill: '#4b5563',
      role: 'caption',
    });
  if (options.heat) {
    // Two short lines under the title (the corner above the lane headers is narrow).
    const y = options.caption ? 76 : 58;
    const line = (text: string, dy: number) =>
      p.push({
        type: 'text',
        x: 16,
        y: y + dy,
        text: fitText(text, layout.options.laneHeaderWidth - 24, 9),
        size: 9,
        fill: '#9a3412',
        role: 'heat-legend',
      });
    line(`Heat overlay: pale 0 → deep ${options.heat.maxText}`, 0);
    line(options.heat.title, 12);
  }
  for (const lane of layout.lanes) {
    p.push({ type: 'rect', ...lane.band, fill: lane.index % 2 ? '#f9fafb' : '#ffffff', stroke: '#e5e7eb' });
    p.push({ type: 'rect', x: lane.x, y: lane.y, w: lane.w, h: lane.h, fill: '#f3f4f6', stroke: '#d1d5db', role: 'lane', id: lane.id });
    p.push({
      type: 'text',
      x: lane.x + 12,
      y: lane.y + 24,
      text: fitText(lane.name, lane.w - 24, 14),
      size: 14,
      fill: '#111827',
      bold: true,
      role: 'lane-name',
      id: lane.id,
    });
  }
  for (const stage of layout.stages) {
    p.push({ type: 'rect', x: stage.column.x, y: stage.column.y, w: stage.column.w, h: stage.column.h, fill: 'none', stroke: '#d1d5db' });
    p.push({
      type: 'rect',
      x: stage.x,
      y: stage.y,
      w: stage.w,
      h: stage.h,
      fill: '#1f2937',
      stroke: '#111827',
      role: 'stage',
      id: stage.id,
    });
    p.push({
      type: 'text',
      x: stage.x + 12,
      y: stage.y + 32,
      text: fitText(stage.name, stage.w - 24, 18),
      size: 18,
      fill: '#ffffff',
      bold: true,
      role: 'stage-name',
      id: stage.id,
    });
    p.push({ type: 'text', x: stage.x + 12, y: stage.y + 56, text: `Stage ${stage.index + 1}`, size: 12, fill: '#d1d5db' });
  }
  for (const flow of layout.flows) {
    p.push({ type: 'line', points: [flow.start, flow.end], stroke: '#6b7280', width: 1.5, arrow: true });
  }
  if (layout.tray) {
    p.push({
      type: 'rect',
      x: layout.tray.x,
      y: layout.tray.y,
      w: layout.tray.w,
      h: layout.tray.h,
      fill: '#fef2f2',
      stroke: '#fca5a5',
      role: 'tray',
    });
    p.push({ type: 'text', x: layout.tray.x + 12, y: layout.tray.y + 26, text: 'Unplaced', size: 14, fill: '#991b1b', bold: true });
  }
  for (const box of layout.cards) {
    const card = cards.get(box.id);
    if (!card) continue;
    const heat = options.heat?.cards.get(card.id);
    p.push({
      type: 'rect',
      x: box.x,
      y: box.y,
      w: box.w,
      h: box.h,
      fill: heat ? heat.fill : CARD_KIND_FILL[card.kind],
      stroke: '#9ca3af',
      radius: 6,
      role: 'card',
      id: card.id,
    });
    p.push({
      type: 'text',
      x: box.x + 8,
      y: box.y + 18,
      text: fitText(card.title || '(untitled)', box.w - 16, 12),
      size: 12,
      fill: '#111827',
      bold: true,
    });
    const sub = card.channel ?? card.field ?? card.system ?? card.action?.type ?? card.kind;
    p.push({ type: 'text', x: box.x + 8, y: box.y + 36, text: fitText(sub, box.w - 16, 10), size: 10, fill: '#374151' });
    if (heat)
      p.push({
        type: 'text',
        x: box.x + 8,
        y: box.y + 58,
        text: fitText(heat.text, box.w - 16, 12),
        size: 12,
        fill: '#111827',
        bold: true,
        role: 'heat',
        id: card.id,
      });
    if (card.owner)
      p.push({ type: 'text', x: box.x + 8, y: box.y + box.h - 10, text: fitText(card.owner, box.w - 16, 10), size: 10, fill: '#6b7280' });
  }
  p.push(...personaPrimitives(blueprint, layout, options.personaCurves));
  return { width, height, title: blueprint.meta.title, primitives: p };
}
