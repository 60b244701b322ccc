import { useMemo } from 'react';
import { Box, type Editor, type TLShapeId } from 'tldraw';
import type { Finding } from '../../shared/journey/index.ts';
import type { Blueprint } from '../../shared/model/index.ts';
import type { CanvasBridge } from '../canvas/bridge.ts';
import { shapeIds } from '../canvas/shape-types.ts';
import { useLint } from './use-lint.ts';

const ORDER = { error: 0, warning: 1, info: 2 } as const;
const LABEL = { error: 'Error', warning: 'Warning', info: 'Note' } as const;

/**
 * The lint panel: what would break the journey when it runs (docs/journey-definition.md lists the
 * rules), worst first. Choosing a finding selects the cards, stages or flow at fault and brings
 * them into view, so the workshop can fix them where they are.
 */
export function LintPanel({
  blueprint,
  editor,
  bridge,
  onClose,
}: {
  blueprint: Blueprint;
  editor: Editor | null;
  bridge: CanvasBridge | null;
  onClose: () => void;
}) {
  const lint = useLint(blueprint);
  const findings = useMemo(() => [...lint].sort((a, b) => ORDER[a.severity] - ORDER[b.severity]), [lint]);
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  const names = useMemo(() => {
    const n = new Map<string, string>();
    for (const s of blueprint.stages) n.set(s.id, s.name);
    for (const c of blueprint.cards) n.set(c.id, c.title || '(untitled card)');
    return n;
  }, [blueprint]);
  return (
    <aside className="js-lint" aria-label="Lint findings">
      <div className="js-lint-head">
        <h2>Check journey</h2>
        <button type="button" onClick={onClose} aria-label="Close the lint panel">
          ×
        </button>
      </div>
      <p className="js-hint" role="status" aria-label="Lint summary">
        {findings.length === 0
          ? 'No findings: the journey compiles and nothing in it breaks a run.'
          : `${counts.error} error${counts.error === 1 ? '' : 's'}, ${counts.warning} warning${counts.warning === 1 ? '' : 's'}, ${counts.info} note${counts.info === 1 ? '' : 's'}.`}
      </p>
      <ol className="js-lint-list">
        {findings.map((f, i) => (
          <li key={`${f.rule}:${i}`} className={`js-lint-${f.severity}`}>
            <button
              type="button"
              onClick={() => (editor && bridge ? reveal(editor, bridge, f) : undefined)}
              aria-label={`${LABEL[f.severity]}: ${f.message}`}
            >
              <span className="js-lint-sev">{LABEL[f.severity]}</span> {f.message}
              <span className="js-hint">
                {' '}
                {f.rule}
                {[...f.stageIds, ...f.cardIds].slice(0, 3).map((id) => ` · ${names.get(id) ?? id}`)}
              </span>
            </button>
          </li>
        ))}
      </ol>
    </aside>
  );
}

/** Selects what a finding is about and zooms to it (never past 100%: a single card stays in context). */
export function reveal(editor: Editor, bridge: CanvasBridge, finding: Pick<Finding, 'cardIds' | 'stageIds' | 'flowIds'>): void {
  // The cards at fault; the stage only when the finding is about the stage itself (a finding about
  // a card also names its stage, for the stage summaries).
  const named = finding.cardIds.length ? finding.cardIds.map(shapeIds.card) : finding.stageIds.map(shapeIds.stage);
  // A large scroll holds only the cards near the view as shapes: the finding's may be far off.
  bridge.reveal(named);
  const ids = named.filter((id) => editor.getShape(id as TLShapeId)) as TLShapeId[];
  const layout = bridge.layout();
  const boxes = ids.map((id) => editor.getShapePageBounds(id)).filter((b): b is Box => !!b);
  if (finding.flowIds.length && !ids.length) {
    bridge.selectedFlow.set(finding.flowIds[0]!);
    const flow = layout.flows.find((f) => f.id === finding.flowIds[0]);
    if (flow) boxes.push(Box.FromPoints([flow.start, flow.end]));
  }
  if (ids.length) editor.select(...ids);
  if (!boxes.length) return;
  const bounds = Box.Common(boxes).expandBy(120);
  editor.zoomToBounds(bounds, { targetZoom: 1, animation: { duration: 250 } });
}
