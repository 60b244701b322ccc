import type { Touch } from '../doc/update-scope.ts';

/**
 * Who may change which comment (docs/governance.md "Comments"). Everyone who may comment may start
 * threads, reply, resolve and reopen; only a comment's author may edit or delete it. The author is
 * the name in the writer's access token — the server reads it from the token, never from the
 * client — so a comment cannot be written in someone else's name either. A person whose link
 * carries no name writes anonymous comments (no `author`), which nobody can edit or delete.
 */
export interface CommentFacts {
  /** The comment as it is in the document before the change (absent: new, or already deleted). */
  comment(id: string): { readonly author: string | undefined } | undefined;
}

/** Fields fixed once written: who wrote it, when, and in which thread. */
const FIXED = new Set(['author', 'createdAt', 'threadId']);
/** Fields anyone who may comment may write: resolving and reopening a thread. */
const SHARED = new Set(['resolvedAt', 'resolvedBy']);

/** Null when `me` (the token's name) may make these changes to the `comments` collection, else why not. */
export function checkCommentWrites(me: string | undefined, touches: readonly Touch[], facts: CommentFacts): string | null {
  const byComment = new Map<string, Touch[]>();
  for (const touch of touches) {
    if (touch.key === undefined) return 'The comments could not be changed that way';
    byComment.set(touch.key, [...(byComment.get(touch.key) ?? []), touch]);
  }
  for (const [id, changes] of byComment) {
    const refusal = checkComment(me, id, changes, facts);
    if (refusal) return refusal;
  }
  return null;
}

function checkComment(me: string | undefined, id: string, changes: readonly Touch[], facts: CommentFacts): string | null {
  const writes = (field: string) => changes.filter((t) => t.kind === 'write' && t.field === field);
  if (writes('resolvedBy').some((t) => t.value !== me)) return 'A thread can only be resolved in your own name';
  const before = facts.comment(id);
  if (!before) {
    // A new comment (or writes into one deleted meanwhile, which change nothing anyone sees).
    const named = writes('author');
    if (named.some((t) => t.value !== me)) {
      return me === undefined
        ? 'Your link carries no name, so your comments are anonymous: a comment cannot name an author'
        : `A comment can only be written in your own name (${me}): it was not saved`;
    }
    const created = changes.some((t) => t.kind === 'write' && t.field === undefined);
    if (created && me !== undefined && named.length === 0) return `A comment must carry your name (${me}) as its author: it was not saved`;
    return null;
  }
  const mine = me !== undefined && before.author === me;
  const whose = before.author === undefined ? 'an anonymous comment' : `${before.author}'s comment`;
  for (const touch of changes) {
    if (touch.field === undefined) {
      if (touch.kind === 'write') return 'A comment cannot be replaced: it was not saved';
      if (!mine) return `You can only delete your own comments: ${whose} was not deleted`;
      continue;
    }
    if (FIXED.has(touch.field)) return "A comment's author, time and thread cannot be changed";
    if (SHARED.has(touch.field)) continue;
    if (!mine) return `You can only edit your own comments: ${whose} was not changed`;
  }
  return null;
}
