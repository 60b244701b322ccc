import type { Principal } from '../../shared/governance/write-policy.ts';
import { ROLES, type Role as TokenRole } from '../../shared/sync/contract.ts';
import type { Role } from './host.ts';

/** The claims of a token, read without verifying it; null when it is not a readable JWT. */
function claimsOf(token: string): Record<string, unknown> | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const json = atob(
      payload
        .replace(/-/g, '+')
        .replace(/_/g, '/')
        .padEnd(Math.ceil(payload.length / 4) * 4, '='),
    );
    const claims = JSON.parse(json) as unknown;
    return claims && typeof claims === 'object' ? (claims as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * Who an access token says this person is (role, team, name), read from its claims without
 * verifying it: the UI uses it only to show what this person may not change, with the same write
 * policy the server enforces (shared/governance/write-policy.ts); the server verifies the
 * signature. No token (a server without a secret, a local blueprint): every role.
 */
export function principalFromToken(token: string | undefined | null): Principal {
  if (!token) return { role: 'approver' };
  const claims = claimsOf(token);
  if (!claims) return { role: 'approver' };
  const role = ROLES.includes(claims.role as TokenRole) ? (claims.role as TokenRole) : 'viewer';
  const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);
  const team = text(claims.team);
  const name = text(claims.name);
  return { role, ...(team ? { team } : {}), ...(name ? { name } : {}) };
}

/**
 * The role an access token grants, read from its claims without verifying it: the UI only uses it
 * to show a read-only canvas to viewers; the server verifies the signature and enforces the role.
 */
export function roleFromToken(token: string | undefined | null): Role {
  if (!token) return 'editor';
  const claims = claimsOf(token);
  if (!claims) return 'editor';
  // A commenter cannot change the blueprint either; comments come with their own panel.
  return claims.role === 'viewer' || claims.role === 'commenter' ? 'viewer' : 'editor';
}

/** What a server close code means to a person (shared/sync/contract.ts CloseCode). */
export function refusalMessage(code: number, reason: string): string | null {
  switch (code) {
    case 4400:
      return 'This blueprint link is not valid (bad room name).';
    case 4401:
      return 'The server refused the link: its access token is missing, invalid or expired. Ask for a new link.';
    case 4403:
      return 'The server refused the link: it does not grant access to this blueprint from here.';
    case 4413:
      return 'The server refused a change: the blueprint has reached its maximum size.';
    // The 45xx refusals are temporary: the provider keeps retrying, and this says why meanwhile.
    case 4503:
      return 'The server is full (too many connections). Retrying…';
    case 4507:
      return "The server's storage is full, so changes from here are not saved there. They are kept on this device; retrying…";
    case 4529:
      return 'Too many connections from this network to the server. Retrying…';
    case 4530:
      return 'Too many new blueprints were opened from this network in the last minute. Retrying…';
    case 1009:
      // The provider reconnects and re-sends the same change, so this stays until the change goes.
      return 'The server refused a change larger than it accepts at once, so changes from here are not reaching it. They are kept on this device: remove the large paste or image, or ask whoever runs the server to raise its message limit.';
    default:
      return code >= 4400 && code < 4500 ? `The server refused the connection (${code}${reason ? `: ${reason}` : ''}).` : null;
  }
}
