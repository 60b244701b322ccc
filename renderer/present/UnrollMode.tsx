import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Editor } from 'tldraw';
import type { Awareness } from 'y-protocols/awareness';
import { summariseStages, type Blueprint, type StageSummary } from '../../shared/model/index.ts';
import { findingsByStage, type Finding } from '../../shared/journey/index.ts';
import { useLint } from '../app/use-lint.ts';
import type { CanvasBridge } from '../canvas/bridge.ts';
import { frameBounds, onCanvasResize } from './canvas-frame.ts';
import { publishPresenting, type PresentingState } from './presenting.ts';
import { presentAction, presentationSteps, stepAfter, type PresentationStep } from './steps.ts';

export interface UnrollModeProps {
  readonly blueprint: Blueprint;
  readonly editor: Editor;
  readonly bridge: CanvasBridge;
  readonly awareness: Awareness;
  readonly onExit: () => void;
  /** The stage framed now (null on the overview), for the lane labels drawn over the canvas. */
  readonly onStage: (stageId: string | null) => void;
  /** More controls for the presentation bar (the persona curve picker). */
  readonly extraControls?: ReactNode;
}

/** The presenter's camera moves smoothly; followers jump (see follower.ts). */
const STEP_ANIMATION_MS = 250;
/** Space around a framed step, in screen pixels. */
const INSET = 40;

/**
 * Unroll mode: a full-screen walk of the scroll for a meeting. It opens on the whole scroll, then
 * frames one stage at a time with all its lanes, under a title strip with the stage's name, the
 * customer's goal, the entry criterion and the stage summary (touchpoints, data captured,
 * systems, owners, lint findings). Everyone else in the room follows through awareness.
 */
export function UnrollMode({ blueprint, editor, bridge, awareness, onExit, onStage, extraControls }: UnrollModeProps) {
  const steps = useMemo(() => presentationSteps(bridge.layout()), [bridge, blueprint]);
  const [index, setIndex] = useState(0);
  const [laser, setLaser] = useState(false);
  const step = steps[Math.min(index, steps.length - 1)]!;
  const presentation = useRef({ id: `p-${awareness.clientID}-${Date.now().toString(36)}`, since: Date.now() });
  const summaries = useMemo(() => new Map(summariseStages(blueprint).map((s) => [s.stageId, s])), [blueprint]);
  const lint = useLint(blueprint);
  const findings = useMemo(
    () =>
      findingsByStage(
        blueprint,
        lint.filter((f) => f.severity !== 'info'),
      ),
    [blueprint, lint],
  );

  // Full screen where the platform allows it (a browser may refuse without a user gesture: the
  // presentation then fills the window, which is as good on a projector's second screen).
  useEffect(() => {
    const root = document.documentElement;
    if (!document.fullscreenElement && root.requestFullscreen) root.requestFullscreen().catch(() => undefined);
    editor.selectNone();
    return () => {
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
      editor.setCurrentTool('select');
      publishPresenting(awareness, null);
    };
  }, [editor, awareness]);

  // Frame the step (after the layout settled: entering unroll mode changes the canvas size) and
  // tell the room.
  useEffect(() => {
    // The title strip's height changes with the step's text: frame once it is laid out.
    const frame = requestAnimationFrame(() => frameBounds(editor, step.bounds, INSET, { duration: STEP_ANIMATION_MS }));
    const state: PresentingState = {
      id: presentation.current.id,
      step: step.index,
      steps: steps.length,
      stageId: step.kind === 'stage' ? step.stageId : null,
      bounds: step.bounds,
      since: presentation.current.since,
    };
    publishPresenting(awareness, state);
    onStage(state.stageId);
    return () => cancelAnimationFrame(frame);
  }, [editor, awareness, step, steps.length, onStage]);

  // Going full screen (it happens after the first frame) or resizing the window: frame the step again.
  useEffect(() => onCanvasResize(editor, () => frameBounds(editor, step.bounds, INSET)), [editor, step]);

  useEffect(() => {
    editor.setCurrentTool(laser ? 'laser' : 'select');
  }, [editor, laser]);

  // Keys go to the presentation first (tldraw would nudge shapes with the arrows).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
      const action = presentAction(e);
      if (!action) return;
      e.preventDefault();
      e.stopPropagation();
      if (action === 'exit') {
        if (laser) setLaser(false);
        else onExit();
        return;
      }
      if (action === 'laser') {
        setLaser((on) => !on);
        return;
      }
      setIndex((current) => stepAfter(action, current, steps.length) ?? current);
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [steps.length, onExit, laser]);

  const go = (action: 'next' | 'previous' | 'overview') => setIndex((current) => stepAfter(action, current, steps.length) ?? current);

  return (
    <header className="js-present-title" aria-label="Presentation">
      <StepTitle
        blueprint={blueprint}
        step={step}
        steps={steps}
        summary={step.kind === 'stage' ? summaries.get(step.stageId) : undefined}
        findings={step.kind === 'stage' ? (findings.get(step.stageId) ?? []) : []}
      />
      <nav className="js-present-controls" aria-label="Presentation controls">
        <div className="js-present-buttons">
          <button type="button" onClick={() => go('previous')} disabled={index === 0} aria-label="Previous stage">
            ←
          </button>
          <span className="js-present-count" aria-live="polite">
            {step.kind === 'overview' ? 'Overview' : `${step.stageNumber} / ${steps.length - 1}`}
          </span>
          <button type="button" onClick={() => go('next')} disabled={index >= steps.length - 1} aria-label="Next stage">
            →
          </button>
          <button type="button" onClick={() => go('overview')} aria-label="Whole scroll">
            Overview
          </button>
          <button type="button" aria-pressed={laser} onClick={() => setLaser((on) => !on)} aria-label="Laser pointer">
            Laser
          </button>
          <button type="button" onClick={onExit} aria-label="Leave unroll mode">
            Exit
          </button>
        </div>
        {extraControls ? <div className="js-present-extra">{extraControls}</div> : null}
      </nav>
    </header>
  );
}

