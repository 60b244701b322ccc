import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { Blueprint } from '../../shared/model/index.ts';
import { PersonaViewState, type PersonaViewSnapshot } from './persona-view.ts';

/** This window's persona view for one blueprint; forgets personas as they are deleted. */
export function usePersonaViewState(blueprint: Blueprint): PersonaViewState {
  const state = useMemo(() => new PersonaViewState(), []);
  useEffect(() => state.prune(new Set(blueprint.personas.map((p) => p.id))), [state, blueprint.personas]);
  return state;
}

export function usePersonaView(state: PersonaViewState): PersonaViewSnapshot {
  return useSyncExternalStore(state.subscribe, state.get);
}
