import { ROOM_NAME_PATTERN } from '../../shared/sync/contract.ts';

/**
 * The desktop renderer's places, in the URL's hash so a reload stays where it was:
 * `#/` the library, `#/b/<id>` a blueprint of the library.
 */
export type DesktopRoute = { readonly page: 'library' } | { readonly page: 'blueprint'; readonly id: string };

export function parseHash(hash: string): DesktopRoute {
  const match = /^#\/b\/([^/?#]+)$/.exec(hash);
  if (!match) return { page: 'library' };
  let id: string;
  try {
    id = decodeURIComponent(match[1]!);
  } catch {
    return { page: 'library' };
  }
  return ROOM_NAME_PATTERN.test(id) && !id.startsWith('_') ? { page: 'blueprint', id } : { page: 'library' };
}

export const hashOf = (route: DesktopRoute): string => (route.page === 'blueprint' ? `#/b/${encodeURIComponent(route.id)}` : '#/');
