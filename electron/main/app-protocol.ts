import { extname, resolve, sep } from 'node:path';
import { contentTypeOf } from '../../shared/content-types.ts';
import { APP_HOST, APP_SCHEME } from './security.ts';

/**
 * Maps an `app://journeyscroll/...` request to a file inside the renderer's build folder.
 * Paths are decoded once and resolved against the root; anything that escapes the root, carries a
 * NUL byte, or names another host is refused. Paths without an extension are client-side routes
 * (`/b/<room>`) and get `index.html`.
 */
export type AppRequest =
  { readonly ok: true; readonly file: string; readonly mimeType: string } | { readonly ok: false; readonly status: 400 | 403 | 404 };

export function resolveAppRequest(root: string, requestUrl: string): AppRequest {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { ok: false, status: 400 };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return { ok: false, status: 403 };
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return { ok: false, status: 400 };
  }
  if (path.includes('\0') || path.includes('\\')) return { ok: false, status: 400 };
  const base = resolve(root);
  const relative = path === '/' || extname(path) === '' ? 'index.html' : path.replace(/^\/+/, '');
  const file = resolve(base, relative);
  if (file !== base && !file.startsWith(base + sep)) return { ok: false, status: 403 };
  return { ok: true, file, mimeType: contentTypeOf(file) };
}
