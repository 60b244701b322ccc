import type { ConnectionState, SaveState } from '../host/host.ts';

const LABELS: Record<ConnectionState, string> = {
  offline: 'Offline — changes are kept on this device',
  connecting: 'Connecting…',
  synced: 'Synced',
  local: 'Saved on this device',
};

/**
 * What the badge says: the connection (offline / connecting / synced), or for a blueprint that
 * lives on this device only, whether it is saved. A failing local save outranks everything.
 */
export function statusLabel(state: ConnectionState, saving: SaveState | undefined): string {
  if (saving === 'retrying') return 'Not saved yet — retrying…';
  if (state === 'local' && saving === 'saving') return 'Saving…';
  return LABELS[state];
}

/** The connection state, always visible (offline / connecting / synced / on this device / read-only). */
export function StatusBadge({
  state,
  saving,
  readOnly,
  refusal,
}: {
  state: ConnectionState;
  saving?: SaveState | undefined;
  readOnly: string | null;
  refusal: string | null;
}) {
  return (
    <div className="js-status" role="status" aria-live="polite" aria-label="Connection">
      <span className={`js-dot js-dot-${saving === 'retrying' ? 'offline' : state}`} aria-hidden="true" />
      <span data-state={state} data-saving={saving ?? 'none'} className="js-status-text">
        {statusLabel(state, saving)}
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
