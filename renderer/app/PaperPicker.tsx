import { useMemo } from 'react';
import { buildScene, printPages, type PaperSize } from '../../shared/export/index.ts';
import type { Blueprint } from '../../shared/model/index.ts';

const PAPERS: ReadonlyArray<{ id: PaperSize; label: string }> = [
  { id: 'banner', label: 'One banner page (the whole scroll on one long page)' },
  { id: 'a4', label: 'A4 sheets, overlapping, to tape into one scroll' },
  { id: 'a3', label: 'A3 sheets, overlapping, to tape into one scroll' },
];

/** The paper choice of Print and of the PDF export, with what it will produce. */
export function PaperPicker({
  blueprint,
  paper,
  onChange,
}: {
  blueprint: Blueprint;
  paper: PaperSize;
  onChange: (paper: PaperSize) => void;
}) {
  const pages = useMemo(() => printPages(buildScene(blueprint), { paper }), [blueprint, paper]);
  const first = pages[0]!;
  const mm = (pt: number) => Math.round((pt / 72) * 25.4);
  return (
    <fieldset className="js-paper">
      <legend>Paper</legend>
      {PAPERS.map((p) => (
        <label key={p.id} className="js-radio">
          <input type="radio" name="paper" value={p.id} checked={paper === p.id} onChange={() => onChange(p.id)} />
          {p.label}
        </label>
      ))}
      <p className="js-hint" aria-live="polite">
        {paper === 'banner'
          ? `1 page, ${mm(first.width)} × ${mm(first.height)} mm${first.scale < 1 ? ` (scaled to ${Math.round(first.scale * 100)}%)` : ''}.`
          : `${pages.length} sheet${pages.length === 1 ? '' : 's'} (${first.columns} across${first.rows > 1 ? `, ${first.rows} rows` : ''}), ${first.width > first.height ? 'landscape' : 'portrait'}, at ${Math.round(first.scale * 100)}%.`}
      </p>
    </fieldset>
  );
}
