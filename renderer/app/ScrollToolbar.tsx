import type { AppCommandId } from '../../shared/commands.ts';

export interface ScrollToolbarProps {
  readonly run: (command: AppCommandId) => void;
  readonly canEdit: boolean;
  /** Whether the canvas is up (presenting needs it). */
  readonly canvasReady: boolean;
  readonly lintOpen: boolean;
  readonly versionsOpen: boolean;
  /** The changes since approved are marked on the canvas. */
  readonly changesOpen?: boolean;
  readonly historyOpen: boolean;
  readonly onUndo: () => void;
  readonly onRedo: () => void;
  readonly onAddStage: () => void;
  /** Offered on the web edition, where there is no File menu. */
  readonly onDownloadJourney?: () => void;
  readonly onSettings: () => void;
  readonly onHelp: () => void;
}

/** The blueprint's toolbar: view, undo, add, present, check, export, print, settings, help. */
export function ScrollToolbar(p: ScrollToolbarProps) {
  return (
    <div className="js-actions" role="toolbar" aria-label="Scroll">
      <button type="button" onClick={() => p.run('view.zoomToFit')} aria-label="Zoom to fit the scroll">
        Fit
      </button>
      <button type="button" onClick={() => p.run('view.zoomReset')} aria-label="Zoom to 100%">
        100%
      </button>
      <button type="button" onClick={p.onUndo} disabled={!p.canEdit} aria-label="Undo">
        Undo
      </button>
      <button type="button" onClick={p.onRedo} disabled={!p.canEdit} aria-label="Redo">
        Redo
      </button>
      <button type="button" disabled={!p.canEdit} onClick={p.onAddStage}>
        Add stage
      </button>
      <button
        type="button"
        onClick={() => p.run('present.start')}
        disabled={!p.canvasReady}
        aria-label="Unroll: present the scroll stage by stage"
      >
        Present
      </button>
      <button type="button" onClick={() => p.run('edit.lint')} aria-pressed={p.lintOpen} aria-label="Check journey">
        Check
      </button>
      <button type="button" onClick={() => p.run('edit.versions')} aria-pressed={p.versionsOpen} aria-label="Versions and approval">
        Versions
      </button>
      <button type="button" onClick={() => p.run('view.changes')} aria-pressed={!!p.changesOpen} aria-label="Changes since approved">
        Changes
      </button>
      <button type="button" onClick={() => p.run('edit.history')} aria-pressed={p.historyOpen} aria-label="History of changes">
        History
      </button>
      <button type="button" onClick={() => p.run('file.export')}>
        Export…
      </button>
      <button type="button" onClick={() => p.run('file.print')} aria-label="Print the scroll">
        Print…
      </button>
      <button type="button" onClick={() => p.run('file.importPerformance')} aria-label="Import performance data">
        Data…
      </button>
      {p.onDownloadJourney ? (
        <button type="button" onClick={p.onDownloadJourney}>
          Download .journey
        </button>
      ) : null}
      <button type="button" onClick={p.onSettings}>
        Settings
      </button>
      <button type="button" onClick={p.onHelp} aria-label="Help and keyboard shortcuts">
        ?
      </button>
    </div>
  );
}
