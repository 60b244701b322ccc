import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRevocations } from '../../auth/revocations.ts';
import { verifyToken } from '../../auth/token.ts';
import { runCli } from '../main.ts';

const SECRET = 'cli-test-secret-long-enough';

async function run(argv: string[], env: Record<string, string> = { JOURNEYSCROLL_SECRET: SECRET }, cwd = '/') {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t), env, cwd });
  return { code, out, err };
}

describe('journeyscroll token', () => {
  it('mints a token the server accepts, for the room, role and time asked', async () => {
    const before = Date.now();
    const { code, out, err } = await run(['token', '--room', 'ws-1', '--role', 'viewer', '--ttl', '2h']);
    expect(code).toBe(0);
    const result = await verifyToken(out.trim(), SECRET);
    expect(result).toMatchObject({ ok: true, claims: { room: 'ws-1', role: 'viewer' } });
    if (!result.ok) throw new Error('unreachable');
    expect(result.claims.exp * 1000 - before).toBeGreaterThanOrEqual(2 * 3600_000 - 1000);
    expect(result.claims.exp * 1000 - before).toBeLessThanOrEqual(2 * 3600_000 + 2000);
    // Its id is told on stderr (stdout stays the token alone, for scripts).
    expect(err).toBe(`token id ${result.claims.jti} (journeyscroll token --revoke ${result.claims.jti} ends it)\n`);
  });

  it('defaults to an 8-hour editor token and accepts * for every room', async () => {
    const { out } = await run(['token', '--room', '*']);
    expect(await verifyToken(out.trim(), SECRET)).toMatchObject({ ok: true, claims: { room: '*', role: 'editor' } });
  });

  it('mints a team editor with a name', async () => {
    const { code, out } = await run(['token', '--room', 'r', '--team', 'Data', '--name', 'Maria Ionescu']);
    expect(code).toBe(0);
    expect(await verifyToken(out.trim(), SECRET)).toMatchObject({
      ok: true,
      claims: { role: 'editor', team: 'Data', name: 'Maria Ionescu' },
    });
  });

  it('explains what is wrong', async () => {
    expect(await run(['token', '--room', 'r'], {})).toMatchObject({ code: 2, err: expect.stringMatching(/JOURNEYSCROLL_SECRET/) });
    expect(await run(['token'])).toMatchObject({ code: 2, err: expect.stringMatching(/--room is required/) });
    expect(await run(['token', '--room', 'r', '--role', 'admin'])).toMatchObject({
      code: 2,
      err: expect.stringMatching(/viewer, commenter, editor, approver/),
    });
    expect(await run(['token', '--room', 'r', '--role', 'viewer', '--team', 'Data'])).toMatchObject({
      code: 2,
      err: expect.stringMatching(/--team scopes an editor/),
    });
    expect(await run(['token', '--room', 'r', '--ttl', 'forever'])).toMatchObject({
      code: 2,
      err: expect.stringMatching(/not a duration/),
    });
    expect(await run(['token', '--room', 'no spaces'])).toMatchObject({ code: 2, err: expect.stringMatching(/invalid room/) });
    expect(await run(['token', '--room', 'r'], { JOURNEYSCROLL_SECRET: 'short' })).toMatchObject({
      code: 2,
      err: expect.stringMatching(/at least 16/),
    });
    expect((await run(['token', '--help'])).out).toMatch(/--ttl/);
  });
});

describe('journeyscroll token --revoke', () => {
  it("writes the id to the data folder's revocation file, or the one named, without the secret", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'js-revoke-'));
    try {
      expect(await run(['token', '--revoke', 'first-token-id', '--data', 'data'], {}, dir)).toMatchObject({ code: 0 });
      expect(await run(['token', '--revoke', 'second-token-id'], { JOURNEYSCROLL_DATA: join(dir, 'data') }, dir)).toMatchObject({
        code: 0,
        err: `revoked second-token-id (${join(dir, 'data', 'revoked-tokens')})\n`,
      });
      expect([...readRevocations(join(dir, 'data', 'revoked-tokens'))]).toEqual(['first-token-id', 'second-token-id']);
      expect(await run(['token', '--revoke', 'third-token-id', '--revocations', 'elsewhere'], {}, dir)).toMatchObject({ code: 0 });
      expect(readFileSync(join(dir, 'elsewhere'), 'utf8')).toMatch(/^third-token-id revoked \d{4}-/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses what is not a token id, and mixed options', async () => {
    expect(await run(['token', '--revoke', 'bad id'])).toMatchObject({ code: 2, err: expect.stringMatching(/not a token id/) });
    expect(await run(['token', '--revoke', 'x'])).toMatchObject({ code: 2, err: expect.stringMatching(/not a token id/) });
    expect(await run(['token', '--revoke', 'good-token-id', '--room', 'r'])).toMatchObject({
      code: 2,
      err: expect.stringMatching(/takes no --room/),
    });
    expect(await run(['token', '--room', 'r', '--data', 'd'])).toMatchObject({ code: 2, err: expect.stringMatching(/go with --revoke/) });
  });
});
