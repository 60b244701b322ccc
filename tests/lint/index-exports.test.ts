/** Index files name what they export (no `export *`), so a reader sees a folder's surface in one place. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const BLANKET_EXPORT = /^\s*export\s+(?:type\s+)?\*(?:\s+as\s+\w+)?\s+from\s/m;

const indexFiles = () =>
  execFileSync('git', ['ls-files', '*index.ts', '*index.tsx'], { encoding: 'utf8' })
    .split('\n')
    .filter((f) => f && !f.includes('node_modules'));

describe('index files', () => {
  it('use explicit named exports, sync-server included', () => {
    const files = indexFiles();
    expect(files.length).toBeGreaterThan(5);
    expect(files).toEqual(expect.arrayContaining(['sync-server/store/index.ts', 'sync-server/server/index.ts']));
    const offenders = files.filter((f) => BLANKET_EXPORT.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('the rule sees every spelling of a blanket export', () => {
    for (const line of [
      "export * from './a.ts';",
      "export * as store from './a.ts';",
      "export type * from './a.ts';",
      "  export *  from './a.ts'",
    ])
      expect(BLANKET_EXPORT.test(`// x\n${line}\n`), line).toBe(true);
    for (const line of ["export { a } from './a.ts';", "export type { A } from './a.ts';", '// export * from somewhere'])
      expect(BLANKET_EXPORT.test(line), line).toBe(false);
  });
});
