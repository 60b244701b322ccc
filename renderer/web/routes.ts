import { ROOM_NAME_PATTERN } from '../../shared/sync/contract.ts';

/**
 * The web edition's URLs (docs/architecture.md §6):
 * - `/` — home: blueprints opened before on this device, and "new from template";
 * - `/b/<room>` — a blueprint; `?token=` carries the access token when the server needs one;
 *   `?template=<id>` (set by "new from template") fills an empty blueprint from a template.
 */
export type Route =
  | { readonly page: 'home' }
  | { readonly page: 'blueprint'; readonly room: string; readonly token?: string; readonly template?: string }
  | { readonly page: 'not-found' };

export function parseRoute(pathname: string, search = ''): Route {
  if (pathname === '/' || pathname === '' || pathname === '/index.html') return { page: 'home' };
  const match = /^\/b\/([^/]+)\/?$/.exec(pathname);
  if (!match) return { page: 'not-found' };
  let room: string;
  try {
    room = decodeURIComponent(match[1]!);
  } catch {
    return { page: 'not-found' };
  }
  if (!ROOM_NAME_PATTERN.test(room)) return { page: 'not-found' };
  const query = new URLSearchParams(search);
  const token = query.get('token') ?? undefined;
  const template = query.get('template') ?? undefined;
  return { page: 'blueprint', room, ...(token ? { token } : {}), ...(template ? { template } : {}) };
}

/** A fresh room name for a new blueprint (random, so two people never pick the same). */
export function newRoomName(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(9));
  return `bp-${Array.from(bytes, (b) => b.toString(36).padStart(2, '0'))
    .join('')
    .slice(0, 14)}`;
}
