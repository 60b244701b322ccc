import { MAX_PERSONA_CURVES, personasInOrder, type Blueprint } from '../../shared/model/index.ts';
import './personas.css';
import type { PersonaViewState } from './persona-view.ts';
import { usePersonaView } from './use-persona-view.ts';

/**
 * The personas' legend over the canvas: one toggle per persona for its emotion curve (at most
 * MAX_PERSONA_CURVES at once, each in its colour), the persona filter, and the Personas panel.
 */
export function PersonaLegend({
  blueprint,
  state,
  onOpenPanel,
}: {
  blueprint: Blueprint;
  state: PersonaViewState;
  onOpenPanel: () => void;
}) {
  const view = usePersonaView(state);
  const personas = personasInOrder(blueprint.personas);
  const full = view.shown.length >= MAX_PERSONA_CURVES;
  return (
    <section className="js-persona-legend" aria-label="Personas legend">
      <button type="button" onClick={onOpenPanel} aria-label="Edit personas">
        Personas…
      </button>
      {personas.length ? (
        <>
          <ul className="js-persona-toggles" aria-label="Persona emotion curves">
            {personas.map((p) => {
              const on = view.shown.includes(p.id);
              return (
                <li key={p.id}>
                  <button
                    type="button"
                    aria-pressed={on}
                    disabled={!on && full}
                    title={!on && full ? `At most ${MAX_PERSONA_CURVES} curves at once` : p.description || p.name}
                    aria-label={`Emotion curve of ${p.name}`}
                    onClick={() => state.toggleCurve(p.id)}
                  >
                    <span className="js-persona-swatch" style={{ background: p.colour }} aria-hidden="true" />
                    {p.name}
                  </button>
                </li>
              );
            })}
          </ul>
          <label className="js-persona-filter">
            Show cards for
            <select value={view.filter ?? ''} onChange={(e) => state.setFilter(e.target.value || null)} aria-label="Persona filter">
              <option value="">every persona</option>
              {personas.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
        </>
      ) : (
        <span className="js-hint">No personas yet</span>
      )}
    </section>
  );
}
