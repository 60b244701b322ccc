import type { CommentThread } from './model.ts';

/**
 * Unread markers, per person. What a person has read is theirs alone: it is kept on their device
 * (the app's local storage, per server room and person), never in the shared document — reading
 * a comment makes no update, nothing others receive, and nothing the history records. The set of
 * comment ids seen is bounded: the oldest marks are forgotten first.
 */
export const MAX_SEEN = 5_000;

/** Comment ids of `thread` this person has not seen (their own comments are never unread). */
export function unreadIn(thread: CommentThread, me: string | undefined, seen: ReadonlySet<string>): string[] {
  return [thread.root, ...thread.replies]
    .filter((c) => !c.deletedAt && !(me !== undefined && c.author === me) && !seen.has(c.id))
    .map((c) => c.id);
}

export function unreadCount(threads: readonly CommentThread[], me: string | undefined, seen: ReadonlySet<string>): number {
  return threads.reduce((n, t) => n + unreadIn(t, me, seen).length, 0);
}

/** The stored form of a seen set: a JSON array, newest last. Anything unreadable reads as nothing seen. */
export function parseSeen(stored: string | null | undefined): string[] {
  if (!stored) return [];
  try {
    const value: unknown = JSON.parse(stored);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string').slice(-MAX_SEEN) : [];
  } catch {
    return [];
  }
}

/** Adds ids to a seen list (keeping it bounded); returns the new list. */
export function markSeen(seen: readonly string[], ids: readonly string[]): string[] {
  const fresh = ids.filter((id) => !seen.includes(id));
  return fresh.length === 0 ? [...seen] : [...seen, ...fresh].slice(-MAX_SEEN);
}

/** The local-storage key of a person's seen comments in one room. */
export const seenStorageKey = (room: string, me: string | undefined) => `journeyscroll.comments-seen.${room}.${me ?? ''}`;
