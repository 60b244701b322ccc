import { z } from 'zod';
import { DOC_KEYS } from '../doc/keys.ts';
import { idSchema } from '../model/index.ts';

/**
 * Comments (docs/governance.md "Comments", docs/document-layout.md `comments`): review threads
 * pinned to a card, a stage, a lane, a flow or a point on the canvas. They live in the blueprint's
 * document (so they sync, work offline, and are saved in .journey files and the history), in their
 * own top-level collection that commenters may write; they are not part of the blueprint model, so
 * nothing compiled or exported for execution ever carries them.
 */

/** The top-level Y.Map of the document holding comments, comment id → field map. */
export const COMMENTS_KEY = DOC_KEYS.comments;

export const COMMENT_TARGET_KINDS = ['card', 'stage', 'lane', 'flow', 'canvas'] as const;
export type CommentTargetKind = (typeof COMMENT_TARGET_KINDS)[number];

/** Longest comment body; a review note, not a document. */
export const MAX_COMMENT_BODY = 5_000;
/** Most people one comment may mention. */
export const MAX_MENTIONS = 20;

const point = z.object({ x: z.number().finite(), y: z.number().finite() });
const personName = z.string().trim().min(1).max(200);
const isoTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/, 'a time is ISO-8601 in UTC');

/** What a thread is about: an entity of the blueprint (by id), or the canvas itself; optionally a point on the canvas. */
export const commentTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.enum(['card', 'stage', 'lane', 'flow']), id: idSchema, point: point.optional() }),
  z.object({ kind: z.literal('canvas'), point }),
]);
export type CommentTarget = z.infer<typeof commentTargetSchema>;

/**
 * One comment: a thread's first comment (it has a `target`) or a reply (it has a `threadId`).
 * `author` is the display name from the writer's access token (the server checks it); absent for
 * someone whose link carries no name. A deleted first comment that has replies keeps its place
 * with `deletedAt` and no body, so the replies keep their thread.
 */
export const commentSchema = z
  .object({
    id: idSchema,
    author: personName.optional(),
    body: z.string().trim().min(1).max(MAX_COMMENT_BODY).optional(),
    createdAt: isoTime,
    editedAt: isoTime.optional(),
    deletedAt: isoTime.optional(),
    target: commentTargetSchema.optional(),
    threadId: idSchema.optional(),
    mentions: z.array(personName).max(MAX_MENTIONS).optional(),
    resolvedAt: isoTime.optional(),
    resolvedBy: personName.optional(),
  })
  .refine((c) => (c.target === undefined) !== (c.threadId === undefined), 'a comment starts a thread (target) or replies (threadId)')
  .refine((c) => c.body !== undefined || c.deletedAt !== undefined, 'a comment has a body unless deleted')
  .refine((c) => c.threadId === undefined || c.resolvedAt === undefined, 'only a thread is resolved');
export type Comment = z.infer<typeof commentSchema>;

/** A thread as the app shows it: the first comment, its replies oldest first. */
export interface CommentThread {
  readonly id: string;
  readonly root: Comment;
  readonly replies: readonly Comment[];
  readonly target: CommentTarget;
  readonly resolved: boolean;
  /** Everyone mentioned in the thread, and every author in it. */
  readonly mentions: readonly string[];
  readonly authors: readonly (string | undefined)[];
}

export const commentTargetKey = (target: { kind: string; id?: string }): string =>
  target.kind === 'canvas' ? 'canvas' : `${target.kind}:${target.id ?? ''}`;
