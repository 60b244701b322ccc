import type { CardKind } from '../model/index.ts';

/**
 * Card fill colours by kind: one palette for the canvas and for the SVG/PDF exports, so a
 * printed scroll looks like the one on screen. Light fills keep dark text legible in both.
 */
export const CARD_KIND_FILL: Readonly<Record<CardKind, string>> = {
  action: '#fde68a',
  feeling: '#fbcfe8',
  touchpoint: '#bfdbfe',
  data: '#bbf7d0',
  system: '#e9d5ff',
  team: '#fed7aa',
  automation: '#a5f3fc',
  note: '#f5f5f4',
};
