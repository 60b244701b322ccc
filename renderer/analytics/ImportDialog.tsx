import { useEffect, useRef, useState } from 'react';
import type { MetricsRow } from '../../shared/analytics/index.ts';
import type { Blueprint } from '../../shared/model/index.ts';
import { ImportCancelled, ImportRefused, startImport, type RunningImport } from './import-client.ts';
import type { ImportFailure, ImportKind, ImportProgressReport } from './import-job.ts';
import type { PerformanceData } from './use-performance.ts';
import './analytics.css';

export interface ImportDialogProps {
  readonly open: boolean;
  readonly onClose: () => void;
  readonly blueprint: Blueprint;
  readonly canEdit: boolean;
  /** Merges the rows into the cards' metrics in one transaction (one undo step); returns how many cards changed. */
  readonly writeMetrics: (rows: readonly MetricsRow[]) => number;
  readonly onAnalysis: (data: PerformanceData) => void;
}

type State =
  | { readonly step: 'choose' }
  | { readonly step: 'running'; readonly progress: ImportProgressReport | null }
  | { readonly step: 'refused'; readonly failure: ImportFailure }
  | { readonly step: 'cancelled' }
  | { readonly step: 'done'; readonly summary: string; readonly unmapped: readonly string[] };

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;

/**
 * File › Import performance data…: a per-card metrics CSV into the cards' `metrics`, or an event
 * log (CSV or NDJSON) analysed against the blueprint for the heat overlay, the funnel and the
 * underperformers. The work runs in a Web Worker; the panel is not modal, so the scroll stays in
 * use while it runs, with a progress bar and Cancel. A refused file lists its bad rows by line and
 * changes nothing.
 */
export function ImportDialog({ open, onClose, blueprint, canEdit, writeMetrics, onAnalysis }: ImportDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const [kind, setKind] = useState<ImportKind>('events');
  const [file, setFile] = useState<File | null>(null);
  const [state, setState] = useState<State>({ step: 'choose' });
  const running = useRef<RunningImport | null>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.show();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  // Closing the panel or leaving the blueprint ends a running import.
  useEffect(() => () => running.current?.cancel(), []);

  const start = () => {
    if (!file) return;
    setState({ step: 'running', progress: null });
    const job = startImport({ kind, file, name: file.name, blueprint }, (progress) => setState({ step: 'running', progress }));
    running.current = job;
    job.result.then(
      (outcome) => {
        running.current = null;
        if (outcome.kind === 'metrics') {
          const changed = writeMetrics(outcome.rows);
          setState({
            step: 'done',
            summary: `${outcome.rows.length} row${outcome.rows.length === 1 ? '' : 's'} of ${outcome.name}: the metrics of ${changed} card${changed === 1 ? '' : 's'} updated (Undo takes them back).`,
            unmapped: [],
          });
          return;
        }
        const a = outcome.analysis;
        onAnalysis({ name: outcome.name, analysis: a });
        setState({
          step: 'done',
          summary: `${a.events.toLocaleString('en')} events of ${a.customers.toLocaleString('en')} customers; ${a.mapping.mapped} of ${a.mapping.touchpoints} touchpoints mapped to the blueprint. The overlay, the funnel and the Check panel show them.`,
          unmapped: a.mapping.unmapped,
        });
      },
      (error: unknown) => {
        running.current = null;
        if (error instanceof ImportCancelled) setState({ step: 'cancelled' });
        else if (error instanceof ImportRefused) setState({ step: 'refused', failure: error.failure });
        else setState({ step: 'refused', failure: { message: String(error), problems: [] } });
      },
    );
  };
  const cancel = () => running.current?.cancel();
  const close = () => {
    cancel();
    setState({ step: 'choose' });
    onClose();
  };

  const progress = state.step === 'running' ? state.progress : null;
  return (
    <dialog ref={ref} className="js-dialog js-import" aria-labelledby="js-import-title" onClose={close}>
      <h2 id="js-import-title">Import performance data</h2>
      <fieldset disabled={state.step === 'running'}>
        <legend>The file holds</legend>
        <label className="js-radio">
          <input type="radio" name="import-kind" checked={kind === 'events'} onChange={() => setKind('events')} />
          <span>
            <strong>An event log</strong>{' '}
            <span className="js-hint">— CSV or NDJSON: customer, at, touchpoint, conversion (0 = a touch)</span>
          </span>
        </label>
        <label className="js-radio">
          <input type="radio" name="import-kind" checked={kind === 'metrics'} disabled={!canEdit} onChange={() => setKind('metrics')} />
          <span>
            <strong>Per-card metrics</strong>{' '}
            <span className="js-hint">— CSV: card (or stage, lane, title), period, volume, rates, revenue; written into the cards</span>
          </span>
        </label>
        <label>
          File
          <input
            type="file"
            aria-label="File to import"
            accept={kind === 'metrics' ? '.csv,text/csv' : '.csv,.ndjson,.jsonl,text/csv,application/x-ndjson'}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setState({ step: 'choose' });
            }}
          />
        </label>
      </fieldset>
      {state.step === 'running' ? (
        <div className="js-import-progress">
          <progress
            aria-label="Import progress"
            max={progress?.total || 1}
            value={progress ? (progress.phase === 'analysing' ? progress.total || 1 : progress.done) : 0}
          />
          <p role="status" aria-label="Import status">
            {!progress
              ? 'Starting…'
              : progress.phase === 'reading'
                ? `Reading ${mb(progress.done)} of ${mb(progress.total)}…`
                : 'Analysing: journey, conformance, six attribution models, CLV…'}
          </p>
        </div>
      ) : null}
      {state.step === 'cancelled' ? (
        <p role="status" aria-label="Import status">
          The import was cancelled: nothing was changed.
        </p>
      ) : null}
      {state.step === 'refused' ? (
        <div role="alert" className="js-refusal">
          <p>{state.failure.message.split('\n')[0]}</p>
          {state.failure.problems.length ? (
            <ul aria-label="Refused rows">
              {state.failure.problems.map((p) => (
                <li key={`${p.line}:${p.message}`}>
                  line {p.line}: {p.message}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {state.step === 'done' ? (
        <div>
          <p role="status" aria-label="Import status">
            {state.summary}
          </p>
          {state.unmapped.length ? (
            <>
              <p className="js-hint">
                Touchpoints that match no card id, trigger or flow event, title or channel (map them by renaming a card or giving it the
                event):
              </p>
              <ul aria-label="Unmapped touchpoints" className="js-import-unmapped">
                {state.unmapped.map((t) => (
                  <li key={t}>{t}</li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}
      <div className="js-dialog-buttons">
        {state.step === 'running' ? (
          <button type="button" onClick={cancel}>
            Cancel import
          </button>
        ) : (
          <button type="button" onClick={start} disabled={!file || (kind === 'metrics' && !canEdit)}>
            Import
          </button>
        )}
        <button type="button" onClick={close}>
          Close
        </button>
      </div>
    </dialog>
  );
}
