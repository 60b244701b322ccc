// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

/**
 * The layering of docs/architecture.md §1, enforced the way VS Code enforces common/browser/node/electron-main:
 * imports only flow downwards. Each layer lists what it must never import. Patterns match the import
 * string (relative paths included), so `../../renderer/x` is caught as surely as `renderer/x`.
 */
const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const layer = (/** @type {string} */ name) => ({
  regex: `(^|/)${name}(/|$)`,
  message: `must not import ${name}/ (docs/architecture.md §1 layering)`,
});
const packages = (/** @type {string[]} */ names, /** @type {string} */ why) => names.map((name) => ({ name, message: why }));

const rules = {
  shared: {
    paths: [
      ...packages(nodeBuiltins, 'shared/ runs everywhere: no Node built-ins'),
      ...packages(
        ['electron', 'react', 'react-dom', 'tldraw', 'better-sqlite3', 'ws', 'y-websocket'],
        'shared/ is pure TypeScript: no DOM, Node, Electron or UI packages',
      ),
    ],
    patterns: [layer('renderer'), layer('electron'), layer('sync-server'), layer('tests')],
  },
  renderer: {
    paths: [
      ...packages(nodeBuiltins, 'renderer/ runs in the browser: no Node built-ins'),
      ...packages(['electron', 'better-sqlite3', 'ws'], 'renderer/ knows nothing of Electron or Node'),
    ],
    patterns: [layer('electron'), layer('sync-server'), layer('tests')],
  },
  electron: {
    paths: [...packages(['react', 'react-dom', 'tldraw'], 'electron/ is the main process: no UI packages')],
    patterns: [layer('renderer'), layer('tests')],
  },
  electronIpc: {
    paths: [
      ...packages(
        ['electron', 'react', 'react-dom', 'tldraw'],
        'electron/ipc/ holds plain functions tested under Node: no `electron` import',
      ),
    ],
    patterns: [layer('renderer'), layer('tests')],
  },
  syncServer: {
    paths: [...packages(['electron', 'react', 'react-dom', 'tldraw'], 'sync-server/ is plain Node: no Electron or UI packages')],
    patterns: [layer('renderer'), layer('electron'), layer('tests')],
  },
};
const restrict = (/** @type {{paths: any[], patterns: any[]}} */ r) => ({
  'no-restricted-imports': ['error', { paths: r.paths, patterns: r.patterns }],
});

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'release/', 'coverage/', 'tests/artifacts/', 'tests/lint/fixtures/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error', { selector: 'CallExpression[callee.name="eval"]', message: 'no eval' }],
    },
  },
  // Plain JavaScript entry points run under Node.
  { files: ['bin/**/*.js', '*.js'], languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } } },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: { ...restrict(rules.shared), 'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer', 'require'] },
  },
  // Tests beside shared code run under Node (they may read files), but still never import upwards.
  { files: ['shared/**/*.test.ts'], rules: restrict({ paths: [], patterns: rules.shared.patterns }) },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: { ...restrict(rules.renderer), 'no-restricted-globals': ['error', 'process', 'Buffer', 'require'] },
  },
  { files: ['electron/**/*.ts'], ignores: ['electron/ipc/**'], rules: restrict(rules.electron) },
  { files: ['electron/ipc/**/*.ts'], rules: restrict(rules.electronIpc) },
  { files: ['sync-server/**/*.ts'], rules: restrict(rules.syncServer) },
);
