import { useState } from 'react';
import type { WorkshopRoleInvite } from '../../shared/desktop/contract.ts';
import type { Role } from '../../shared/sync/contract.ts';
import type { DesktopHost } from '../host/desktop-host.ts';
import { CopyField } from './CopyField.tsx';

/** What each role may do, as the Host dialog offers it (docs/governance.md "Roles"). */
const ROLE_CHOICES: ReadonlyArray<readonly [Role, string]> = [
  ['viewer', 'Viewer — sees everything, changes nothing'],
  ['commenter', 'Commenter — comments only'],
  ['editor', 'Editor — changes the blueprint (or only a team’s lanes)'],
  ['approver', 'Approver — everything, and approves or retires'],
];

/** Who a link is for, in words: "editor of the Data team", "approver". */
export function inviteLabel(role: Role, team: string | null): string {
  if (role !== 'editor') return role;
  return team ? `editor of the ${team} team` : 'editor (journey operations)';
}

/**
 * Links for one role in the hosted workshop — an editor optionally scoped to a team — minted by
 * the app with the person's name, so the server knows who changed what and holds each team to its
 * lanes. The workshop's editor and viewer links above stay as they are.
 */
export function RoleInvite({ host, run }: { host: DesktopHost; run: (action: () => Promise<void>) => void }) {
  const [role, setRole] = useState<Role>('editor');
  const [team, setTeam] = useState('');
  const [name, setName] = useState('');
  const [made, setMade] = useState<WorkshopRoleInvite[]>([]);
  const make = () =>
    run(async () => {
      const invite = await host.call('workshop.invite', {
        role,
        ...(role === 'editor' && team.trim() ? { team: team.trim() } : {}),
        ...(name.trim() ? { name: name.trim() } : {}),
      });
      setMade((list) => [invite, ...list]);
    });
  return (
    <fieldset className="js-role-invite">
      <legend>Links per role and team</legend>
      <div className="js-row">
        <label>
          Role
          <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLE_CHOICES.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        {role === 'editor' ? (
          <label>
            Team (blank: journey operations, every lane)
            <input value={team} maxLength={100} onChange={(e) => setTeam(e.target.value)} placeholder="e.g. Data" />
          </label>
        ) : null}
        <label>
          Name (optional)
          <input value={name} maxLength={200} onChange={(e) => setName(e.target.value)} placeholder="e.g. Maria Ionescu" />
        </label>
        <button type="button" onClick={make}>
          Make link
        </button>
      </div>
      {made.map((invite) =>
        invite.links.map((link) => {
          const who = inviteLabel(invite.role, invite.team);
          return (
            <div key={`${invite.token}:${link.address}`}>
              {link.web ? <CopyField label={`Browser link for ${who} (${link.address})`} value={link.web} /> : null}
              <CopyField label={`App link for ${who} (${link.address})`} value={link.app} />
            </div>
          );
        }),
      )}
    </fieldset>
  );
}
