import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The repo explains itself: no tracked file may send a reader to a document it does not contain
 * (the briefs a clone never has). Its architecture and domain are docs/architecture.md and
 * docs/domain.md.
 */
describe('citations', () => {
  it('no tracked file cites a document outside the repo', () => {
    const files = execFileSync('git', ['ls-files'], { cwd: repo, encoding: 'utf8' })
      .split('\n')
      .filter((f) => f && !f.endsWith('package-lock.json') && !f.endsWith('.png') && f !== 'tests/lint/citations.test.ts');
    const outside = /(?:\.\.\/)+shared\/[A-Z]+\.md|\b(?:DESIGN|DOMAIN|NOTES)\.md\b|\(NOTES\)|see NOTES\b/;
    const offenders = files.filter((f) => outside.test(readFileSync(`${repo}${f}`, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('would catch one', () => {
    const outside = /(?:\.\.\/)+shared\/[A-Z]+\.md|\b(?:DESIGN|DOMAIN|NOTES)\.md\b|\(NOTES\)|see NOTES\b/;
    for (const text of ['see ../shared/DESIGN.md', '(DESIGN.md §4)', 'DOMAIN.md', 'breaks (NOTES).']) expect(outside.test(text)).toBe(true);
    expect(outside.test('docs/architecture.md §4')).toBe(false);
  });
});
