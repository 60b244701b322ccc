import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * docs/architecture.md §1: imports only flow downwards, enforced by lint. Each case lints a one-line file at a
 * path in a given layer with the project's real ESLint configuration.
 */
const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });

async function layeringErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport const used = x;\n`, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals')
    .map((m) => m.message);
}

describe('layering lint', () => {
  const violations: Array<[string, string, RegExp]> = [
    ['shared/model/bad.ts', "import { x } from '../../renderer/canvas/x.ts';", /renderer/],
    ['shared/doc/bad.ts', "import { x } from '../../sync-server/store/index.ts';", /sync-server/],
    ['shared/layout/bad.ts', "import { readFileSync as x } from 'node:fs';", /Node built-ins/],
    ['shared/journey/bad.ts', "import x from 'electron';", /electron|Electron/],
    ['renderer/canvas/bad.ts', "import { x } from '../../electron/ipc/handlers.ts';", /electron/],
    ['renderer/host/bad.ts', "import x from 'node:path';", /Node built-ins/],
    ['electron/ipc/bad.ts', "import { app as x } from 'electron';", /electron\/ipc/],
    ['electron/main/bad.ts', "import { x } from '../../renderer/app.tsx';", /renderer/],
    ['sync-server/server/bad.ts', "import { x } from '../../electron/main/window.ts';", /electron/],
    ['sync-server/bad.ts', "import x from 'tldraw';", /no Electron or UI/],
    ['shared/doc/bad.test.ts', "import { x } from '../../renderer/canvas/x.ts';", /renderer/],
  ];
  for (const [path, code, message] of violations) {
    it(`refuses ${code} in ${path}`, async () => {
      const errors = await layeringErrors(path, code);
      expect(errors.length).toBeGreaterThan(0);
      expect(errors.join('\n')).toMatch(message);
    });
  }

  it('refuses DOM and Node globals in shared/', async () => {
    expect(await layeringErrors('shared/model/bad.ts', 'const x = window.location;')).toHaveLength(1);
    expect(await layeringErrors('shared/model/bad.ts', 'const x = process.env;')).toHaveLength(1);
  });

  const allowed: Array<[string, string]> = [
    ['renderer/canvas/ok.ts', "import { x } from '../../shared/model/index.ts';"],
    ['electron/main/ok.ts', "import { x } from '../../sync-server/store/index.ts';"],
    ['electron/main/ok2.ts', "import { app as x } from 'electron';"],
    ['sync-server/store/ok.ts', "import { readFileSync as x } from 'node:fs';"],
    ['shared/doc/ok.ts', "import { x } from '../model/index.ts';"],
    ['shared/doc/ok.test.ts', "import { readFileSync as x } from 'node:fs';"],
  ];
  for (const [path, code] of allowed) {
    it(`allows ${code} in ${path}`, async () => {
      expect(await layeringErrors(path, code)).toEqual([]);
    });
  }
});
