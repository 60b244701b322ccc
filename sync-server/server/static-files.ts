import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import nodePath, { extname, resolve } from 'node:path';
import { contentTypeOf } from '../../shared/content-types.ts';
import { resolveInside } from './safe-path.ts';

/** The file a decoded URL path names inside root, or a folder's index.html; null outside root or missing. */
function fileAt(root: string, path: string): string | null {
  const full = resolveInside(root, path, nodePath);
  if (full === null) return null;
  try {
    const stat = statSync(full);
    if (stat.isFile()) return full;
    if (stat.isDirectory()) return fileAt(root, `${path}/index.html`);
  } catch {
    /* not there */
  }
  return null;
}

/**
 * The web edition's content security policy: everything from this server (the sync socket is
 * same-origin), inline styles (React and tldraw set them), images and fonts also from data: and
 * blob: (tldraw's cursors, pasted images), no plugins, no framing by other sites. The page may
 * contact nothing but the server that served it (docs/security.md).
 */
export const WEB_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "media-src 'self' data: blob:",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The hook for the web edition: serves a built renderer from a folder. Paths resolve inside the
 * folder only (safe-path.ts: on any OS); a path without a file extension that matches nothing gets
 * `index.html` (client-side routes). Nothing is served when no folder was configured.
 *
 * Answers the request from `dir`; returns false when no file matched (the caller answers 404).
 */
export function serveStatic(dir: string, pathname: string, req: IncomingMessage, res: ServerResponse): boolean {
  const root = resolve(dir);
  let path: string;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    return false;
  }
  // A refused path is not a client-side route either: no index.html for it.
  if (resolveInside(root, path, nodePath) === null) return false;
  const file = fileAt(root, path) ?? (extname(path) === '' ? fileAt(root, 'index.html') : null);
  if (!file) return false;
  const html = extname(file).toLowerCase() === '.html';
  res.writeHead(200, {
    'Content-Type': contentTypeOf(file),
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': file.endsWith('index.html') ? 'no-cache' : 'public, max-age=3600',
    'Referrer-Policy': 'no-referrer',
    ...(html ? { 'Content-Security-Policy': WEB_CONTENT_SECURITY_POLICY, 'X-Frame-Options': 'DENY' } : {}),
  });
  if (req.method === 'HEAD') {
    res.end();
    return true;
  }
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
  return true;
}
