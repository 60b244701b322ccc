import { personaStyles } from './persona-styles.ts';
import type { PersonaViewState } from './persona-view.ts';
import { usePersonaView } from './use-persona-view.ts';

/** The stylesheet that draws this window's persona view on the canvas (curves shown, filter). */
export function PersonaStyles({ state }: { state: PersonaViewState }) {
  const css = personaStyles(usePersonaView(state));
  return css ? <style data-persona-view="">{css}</style> : null;
}
