import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appendRevocation, parseRevocations, readRevocations, watchRevocations } from './revocations.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const temp = () => {
  const dir = mkdtempSync(join(tmpdir(), 'js-revoked-'));
  dirs.push(dir);
  return dir;
};

describe('the revocation file', () => {
  it('reads ids one per line, with notes and comments, and ignores what is not an id', () => {
    const text =
      '# revoked by hand\nAbCdEfGh12345678 revoked 2026-01-01\n\n  second-token-id  \nshort\nno/slashes/here\r\nthird_token_id # note\n';
    expect([...parseRevocations(text)]).toEqual(['AbCdEfGh12345678', 'second-token-id', 'third_token_id']);
  });

  it('is empty while missing; --revoke appends (creating the folder) and refuses a non-id', () => {
    const file = join(temp(), 'data', 'revoked-tokens');
    expect(readRevocations(file).size).toBe(0);
    appendRevocation(file, 'first-token-id', new Date(Date.UTC(2026, 0, 1)));
    appendRevocation(file, 'second-token-id');
    expect([...readRevocations(file)]).toEqual(['first-token-id', 'second-token-id']);
    expect(() => appendRevocation(file, 'bad id\nsmuggled-token-id')).toThrow(/not a token id/);
    expect([...readRevocations(file)]).toEqual(['first-token-id', 'second-token-id']);
  });

  it('is watched: new ids are reported, a file created later too', async () => {
    const file = join(temp(), 'revoked-tokens');
    const seen: string[][] = [];
    const watcher = watchRevocations(file, { onRevoked: (ids) => seen.push([...ids]), onError: (e) => seen.push([String(e)]) }, 50);
    try {
      expect(watcher.has('later-token-id')).toBe(false);
      writeFileSync(file, 'later-token-id\n');
      await until(() => seen.length > 0);
      expect(seen).toEqual([['later-token-id']]);
      expect(watcher.has('later-token-id')).toBe(true);
      appendRevocation(file, 'another-token-id');
      await until(() => seen.length > 1);
      expect(seen[1]).toEqual(['another-token-id']);
    } finally {
      watcher.close();
    }
  });
});

async function until(check: () => boolean): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > 5000) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
