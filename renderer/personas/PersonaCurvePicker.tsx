import { personasInOrder, type Blueprint } from '../../shared/model/index.ts';
import type { PersonaViewState } from './persona-view.ts';
import { usePersonaView } from './use-persona-view.ts';

/** Unroll mode's choice of whose emotion curve the room sees: one persona, or none. */
export function PersonaCurvePicker({ blueprint, state }: { blueprint: Blueprint; state: PersonaViewState }) {
  const view = usePersonaView(state);
  const personas = personasInOrder(blueprint.personas);
  if (personas.length === 0) return null;
  const chosen = view.shown.length === 1 ? view.shown[0]! : '';
  return (
    <select
      className="js-present-persona"
      aria-label="Persona curve"
      value={chosen}
      onChange={(e) => state.showOnly(e.target.value ? [e.target.value] : [])}
    >
      <option value="">{view.shown.length > 1 ? `${view.shown.length} curves` : 'No curve'}</option>
      {personas.map((p) => (
        <option key={p.id} value={p.id}>
          {p.name}
        </option>
      ))}
    </select>
  );
}
