import { useMemo, useState } from 'react';
import type { Editor } from 'tldraw';
import { findUnderperformers } from '../../shared/analytics/index.ts';
import type { Blueprint } from '../../shared/model/index.ts';
import type { CanvasBridge } from '../canvas/bridge.ts';
import { reveal } from '../app/LintPanel.tsx';
import type { PerformanceData } from './use-performance.ts';

export interface UnderperformerFindingsProps {
  readonly data: PerformanceData | null;
  readonly blueprint: Blueprint;
  readonly editor: Editor | null;
  readonly bridge: CanvasBridge | null;
  readonly canEdit: boolean;
  /** Sets the card's status to retired: a normal, undoable document change. */
  readonly retire: (cardId: string) => void;
}

/**
 * The Check panel's underperformers: cards reached by at least the minimum number of customers
 * whose conversion rate is below the threshold, both set here, worst first. Choosing one brings it
 * into view; Retire sets its status to retired (one undo step, synced and in the server's change
 * log like any edit). Retired cards leave the list.
 */
export function UnderperformerFindings({ data, blueprint, editor, bridge, canEdit, retire }: UnderperformerFindingsProps) {
  const [percent, setPercent] = useState('5');
  const [minimum, setMinimum] = useState('30');
  const threshold = Number(percent) / 100;
  const min = Number(minimum);
  const valid = Number.isFinite(threshold) && threshold >= 0 && threshold <= 1 && Number.isInteger(min) && min >= 1;
  const cards = useMemo(() => new Map(blueprint.cards.map((c) => [c.id, c])), [blueprint.cards]);
  const found = useMemo(
    () =>
      data && valid
        ? findUnderperformers(data.analysis.journey.cards, threshold, min).filter((u) => {
            const card = cards.get(u.card);
            return card && card.status !== 'retired';
          })
        : [],
    [data, valid, threshold, min, cards],
  );
  return (
    <section className="js-under" aria-label="Underperformers">
      <h3>Underperformers</h3>
      {!data ? (
        <p className="js-hint">Import an event log (File › Import performance data…) to find cards that convert too few customers.</p>
      ) : (
        <>
          <div className="js-under-settings">
            <label>
              Conversion rate below (%)
              <input type="number" min={0} max={100} step="0.1" value={percent} onChange={(e) => setPercent(e.target.value)} />
            </label>
            <label>
              Minimum customers
              <input type="number" min={1} step={1} value={minimum} onChange={(e) => setMinimum(e.target.value)} />
            </label>
          </div>
          <p className="js-hint" role="status" aria-label="Underperformer summary">
            {!valid
              ? 'The threshold is a percentage from 0 to 100 and the minimum a whole number of customers from 1.'
              : found.length === 0
                ? `No card reached by ${min} or more customers converts below ${percent} %.`
                : `${found.length} card${found.length === 1 ? '' : 's'} below ${percent} % (of ${data.name}).`}
          </p>
          <ol className="js-under-list">
            {found.map((u) => {
              const card = cards.get(u.card)!;
              const title = card.title || '(untitled card)';
              const rate = `${(u.conversionRate * 100).toFixed(1)} %`;
              return (
                <li key={u.card}>
                  <button
                    type="button"
                    aria-label={`Underperformer: ${title}, ${rate} of ${u.customers} customers converted`}
                    onClick={() =>
                      editor && bridge ? reveal(editor, bridge, { stageIds: [], cardIds: [u.card], flowIds: [] }) : undefined
                    }
                  >
                    {title}
                    <span className="js-hint">
                      {' '}
                      {rate} of {u.customers.toLocaleString('en')} customers converted
                    </span>
                  </button>
                  <button type="button" disabled={!canEdit} onClick={() => retire(u.card)} aria-label={`Retire ${title}`}>
                    Retire
                  </button>
                </li>
              );
            })}
          </ol>
        </>
      )}
    </section>
  );
}
