import type { Role } from './host.ts';

/**
 * The role an access token grants, read from its claims without verifying it: the UI only uses it
 * to show a read-only canvas to viewers; the server verifies the signature and enforces the role.
 */
export function roleFromToken(token: string | undefined | null): Role {
  if (!token) return 'editor';
  const payload = token.split('.')[1];
  if (!payload) return 'editor';
  try {
    const json = atob(
      payload
        .replace(/-/g, '+')
        .replace(/_/g, '/')
        .padEnd(Math.ceil(payload.length / 4) * 4, '='),
    );
    const claims = JSON.parse(json) as { role?: unknown };
    // A commenter cannot change the blueprint either; comments come with their own panel.
    return claims.role === 'viewer' || claims.role === 'commenter' ? 'viewer' : 'editor';
  } catch {
    return 'editor';
  }
}

/**
 * Whether this person may approve: an approver's token, or no token at all (a server without a
 * secret gives everyone every role; a blueprint on this device is its owner's). The server decides;
 * this only decides what the UI offers.
 */
export function mayApproveWith(token: string | undefined | null): boolean {
  if (!token) return true;
  const payload = token.split('.')[1];
  if (!payload) return false;
  try {
    const claims = JSON.parse(
      atob(
        payload
          .replace(/-/g, '+')
          .replace(/_/g, '/')
          .padEnd(Math.ceil(payload.length / 4) * 4, '='),
      ),
    ) as {
      role?: unknown;
    };
    return claims.role === 'approver';
  } catch {
    return false;
  }
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
