import { MAX_PERSONA_CURVES } from '../../shared/model/index.ts';

/**
 * What this person chose to see of the personas — which curves are drawn (at most
 * MAX_PERSONA_CURVES) and which persona the canvas is filtered to. It is a view setting of this
 * window, like the camera: never in the document, never synced. The legend, unroll mode and the
 * print read it; the canvas draws it through one generated stylesheet (persona-styles.ts), so a
 * toggle re-renders no card.
 */
export interface PersonaViewSnapshot {
  /** Persona ids whose curve is drawn, in the order they were switched on. */
  readonly shown: readonly string[];
  /** The persona the canvas is filtered to (cards not for it are dimmed), or null. */
  readonly filter: string | null;
}

export class PersonaViewState {
  private snapshot: PersonaViewSnapshot = { shown: [], filter: null };
  private readonly listeners = new Set<() => void>();

  readonly get = (): PersonaViewSnapshot => this.snapshot;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Switches a curve on or off; switching a sixth one on is refused (returns false). */
  toggleCurve(personaId: string): boolean {
    const { shown } = this.snapshot;
    if (shown.includes(personaId)) return this.set({ shown: shown.filter((id) => id !== personaId) });
    if (shown.length >= MAX_PERSONA_CURVES) return false;
    return this.set({ shown: [...shown, personaId] });
  }

  /** Shows exactly these curves (unroll mode's "this persona's curve"), the first MAX_PERSONA_CURVES of them. */
  showOnly(personaIds: readonly string[]): void {
    this.set({ shown: [...new Set(personaIds)].slice(0, MAX_PERSONA_CURVES) });
  }

  setFilter(personaId: string | null): void {
    this.set({ filter: personaId });
  }

  /** Forgets personas that no longer exist (deleted here or by someone else). */
  prune(existing: ReadonlySet<string>): void {
    const shown = this.snapshot.shown.filter((id) => existing.has(id));
    const filter = this.snapshot.filter && existing.has(this.snapshot.filter) ? this.snapshot.filter : null;
    if (shown.length !== this.snapshot.shown.length || filter !== this.snapshot.filter) this.set({ shown, filter });
  }

  private set(patch: Partial<PersonaViewSnapshot>): boolean {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of this.listeners) listener();
    return true;
  }
}
