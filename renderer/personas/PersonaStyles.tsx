import { useEffect } from 'react';
import type { CanvasBridge } from '../canvas/bridge.ts';
import { personaStyles } from './persona-styles.ts';
import type { PersonaViewState } from './persona-view.ts';
import { usePersonaView } from './use-persona-view.ts';

/**
 * Draws this window's persona view on the canvas (curves shown, filter): a stylesheet for the card
 * shapes, and the filter handed to the scroll picture, which dims the same cards in its tiles.
 */
export function PersonaStyles({ state, bridge }: { state: PersonaViewState; bridge: CanvasBridge | null }) {
  const view = usePersonaView(state);
  useEffect(() => bridge?.setPersonaFilter(view.filter), [bridge, view.filter]);
  const css = personaStyles(view);
  return css ? <style data-persona-view="">{css}</style> : null;
}
