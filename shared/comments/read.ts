import * as Y from 'yjs';
import { readFields } from '../doc/fields.ts';
import { commentSchema, COMMENTS_KEY, type Comment, type CommentThread } from './model.ts';

export interface CommentsRead {
  /** Threads, most recently active first. */
  readonly threads: readonly CommentThread[];
  /** Comments that did not validate: skipped, left in the document untouched. */
  readonly problems: readonly { readonly id: string; readonly message: string }[];
}

const byTime = (a: Comment, b: Comment) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1);

/**
 * Reads the comments of a blueprint document into threads ("repair, never lose"): an invalid
 * comment is skipped and reported; a reply whose thread no longer exists (deleted concurrently) is
 * shown as a thread of its own, pinned to the canvas, rather than lost.
 */
export function readComments(doc: Y.Doc): CommentsRead {
  const map = doc.getMap<unknown>(COMMENTS_KEY);
  const all = new Map<string, Comment>();
  const problems: { id: string; message: string }[] = [];
  for (const [id, value] of map.entries()) {
    const fields = value instanceof Y.Map ? readFields(value as Y.Map<unknown>) : value;
    const parsed = commentSchema.safeParse({ ...(fields as object), id });
    if (parsed.success) all.set(id, parsed.data);
    else problems.push({ id, message: parsed.error.issues.map((i) => `${i.path.join('.') || 'comment'}: ${i.message}`).join('; ') });
  }
  const replies = new Map<string, Comment[]>();
  const roots: Comment[] = [];
  for (const comment of all.values()) {
    if (comment.threadId === undefined) roots.push(comment);
    else if (all.get(comment.threadId)?.threadId === undefined && all.has(comment.threadId)) {
      replies.set(comment.threadId, [...(replies.get(comment.threadId) ?? []), comment]);
    } else roots.push({ ...comment, target: { kind: 'canvas', point: { x: 0, y: 0 } } });
  }
  const threads = roots
    .filter((root) => !(root.deletedAt !== undefined && (replies.get(root.id)?.length ?? 0) === 0))
    .map((root): CommentThread => {
      const thread = [...(replies.get(root.id) ?? [])].sort(byTime);
      const everyone = [root, ...thread];
      return {
        id: root.id,
        root,
        replies: thread,
        target: root.target!,
        resolved: root.threadId === undefined && root.resolvedAt !== undefined,
        mentions: [...new Set(everyone.flatMap((c) => (c.deletedAt ? [] : (c.mentions ?? []))))],
        authors: [...new Set(everyone.map((c) => c.author))],
      };
    });
  const lastActivity = (t: CommentThread) => t.replies.at(-1)?.createdAt ?? t.root.createdAt;
  threads.sort((a, b) => (lastActivity(a) > lastActivity(b) ? -1 : lastActivity(a) < lastActivity(b) ? 1 : a.id < b.id ? -1 : 1));
  return { threads, problems };
}
