import { parseAppLink, syncUrlOf, type BlueprintEntry } from '../../shared/desktop/contract.ts';
import { ROLES } from '../../shared/sync/contract.ts';
import { IpcError } from './errors.ts';
import type { Library } from './library.ts';

/**
 * A `journeyscroll://b/<room>?server=…&token=…` link opened from outside the app (a browser, a chat,
 * an email). Anyone can send such a link, so opening one never acts silently where it matters:
 * - a server this library has never used (no blueprint shared there, not in Settings) is named,
 *   with the room, and the person is asked before the app adds the blueprint and connects;
 * - a link whose token grants less than the token already stored for that room (an editor sent a
 *   viewer link) asks whether to switch; declining keeps the stored token. A stored token that has
 *   expired, or that cannot be read, is replaced without asking: it no longer grants anything.
 *
 * The question is asked through `ask` (the main process shows a native message box; tests answer
 * it), and nothing in the library changes before the answer.
 */
export interface LinkQuestion {
  readonly kind: 'new-server' | 'lower-role';
  /** The server's host (and port), as the person would recognise it. */
  readonly host: string;
  readonly room: string;
  /** One line, the question itself. */
  readonly message: string;
  /** What happens either way. */
  readonly detail: string;
  /** The button that goes ahead (the other one keeps things as they are). */
  readonly confirm: string;
  readonly cancel: string;
}

export type AskAboutLink = (question: LinkQuestion) => Promise<boolean>;

export interface LinkOutcome {
  /** The blueprint to open, or null when the person declined to join. */
  readonly entry: BlueprintEntry | null;
  /** What was asked, in order (none for a known server and no lower role). */
  readonly asked: readonly LinkQuestion['kind'][];
}

interface Access {
  readonly role: (typeof ROLES)[number];
  readonly team: string | null;
  /** Seconds since the epoch, or null when the token names none. */
  readonly exp: number | null;
}

/** The claims of a token, read without verifying it (only the server can): null when unreadable. */
export function accessOf(token: string): Access | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { role?: unknown; team?: unknown; exp?: unknown };
    const role = ROLES.find((r) => r === claims.role);
    if (!role) return null;
    return {
      role,
      team: typeof claims.team === 'string' && claims.team ? claims.team : null,
      exp: typeof claims.exp === 'number' ? claims.exp : null,
    };
  } catch {
    return null;
  }
}

/** Viewer < commenter < editor of a team < editor < approver (docs/governance.md). */
function rankOf(access: Access): number {
  const base = ROLES.indexOf(access.role) * 2;
  return access.role === 'editor' && access.team === null ? base + 1 : base;
}

/**
 * Whether `to` grants at least what `from` does: a higher rank, or the same rank and, for a team
 * editor, the same team (an editor of another team's cards is not more, it is different).
 */
function covers(to: Access, from: Access): boolean {
  const team = (a: Access) => (a.role === 'editor' ? a.team : null);
  return rankOf(to) > rankOf(from) || (rankOf(to) === rankOf(from) && team(to) === team(from));
}

export function describeAccess(access: Access): string {
  if (access.role === 'editor' && access.team) return `an editor of the ${access.team} team's cards`;
  return access.role === 'approver' || access.role === 'editor' ? `an ${access.role}` : `a ${access.role}`;
}

/** Whether a link's token would leave the person with less than the stored one (which still counts). */
export function lowersAccess(stored: string, offered: string, nowMs: number): { from: Access; to: Access | null } | null {
  const from = accessOf(stored);
  if (!from || (from.exp !== null && from.exp * 1000 <= nowMs)) return null;
  const to = accessOf(offered);
  if (to && covers(to, from)) return null;
  return { from, to };
}

function hostOf(server: string): string {
  return new URL(server).host;
}

export async function openAppLink(library: Library, link: string, ask: AskAboutLink, now: () => number = Date.now): Promise<LinkOutcome> {
  const share = parseAppLink(link);
  if (!share) throw new IpcError('bad-arguments', `This is not a JourneyScroll link: ${link.slice(0, 200)}`);
  const server = syncUrlOf(share.server);
  const host = hostOf(server);
  const room = share.room;
  const asked: LinkQuestion['kind'][] = [];
  const entries = library.list();
  const existing = entries.find((e) => e.share?.server === server && e.share.room === room);

  const known = entries.some((e) => e.share?.server === server) || library.settings().servers.some((s) => safeSyncUrl(s.url) === server);
  if (!known) {
    asked.push('new-server');
    const join = await ask({
      kind: 'new-server',
      host,
      room,
      message: `Join the blueprint "${room}" on ${host}?`,
      detail:
        `This link is from a server you have not used before: ${host}. Joining adds the blueprint "${room}" to your library ` +
        `and connects to ${host}, which then receives your edits, your name and your cursor. Join only if you trust who sent the link.`,
      confirm: 'Join',
      cancel: 'Cancel',
    });
    if (!join) return { entry: null, asked };
  }

  // A link without a token keeps the stored one (library.join), so only a different token can lower it.
  const stored = existing?.share?.token;
  if (existing && stored && share.token && share.token !== stored) {
    const lower = lowersAccess(stored, share.token, now());
    if (lower) {
      asked.push('lower-role');
      const offered = lower.to ? `makes you ${describeAccess(lower.to)}` : 'carries a token that cannot be read';
      const switchToLink = await ask({
        kind: 'lower-role',
        host,
        room,
        message: `Keep your access to "${room}" on ${host}?`,
        detail:
          `You are ${describeAccess(lower.from)} of "${room}" on ${host}; this link ${offered}. ` +
          `Keeping your access opens the blueprint as you are now; using the link's token replaces yours, and you would need a new link to get it back.`,
        confirm: "Use the link's token",
        cancel: 'Keep my access',
      });
      if (!switchToLink) return { entry: existing, asked };
      return { entry: library.setShare(existing.id, { server, room, token: share.token }), asked };
    }
  }
  return { entry: library.join(share), asked };
}

function safeSyncUrl(url: string): string | null {
  try {
    return syncUrlOf(url);
  } catch {
    return null;
  }
}
