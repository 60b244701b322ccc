import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type * as Y from 'yjs';
import {
  deleteCard,
  deleteFlow,
  deleteLane,
  deleteStage,
  updateCard,
  updateFlow,
  updateLane,
  updateStage,
} from '../../shared/doc/index.ts';
import type { Blueprint } from '../../shared/model/index.ts';
import { PersonaTags } from '../personas/PersonaTags.tsx';
import { cardFields, fieldPatch, fieldValue, FLOW_FIELDS, LANE_FIELDS, STAGE_FIELDS, type FieldSpec } from './fields.ts';

export type Selection = { readonly kind: 'card' | 'stage' | 'lane' | 'flow'; readonly id: string } | null;
type Edit = (fn: (doc: Y.Doc, origin: object) => void) => void;

/**
 * The inspector: the fields of the selected card (by kind), stage, lane or flow. Each field
 * writes only itself (field-level edits: two people editing different fields both keep theirs).
 * A field being typed in keeps its text when a remote change arrives.
 *
 * Where this person's role or team may not change the selection (`locked`: the write policy's
 * reason, docs/governance.md) the fields are read-only, say who owns it, and offer the comment
 * action instead (`commentSlot`, where the comments panel puts its "Comment" button).
 */
export function Inspector({
  blueprint,
  selection,
  canEdit,
  edit,
  locked = null,
  commentSlot,
  onComment,
}: {
  blueprint: Blueprint;
  selection: Selection;
  canEdit: boolean;
  edit: Edit;
  /** Why this person may not change the selection, or null. */
  locked?: string | null;
  /** The comment action on the selection (issue 12's comments), shown where it is locked. */
  commentSlot?: ReactNode;
  /** Starts a comment on the selection (renderer/comments); offered to viewers too. */
  onComment?: () => void;
}) {
  if (!selection) return null;
  const { kind, id } = selection;
  const entity =
    kind === 'card'
      ? blueprint.cards.find((c) => c.id === id)
      : kind === 'stage'
        ? blueprint.stages.find((s) => s.id === id)
        : kind === 'lane'
          ? blueprint.lanes.find((l) => l.id === id)
          : blueprint.flows.find((f) => f.id === id);
  if (!entity) return null;
  const fields =
    kind === 'card'
      ? cardFields((entity as Blueprint['cards'][number]).kind)
      : kind === 'stage'
        ? STAGE_FIELDS
        : kind === 'lane'
          ? LANE_FIELDS
          : FLOW_FIELDS;
  const write = (spec: FieldSpec, raw: string) =>
    edit((doc, origin) => {
      const patch = fieldPatch(entity, spec, raw);
      if (kind === 'card') updateCard(doc, id, patch, origin);
      else if (kind === 'stage') updateStage(doc, id, patch, origin);
      else if (kind === 'lane') updateLane(doc, id, patch, origin);
      else updateFlow(doc, id, patch, origin);
    });
  const remove = () =>
    edit((doc, origin) => {
      if (kind === 'card') deleteCard(doc, id, origin);
      else if (kind === 'stage') deleteStage(doc, id, {}, origin);
      else if (kind === 'lane') deleteLane(doc, id, {}, origin);
      else deleteFlow(doc, id, origin);
    });
  const heading = { card: 'Card', stage: 'Stage', lane: 'Lane', flow: 'Flow' }[kind];
  return (
    <aside className="js-inspector" aria-label={`${heading} inspector`}>
      <h2>{heading}</h2>
      {onComment ? (
        <button type="button" className="js-inspector-comment" onClick={onComment} aria-keyshortcuts="Control+Alt+M">
          Comment on {heading.toLowerCase()}
        </button>
      ) : null}
      {kind === 'flow' ? <FlowEnds blueprint={blueprint} flow={entity as Blueprint['flows'][number]} /> : null}
      {locked && canEdit ? (
        <div className="js-locked-note" role="note" aria-label="Locked">
          <p>
            <strong>Locked.</strong> {lockedWords(locked)}
          </p>
          <div className="js-inspector-comment" data-slot="comment">
            {commentSlot}
          </div>
        </div>
      ) : null}
      <fieldset disabled={!canEdit || !!locked}>
        {fields.map((spec) => (
          <Field key={`${id}:${spec.path}`} spec={spec} value={fieldValue(entity, spec.path)} onCommit={(raw) => write(spec, raw)} />
        ))}
        {kind === 'card' ? <PersonaTags blueprint={blueprint} card={entity as Blueprint['cards'][number]} edit={edit} /> : null}
        {kind === 'card' ? <Metrics card={entity as Blueprint['cards'][number]} /> : null}
        {locked ? null : (
          <button type="button" className="js-danger" onClick={remove}>
            Delete {heading.toLowerCase()}
          </button>
        )}
        {kind === 'stage' || kind === 'lane' ? (
          <p className="js-hint">Its cards stay, in the Unplaced tray, until you place them again.</p>
        ) : null}
      </fieldset>
    </aside>
  );
}

