import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { authorize, isLoopback } from './authorize.ts';
import { signToken, verifyToken } from './token.ts';

const SECRET = 'a-test-secret-of-enough-length';
const NOW = Date.UTC(2026, 0, 1);
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const sign = (input: string, secret = SECRET) => createHmac('sha256', secret).update(input).digest('base64url');

describe('tokens', () => {
  it('round-trips room, role, expiry and id', async () => {
    const token = await signToken({ room: 'workshop-1', role: 'viewer', ttlMs: 8 * 3600_000 }, SECRET, NOW);
    const result = await verifyToken(token, SECRET, NOW);
    expect(result).toEqual({
      ok: true,
      claims: {
        room: 'workshop-1',
        role: 'viewer',
        iat: NOW / 1000,
        exp: NOW / 1000 + 8 * 3600,
        jti: expect.stringMatching(/^[\w-]{22}$/),
      },
    });
    const again = await verifyToken(await signToken({ room: 'workshop-1', role: 'viewer', ttlMs: 1000 }, SECRET, NOW), SECRET, NOW);
    // Every token gets its own id: revoking one leaves the others.
    expect(again.ok && result.ok && again.claims.jti !== result.claims.jti).toBe(true);
    const named = await verifyToken(
      await signToken({ room: 'r', role: 'editor', ttlMs: 1000, id: 'workshop-host-1' }, SECRET, NOW),
      SECRET,
      NOW,
    );
    expect(named).toMatchObject({ ok: true, claims: { jti: 'workshop-host-1' } });
  });

  it('still accepts a token minted before ids existed (no jti)', async () => {
    const header = b64({ alg: 'HS256', typ: 'JWT' });
    const input = `${header}.${b64({ room: 'r', role: 'editor', exp: NOW / 1000 + 60 })}`;
    expect(await verifyToken(`${input}.${sign(input)}`, SECRET, NOW)).toEqual({
      ok: true,
      claims: { room: 'r', role: 'editor', exp: NOW / 1000 + 60 },
    });
  });

  it('refuses expired, forged, re-signed, alg:none and malformed tokens', async () => {
    const token = await signToken({ room: 'r', role: 'viewer', ttlMs: 60_000 }, SECRET, NOW);
    expect(await verifyToken(token, SECRET, NOW + 60_000)).toMatchObject({ ok: false, problem: 'expired' });
    expect(await verifyToken(token, 'another-secret-of-enough-length', NOW)).toMatchObject({ ok: false, problem: 'signature' });
    // Payload changed to editor, original signature kept.
    const [h, , s] = token.split('.');
    const promoted = `${h}.${b64({ room: 'r', role: 'editor', exp: NOW / 1000 + 60 })}.${s}`;
    expect(await verifyToken(promoted, SECRET, NOW)).toMatchObject({ ok: false, problem: 'signature' });
    const none = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ room: '*', role: 'editor', exp: NOW / 1000 + 60 })}.`;
    expect(await verifyToken(none, SECRET, NOW)).toMatchObject({ ok: false, problem: 'signature' });
    const hs512Header = b64({ alg: 'HS512', typ: 'JWT' });
    const body = b64({ room: '*', role: 'editor', exp: NOW / 1000 + 60 });
    expect(await verifyToken(`${hs512Header}.${body}.${sign(`${hs512Header}.${body}`)}`, SECRET, NOW)).toMatchObject({ ok: false });
    for (const bad of ['', 'abc', 'a.b', 'a.b.c.d', '!!.??.##', `${h}.%%%.${s}`]) {
      expect((await verifyToken(bad, SECRET, NOW)).ok).toBe(false);
    }
  });

  it('refuses correctly signed tokens whose claims are wrong', async () => {
    const header = b64({ alg: 'HS256', typ: 'JWT' });
    for (const claims of [
      { room: 'r', role: 'admin', exp: NOW / 1000 + 60 },
      { room: '../x', role: 'editor', exp: NOW / 1000 + 60 },
      { room: 'r', role: 'editor' },
      { room: 'r', role: 'editor', exp: 'never' },
    ]) {
      const input = `${header}.${b64(claims)}`;
      expect(await verifyToken(`${input}.${sign(input)}`, SECRET, NOW)).toMatchObject({ ok: false, problem: 'malformed' });
    }
    const input = `${header}.${b64({ room: 'r', role: 'editor', exp: NOW / 1000 + 60, nbf: NOW / 1000 + 30 })}`;
    expect(await verifyToken(`${input}.${sign(input)}`, SECRET, NOW)).toMatchObject({ ok: false, problem: 'not-yet-valid' });
  });

  it('carries the team and name of a person, and every role', async () => {
    const token = await signToken({ room: 'r', role: 'editor', ttlMs: 60_000, team: 'Data', name: 'Maria Ionescu' }, SECRET, NOW);
    expect(await verifyToken(token, SECRET, NOW)).toMatchObject({
      ok: true,
      claims: { role: 'editor', team: 'Data', name: 'Maria Ionescu' },
    });
    expect(await authorize({ room: 'r', token, remoteAddress: '10.0.0.9' }, { secret: SECRET }, NOW)).toMatchObject({
      ok: true,
      role: 'editor',
      team: 'Data',
      name: 'Maria Ionescu',
    });
    for (const role of ['viewer', 'commenter', 'editor', 'approver'] as const) {
      expect(await verifyToken(await signToken({ room: 'r', role, ttlMs: 1000 }, SECRET, NOW), SECRET, NOW)).toMatchObject({
        ok: true,
        claims: { role },
      });
    }
    expect(() => signToken({ room: 'r', role: 'editor', ttlMs: 1000, team: ' ' }, SECRET, NOW)).toThrow(/team/);
  });

  it('refuses to sign with a short secret or bad claims', () => {
    expect(() => signToken({ room: 'r', role: 'editor', ttlMs: 1000 }, 'short', NOW)).toThrow(/at least 16/);
    expect(() => signToken({ room: 'a b', role: 'editor', ttlMs: 1000 }, SECRET, NOW)).toThrow(/invalid room/);
    expect(() => signToken({ room: 'r', role: 'editor', ttlMs: 0 }, SECRET, NOW)).toThrow(/positive/);
  });
});

describe('authorize', () => {
  const token = (room: string, role: 'editor' | 'viewer', id?: string) =>
    signToken({ room, role, ttlMs: 60_000, ...(id ? { id } : {}) }, SECRET, NOW);

  it('with a secret: needs a token valid for this room (or *), and not revoked', async () => {
    const revoked = new Set(['revoked-token-1']);
    const ask = (room: string, t: string | null) =>
      authorize({ room, token: t, remoteAddress: '127.0.0.1' }, { secret: SECRET, isRevoked: (id) => revoked.has(id) }, NOW);
    expect(await ask('r', await token('r', 'viewer', 'viewer-token-1'))).toEqual({
      ok: true,
      role: 'viewer',
      token: { id: 'viewer-token-1', expiresAt: NOW + 60_000 },
    });
    expect(await ask('other', await token('*', 'editor'))).toMatchObject({ ok: true, role: 'editor' });
    expect(await ask('r', null)).toMatchObject({ ok: false, code: 4401, reason: 'token required' });
    expect(await ask('other', await token('r', 'editor'))).toMatchObject({ ok: false, code: 4403 });
    expect(await ask('r', `${await token('r', 'editor')}x`)).toMatchObject({ ok: false, code: 4401 });
    expect(await ask('bad room', await token('*', 'editor'))).toMatchObject({ ok: false, code: 4400 });
    expect(await ask('r', await token('r', 'editor', 'revoked-token-1'))).toEqual({ ok: false, code: 4401, reason: 'token revoked' });
  });

  it('without a secret: loopback clients only, unless open; nobody is identified, so everyone has every role', async () => {
    const ask = (remoteAddress: string, open = false) => authorize({ room: 'r', token: null, remoteAddress }, { open }, NOW);
    expect(await ask('127.0.0.1')).toEqual({ ok: true, role: 'approver' });
    expect(await ask('::ffff:127.0.0.1')).toEqual({ ok: true, role: 'approver' });
    expect(await ask('192.168.1.20')).toMatchObject({ ok: false, code: 4403 });
    expect(await ask('192.168.1.20', true)).toEqual({ ok: true, role: 'approver' });
  });

  it('knows loopback addresses', () => {
    for (const a of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1']) expect(isLoopback(a)).toBe(true);
    for (const a of [undefined, '', '10.0.0.1', '::ffff:10.0.0.1', 'fe80::1', '::', '0.0.0.0', '1127.0.0.1'])
      expect(isLoopback(a)).toBe(false);
  });
});
