import { useState } from 'react';
import type { Editor } from 'tldraw';
import type * as Y from 'yjs';
import {
  addReply,
  addThread,
  COMMENT_FILTER_LABELS,
  COMMENT_FILTERS,
  commentTargetKey,
  deleteComment,
  editComment,
  filterThreads,
  reopenThread,
  resolveThread,
  unreadIn,
  type Comment,
  type CommentFilter,
  type CommentTarget,
  type CommentThread,
} from '../../shared/comments/index.ts';
import type { Blueprint } from '../../shared/model/index.ts';
import type { CanvasBridge } from '../canvas/bridge.ts';
import { CommentComposer } from './CommentComposer.tsx';
import type { CommentIdentity } from './identity.ts';
import { describeTarget, showTarget } from './targets.ts';
import './comments.css';

/** The origin of comment writes: not this person's canvas undo (comments are undone by editing or deleting them). */
export const COMMENT_ORIGIN = { comments: true };

export interface CommentsPanelProps {
  readonly doc: Y.Doc;
  readonly blueprint: Blueprint;
  readonly threads: readonly CommentThread[];
  readonly identity: CommentIdentity;
  /** Whether comments can be written here at all (false: a document this app may not change). */
  readonly writable: boolean;
  readonly people: readonly string[];
  readonly seen: ReadonlySet<string>;
  readonly markRead: (ids: readonly string[]) => void;
  /** Only the threads about this (a card's badge, the inspector's Comment); null: all. */
  readonly about: CommentTarget | null;
  /** A new thread being written about this, or null. */
  readonly draft: CommentTarget | null;
  readonly onAbout: (target: CommentTarget | null) => void;
  readonly onDraft: (target: CommentTarget | null) => void;
  readonly editor: Editor | null;
  readonly bridge: CanvasBridge | null;
  readonly onClose: () => void;
}

/**
 * The comments panel: threads (open, resolved, mine, mentioning me), each selecting what it is
 * about; replies, resolve / reopen, edit and delete of one's own; unread markers per person.
 */
export function CommentsPanel(p: CommentsPanelProps) {
  const [filter, setFilter] = useState<CommentFilter>('open');
  const [error, setError] = useState<string | null>(null);
  const me = p.identity.name;
  const mayWrite = p.identity.mayComment && p.writable;
  const write = (fn: () => void): boolean => {
    try {
      fn();
      setError(null);
      return true;
    } catch (e) {
      setError((e as Error).message);
      return false;
    }
  };
  const aboutKey = p.about && commentTargetKey(p.about);
  const shown = filterThreads(p.threads, filter, me).filter((t) => !aboutKey || commentTargetKey(t.target) === aboutKey);
  const author = { name: me };
  const unreadTotal = p.threads.reduce((n, t) => n + unreadIn(t, me, p.seen).length, 0);

  return (
    <aside className="js-comments" aria-label="Comments">
      <div className="js-comments-head">
        <h2>Comments</h2>
        <button type="button" disabled={unreadTotal === 0} onClick={() => p.markRead(p.threads.flatMap((t) => unreadIn(t, me, p.seen)))}>
          Mark all read
        </button>
        <button type="button" className="js-close" aria-label="Close comments" onClick={p.onClose}>
          ×
        </button>
      </div>
      <div className="js-comment-filters" role="radiogroup" aria-label="Show comments">
        {COMMENT_FILTERS.map((f) => (
          <label key={f}>
            <input type="radio" name="js-comment-filter" checked={filter === f} onChange={() => setFilter(f)} />
            {COMMENT_FILTER_LABELS[f]}
          </label>
        ))}
      </div>
      {me === undefined && (filter === 'mine' || filter === 'mentions') ? (
        <p className="js-comment-note">Your link carries no name, so no comment is yours and nobody can mention you.</p>
      ) : null}
      {p.about ? (
        <p className="js-comment-about">
          On {describeTarget(p.about, p.blueprint)}{' '}
          <button type="button" onClick={() => p.onAbout(null)}>
            Show all comments
          </button>
        </p>
      ) : null}
      {!mayWrite ? (
        <p className="js-comment-note">
          {p.identity.mayComment
            ? 'This blueprint cannot be changed here, comments included.'
            : 'You opened a view-only link: you can read comments, not write them.'}
        </p>
      ) : p.draft ? (
        <section className="js-comment-new" aria-label="New comment">
          <CommentComposer
            key={commentTargetKey(p.draft)}
            label={`New comment on ${describeTarget(p.draft, p.blueprint)}`}
            submitLabel="Post comment"
            people={p.people}
            autoFocus
            onSubmit={(body, mentions) => {
              const target = p.draft!;
              const ok = write(() => addThread(p.doc, author, { target, body, mentions }, COMMENT_ORIGIN));
              if (ok) {
                p.onDraft(null);
                setFilter('open');
              }
              return ok;
            }}
            onCancel={() => p.onDraft(null)}
          />
        </section>
      ) : p.about ? (
        <button type="button" onClick={() => p.onDraft(p.about)}>
          New comment on {describeTarget(p.about, p.blueprint)}
        </button>
      ) : null}
      {error ? (
        <p className="js-comment-error" role="alert">
          {error}
        </p>
      ) : null}
      {shown.length === 0 ? <p className="js-comment-note">No {COMMENT_FILTER_LABELS[filter].toLowerCase()} comments.</p> : null}
      <ul className="js-comment-threads" aria-label="Comment threads">
        {shown.map((thread) => (
          <ThreadView key={thread.id} thread={thread} {...p} mayWrite={mayWrite} write={write} />
        ))}
      </ul>
    </aside>
  );
}

