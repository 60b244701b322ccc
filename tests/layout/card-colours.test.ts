import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CARD_KIND_FILL } from '../../shared/layout/index.ts';
import { CARD_KINDS } from '../../shared/model/index.ts';

const css = readFileSync(new URL('../../renderer/canvas/canvas.css', import.meta.url), 'utf8');

/** The canvas stylesheet cannot import the palette: this keeps the canvas and the exports the same colours. */
describe('card colours', () => {
  it('canvas.css fills each card kind with the colour the SVG and PDF exports use', () => {
    const base = /\.js-card \{[^}]*background: (#[0-9a-f]{6});/.exec(css)?.[1];
    // Whitespace-tolerant: Prettier writes each rule over several lines.
    const byKind = new Map([...css.matchAll(/\.js-card\.k-([a-z]+)\s*\{\s*background: (#[0-9a-f]{6});\s*\}/g)].map((m) => [m[1]!, m[2]!]));
    for (const kind of CARD_KINDS) {
      expect({ kind, fill: byKind.get(kind) ?? base }).toEqual({ kind, fill: CARD_KIND_FILL[kind] });
    }
  });
});
