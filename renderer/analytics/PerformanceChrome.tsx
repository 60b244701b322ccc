import { useCallback, useMemo, type ReactNode } from 'react';
import type * as Y from 'yjs';
import type { Editor } from 'tldraw';
import type { MetricsRow } from '../../shared/analytics/index.ts';
import { updateCard } from '../../shared/doc/index.ts';
import type { Blueprint } from '../../shared/model/index.ts';
import type { CanvasBridge } from '../canvas/bridge.ts';
import type { BlueprintSession } from '../host/host.ts';
import { FunnelBar } from './FunnelBar.tsx';
import { HeatLegend } from './HeatLegend.tsx';
import { HeatOverlay } from './HeatOverlay.tsx';
import { ImportDialog } from './ImportDialog.tsx';
import { UnderperformerFindings } from './UnderperformerFindings.tsx';
import { usePerformance, type Performance } from './use-performance.ts';
import { writeMetrics } from './write-metrics.ts';

export interface PerformanceChrome {
  readonly performance: Performance;
  readonly blueprint: Blueprint;
  readonly editor: Editor | null;
  readonly bridge: CanvasBridge | null;
  /** The funnel bar under a stage's button in the stage strip (nothing before an event log). */
  funnel(stageId: string): ReactNode;
  /** The Check panel's underperformer section. */
  readonly underperformers: ReactNode;
  importDialog(open: boolean, onClose: () => void): ReactNode;
}

/**
 * Everything the performance data adds to a blueprint's view, in one place so the view itself
 * (BlueprintApp) only places it: the import dialog, the heat overlay and its legend, the funnel
 * bars and the underperformers with their Retire action. Both document writes — a metrics import
 * and Retire — are this person's edits (their origin, one undo step each, synced like any edit).
 */
export function usePerformanceChrome(input: {
  session: BlueprintSession;
  origin: object;
  undo: Y.UndoManager;
  blueprint: Blueprint;
  editor: Editor | null;
  bridge: CanvasBridge | null;
  canEdit: boolean;
}): PerformanceChrome {
  const { session, origin, undo, blueprint, editor, bridge, canEdit } = input;
  const performance = usePerformance();
  const edit = useCallback(
    <T,>(fn: (doc: Y.Doc) => T): T => {
      let out!: T;
      undo.stopCapturing(); // its own undo step
      session.doc.transact(() => (out = fn(session.doc)), origin);
      return out;
    },
    [session, origin, undo],
  );
  const retire = useCallback((card: string) => void edit((doc) => updateCard(doc, card, { status: 'retired' }, origin)), [edit, origin]);
  const stages = performance.data?.analysis.journey.stages;
  const byStage = useMemo(() => new Map((stages ?? []).map((s) => [s.stage, s])), [stages]);
  const most = useMemo(() => Math.max(0, ...(stages ?? []).map((s) => s.entered)), [stages]);
  const funnel = useCallback(
    (stageId: string) => {
      const figures = byStage.get(stageId);
      return figures ? <FunnelBar figures={figures} most={most} /> : null;
    },
    [byStage, most],
  );
  return {
    performance,
    blueprint,
    editor,
    bridge,
    funnel,
    underperformers: (
      <UnderperformerFindings
        data={performance.data}
        blueprint={blueprint}
        editor={editor}
        bridge={bridge}
        canEdit={canEdit}
        retire={retire}
      />
    ),
    importDialog: (open, onClose) => (
      <ImportDialog
        open={open}
        onClose={onClose}
        blueprint={blueprint}
        canEdit={canEdit}
        writeMetrics={(rows: readonly MetricsRow[]) => edit((doc) => writeMetrics(doc, rows, origin))}
        onAnalysis={performance.setData}
      />
    ),
  };
}

/** The overlay and its legend, over the canvas. */
export function PerformanceLayer({ chrome }: { chrome: PerformanceChrome }) {
  const { performance, editor, bridge, blueprint } = chrome;
  if (!performance.data) return null;
  return (
    <>
      {editor && bridge && performance.heat ? (
        <HeatOverlay editor={editor} bridge={bridge} heat={performance.heat} blueprint={blueprint} />
      ) : null}
      <HeatLegend performance={performance} />
    </>
  );
}
