import * as Y from 'yjs';
import { newId } from '../model/index.ts';
import { newEntityMap, readFields, writeFields } from '../doc/fields.ts';
import { commentSchema, COMMENTS_KEY, type Comment, type CommentTarget } from './model.ts';

/**
 * Writing comments, one transaction each, field by field (docs/document-layout.md `comments`).
 * `author` is this person's display name — the name in their access token, which the server
 * checks (shared/governance/comment-policy.ts); the functions here only keep the document valid.
 */

/** A comment change that would make the document invalid, or is not this person's to make; nothing was written. */
export class CommentError extends Error {
  override name = 'CommentError';
}

export interface Author {
  /** Absent for a person whose link carries no name: their comments are anonymous. */
  readonly name: string | undefined;
}

export interface NewThread {
  readonly target: CommentTarget;
  readonly body: string;
  readonly mentions?: readonly string[];
}

const comments = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>(COMMENTS_KEY);
const nowIso = (now: Date) => now.toISOString();

function validated(fields: Record<string, unknown>): Comment {
  const parsed = commentSchema.safeParse(fields);
  if (!parsed.success) throw new CommentError(`comment not saved: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  return parsed.data;
}

function read(doc: Y.Doc, id: string): { map: Y.Map<unknown>; comment: Comment } {
  const map = comments(doc).get(id);
  if (!(map instanceof Y.Map)) throw new CommentError(`there is no comment ${id} (it may have been deleted)`);
  return { map, comment: validated({ ...readFields(map), id }) };
}

function ownedBy(comment: Comment, author: Author): void {
  if (author.name === undefined || comment.author !== author.name) throw new CommentError('you can only change your own comments');
}

const mentionsField = (mentions: readonly string[] | undefined) => (mentions && mentions.length > 0 ? [...new Set(mentions)] : undefined);

/** Starts a thread about `target`; returns its id. */
export function addThread(doc: Y.Doc, author: Author, input: NewThread, origin: unknown = null, now = new Date()): string {
  const id = newId('comment');
  const comment = validated({
    id,
    author: author.name,
    body: input.body,
    createdAt: nowIso(now),
    target: input.target,
    mentions: mentionsField(input.mentions),
  });
  doc.transact(() => comments(doc).set(id, newEntityMap(comment)), origin);
  return id;
}

/** Replies to a thread; returns the reply's id. */
export function addReply(
  doc: Y.Doc,
  author: Author,
  threadId: string,
  input: { readonly body: string; readonly mentions?: readonly string[] },
  origin: unknown = null,
  now = new Date(),
): string {
  const { comment: root } = read(doc, threadId);
  if (root.threadId !== undefined) throw new CommentError('reply to the thread, not to a reply');
  const id = newId('comment');
  const reply = validated({
    id,
    author: author.name,
    body: input.body,
    createdAt: nowIso(now),
    threadId,
    mentions: mentionsField(input.mentions),
  });
  doc.transact(() => comments(doc).set(id, newEntityMap(reply)), origin);
  return id;
}

/** Changes the text (and mentions) of one's own comment. */
export function editComment(
  doc: Y.Doc,
  author: Author,
  id: string,
  input: { readonly body: string; readonly mentions?: readonly string[] },
  origin: unknown = null,
  now = new Date(),
): void {
  const { map, comment } = read(doc, id);
  ownedBy(comment, author);
  if (comment.deletedAt) throw new CommentError('a deleted comment cannot be edited');
  const patch = { body: input.body, mentions: mentionsField(input.mentions), editedAt: nowIso(now) };
  validated({ ...comment, ...patch });
  doc.transact(() => writeFields(map, { ...patch, body: input.body.trim() }), origin);
}

/**
 * Deletes one's own comment. A thread's first comment that has replies keeps its place, emptied
 * (`deletedAt`, no body), so the others' replies are not lost; otherwise the comment is removed.
 * Removing a thread's last reply after its first comment was emptied removes the thread too.
 */
export function deleteComment(doc: Y.Doc, author: Author, id: string, origin: unknown = null, now = new Date()): void {
  const { map, comment } = read(doc, id);
  ownedBy(comment, author);
  const repliesOf = (threadId: string) =>
    [...comments(doc).entries()].filter(([, m]) => m instanceof Y.Map && m.get('threadId') === threadId);
  doc.transact(() => {
    if (comment.threadId === undefined && repliesOf(id).length > 0) {
      writeFields(map, { body: undefined, mentions: undefined, deletedAt: nowIso(now) });
      return;
    }
    comments(doc).delete(id);
  }, origin);
}

/** Marks a thread resolved (anyone who may comment). */
export function resolveThread(doc: Y.Doc, author: Author, threadId: string, origin: unknown = null, now = new Date()): void {
  const { map, comment } = read(doc, threadId);
  if (comment.threadId !== undefined) throw new CommentError('only a thread is resolved, not a reply');
  if (comment.resolvedAt) return;
  doc.transact(() => writeFields(map, { resolvedAt: nowIso(now), resolvedBy: author.name }), origin);
}

/** Opens a resolved thread again (anyone who may comment). */
export function reopenThread(doc: Y.Doc, threadId: string, origin: unknown = null): void {
  const { map, comment } = read(doc, threadId);
  if (comment.threadId !== undefined) throw new CommentError('only a thread is reopened, not a reply');
  doc.transact(() => writeFields(map, { resolvedAt: undefined, resolvedBy: undefined }), origin);
}
