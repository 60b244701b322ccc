import { CloseCode, ROOM_NAME_PATTERN, type Role } from '../../shared/sync/contract.ts';
import { verifyToken } from './token.ts';

export type Decision =
  | {
      readonly ok: true;
      readonly role: Role;
      /** An editor's team (it may change only that team's cards) and the person's name, from the token. */
      readonly team?: string;
      readonly name?: string;
      /** The token it came with, if any: its id (for revocation) and when it expires (ms since the epoch). */
      readonly token?: { readonly id: string | undefined; readonly expiresAt: number };
    }
  | { readonly ok: false; readonly code: number; readonly reason: string };

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6 addresses. */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return v4 === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

export interface AuthSettings {
  /** JOURNEYSCROLL_SECRET: when set, every connection needs a token. */
  readonly secret?: string | undefined;
  /** Without a secret, accept non-loopback clients too (a LAN workshop). */
  readonly open?: boolean | undefined;
  /** Token ids revoked (`journeyscroll token --revoke`): refused even if signed and unexpired. */
  readonly isRevoked?: ((id: string) => boolean) | undefined;
}

/**
 * Who may connect to a room, and as what (docs/security.md, "Sync server"). The remote address
 * is the socket's own: no X-Forwarded-For is trusted.
 */
export async function authorize(
  request: { readonly room: string; readonly token: string | null; readonly remoteAddress: string | undefined },
  settings: AuthSettings,
  now: number = Date.now(),
): Promise<Decision> {
  if (!ROOM_NAME_PATTERN.test(request.room)) {
    return { ok: false, code: CloseCode.invalidRoom, reason: 'invalid room name: use 1-128 of A-Z a-z 0-9 _ -' };
  }
  if (!settings.secret) {
    // Nobody is identified without a secret: whoever may connect has every role (a person's own
    // server on their machine, or a LAN workshop that chose not to use tokens).
    if (settings.open || isLoopback(request.remoteAddress)) return { ok: true, role: 'approver' };
    return { ok: false, code: CloseCode.forbidden, reason: 'this server accepts local connections only' };
  }
  if (!request.token) return { ok: false, code: CloseCode.unauthorized, reason: 'token required' };
  const verified = await verifyToken(request.token, settings.secret, now);
  if (!verified.ok) return { ok: false, code: CloseCode.unauthorized, reason: verified.message };
  const { claims } = verified;
  if (claims.jti !== undefined && settings.isRevoked?.(claims.jti)) {
    return { ok: false, code: CloseCode.unauthorized, reason: 'token revoked' };
  }
  if (claims.room !== '*' && claims.room !== request.room) {
    return { ok: false, code: CloseCode.forbidden, reason: 'token is for another room' };
  }
  return {
    ok: true,
    role: claims.role,
    ...(claims.team !== undefined ? { team: claims.team } : {}),
    ...(claims.name !== undefined ? { name: claims.name } : {}),
    token: { id: claims.jti, expiresAt: claims.exp * 1000 },
  };
}
