import { useEffect, useMemo, useState } from 'react';
import { Box, useValue, type Editor } from 'tldraw';
import type * as Y from 'yjs';
import { changeMarks, markName, type ChangeMark } from '../../shared/governance/change-marks.ts';
import { diffBlueprints, type EntityChange } from '../../shared/governance/diff.ts';
import { readVersion, type VersionInfo } from '../../shared/governance/versions.ts';
import { layoutBlueprint } from '../../shared/layout/index.ts';
import type { Blueprint } from '../../shared/model/index.ts';
import type { CanvasBridge } from '../canvas/bridge.ts';
import { reveal } from './LintPanel.tsx';
import { useVersions } from './use-versions.ts';
import './changes.css';

/** Above this many marks in view, only the list says what changed (the picture would be noise). */
const MAX_MARKS = 400;
const LIST_LIMIT = 500;

export interface ChangesOverlayProps {
  readonly doc: Y.Doc;
  readonly blueprint: Blueprint;
  readonly editor: Editor;
  readonly bridge: CanvasBridge;
  /** The version the working copy is compared with: `approved` (the newest approved) or a version id. */
  readonly base: string;
  readonly onClose: () => void;
}

/**
 * "Changes since approved" over the canvas: each added, changed or moved card outlined and tagged
 * where it is now, each removed card drawn as a ghost where the base version had it, and a list of
 * every change (stages, lanes and flows too) whose entries select and reveal what they are about.
 * Like the heat overlay it follows the camera, takes no pointer events but for its list, and draws
 * only what is in view.
 */
export function ChangesOverlay(p: ChangesOverlayProps) {
  const versions = useVersions(p.doc);
  // A new approval while the overlay is open moves "approved" to it.
  const newestApproved = versions.filter((v) => v.kind === 'approved').at(-1)?.id;
  const [base, setBase] = useState<{ info: VersionInfo; blueprint: Blueprint } | { error: string } | null>(null);
  useEffect(() => {
    let live = true;
    readVersion(p.doc, p.base).then(
      (read) => live && setBase(read),
      (e: unknown) => live && setBase({ error: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [p.doc, p.base, newestApproved]);
  const loaded = base && 'info' in base ? base : null;
  // The status is the approval's own doing, not a change to the content.
  const diff = useMemo(
    () =>
      loaded
        ? diffBlueprints(loaded.blueprint, { ...p.blueprint, meta: { ...p.blueprint.meta, status: loaded.blueprint.meta.status } })
        : null,
    [loaded, p.blueprint],
  );
  const options = p.bridge.layout().options;
  const thenLayout = useMemo(() => (loaded ? layoutBlueprint(loaded.blueprint, options) : null), [loaded, options]);
  const marks = useMemo(
    () => (diff && thenLayout ? changeMarks(diff, p.bridge.layout().cardsById, thenLayout.cardsById) : []),
    // The bridge's layout is read again whenever the model changes (it is projected from it).
    [diff, thenLayout, p.bridge, p.blueprint],
  );
  const name = loaded ? (loaded.info.kind === 'approved' ? `approved ${loaded.info.name}` : `'${loaded.info.name}'`) : '';
  const choose = (e: EntityChange) => {
    const ghost = marks.find((m) => m.ghost && m.cardId === e.id);
    if (ghost)
      return void p.editor.zoomToBounds(new Box(ghost.box.x, ghost.box.y, ghost.box.w, ghost.box.h).expandBy(120), {
        targetZoom: 1,
        animation: { duration: 250 },
      });
    if (e.change === 'removed') return;
    reveal(p.editor, p.bridge, {
      cardIds: e.collection === 'cards' ? [e.id] : [],
      stageIds: e.collection === 'stages' ? [e.id] : [],
      flowIds: e.collection === 'flows' ? [e.id] : [],
    });
  };
  return (
    <>
      <MarksLayer editor={p.editor} marks={marks} />
      <section className="js-changes" role="region" aria-label="Changes on the canvas">
        <div className="js-lint-head">
          <h3>{loaded ? `Changes since ${name}` : 'Changes since approved'}</h3>
          <button type="button" onClick={p.onClose} aria-label="Hide the changes on the canvas">
            ×
          </button>
        </div>
        {base && 'error' in base ? (
          <p className="js-hint" role="status" aria-label="Changes summary">
            {base.error} Approve the blueprint, or compare a saved version from the Versions panel.
          </p>
        ) : diff ? (
          <>
            <p className="js-hint" role="status" aria-label="Changes summary">
              {diff.entities.length + diff.meta.length === 0
                ? `No changes since ${name}.`
                : `${diff.counts.added} added, ${diff.counts.changed} changed, ${diff.counts.moved} moved, ${diff.counts.removed} removed${diff.meta.length ? `; details: ${diff.meta.map((m) => m.field).join(', ')}` : ''}`}
            </p>
            <ol className="js-lint-list" aria-label="Changes">
              {diff.entities.slice(0, LIST_LIMIT).map((e) => (
                <li key={`${e.collection}:${e.id}`} className={`js-diff-${e.change}`}>
                  <button type="button" onClick={() => choose(e)} aria-label={entryName(e)}>
                    <span className={`js-change-tag js-change-${e.change}`}>{e.change}</span> {e.label}
                  </button>
                </li>
              ))}
            </ol>
            {diff.entities.length > LIST_LIMIT ? <p className="js-hint">…and {diff.entities.length - LIST_LIMIT} more.</p> : null}
          </>
        ) : (
          <p className="js-hint">Reading the version…</p>
        )}
      </section>
    </>
  );
}

/** "Added card: Book a demo", "Changed stage: SQL". */
const entryName = (e: EntityChange) =>
  e.collection === 'cards'
    ? markName(e.change, e.label)
    : `${e.change[0]!.toUpperCase()}${e.change.slice(1)} ${noun(e.collection)}: ${e.label}`;
const noun = (collection: string) =>
  collection === 'personas' ? 'persona' : collection === 'annotations' ? 'note' : collection.replace(/s$/, '');

/** The marks in view, in screen space, following the camera. */
function MarksLayer({ editor, marks }: { editor: Editor; marks: readonly ChangeMark[] }) {
  const view = useValue(
    'change marks',
    () => {
      const camera = editor.getCamera();
      const page = editor.getViewportPageBounds();
      const shown: (ChangeMark & { sx: number; sy: number; sw: number; sh: number })[] = [];
      for (const m of marks) {
        const b = m.box;
        if (b.x > page.maxX || b.x + b.w < page.minX || b.y > page.maxY || b.y + b.h < page.minY) continue;
        const s = editor.pageToViewport({ x: b.x, y: b.y });
        shown.push({ ...m, sx: s.x, sy: s.y, sw: b.w * camera.z, sh: b.h * camera.z });
      }
      return shown.length > MAX_MARKS ? [] : shown;
    },
    [editor, marks],
  );
  return (
    <div className="js-changes-layer" data-marks={view.length}>
      {view.map((m) => (
        <div
          key={m.cardId}
          className={`js-change-mark js-change-${m.change}${m.ghost ? ' js-change-ghost' : ''}`}
          role="img"
          aria-label={markName(m.change, m.label)}
          data-card={m.cardId}
          style={{ left: m.sx, top: m.sy, width: m.sw, height: m.sh }}
        >
          <span className={`js-change-tag js-change-${m.change}`}>{m.change}</span>
          {m.ghost ? <span className="js-change-ghost-title">{m.label}</span> : null}
        </div>
      ))}
    </div>
  );
}
