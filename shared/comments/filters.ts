import { commentTargetKey, type CommentThread } from './model.ts';

export const COMMENT_FILTERS = ['open', 'resolved', 'mine', 'mentions'] as const;
export type CommentFilter = (typeof COMMENT_FILTERS)[number];

export const COMMENT_FILTER_LABELS: Record<CommentFilter, string> = {
  open: 'Open',
  resolved: 'Resolved',
  mine: 'Mine',
  mentions: 'Mentioning me',
};

/**
 * The comments panel's filters. "Mine": threads this person started or replied to. "Mentioning
 * me": threads where a comment mentions them. A person without a name has neither.
 */
export function filterThreads(threads: readonly CommentThread[], filter: CommentFilter, me: string | undefined): CommentThread[] {
  switch (filter) {
    case 'open':
      return threads.filter((t) => !t.resolved);
    case 'resolved':
      return threads.filter((t) => t.resolved);
    case 'mine':
      return me === undefined ? [] : threads.filter((t) => t.authors.includes(me));
    case 'mentions':
      return me === undefined ? [] : threads.filter((t) => t.mentions.includes(me));
  }
}

/**
 * What each card's (stage's, lane's, flow's) badge counts: the comments, replies included, of its
 * open threads (resolved threads are done and do not count; a deleted first comment does not count).
 */
export function openCommentCounts(threads: readonly CommentThread[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const thread of threads) {
    if (thread.resolved) continue;
    const key = commentTargetKey(thread.target);
    const n = (thread.root.deletedAt ? 0 : 1) + thread.replies.length;
    counts.set(key, (counts.get(key) ?? 0) + n);
  }
  return counts;
}
