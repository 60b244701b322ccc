import type { PlatformPath } from 'node:path';

/**
 * Where a request path may lead inside the static folder, on any OS (docs/security.md, "Sync
 * server"). Pure: it takes the path module (`node:path` itself, or `path.win32` / `path.posix`
 * in tests), so Windows semantics are checked on every machine.
 *
 * The web edition's files have plain names, so anything a file system could read specially is
 * refused outright rather than interpreted: backslashes (a separator on Windows), `%` left after
 * decoding (double encoding), NUL and control characters, `:` (drive letters `C:`, NTFS streams
 * `a::$DATA`), segments that are `.` or `..`, end in a dot or a space (Windows drops those, so
 * `index.html.` would name `index.html` and `..` + `. ` would climb), and the reserved device names
 * (CON, PRN, AUX, NUL, COM0-9, LPT0-9, CONIN$, CONOUT$, with any extension, as Windows opens
 * `nul.txt` as the device).
 */

const DEVICE_NAME = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i;
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CHARACTER = /[\\%:\u0000-\u001f\u007f<>"|?*]/;

/** Why a decoded URL path segment cannot name a file, or null when it can. */
function segmentProblem(segment: string): string | null {
  if (segment === '.' || segment === '..') return 'dot segment';
  if (FORBIDDEN_CHARACTER.test(segment)) return 'forbidden character';
  if (/[. ]$/.test(segment)) return 'trailing dot or space';
  const stem = segment.split('.')[0]!.trim();
  if (DEVICE_NAME.test(stem)) return 'device name';
  return null;
}

/**
 * The absolute file path `decodedPath` (a URL path after one percent-decoding) names inside
 * `root`, or null when it could name anything else. `root` must be absolute for `path`.
 */
export function resolveInside(root: string, decodedPath: string, path: PlatformPath): string | null {
  if (!path.isAbsolute(root)) return null;
  if (decodedPath.length > 1024) return null;
  const segments = decodedPath.split('/').filter((segment) => segment !== '');
  for (const segment of segments) if (segmentProblem(segment) !== null) return null;
  const base = path.resolve(root);
  const full = path.resolve(base, ...segments);
  const rel = path.relative(base, full);
  if (rel === '') return full;
  if (path.isAbsolute(rel) || rel === '..' || rel.startsWith(`..${path.sep}`)) return null;
  return full;
}
