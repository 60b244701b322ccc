import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic, WEB_CONTENT_SECURITY_POLICY } from './static-files.ts';

let root: string;
let server: Server;
let base: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'js-static-'));
  mkdirSync(join(root, 'site', 'assets'), { recursive: true });
  writeFileSync(join(root, 'site', 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(join(root, 'site', 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(root, 'secret.txt'), 'outside');
  server = createServer((req, res) => {
    const path = new URL(req.url!, 'http://x').pathname;
    if (!serveStatic(join(root, 'site'), path, req, res)) res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.close();
  rmSync(root, { recursive: true, force: true });
});

describe('static files (the web edition hook)', () => {
  it('serves files with their type, index.html for / and for client-side routes', async () => {
    const js = await fetch(`${base}/assets/app.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect(await (await fetch(`${base}/`)).text()).toContain('<title>app</title>');
    expect(await (await fetch(`${base}/board/42`)).text()).toContain('<title>app</title>');
    expect((await fetch(`${base}/missing.js`)).status).toBe(404);
  });

  it('sends the page a content security policy that keeps it to this server, and no framing', async () => {
    const page = await fetch(`${base}/b/room`);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toBe(WEB_CONTENT_SECURITY_POLICY);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toMatch(/connect-src 'self'(;|$)/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect((await fetch(`${base}/assets/app.js`)).headers.get('content-security-policy')).toBeNull();
  });

  it('never leaves its folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/%00', '/%E0%A4%A']) {
      const res = await fetch(`${base}${path}`);
      expect(await res.text()).not.toContain('outside');
    }
  });
});
