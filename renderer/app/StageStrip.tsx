import { useDeferredValue, useMemo, type ReactNode } from 'react';
import { useValue, type Editor } from 'tldraw';
import { findingsByStage } from '../../shared/journey/index.ts';
import { sortByOrder, summariseStages, type Blueprint } from '../../shared/model/index.ts';
import type { CanvasBridge } from '../canvas/bridge.ts';
import { StageSummaryLine } from '../present/UnrollMode.tsx';
import { useLint } from './use-lint.ts';

/**
 * The stage strip: one button per stage, in scroll order, that brings its column into view, with
 * a badge for the stage's lint findings; beside it, the summary of the stage in view (touchpoints,
 * data captured, systems, owners, findings).
 */
export function StageStrip({
  blueprint,
  editor,
  bridge,
  onNavigate,
  stageExtra,
}: {
  blueprint: Blueprint;
  editor: Editor | null;
  bridge: CanvasBridge | null;
  onNavigate?: () => void;
  /** Drawn under a stage's button (the funnel bars, from renderer/analytics). */
  stageExtra?: (stageId: string) => ReactNode;
}) {
  const stages = useMemo(() => sortByOrder(blueprint.stages), [blueprint.stages]);
  // Summaries and findings go over every card: they follow the model in a deferred render, so a
  // remote batch reaches the canvas first.
  const settled = useDeferredValue(blueprint);
  // From the canvas's resolved model when there is one: resolving 20,000 cards again for the
  // strip cost a remote batch of edits ~40 ms of the page's time.
  // The canvas's view is at least as new as `settled`, which only says when to look again.
  const summaries = useMemo(() => new Map(summariseStages(bridge ? bridge.view() : settled).map((s) => [s.stageId, s])), [settled, bridge]);
  // Info notes (no entry trigger…) are about the journey, not a stage's quality.
  const lint = useLint(settled);
  const findings = useMemo(
    () =>
      findingsByStage(
        settled,
        lint.filter((f) => f.severity !== 'info'),
      ),
    [settled, lint],
  );
  const inView = useValue(
    'stage in view',
    () => {
      if (!editor || !bridge) return null;
      const mid = editor.getViewportPageBounds().midX;
      return bridge.layout().stages.find((s) => s.column.x <= mid && mid < s.column.x + s.column.w)?.id ?? null;
    },
    [editor, bridge],
  );
  const go = (id: string) => {
    const box = bridge?.layout().stages.find((s) => s.id === id);
    if (!box || !editor) return;
    onNavigate?.();
    editor.zoomToBounds(box.column, { inset: 24, animation: { duration: 250 } });
  };
  const current = inView ? summaries.get(inView) : undefined;
  return (
    <nav className="js-strip" aria-label="Stages">
      <ol>
        {stages.map((stage, i) => {
          const list = findings.get(stage.id) ?? [];
          const errors = list.filter((f) => f.severity === 'error').length;
          return (
            <li key={stage.id}>
              <button
                type="button"
                onClick={() => go(stage.id)}
                aria-label={`Go to stage ${stage.name}`}
                aria-current={stage.id === inView}
                title={stage.entryCriterion || stage.name}
              >
                <span className="js-strip-i" aria-hidden="true">
                  {i + 1}
                </span>
                {stage.name}
                {list.length ? (
                  <span
                    className={errors ? 'js-strip-badge' : 'js-strip-badge js-strip-badge-warning'}
                    title={list.map((f) => f.message).join('\n')}
                  >
                    {list.length}
                  </span>
                ) : null}
              </button>
              {stageExtra?.(stage.id)}
            </li>
          );
        })}
      </ol>
      {current ? (
        <section className="js-strip-summary" aria-label="Stage summary">
          <strong>{current.name}</strong>
          <StageSummaryLine summary={current} findings={findings.get(current.stageId) ?? []} />
        </section>
      ) : null}
    </nav>
  );
}
