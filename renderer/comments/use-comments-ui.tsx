import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Editor } from 'tldraw';
import { openCommentCounts, unreadCount, unreadIn, type CommentTarget } from '../../shared/comments/index.ts';
import type { Blueprint } from '../../shared/model/index.ts';
import type { CanvasBridge } from '../canvas/bridge.ts';
import type { BlueprintSession } from '../host/host.ts';
import { CommentBadges } from './CommentBadges.tsx';
import { commentTargetOf, registerCommentAction } from './CommentContextMenu.tsx';
import { CommentsPanel } from './CommentsPanel.tsx';
import { commentIdentity } from './identity.ts';
import { showTarget } from './targets.ts';
import { useComments, usePeople, useSeen } from './use-comments.ts';

export interface CommentsUi {
  /** The header's "Comments" toggle, with the unread count. */
  readonly button: ReactNode;
  /** The panel beside the canvas, when open. */
  readonly panel: ReactNode;
  /** The count badges over the canvas's cards. */
  readonly badges: ReactNode;
  /** Opens a new comment on the selection (or the middle of the view). */
  commentOnSelection(): void;
  togglePanel(): void;
}

/** Everything comments add to the blueprint view, behind one hook so the view changes little. */
export function useCommentsUi(input: {
  session: BlueprintSession;
  token: string | undefined;
  settingsName: string | undefined;
  blueprint: Blueprint;
  writable: boolean;
  editor: Editor | null;
  bridge: CanvasBridge | null;
}): CommentsUi {
  const { session, token, settingsName, blueprint, writable, editor, bridge } = input;
  const { threads } = useComments(session.doc);
  const identity = useMemo(() => commentIdentity(token, settingsName), [token, settingsName]);
  const authors = useMemo(() => threads.flatMap((t) => t.authors), [threads]);
  const people = usePeople(session.awareness, identity.name, authors);
  const { seen, markRead } = useSeen(session.room, identity.name);
  const [open, setOpen] = useState(false);
  const [about, setAbout] = useState<CommentTarget | null>(null);
  const [draft, setDraft] = useState<CommentTarget | null>(null);

  const commentOn = useCallback((target: CommentTarget) => {
    setOpen(true);
    setAbout(target.kind === 'canvas' ? null : target);
    setDraft(target);
  }, []);
  const commentOnSelection = useCallback(() => {
    if (!editor) return;
    commentOn(commentTargetOf(editor, editor.getViewportPageBounds().center));
  }, [editor, commentOn]);
  useEffect(() => (editor ? registerCommentAction(editor, commentOn) : undefined), [editor, commentOn]);
  const togglePanel = useCallback(() => setOpen((o) => !o), []);

  const counts = useMemo(() => openCommentCounts(threads), [threads]);
  const unreadCards = useMemo(
    () =>
      new Set(
        threads
          .filter((t) => t.target.kind === 'card' && !t.resolved && unreadIn(t, identity.name, seen).length > 0)
          .map((t) => (t.target as { id: string }).id),
      ),
    [threads, identity.name, seen],
  );
  const unread = unreadCount(threads, identity.name, seen);

  const button = (
    <button
      type="button"
      className="js-comments-toggle"
      aria-pressed={open}
      aria-label={unread > 0 ? `Comments, ${unread} unread` : 'Comments'}
      aria-keyshortcuts="Control+Alt+Shift+M"
      onClick={togglePanel}
    >
      Comments{unread > 0 ? ` (${unread})` : ''}
    </button>
  );
  const panel = open ? (
    <CommentsPanel
      doc={session.doc}
      blueprint={blueprint}
      threads={threads}
      identity={identity}
      writable={writable}
      people={people}
      seen={seen}
      markRead={markRead}
      about={about}
      draft={draft}
      onAbout={setAbout}
      onDraft={setDraft}
      editor={editor}
      bridge={bridge}
      onClose={() => setOpen(false)}
    />
  ) : null;
  const badges =
    editor && bridge ? (
      <CommentBadges
        editor={editor}
        bridge={bridge}
        blueprint={blueprint}
        counts={counts}
        unreadCards={unreadCards}
        onOpen={(cardId) => {
          const target = { kind: 'card', id: cardId } as const;
          setOpen(true);
          setAbout(target);
          setDraft(null);
          showTarget(target, editor, bridge);
        }}
      />
    ) : null;
  return { button, panel, badges, commentOnSelection, togglePanel };
}
