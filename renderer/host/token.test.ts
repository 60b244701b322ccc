import { describe, expect, it } from 'vitest';
import { mayApproveWith, refusalMessage, roleFromToken } from './token.ts';

describe('roleFromToken', () => {
  // The shape of the server's tokens (sync-server/auth/token.ts): header.claims.signature, base64url.
  const b64url = (value: unknown) => btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  const token = (claims: object) => `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url(claims)}.c2lnbmF0dXJl`;
  it('reads the role from the claims', () => {
    expect(roleFromToken(token({ room: 'r1', role: 'viewer', exp: 2e9 }))).toBe('viewer');
    expect(roleFromToken(token({ room: '*', role: 'editor', exp: 2e9 }))).toBe('editor');
    // A commenter cannot change the blueprint: the canvas is read-only for it, as for a viewer.
    expect(roleFromToken(token({ room: 'r1', role: 'commenter', exp: 2e9 }))).toBe('viewer');
    expect(roleFromToken(token({ room: 'r1', role: 'approver', team: 'x', exp: 2e9 }))).toBe('editor');
  });
  it('treats no token or garbage as an editor (the server decides)', () => {
    expect(roleFromToken(undefined)).toBe('editor');
    expect(roleFromToken('not.a-jwt')).toBe('editor');
  });
  it('explains refusals and ignores ordinary closes', () => {
    expect(refusalMessage(4401, '')).toMatch(/token/);
    expect(refusalMessage(1009, 'message too big')).toMatch(/larger than it accepts/);
    expect(refusalMessage(1006, '')).toBeNull();
    expect(refusalMessage(4503, 'server full')).toMatch(/server is full/);
    expect(refusalMessage(4507, '')).toMatch(/kept on this device/);
    expect(refusalMessage(4529, '')).toMatch(/this network/);
    expect(refusalMessage(4530, '')).toMatch(/new blueprints/);
  });
});

describe('mayApproveWith', () => {
  it('offers approval to approvers and to everyone where there is no token; not to editors or garbage', () => {
    const token = (claims: object) => `x.${btoa(JSON.stringify(claims)).replace(/=+$/, '')}.y`;
    expect(mayApproveWith(undefined)).toBe(true);
    expect(mayApproveWith(token({ room: 'r1', role: 'approver' }))).toBe(true);
    expect(mayApproveWith(token({ room: 'r1', role: 'editor' }))).toBe(false);
    expect(mayApproveWith('not-a-token')).toBe(false);
    expect(mayApproveWith('a.%%%.b')).toBe(false);
  });
});
