import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Editor } from 'tldraw';
import * as Y from 'yjs';
import { readBlueprint } from '../../shared/doc/index.ts';
import {
  filterHistory,
  groupHistory,
  personLabel,
  type ChangeRow,
  type HistoryFilter,
  type HistoryGroup,
} from '../../shared/governance/history.ts';
import type { Blueprint } from '../../shared/model/index.ts';
import type { CanvasBridge } from '../canvas/bridge.ts';
import { reveal } from './LintPanel.tsx';

/**
 * Who changed what, when: the server's change log for this room, grouped into each person's runs
 * of work ("Maria Ionescu (Data), 10:42–10:48: 6 cards in Data captured"), newest first, filtered
 * by person, team, stage and lane. Choosing an entry selects the cards (or stage) it changed.
 */
export function HistoryPanel({
  url,
  blueprint,
  editor,
  bridge,
  onMoment,
  onClose,
}: {
  /** The room's `/history/<room>` address; absent where no server keeps a history. */
  url: string | undefined;
  blueprint: Blueprint;
  editor: Editor | null;
  bridge: CanvasBridge | null;
  /** Show the blueprint as it was at a moment (read-only). */
  onMoment: (at: number, blueprint: Blueprint) => void;
  onClose: () => void;
}) {
  const [rows, setRows] = useState<ChangeRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState<HistoryFilter>({});
  const [moment, setMoment] = useState<number | null>(null);
  const [travelling, setTravelling] = useState(false);
  const range = useMemo(() => (rows && rows.length ? { from: rows[0]!.at, to: Math.max(rows.at(-1)!.at, Date.now()) } : null), [rows]);
  const travel = async (at: number) => {
    if (!url) return;
    setTravelling(true);
    setError(null);
    try {
      const address = new URL(url, location.href);
      address.pathname = `${address.pathname}/at`;
      address.searchParams.set('t', String(Math.round(at)));
      const res = await fetch(address, { cache: 'no-store' });
      if (!res.ok)
        throw new Error(((await res.json().catch(() => ({}))) as { error?: string }).error ?? `the server answered ${res.status}`);
      const doc = new Y.Doc();
      Y.applyUpdate(doc, new Uint8Array(await res.arrayBuffer()));
      onMoment(at, readBlueprint(doc));
      doc.destroy();
    } catch (e) {
      setError(`That moment could not be shown: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setTravelling(false);
    }
  };
  const load = useCallback(async () => {
    if (!url) return;
    setError(null);
    try {
      const res = await fetch(url, { cache: 'no-store' });
      const body = (await res.json()) as { changes?: ChangeRow[]; error?: string; truncated?: boolean };
      if (!res.ok || !Array.isArray(body.changes)) throw new Error(body.error ?? `the server answered ${res.status}`);
      setRows(body.changes);
    } catch (e) {
      setError(`The history could not be loaded: ${e instanceof Error ? e.message : String(e)}`);
    }
  }, [url]);
  useEffect(() => void load(), [load]);
  const groups = useMemo(
    () => (rows ? groupHistory(filterHistory(rows, blueprint, filter), blueprint).reverse() : []),
    [rows, blueprint, filter],
  );
  const people = useMemo(() => [...new Set((rows ?? []).map((r) => r.author ?? 'Someone'))].sort(), [rows]);
  const teams = useMemo(() => [...new Set((rows ?? []).flatMap((r) => (r.team ? [r.team] : [])))].sort(), [rows]);
  const choose = (group: HistoryGroup) => {
    if (!editor || !bridge) return;
    const live = new Set(blueprint.cards.map((c) => c.id));
    const stages = new Set(blueprint.stages.map((s) => s.id));
    reveal(editor, bridge, {
      cardIds: group.entities.filter((e) => e.root === 'cards' && live.has(e.key)).map((e) => e.key),
      stageIds: group.entities.filter((e) => e.root === 'stages' && stages.has(e.key)).map((e) => e.key),
      flowIds: [],
    });
  };
  const select = (
    label: string,
    value: string | undefined,
    options: readonly { id: string; name: string }[],
    set: (v: string | undefined) => void,
  ) => (
    <label className="js-history-filter">
      {label}
      <select aria-label={`Filter by ${label.toLowerCase()}`} value={value ?? ''} onChange={(e) => set(e.target.value || undefined)}>
        <option value="">All</option>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
    </label>
  );
  const time = (ms: number) => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return (
    <aside className="js-lint js-history" aria-label="History">
      <div className="js-lint-head">
        <h2>History</h2>
        <button type="button" onClick={() => void load()} aria-label="Refresh the history" disabled={!url}>
          ↻
        </button>
        <button type="button" onClick={onClose} aria-label="Close the history panel">
          ×
        </button>
      </div>
      {!url ? <p className="js-hint">This blueprint is not shared through a server, so no history of who changed what is kept.</p> : null}
      {error ? <p role="alert">{error}</p> : null}
      {range ? (
        <div className="js-history-travel" role="group" aria-label="Time travel">
          <input
            type="range"
            aria-label="Moment"
            min={range.from}
            max={range.to}
            step={1000}
            value={moment ?? range.to}
            onChange={(e) => setMoment(Number(e.target.value))}
          />
          <span className="js-hint" aria-label="Chosen moment">
            {new Date(moment ?? range.to).toLocaleString()}
          </span>
          <button type="button" disabled={travelling} onClick={() => void travel(moment ?? range.to)}>
            {travelling ? 'Loading…' : 'Show the blueprint at this moment'}
          </button>
        </div>
      ) : null}
      <div className="js-history-filters">
        {select(
          'Person',
          filter.author,
          people.map((p) => ({ id: p, name: p })),
          (author) => setFilter({ ...filter, author }),
        )}
        {select(
          'Team',
          filter.team,
          teams.map((t) => ({ id: t, name: t })),
          (team) => setFilter({ ...filter, team }),
        )}
        {select('Stage', filter.stageId, blueprint.stages, (stageId) => setFilter({ ...filter, stageId }))}
        {select('Lane', filter.laneId, blueprint.lanes, (laneId) => setFilter({ ...filter, laneId }))}
      </div>
      {rows && groups.length === 0 ? <p className="js-hint">No changes match.</p> : null}
      <ol className="js-lint-list" aria-label="Changes">
        {groups.slice(0, 300).map((g) => {
          const when = g.from === g.to ? time(g.from) : `${time(g.from)}–${time(g.to)}`;
          const text = `${personLabel(g)}, ${when}: ${g.summary}`;
          return (
            <li key={`${g.from}:${g.author}`}>
              <button type="button" onClick={() => choose(g)} aria-label={text} title={new Date(g.from).toLocaleString()}>
                <strong>{personLabel(g)}</strong> <span className="js-hint">{when}</span>
                <br />
                {g.summary}
              </button>
            </li>
          );
        })}
      </ol>
    </aside>
  );
}
