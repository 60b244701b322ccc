import type * as Y from 'yjs';
import { setCardPersona } from '../../shared/doc/index.ts';
import { personasInOrder, type Blueprint, type Card } from '../../shared/model/index.ts';

type Edit = (fn: (doc: Y.Doc, origin: object) => void) => void;

/** The card inspector's personas: one checkbox per persona, ticked when the card concerns it. */
export function PersonaTags({ blueprint, card, edit }: { blueprint: Blueprint; card: Card; edit: Edit }) {
  const personas = personasInOrder(blueprint.personas);
  if (personas.length === 0) return null;
  return (
    <fieldset className="js-persona-tags">
      <legend>Personas</legend>
      {personas.map((p) => (
        <label key={p.id}>
          <input
            type="checkbox"
            checked={card.personas?.includes(p.id) ?? false}
            onChange={(e) => {
              // Read now: the edit runs in a microtask, after React has put the controlled box back.
              const on = e.target.checked;
              edit((doc, origin) => setCardPersona(doc, card.id, p.id, on, origin));
            }}
          />
          <span className="js-persona-swatch" style={{ background: p.colour }} aria-hidden="true" />
          {p.name}
        </label>
      ))}
    </fieldset>
  );
}
