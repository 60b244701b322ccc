import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { ROLES, ROOM_NAME_PATTERN, type Role } from '../../shared/sync/contract.ts';

/**
 * Access tokens (DESIGN.md §4): compact HS256 JWTs whose claims name the room (or `*` for every
 * room), the role and the expiry. Signed and verified with node:crypto; only HS256 is accepted,
 * whatever the header says, so `alg: none` and algorithm-confusion tokens are plainly forged.
 */
export interface TokenClaims {
  readonly room: string;
  readonly role: Role;
  /** Expiry, seconds since the epoch (JWT `exp`). */
  readonly exp: number;
  /** Issued at, seconds since the epoch (JWT `iat`). */
  readonly iat?: number;
  /** An editor's team: it may change only that team's cards (shared/governance/write-policy.ts). */
  readonly team?: string;
  /** The person's display name, shown in history and comments. */
  readonly name?: string;
}

/** Shortest secret accepted: HS256 with a short secret can be brute-forced offline from one token. */
export const MIN_SECRET_LENGTH = 16;

export function checkSecret(secret: string): void {
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new Error(`JOURNEYSCROLL_SECRET must be at least ${MIN_SECRET_LENGTH} characters (e.g. \`openssl rand -base64 32\`)`);
  }
}

const headerSchema = z.object({ alg: z.literal('HS256'), typ: z.literal('JWT').optional() });
const claimsSchema = z.object({
  room: z.union([z.literal('*'), z.string().regex(ROOM_NAME_PATTERN)]),
  role: z.enum(ROLES),
  exp: z.number().int().positive(),
  iat: z.number().int().nonnegative().optional(),
  nbf: z.number().int().nonnegative().optional(),
  team: z.string().trim().min(1).max(100).optional(),
  name: z.string().trim().min(1).max(200).optional(),
});

const encodeJson = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const hmac = (secret: string, data: string) => createHmac('sha256', secret).update(data).digest();

export function signToken(
  claims: { room: string; role: Role; ttlMs: number; team?: string | undefined; name?: string | undefined },
  secret: string,
  now: number = Date.now(),
): string {
  checkSecret(secret);
  if (claims.room !== '*' && !ROOM_NAME_PATTERN.test(claims.room)) throw new Error(`invalid room name "${claims.room}"`);
  if (!ROLES.includes(claims.role)) throw new Error(`role must be one of ${ROLES.join(', ')}`);
  if (!(claims.ttlMs > 0)) throw new Error('the time to live must be positive');
  const iat = Math.floor(now / 1000);
  for (const [key, value, max] of [
    ['team', claims.team, 100],
    ['name', claims.name, 200],
  ] as const) {
    if (value !== undefined && (value.trim() === '' || value.length > max)) throw new Error(`--${key} must be 1-${max} characters`);
  }
  const body: TokenClaims = {
    room: claims.room,
    role: claims.role,
    iat,
    exp: Math.ceil((now + claims.ttlMs) / 1000),
    ...(claims.team !== undefined ? { team: claims.team.trim() } : {}),
    ...(claims.name !== undefined ? { name: claims.name.trim() } : {}),
  };
  const signingInput = `${encodeJson({ alg: 'HS256', typ: 'JWT' })}.${encodeJson(body)}`;
  return `${signingInput}.${hmac(secret, signingInput).toString('base64url')}`;
}

export type VerifyResult =
  | { readonly ok: true; readonly claims: TokenClaims }
  | { readonly ok: false; readonly problem: 'malformed' | 'signature' | 'expired' | 'not-yet-valid'; readonly message: string };

const BASE64URL = /^[A-Za-z0-9_-]*$/;

function decodeJson(part: string): unknown {
  if (!BASE64URL.test(part)) throw new Error('not base64url');
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
}

/** Checks signature first, then the claims; never throws. */
export function verifyToken(token: string, secret: string, now: number = Date.now()): VerifyResult {
  const parts = token.split('.');
  if (parts.length !== 3 || token.length > 4096) return { ok: false, problem: 'malformed', message: 'token is not a JWT' };
  const [header, payload, signature] = parts as [string, string, string];
  if (!BASE64URL.test(signature)) return { ok: false, problem: 'malformed', message: 'token is not a JWT' };
  try {
    if (!headerSchema.safeParse(decodeJson(header)).success)
      return { ok: false, problem: 'signature', message: 'token is not signed with HS256' };
  } catch {
    return { ok: false, problem: 'malformed', message: 'token header does not decode' };
  }
  const expected = hmac(secret, `${header}.${payload}`);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, problem: 'signature', message: 'token signature is invalid' };
  }
  let parsed;
  try {
    parsed = claimsSchema.safeParse(decodeJson(payload));
  } catch {
    return { ok: false, problem: 'malformed', message: 'token claims do not decode' };
  }
  if (!parsed.success) return { ok: false, problem: 'malformed', message: 'token claims are invalid (room, role, exp)' };
  const seconds = now / 1000;
  if (parsed.data.exp <= seconds) return { ok: false, problem: 'expired', message: 'token expired' };
  if (parsed.data.nbf !== undefined && parsed.data.nbf > seconds)
    return { ok: false, problem: 'not-yet-valid', message: 'token not valid yet' };
  const { room, role, exp, iat, team, name } = parsed.data;
  return {
    ok: true,
    claims: {
      room,
      role,
      exp,
      ...(iat !== undefined ? { iat } : {}),
      ...(team !== undefined ? { team } : {}),
      ...(name !== undefined ? { name } : {}),
    },
  };
}
