import { useMemo, useState } from 'react';
import type * as Y from 'yjs';
import { blueprintToDoc, encodeJourneyFile } from '../../shared/doc/index.ts';
import { provenanceOf, readVersion } from '../../shared/governance/versions.ts';
import type { PaperSize, SceneHeat } from '../../shared/export/index.ts';
import { HeatOption } from '../analytics/HeatOption.tsx';
import { lintBlueprint } from '../../shared/journey/index.ts';
import type { Blueprint } from '../../shared/model/index.ts';
import type { Host } from '../host/host.ts';
import { printScrollPdf } from '../print/print-pdf.ts';
import { EXPORT_FORMATS, exportAsText, exportFileName, type ExportFormat } from './export-formats.ts';
import { PaperPicker } from './PaperPicker.tsx';
import { useModal } from './use-modal.ts';
import { useApproval, useVersions } from './use-versions.ts';

export interface ExportDialogProps {
  readonly open: boolean;
  readonly onClose: () => void;
  readonly blueprint: Blueprint;
  readonly doc: Y.Doc;
  readonly host: Host;
  /** Opens the lint panel (from the warning about lint errors). */
  readonly onShowFindings: () => void;
  /** The heat overlay on screen, offered for the SVG and PDF pictures. */
  readonly heat?: SceneHeat | null;
}

/**
 * Export: the executable journey (definition, XState, BPMN), the blueprint (.journey, JSON, CSV)
 * and pictures of the scroll (SVG, PDF). Lint errors do not block an export — the workshop may
 * want the picture of an unfinished journey — but the executable formats say what is wrong first.
 */
export function ExportDialog({ open, onClose, blueprint, doc, host, onShowFindings, heat }: ExportDialogProps) {
  const ref = useModal(open);
  const [format, setFormat] = useState<ExportFormat>('definition');
  const [paper, setPaper] = useState<PaperSize>('banner');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [withHeat, setWithHeat] = useState(true);
  // What to export: the working copy (`working`) or a saved version, by id.
  const [source, setSource] = useState('working');
  const versions = useVersions(doc);
  const approval = useApproval(doc);
  const working = source === 'working' || !versions.some((v) => v.id === source);
  const overlay = working && heat && withHeat && (format === 'svg' || format === 'pdf') ? heat : undefined;
  const errors = useMemo(() => (open ? lintBlueprint(blueprint).filter((f) => f.severity === 'error').length : 0), [open, blueprint]);
  const chosen = EXPORT_FORMATS.find((f) => f.id === format)!;

  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      // A version is compiled from its own content, and says so in its provenance (as the CLI's --version).
      const version = working ? null : await readVersion(doc, source);
      const content = version?.blueprint ?? blueprint;
      const provenance = provenanceOf(content, version?.info);
      let bytes: Uint8Array;
      if (format === 'pdf') bytes = await printScrollPdf(content, { paper }, new Date(), overlay);
      else if (format === 'journey') bytes = encodeJourneyFile(version ? blueprintToDoc(version.blueprint) : doc);
      else bytes = new TextEncoder().encode(exportAsText(format, content, overlay, provenance));
      await host.saveFile(exportFileName(blueprint.meta.title, chosen.extension), bytes);
      onClose();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog ref={ref} className="js-dialog js-export" aria-labelledby="js-export-title" onClose={onClose}>
      <h2 id="js-export-title">Export</h2>
      <fieldset>
        <legend>Format</legend>
        {EXPORT_FORMATS.map((f) => (
          <label key={f.id} className="js-radio">
            <input type="radio" name="format" value={f.id} checked={format === f.id} onChange={() => setFormat(f.id)} />
            <span>
              <strong>{f.label}</strong> <span className="js-hint">— {f.detail}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <label className="js-field">
        <span>What to export</span>{' '}
        <select aria-label="What to export" value={working ? 'working' : source} onChange={(e) => setSource(e.target.value)}>
          <option value="working">Working copy</option>
          {[...versions].reverse().map((v) => (
            <option key={v.id} value={v.id}>
              {v.kind === 'approved' ? `Approved ${v.name}` : v.kind === 'safety' ? `${v.name} (safety copy)` : v.name}
            </option>
          ))}
        </select>
      </label>
      {working && approval && approval.changesSince > 0 ? (
        <p className="js-warning" role="note" aria-label="Not the approved version">
          This is the working copy: {approval.changesSince} change{approval.changesSince === 1 ? '' : 's'} since approved{' '}
          {approval.approved.name}. Choose &lsquo;Approved {approval.approved.name}&rsquo; above to export what was approved.
        </p>
      ) : null}
      {format === 'pdf' && open ? <PaperPicker blueprint={blueprint} paper={paper} onChange={setPaper} /> : null}
      {heat && (format === 'svg' || format === 'pdf') ? <HeatOption heat={heat} checked={withHeat} onChange={setWithHeat} /> : null}
      {chosen.executable && errors > 0 ? (
        <p className="js-warning" role="note">
          The journey has {errors} lint error{errors === 1 ? '' : 's'}: an engine may not run it as intended.{' '}
          <button
            type="button"
            className="js-link"
            onClick={() => {
              onClose();
              onShowFindings();
            }}
          >
            Show findings
          </button>
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="js-refusal">
          {error}
        </p>
      ) : null}
      <div className="js-dialog-buttons">
        <button type="button" onClick={() => void run()} disabled={busy}>
          {busy ? 'Exporting…' : `Export ${chosen.label}`}
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}