function StepTitle({
  blueprint,
  step,
  steps,
  summary,
  findings,
}: {
  blueprint: Blueprint;
  step: PresentationStep;
  steps: PresentationStep[];
  summary: StageSummary | undefined;
  findings: readonly Finding[];
}) {
  if (step.kind === 'overview') {
    const names = steps.flatMap((s) => (s.kind === 'stage' ? [blueprint.stages.find((x) => x.id === s.stageId)?.name ?? ''] : []));
    return (
      <div className="js-present-head">
        <h1>{blueprint.meta.title || 'Untitled journey'}</h1>
        <p>
          The whole scroll: {names.length} stage{names.length === 1 ? '' : 's'}
          {names.length ? `, from ${names[0]} to ${names.at(-1)}` : ''} · {blueprint.lanes.length} lanes · {blueprint.cards.length} cards ·
          status {blueprint.meta.status}
        </p>
      </div>
    );
  }
  const stage = blueprint.stages.find((s) => s.id === step.stageId);
  return (
    <div className="js-present-head">
      <h1>
        <span className="js-present-n">Stage {step.stageNumber}</span> {stage?.name ?? ''}
        {stage?.macroStage ? (
          <span className="js-present-macro">{stage.macroStage.charAt(0).toUpperCase() + stage.macroStage.slice(1)}</span>
        ) : null}
      </h1>
      <dl className="js-present-facts">
        <div>
          <dt>Customer goal</dt>
          <dd title={stage?.customerGoal}>{stage?.customerGoal || '—'}</dd>
        </div>
        <div>
          <dt>Entry criterion</dt>
          <dd title={stage?.entryCriterion}>{stage?.entryCriterion || '—'}</dd>
        </div>
      </dl>
      {summary ? <StageSummaryLine summary={summary} findings={findings} /> : null}
    </div>
  );
}

/** The stage summary in one line of figures (unroll mode and the stage strip's summary panel). */
export function StageSummaryLine({ summary, findings }: { summary: StageSummary; findings: readonly Finding[] }) {
  const errors = findings.filter((f) => f.severity === 'error').length;
  return (
    <ul className="js-summary" aria-label={`Summary of ${summary.name}`}>
      <li title={summary.channels.join(', ')}>
        <strong>{summary.touchpoints}</strong> touchpoint{summary.touchpoints === 1 ? '' : 's'}
      </li>
      <li title={summary.dataPoints.join(', ')}>
        <strong>{summary.dataPoints.length}</strong> data point{summary.dataPoints.length === 1 ? '' : 's'} captured
      </li>
      <li title={summary.systems.join(', ')}>
        <strong>{summary.systems.length}</strong> system{summary.systems.length === 1 ? '' : 's'}
      </li>
      <li title={summary.owners.join(', ')}>
        <strong>{summary.owners.length}</strong> owner{summary.owners.length === 1 ? '' : 's'}
      </li>
      {summary.emotion !== null ? (
        <li>
          emotion <strong>{summary.emotion > 0 ? `+${summary.emotion}` : summary.emotion}</strong>
        </li>
      ) : null}
      <li
        className={findings.length ? (errors ? 'js-summary-error' : 'js-summary-warning') : 'js-summary-ok'}
        title={findings.map((f) => f.message).join('\n')}
      >
        <strong>{findings.length}</strong> lint finding{findings.length === 1 ? '' : 's'}
      </li>
    </ul>
  );
}
