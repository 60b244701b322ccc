import { useMemo, useState } from 'react';
import type { Editor } from 'tldraw';
import type * as Y from 'yjs';
import { readBlueprint } from '../../shared/doc/index.ts';
import { diffBlueprints, type BlueprintDiff, type EntityChange } from '../../shared/governance/diff.ts';
import { approveBlueprint, readVersion, restoreVersion, saveVersion, type VersionInfo } from '../../shared/governance/versions.ts';
import type { Blueprint } from '../../shared/model/index.ts';
import type { CanvasBridge } from '../canvas/bridge.ts';
import { reveal } from './LintPanel.tsx';
import { useApproval, useVersions } from './use-versions.ts';

const KIND_LABEL = { named: 'Version', approved: 'Approved', safety: 'Safety copy' } as const;

export interface VersionsPanelProps {
  readonly doc: Y.Doc;
  readonly blueprint: Blueprint;
  /** Offer approval (the server accepts it from approvers only). */
  readonly mayApprove: boolean;
  readonly canEdit: boolean;
  /** The person's display name, written into the versions they save. */
  readonly author: string;
  /** The undo origin of this person's edits: a restore can be undone like any change. */
  readonly origin: unknown;
  readonly editor: Editor | null;
  readonly bridge: CanvasBridge | null;
  /** Show a version read-only in place of the canvas. */
  readonly onView: (version: VersionInfo, blueprint: Blueprint) => void;
  /** Mark the changes since this version on the canvas. */
  readonly onShowChanges?: (version: VersionInfo) => void;
  readonly onClose: () => void;
}

/**
 * Versions of the blueprint (shared/governance/versions.ts): save the working copy under a name,
 * list every version, view one read-only, compare it with the working copy (each change selects
 * what it is about), restore it (after a safety copy), and — for approvers — approve.
 */
export function VersionsPanel(p: VersionsPanelProps) {
  const versions = useVersions(p.doc);
  const [name, setName] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [compared, setCompared] = useState<{ version: VersionInfo; diff: BlueprintDiff } | null>(null);
  const isApprover = p.mayApprove;
  const work = async (what: string, fn: () => Promise<void>) => {
    setBusy(what);
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };
  const newestFirst = useMemo(() => [...versions].reverse(), [versions]);
  return (
    <aside className="js-lint js-versions" aria-label="Versions">
      <div className="js-lint-head">
        <h2>Versions</h2>
        <button type="button" onClick={p.onClose} aria-label="Close the versions panel">
          ×
        </button>
      </div>
      <form
        className="js-version-form"
        aria-label="Save a version"
        onSubmit={(e) => {
          e.preventDefault();
          void work('save', async () => {
            await saveVersion(p.doc, { name, note, by: p.author }, p.origin);
            setName('');
            setNote('');
          });
        }}
      >
        <input
          aria-label="Version name"
          placeholder="Version name, e.g. Workshop 12 Nov"
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={200}
          disabled={!p.canEdit}
        />
        <textarea
          aria-label="Version note"
          placeholder="Note (optional)"
          value={note}
          onChange={(e) => setNote(e.target.value)}
          maxLength={2000}
          rows={2}
          disabled={!p.canEdit}
        />
        <div className="js-version-actions">
          <button type="submit" disabled={!p.canEdit || !name.trim() || busy !== null}>
            Save version
          </button>
          <button
            type="button"
            disabled={!p.canEdit || !isApprover || busy !== null}
            title={isApprover ? 'Approve the blueprint as it is now' : 'Only an approver may approve'}
            onClick={() =>
              void work(
                'approve',
                async () => void (await approveBlueprint(p.doc, { by: p.author, ...(note.trim() ? { note: note.trim() } : {}) }, p.origin)),
              )
            }
          >
            Approve…
          </button>
        </div>
      </form>
      {busy ? (
        <p className="js-hint" role="status" aria-label="Versions progress">
          {busy === 'save' ? 'Saving the version…' : busy === 'approve' ? 'Approving…' : busy === 'restore' ? 'Restoring…' : 'Working…'}
        </p>
      ) : null}
      {error ? (
        <p className="js-version-error" role="alert">
          {error}
        </p>
      ) : null}
      {versions.length === 0 ? <p className="js-hint">No versions yet: save one to keep this moment of the blueprint.</p> : null}
      <ol className="js-lint-list" aria-label="Saved versions">
        {newestFirst.map((v) => (
          <li key={v.id} className={`js-version js-version-${v.kind}`}>
            <div className="js-version-name">
              <strong>{v.kind === 'approved' ? `Approved ${v.name}` : v.name}</strong> <span className="js-hint">{KIND_LABEL[v.kind]}</span>
            </div>
            <div className="js-hint">
              {v.by || 'Someone'}, {new Date(v.at).toLocaleString()}
              {v.note ? ` — ${v.note}` : ''}
            </div>
            <div className="js-version-actions" role="group" aria-label={`Version ${v.name}`}>
              <button
                type="button"
                aria-label={`View ${v.name}`}
                onClick={() => void work('view', async () => p.onView(v, (await readVersion(p.doc, v.id)).blueprint))}
              >
                View
              </button>
              <button
                type="button"
                aria-label={`Compare ${v.name} with the working copy`}
                onClick={() =>
                  void work('compare', async () => {
                    const { blueprint } = await readVersion(p.doc, v.id);
                    setCompared({ version: v, diff: diffBlueprints(blueprint, readBlueprint(p.doc)) });
                  })
                }
              >
                Compare
              </button>
              <button
                type="button"
                aria-label={`Restore ${v.name}`}
                disabled={!p.canEdit || busy !== null}
                onClick={() => {
                  if (!window.confirm(`Restore '${v.name}'? The working copy is saved as a safety copy first; you can undo the restore.`))
                    return;
                  void work('restore', async () => void (await restoreVersion(p.doc, v.id, { by: p.author }, p.origin)));
                }}
              >
                Restore
              </button>
            </div>
          </li>
        ))}
      </ol>
      {compared ? (
        <DiffList
          compared={compared}
          editor={p.editor}
          bridge={p.bridge}
          onClose={() => setCompared(null)}
          {...(p.onShowChanges ? { onShowChanges: p.onShowChanges } : {})}
        />
      ) : null}
    </aside>
  );
}

