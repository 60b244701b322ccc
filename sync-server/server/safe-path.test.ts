import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveInside } from './safe-path.ts';

/** Each OS's path rules, with a root of that OS: the check must hold under both on any machine. */
const systems = [
  { name: 'posix', path: path.posix, root: '/srv/web' },
  { name: 'win32', path: path.win32, root: 'C:\\srv\\web' },
] as const;

/** Decoded request paths (what serveStatic hands over after one decodeURIComponent). */
const hostile = [
  '/../secret.txt',
  '/assets/../../secret.txt',
  '/..',
  '/.',
  '/..\\..\\secret.txt', // backslash: a separator on Windows
  '/assets\\..\\..\\secret.txt',
  '/%2e%2e/secret.txt', // double-encoded: %252e%252e arrives here as %2e%2e
  '/..%2fsecret.txt',
  '/..%5csecret.txt',
  '/%252e%252e%252fsecret.txt',
  '/C:/Windows/win.ini', // drive letter
  '/C:secret.txt', // drive-relative
  '/c:',
  '/\\\\server\\share\\file', // UNC
  '/\\\\?\\C:\\Windows\\win.ini', // extended-length path
  '/\\\\.\\pipe\\x', // device namespace
  '/CON',
  '/con.txt',
  '/assets/NUL',
  '/nul.tar.gz',
  '/COM1',
  '/com9.log',
  '/LPT1.js',
  '/AUX',
  '/PRN.html',
  '/CONIN$',
  '/conout$.txt',
  '/COM¹',
  '/NUL .txt', // Windows trims the space before the extension
  '/index.html.', // trailing dot: Windows opens index.html
  '/index.html ', // trailing space
  '/.. /secret.txt',
  '/... /secret.txt',
  '/index.html::$DATA', // NTFS stream
  '/a\u0000.js', // NUL byte
  '/a\u0001.js',
  '/a\n.js',
  '/a?.js',
  '/a*.js',
  '/a|b',
  '/a<b>',
  '/"a"',
  `/${'a/'.repeat(600)}`,
];

describe('resolveInside: request paths never leave the static folder', () => {
  for (const { name, path: p, root } of systems) {
    it(`refuses every hostile path with ${name} semantics`, () => {
      const leaked = hostile.filter((request) => resolveInside(root, request, p) !== null);
      expect(leaked).toEqual([]);
    });

    it(`resolves the web edition's own paths inside the folder with ${name} semantics`, () => {
      expect(resolveInside(root, '/', p)).toBe(p.resolve(root));
      expect(resolveInside(root, '/index.html', p)).toBe(p.join(root, 'index.html'));
      expect(resolveInside(root, '/assets/app-1a2b.js', p)).toBe(p.join(root, 'assets', 'app-1a2b.js'));
      expect(resolveInside(root, '//assets//app.js', p)).toBe(p.join(root, 'assets', 'app.js'));
      expect(resolveInside(root, '/b/workshop-1', p)).toBe(p.join(root, 'b', 'workshop-1'));
      expect(resolveInside(root, '/.well-known/x.json', p)).toBe(p.join(root, '.well-known', 'x.json'));
      expect(resolveInside(root, '/console.js', p)).toBe(p.join(root, 'console.js'));
      expect(resolveInside(root, '/my file.txt', p)).toBe(p.join(root, 'my file.txt'));
    });
  }

  it('needs an absolute root of the path semantics given', () => {
    expect(resolveInside('srv/web', '/index.html', path.posix)).toBeNull();
    expect(resolveInside('/srv/web', '/index.html', path.win32)).toBe('\\srv\\web\\index.html');
    expect(resolveInside('web', '/index.html', path.win32)).toBeNull();
  });
});
