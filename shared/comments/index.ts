export {
  COMMENTS_KEY,
  COMMENT_TARGET_KINDS,
  MAX_COMMENT_BODY,
  MAX_MENTIONS,
  commentSchema,
  commentTargetSchema,
  commentTargetKey,
  type Comment,
  type CommentTarget,
  type CommentTargetKind,
  type CommentThread,
} from './model.ts';
export { readComments, type CommentsRead } from './read.ts';
export {
  CommentError,
  addThread,
  addReply,
  editComment,
  deleteComment,
  resolveThread,
  reopenThread,
  type Author,
  type NewThread,
} from './edits.ts';
export { mentionsIn, mentionQuery, insertMention, matchPeople } from './mentions.ts';
export { COMMENT_FILTERS, COMMENT_FILTER_LABELS, filterThreads, openCommentCounts, type CommentFilter } from './filters.ts';
export { MAX_SEEN, unreadIn, unreadCount, parseSeen, markSeen, seenStorageKey } from './unread.ts';
