import { useState } from 'react';
import type { PaperSize, SceneHeat } from '../../shared/export/index.ts';
import { HeatOption } from '../analytics/HeatOption.tsx';
import type { Blueprint } from '../../shared/model/index.ts';
import type { Host } from '../host/host.ts';
import { printScrollPdf } from '../print/print-pdf.ts';
import { exportFileName } from './export-formats.ts';
import { PaperPicker } from './PaperPicker.tsx';
import { useModal } from './use-modal.ts';

/**
 * Print the scroll: a print-ready PDF (the same renderer as `journeyscroll export --format pdf`),
 * saved through the host (a download on the web, a save dialog on the desktop).
 */
export function PrintDialog({
  open,
  onClose,
  blueprint,
  host,
  heat,
  personaCurves,
}: {
  open: boolean;
  onClose: () => void;
  blueprint: Blueprint;
  host: Host;
  /** The heat overlay on screen, offered for the print. */
  heat?: SceneHeat | null;
  /** The persona curves shown on the canvas, drawn in the print too. */
  personaCurves?: readonly string[];
}) {
  const ref = useModal(open);
  const [paper, setPaper] = useState<PaperSize>('banner');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [withHeat, setWithHeat] = useState(true);
  const print = async () => {
    setBusy(true);
    setError(null);
    try {
      const bytes = await printScrollPdf(blueprint, { paper }, new Date(), heat && withHeat ? heat : undefined, personaCurves);
      await host.saveFile(exportFileName(blueprint.meta.title, paper === 'banner' ? 'pdf' : `${paper}.pdf`), bytes);
      onClose();
    } catch (e) {
      setError(`The PDF could not be made: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <dialog ref={ref} className="js-dialog" aria-labelledby="js-print-title" onClose={onClose}>
      <h2 id="js-print-title">Print the scroll</h2>
      {open ? <PaperPicker blueprint={blueprint} paper={paper} onChange={setPaper} /> : null}
      {heat ? <HeatOption heat={heat} checked={withHeat} onChange={setWithHeat} /> : null}
      {error ? (
        <p role="alert" className="js-refusal">
          {error}
        </p>
      ) : null}
      <div className="js-dialog-buttons">
        <button type="button" onClick={() => void print()} disabled={busy}>
          {busy ? 'Making the PDF…' : 'Save PDF'}
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}