const nameOf = (c: Comment) => c.author ?? 'Anonymous';
const timeOf = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function ThreadView({
  thread,
  blueprint,
  identity,
  people,
  seen,
  markRead,
  editor,
  bridge,
  doc,
  mayWrite,
  write,
}: CommentsPanelProps & { thread: CommentThread; mayWrite: boolean; write: (fn: () => void) => boolean }) {
  const me = identity.name;
  const author = { name: me };
  const about = describeTarget(thread.target, blueprint);
  const unread = unreadIn(thread, me, seen);
  const read = () => unread.length > 0 && markRead(unread);
  const label = `Thread on ${about} by ${nameOf(thread.root)}`;
  return (
    <li className={thread.resolved ? 'js-thread js-thread-resolved' : 'js-thread'}>
      {/* Read once the person acts in the thread — after the click (marking on focus re-rendered
          between mouse down and up, and the click was lost) or on a key released inside it. */}
      <article aria-label={label} onClick={read} onKeyUp={read}>
        <div className="js-thread-head">
          <button
            type="button"
            className="js-thread-target"
            aria-label={`Show ${about}`}
            onClick={() => editor && bridge && showTarget(thread.target, editor, bridge)}
          >
            {about}
          </button>
          {unread.length > 0 ? <span className="js-unread">{unread.length} unread</span> : null}
        </div>
        <ol className="js-thread-comments">
          {[thread.root, ...thread.replies].map((comment) => (
            <CommentView
              key={comment.id}
              comment={comment}
              unread={unread.includes(comment.id)}
              mine={me !== undefined && comment.author === me && mayWrite}
              people={people}
              onEdit={(body, mentions) => write(() => editComment(doc, author, comment.id, { body, mentions }, COMMENT_ORIGIN))}
              onDelete={() => write(() => deleteComment(doc, author, comment.id, COMMENT_ORIGIN))}
            />
          ))}
        </ol>
        {thread.resolved ? <p className="js-thread-status">Resolved by {thread.root.resolvedBy ?? 'someone'}</p> : null}
        {mayWrite ? (
          <div className="js-thread-foot">
            <CommentComposer
              label={`Reply to ${nameOf(thread.root)} on ${about}`}
              submitLabel="Reply"
              people={people}
              onSubmit={(body, mentions) => write(() => addReply(doc, author, thread.id, { body, mentions }, COMMENT_ORIGIN))}
            />
            <button
              type="button"
              onClick={() =>
                write(() =>
                  thread.resolved ? reopenThread(doc, thread.id, COMMENT_ORIGIN) : resolveThread(doc, author, thread.id, COMMENT_ORIGIN),
                )
              }
            >
              {thread.resolved ? 'Reopen thread' : 'Resolve thread'}
            </button>
          </div>
        ) : null}
      </article>
    </li>
  );
}

function CommentView({
  comment,
  unread,
  mine,
  people,
  onEdit,
  onDelete,
}: {
  comment: Comment;
  unread: boolean;
  mine: boolean;
  people: readonly string[];
  onEdit: (body: string, mentions: string[]) => boolean;
  onDelete: () => void;
}) {
  const [editing, setEditing] = useState(false);
  if (comment.deletedAt) {
    return (
      <li className="js-comment js-comment-deleted">
        <p>Comment deleted</p>
      </li>
    );
  }
  return (
    <li className="js-comment" aria-label={`${nameOf(comment)}: ${comment.body ?? ''}`}>
      <div className="js-comment-meta">
        {unread ? <span className="js-unread-dot" role="img" aria-label="Unread" /> : null}
        <strong>{nameOf(comment)}</strong> <time dateTime={comment.createdAt}>{timeOf(comment.createdAt)}</time>
        {comment.editedAt ? <span className="js-comment-edited"> (edited)</span> : null}
      </div>
      {editing ? (
        <CommentComposer
          label="Edit comment"
          submitLabel="Save"
          people={people}
          initial={comment.body ?? ''}
          autoFocus
          onSubmit={(body, mentions) => {
            const ok = onEdit(body, mentions);
            if (ok) setEditing(false);
            return ok;
          }}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <p className="js-comment-body">{comment.body}</p>
      )}
      {mine && !editing ? (
        <div className="js-comment-own">
          <button type="button" aria-label="Edit comment" onClick={() => setEditing(true)}>
            Edit
          </button>
          <button type="button" aria-label="Delete comment" onClick={onDelete}>
            Delete
          </button>
        </div>
      ) : null}
    </li>
  );
}
