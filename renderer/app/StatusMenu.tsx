import { setStatus } from '../../shared/doc/index.ts';
import { cleanReviewers } from '../../shared/doc/edits/meta.ts';
import { approveBlueprint } from '../../shared/governance/versions.ts';
import { mayWrite, type Ownership, type Principal } from '../../shared/governance/write-policy.ts';
import type { BlueprintStatus } from '../../shared/model/index.ts';
import type { CanvasBridge } from '../canvas/bridge.ts';

const STATUSES: ReadonlyArray<readonly [BlueprintStatus, string]> = [
  ['draft', 'Draft'],
  ['in-review', 'In review'],
  ['approved', 'Approved'],
  ['retired', 'Retired'],
];

/** Who may set each status, in words (docs/governance.md "Roles"). */
export const STATUS_WHO: Record<BlueprintStatus, string> = {
  draft: 'journey operations and approvers',
  'in-review': 'journey operations and approvers',
  approved: 'approvers only',
  retired: 'approvers only',
};

/** Nothing in the policy's status rule looks at ownership. */
const NO_OWNERS: Ownership = { lane: () => undefined, card: () => undefined, comment: () => undefined, version: () => undefined };

/**
 * The blueprint's status (draft → in review → approved → retired), with who may set each one. The
 * options this person may not choose are offered disabled, by the same write policy the server
 * enforces: only an approver approves or retires (the server drops that write from anyone else).
 */
export function StatusMenu({
  status,
  principal,
  canEdit,
  bridge,
  by,
  reviewers,
}: {
  status: BlueprintStatus;
  /** Who was asked to review (shown while the blueprint is in review). */
  reviewers?: readonly string[] | undefined;
  principal: Principal;
  canEdit: boolean;
  bridge: CanvasBridge | null;
  /** Who the history records as having made the change. */
  by: string;
}) {
  const allowed = (s: BlueprintStatus) => canEdit && mayWrite(principal, { kind: 'status', status: s }, NO_OWNERS).ok;
  const any = STATUSES.some(([s]) => s !== status && allowed(s));
  return (
    <label className="js-status-menu" title={STATUSES.map(([s, label]) => `${label}: ${STATUS_WHO[s]}`).join('\n')}>
      <select
        aria-label="Blueprint status"
        value={status}
        disabled={!bridge || !any}
        onChange={(e) => {
          const next = e.target.value as BlueprintStatus;
          if (!allowed(next)) return;
          // Approving makes the next approved version (v1, v2…) with the status, as the Versions panel does.
          if (next === 'approved') bridge?.edit((doc, o) => void approveBlueprint(doc, { by }, o));
          else if (next === 'in-review') {
            // In review names its reviewers: kept with the status and in the history entry.
            const answer = window.prompt('Who reviews this blueprint? Names, separated by commas.', (reviewers ?? []).join(', '));
            if (answer === null) return;
            const names = cleanReviewers(answer.split(','));
            bridge?.edit((doc, o) => setStatus(doc, next, { by, reviewers: names }, o));
          } else bridge?.edit((doc, o) => setStatus(doc, next, { by }, o));
        }}
      >
        {STATUSES.map(([s, label]) => (
          <option key={s} value={s} disabled={s !== status && !allowed(s)}>
            {label} — {STATUS_WHO[s]}
          </option>
        ))}
      </select>
      {status === 'in-review' && reviewers?.length ? (
        <span className="js-reviewers" role="status" aria-label="Reviewers">
          Reviewers: {reviewers.join(', ')}
        </span>
      ) : null}
    </label>
  );
}
