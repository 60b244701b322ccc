/**
 * Who this person is for comments: the name comments are written under and whether they may write
 * any. With a link, both come from its access token (read without verifying it — the server
 * verifies it and checks every comment's author against the token's name; shared/governance/
 * comment-policy.ts). Without a link (a desktop blueprint of one's own, or a server without a
 * secret, where nobody is identified) the person is the owner, under the name in Settings.
 */
export interface CommentIdentity {
  /** The author name of this person's comments; absent for a link that carries no name (anonymous). */
  readonly name: string | undefined;
  /** Whether they may comment at all (viewers may not). */
  readonly mayComment: boolean;
}

export const LOCAL_NAME = 'Me';

function claimsOf(token: string): Record<string, unknown> | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const base64 = payload
      .replace(/-/g, '+')
      .replace(/_/g, '/')
      .padEnd(Math.ceil(payload.length / 4) * 4, '=');
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const claims: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return claims && typeof claims === 'object' ? (claims as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function commentIdentity(token: string | undefined, settingsName: string | undefined): CommentIdentity {
  if (!token) return { name: settingsName?.trim() || LOCAL_NAME, mayComment: true };
  const claims = claimsOf(token);
  const name = typeof claims?.name === 'string' && claims.name.trim() ? claims.name.trim() : undefined;
  const role = claims?.role;
  return { name, mayComment: role === 'commenter' || role === 'editor' || role === 'approver' };
}
