import type { PersonaViewSnapshot } from './persona-view.ts';

/** How much a card not for the filtered persona is dimmed. */
export const DIMMED_OPACITY = 0.22;

/**
 * The stylesheet that draws the persona view on the canvas: a persona curve is hidden unless
 * shown (canvas.css hides `.js-persona-curve`), and with a filter every card whose
 * `data-personas` does not list the persona is dimmed. One rule per shown curve and one for the
 * filter: a toggle restyles the page without re-rendering a card, and cards mounted later (a
 * windowed scroll mounts them as the view moves) are styled as they appear.
 * Persona ids are `[A-Za-z0-9_:-]`, which a quoted attribute value holds as is.
 */
export function personaStyles(view: PersonaViewSnapshot): string {
  const safe = (id: string) => /^[A-Za-z0-9_:-]{1,64}$/.test(id);
  const rules = view.shown.filter(safe).map((id) => `.js-persona-curve[data-persona="${id}"]{display:inline}`);
  if (view.filter && safe(view.filter)) rules.push(`.js-card:not([data-personas~="${view.filter}"]){opacity:${DIMMED_OPACITY}}`);
  return rules.join('\n');
}
