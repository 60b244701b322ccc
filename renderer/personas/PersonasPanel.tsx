import { useState, type KeyboardEvent } from 'react';
import type * as Y from 'yjs';
import { addPersona, deletePersona, updatePersona } from '../../shared/doc/index.ts';
import { nextPersonaColour, personasInOrder, type Blueprint, type PersonaView } from '../../shared/model/index.ts';

type Edit = (fn: (doc: Y.Doc, origin: object) => void) => void;

/**
 * The Personas panel: create, edit (name, description, colour) and delete the blueprint's
 * personas. Each field writes only itself when it is left (Enter, or the focus moving on), so two
 * people editing different fields of one persona both keep theirs. Deleting a persona takes its
 * tag off every card (one undo step brings both back).
 */
export function PersonasPanel({
  blueprint,
  canEdit,
  edit,
  onClose,
}: {
  blueprint: Blueprint;
  canEdit: boolean;
  edit: Edit;
  onClose: () => void;
}) {
  const personas = personasInOrder(blueprint.personas);
  const add = () =>
    edit((doc, origin) =>
      addPersona(doc, { name: `Persona ${blueprint.personas.length + 1}`, color: nextPersonaColour(blueprint.personas) }, origin),
    );
  return (
    <aside className="js-personas" aria-label="Personas">
      <div className="js-lint-head">
        <h2>Personas</h2>
        <button type="button" onClick={onClose} aria-label="Close the personas panel">
          ×
        </button>
      </div>
      <p className="js-hint">
        Tag cards with the personas they concern in the card inspector; the legend draws each persona’s emotion curve.
      </p>
      <fieldset disabled={!canEdit}>
        <ul className="js-persona-list">
          {personas.map((p) => (
            <PersonaRow key={p.id} persona={p} edit={edit} tagged={blueprint.cards.filter((c) => c.personas?.includes(p.id)).length} />
          ))}
        </ul>
        <button type="button" onClick={add}>
          Add persona
        </button>
      </fieldset>
    </aside>
  );
}

function PersonaRow({ persona, edit, tagged }: { persona: PersonaView; edit: Edit; tagged: number }) {
  const write = (patch: { name?: string; description?: string; color?: string }) =>
    edit((doc, origin) => updatePersona(doc, persona.id, patch, origin));
  return (
    <li className="js-persona" role="group" aria-label={`Persona ${persona.name}`}>
      <div className="js-persona-row">
        <input
          type="color"
          value={persona.colour}
          aria-label={`Colour of ${persona.name}`}
          onChange={(e) => {
            const color = e.target.value;
            if (color !== persona.colour) write({ color });
          }}
        />
        <CommitText
          label={`Name of ${persona.name}`}
          value={persona.name}
          onCommit={(name) => {
            if (name.trim()) write({ name: name.trim() });
          }}
        />
      </div>
      <CommitText
        label={`Description of ${persona.name}`}
        value={persona.description}
        multiline
        onCommit={(description) => write({ description })}
      />
      <div className="js-persona-row">
        <span className="js-hint">
          {tagged} card{tagged === 1 ? '' : 's'}
        </span>
        <button
          type="button"
          className="js-danger"
          aria-label={`Delete persona ${persona.name}`}
          onClick={() => edit((doc, origin) => deletePersona(doc, persona.id, origin))}
        >
          Delete
        </button>
      </div>
    </li>
  );
}

/** A text field that writes when it is left (Enter or blur) and keeps its text while typed in; Escape takes it back. */
function CommitText({
  label,
  value,
  multiline,
  onCommit,
}: {
  label: string;
  value: string;
  multiline?: boolean;
  onCommit: (v: string) => void;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const commit = () => {
    if (draft !== null && draft !== value) onCommit(draft);
    setDraft(null);
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !multiline) (e.target as HTMLInputElement).blur();
    if (e.key === 'Escape') {
      setDraft(null);
      e.currentTarget.value = value;
    }
  };
  const common = {
    'aria-label': label,
    value: draft ?? value,
    onChange: (e: { target: { value: string } }) => setDraft(e.target.value),
    onBlur: commit,
    onKeyDown: onKey,
  };
  return multiline ? <textarea rows={2} placeholder="Description" {...common} /> : <input type="text" {...common} />;
}