/** The approval badge: "Approved v3 · 14 changes since", or the status when nothing was approved. */
export function ApprovalBadge({ doc, status }: { doc: Y.Doc; status: string }) {
  const approval = useApproval(doc);
  const text = approval
    ? `Approved ${approval.approved.name}${approval.changesSince ? ` · ${approval.changesSince} change${approval.changesSince === 1 ? '' : 's'} since` : ''}`
    : status === 'draft'
      ? 'Draft'
      : status === 'in-review'
        ? 'In review'
        : status[0]!.toUpperCase() + status.slice(1);
  return (
    <span className="js-approval" role="status" aria-label="Approval">
      {text}
    </span>
  );
}

function DiffList({
  compared,
  editor,
  bridge,
  onClose,
  onShowChanges,
}: {
  compared: { version: VersionInfo; diff: BlueprintDiff };
  editor: Editor | null;
  bridge: CanvasBridge | null;
  onClose: () => void;
  onShowChanges?: (version: VersionInfo) => void;
}) {
  const { diff, version } = compared;
  const select = (e: EntityChange) => {
    if (!editor || !bridge || e.change === 'removed') return;
    reveal(editor, bridge, {
      cardIds: e.collection === 'cards' ? [e.id] : [],
      stageIds: e.collection === 'stages' ? [e.id] : [],
      flowIds: e.collection === 'flows' ? [e.id] : [],
    });
  };
  const c = diff.counts;
  return (
    <section className="js-version-diff" aria-label={`Changes since ${version.name}`}>
      <div className="js-lint-head">
        <h3>Since {version.name}</h3>
        <button type="button" onClick={onClose} aria-label="Close the comparison">
          ×
        </button>
      </div>
      <p className="js-hint" role="status" aria-label="Comparison summary">
        {`${c.added} added, ${c.removed} removed, ${c.moved} moved, ${c.changed} changed${diff.meta.length ? `; details: ${diff.meta.map((m) => m.field).join(', ')}` : ''}`}
      </p>
      {onShowChanges ? (
        <button type="button" onClick={() => onShowChanges(version)} aria-label={`Show the changes since ${version.name} on the canvas`}>
          Show on the canvas
        </button>
      ) : null}
      <ol className="js-lint-list">
        {diff.entities.slice(0, 500).map((e) => (
          <li key={`${e.collection}:${e.id}`} className={`js-diff-${e.change}`}>
            <button type="button" onClick={() => select(e)} aria-label={`${e.change} ${e.collection.replace(/s$/, '')} ${e.label}`}>
              <span className="js-lint-sev">{e.change}</span> {e.label}
              {e.fields.length ? (
                <span className="js-hint"> {e.fields.map((f) => `${f.field}: ${show(f.before)} → ${show(f.after)}`).join('; ')}</span>
              ) : null}
            </button>
          </li>
        ))}
      </ol>
      {diff.entities.length > 500 ? (
        <p className="js-hint">…and {diff.entities.length - 500} more (journeyscroll diff lists all).</p>
      ) : null}
    </section>
  );
}

const show = (v: unknown) => (v === undefined ? '—' : typeof v === 'string' ? v.slice(0, 60) : JSON.stringify(v).slice(0, 60));
