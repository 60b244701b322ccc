/** Index files name what they export (no `export *`), so a reader sees a folder's surface in one place. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// sync-server/ is being reworked by its own engineers; it joins this rule when they merge.
const NOT_YET = /^sync-server\//;

describe('index files', () => {
  it('use explicit named exports', () => {
    const files = execFileSync('git', ['ls-files', '*index.ts', '*index.tsx'], { encoding: 'utf8' })
      .split('\n')
      .filter((f) => f && !NOT_YET.test(f) && !f.includes('node_modules'));
    expect(files.length).toBeGreaterThan(5);
    const offenders = files.filter((f) => /^export \* from /m.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
