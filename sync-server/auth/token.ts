import { randomBytes } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { ROLES, ROOM_NAME_PATTERN, type Role } from '../../shared/sync/contract.ts';

/**
 * Access tokens (docs/security.md, "Sync server"): compact HS256 JWTs whose claims name the room
 * (or `*` for every room), the role, the expiry, an id (`jti`) that `journeyscroll token
 * --revoke ID` names, and for a person their team and name (docs/governance.md). Signed and verified by `jose`; only HS256 is accepted, whatever the header
 * says, so `alg: none` and algorithm-confusion tokens are plainly forged.
 */
export interface TokenClaims {
  readonly room: string;
  readonly role: Role;
  /** Expiry, seconds since the epoch (JWT `exp`). */
  readonly exp: number;
  /** Issued at, seconds since the epoch (JWT `iat`). */
  readonly iat?: number;
  /** The token's id (JWT `jti`), what a revocation names. Tokens minted before ids existed have none. */
  readonly jti?: string;
  /** An editor's team: it may change only that team's cards (shared/governance/write-policy.ts). */
  readonly team?: string;
  /** The person's display name, shown in history and comments. */
  readonly name?: string;
}

/** Shortest secret accepted: HS256 with a short secret can be brute-forced offline from one token. */
export const MIN_SECRET_LENGTH = 16;

/** What a token id looks like: the revocation file and `--revoke` accept nothing else. */
export const TOKEN_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

/** Longest token read at all: a bound on the work a stranger's `?token=` can cause. */
const MAX_TOKEN_LENGTH = 4096;

export function checkSecret(secret: string): void {
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new Error(`JOURNEYSCROLL_SECRET must be at least ${MIN_SECRET_LENGTH} characters (e.g. \`openssl rand -base64 32\`)`);
  }
}

const claimsSchema = z.object({
  room: z.union([z.literal('*'), z.string().regex(ROOM_NAME_PATTERN)]),
  role: z.enum(ROLES),
  exp: z.number().int().positive(),
  iat: z.number().int().nonnegative().optional(),
  nbf: z.number().int().nonnegative().optional(),
  jti: z.string().regex(TOKEN_ID_PATTERN).optional(),
  team: z.string().trim().min(1).max(100).optional(),
  name: z.string().trim().min(1).max(200).optional(),
});

const keyOf = (secret: string) => new TextEncoder().encode(secret);

/** A new token id: 16 random bytes, base64url (22 characters). */
export function newTokenId(): string {
  return randomBytes(16).toString('base64url');
}

/**
 * Mints a token. Bad arguments throw at once (synchronously); the signature itself is computed by
 * jose (WebCrypto), hence the promise.
 */
export function signToken(
  claims: { room: string; role: Role; ttlMs: number; id?: string; team?: string | undefined; name?: string | undefined },
  secret: string,
  now: number = Date.now(),
): Promise<string> {
  checkSecret(secret);
  if (claims.room !== '*' && !ROOM_NAME_PATTERN.test(claims.room)) throw new Error(`invalid room name "${claims.room}"`);
  if (!ROLES.includes(claims.role)) throw new Error(`role must be one of ${ROLES.join(', ')}`);
  if (!(claims.ttlMs > 0)) throw new Error('the time to live must be positive');
  const id = claims.id ?? newTokenId();
  if (!TOKEN_ID_PATTERN.test(id)) throw new Error('a token id is 8-64 of A-Z a-z 0-9 _ -');
  for (const [key, value, max] of [
    ['team', claims.team, 100],
    ['name', claims.name, 200],
  ] as const) {
    if (value !== undefined && (value.trim() === '' || value.length > max)) throw new Error(`--${key} must be 1-${max} characters`);
  }
  const person = {
    ...(claims.team !== undefined ? { team: claims.team.trim() } : {}),
    ...(claims.name !== undefined ? { name: claims.name.trim() } : {}),
  };
  return new SignJWT({ room: claims.room, role: claims.role, ...person })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt(Math.floor(now / 1000))
    .setExpirationTime(Math.ceil((now + claims.ttlMs) / 1000))
    .setJti(id)
    .sign(keyOf(secret));
}

export type VerifyProblem = 'malformed' | 'signature' | 'expired' | 'not-yet-valid';
export type VerifyResult =
  { readonly ok: true; readonly claims: TokenClaims } | { readonly ok: false; readonly problem: VerifyProblem; readonly message: string };

const refusal = (problem: VerifyProblem, message: string): VerifyResult => ({ ok: false, problem, message });

/** How a jose error reads to a client: the signature comes first, then the claims. */
function problemOf(error: unknown): VerifyResult {
  if (error instanceof errors.JWTExpired) return refusal('expired', 'token expired');
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'nbf' && error.reason === 'check_failed') return refusal('not-yet-valid', 'token not valid yet');
    return refusal('malformed', 'token claims are invalid (room, role, exp)');
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return refusal('signature', 'token is not signed with HS256');
  if (error instanceof errors.JWSSignatureVerificationFailed) return refusal('signature', 'token signature is invalid');
  return refusal('malformed', 'token is not a JWT');
}

/** Checks the signature first, then the claims; never rejects. */
export async function verifyToken(token: string, secret: string, now: number = Date.now()): Promise<VerifyResult> {
  if (token.length > MAX_TOKEN_LENGTH || token.split('.').length !== 3) return refusal('malformed', 'token is not a JWT');
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(token, keyOf(secret), {
      algorithms: ['HS256'],
      currentDate: new Date(now),
      requiredClaims: ['exp'],
    }));
  } catch (error) {
    return problemOf(error);
  }
  const parsed = claimsSchema.safeParse(payload);
  if (!parsed.success) return refusal('malformed', 'token claims are invalid (room, role, exp)');
  const { room, role, exp, iat, jti, team, name } = parsed.data;
  return {
    ok: true,
    claims: {
      room,
      role,
      exp,
      ...(iat === undefined ? {} : { iat }),
      ...(jti === undefined ? {} : { jti }),
      ...(team === undefined ? {} : { team }),
      ...(name === undefined ? {} : { name }),
    },
  };
}
