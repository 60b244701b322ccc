import { describe, expect, it } from 'vitest';
import { principalFromToken, refusalMessage, roleFromToken } from './token.ts';

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
  it('reads who the person is for the write policy: role, team and name', () => {
    expect(principalFromToken(token({ room: 'r1', role: 'editor', team: 'Data', name: ' Maria ', exp: 2e9 }))).toEqual({
      role: 'editor',
      team: 'Data',
      name: 'Maria',
    });
    expect(principalFromToken(token({ room: 'r1', role: 'commenter', team: '', exp: 2e9 }))).toEqual({ role: 'commenter' });
    // An unknown role grants nothing; no token (no secret, a local blueprint) every role.
    expect(principalFromToken(token({ room: 'r1', role: 'owner', exp: 2e9 }))).toEqual({ role: 'viewer' });
    expect(principalFromToken(undefined)).toEqual({ role: 'approver' });
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