/** The policy's reason, as said before anything is tried: "The Email team owns 'Touchpoints'." */
function lockedWords(reason: string): string {
  const owner = /^(.*?): your change to '.*' was not saved$/.exec(reason);
  return owner ? `${owner[1]}: you can see it and comment, not change it.` : `${reason}.`;
}

function FlowEnds({ blueprint, flow }: { blueprint: Blueprint; flow: Blueprint['flows'][number] }) {
  const title = (id: string) => blueprint.cards.find((c) => c.id === id)?.title ?? '(missing card)';
  return (
    <p className="js-flow-ends">
      {title(flow.from)} → {title(flow.to)}
    </p>
  );
}

function Metrics({ card }: { card: Blueprint['cards'][number] }) {
  const m = card.metrics;
  if (!m) return null;
  const pct = (v: number | undefined) => (v === undefined ? null : `${Math.round(v * 1000) / 10}%`);
  const rows = [
    ['Volume', m.volume?.toLocaleString()],
    ['Conversion', pct(m.conversionRate)],
    ['Open rate', pct(m.openRate)],
    ['Click rate', pct(m.clickRate)],
    ['Revenue', m.revenue?.toLocaleString()],
    ['Period', m.period],
  ].filter(([, v]) => v !== undefined && v !== null);
  return (
    <dl className="js-metrics" aria-label="Performance">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

function Field({ spec, value, onCommit }: { spec: FieldSpec; value: string; onCommit: (raw: string) => void }) {
  const [draft, setDraft] = useState<string | null>(null);
  const shown = draft ?? value;
  const inputId = `f-${spec.path.replace('.', '-')}`;
  // What is typed and not yet written, for the unmount below.
  const unsaved = useRef({ draft, value, onCommit });
  unsaved.current = { draft, value, onCommit };
  const commit = () => {
    // From the ref, not this render's `draft`: Escape clears it in the same event as the blur.
    const { draft: typed, value: stored } = unsaved.current;
    if (typed !== null && typed !== stored) onCommit(typed);
    unsaved.current.draft = null;
    setDraft(null);
  };
  // A click on another card selects it during the mousedown, before this field loses the focus:
  // the inspector shows the new card and this field goes away without a blur. What was typed is
  // written to the card it was typed for (onCommit is that card's) instead of being lost.
  useEffect(
    () => () => {
      const { draft: typed, value: stored, onCommit: write } = unsaved.current;
      if (typed !== null && typed !== stored) write(typed);
    },
    [],
  );
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
    if (e.key === 'Escape') {
      unsaved.current.draft = null;
      setDraft(null);
      (e.target as HTMLInputElement).blur();
    }
  };
  const c = spec.control;
  return (
    <div className="js-field">
      <label htmlFor={inputId}>{spec.label}</label>
      {c.type === 'select' ? (
        <select id={inputId} value={value} onChange={(e) => onCommit(e.target.value)}>
          {c.optional || value === '' ? <option value="">—</option> : null}
          {c.options.map(([v, label]) => (
            <option key={v} value={v}>
              {label}
            </option>
          ))}
        </select>
      ) : c.type === 'textarea' ? (
        <textarea id={inputId} value={shown} rows={3} onChange={(e) => setDraft(e.target.value)} onBlur={commit} />
      ) : (
        <input
          id={inputId}
          type={c.type === 'number' ? 'number' : 'text'}
          {...(c.type === 'number' ? { min: c.min, max: c.max } : {})}
          value={shown}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
          onKeyDown={onKey}
        />
      )}
    </div>
  );
}
