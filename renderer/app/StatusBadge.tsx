import type { ConnectionState } from '../host/host.ts';

const LABELS: Record<ConnectionState, string> = {
  offline: 'Offline — changes are kept on this device',
  connecting: 'Connecting…',
  synced: 'Synced',
};

/** The connection state, always visible (offline / connecting / synced / read-only). */
export function StatusBadge({ state, readOnly, refusal }: { state: ConnectionState; readOnly: string | null; refusal: string | null }) {
  return (
    <div className="js-status" role="status" aria-live="polite" aria-label="Connection">
      <span className={`js-dot js-dot-${state}`} aria-hidden="true" />
      <span data-state={state} className="js-status-text">
        {LABELS[state]}
      </span>
      {readOnly ? (
        <span className="js-readonly" title={readOnly} data-readonly="true">
          Read-only
        </span>
      ) : null}
      {refusal ? <span className="js-refusal">{refusal}</span> : null}
    </div>
  );
}
