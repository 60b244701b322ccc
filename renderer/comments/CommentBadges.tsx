import { useMemo } from 'react';
import { useValue, type Editor } from 'tldraw';
import type { Blueprint } from '../../shared/model/index.ts';
import type { CanvasBridge } from '../canvas/bridge.ts';

/**
 * The comment count on each card that has open comments: a small button at the card's top-right
 * corner, drawn over the canvas (not a canvas shape, so the projection and its performance are
 * untouched), following the camera. Pressing it opens the comments about that card.
 */
export function CommentBadges({
  editor,
  bridge,
  blueprint,
  counts,
  unreadCards,
  onOpen,
}: {
  editor: Editor;
  bridge: CanvasBridge;
  blueprint: Blueprint;
  /** Open comments per target key (`card:<id>`). */
  counts: ReadonlyMap<string, number>;
  /** Card ids with comments this person has not read. */
  unreadCards: ReadonlySet<string>;
  onOpen: (cardId: string) => void;
}) {
  // Card boxes with a count, read again when the blueprint or the counts change.
  const boxes = useMemo(() => {
    const wanted = new Set([...counts.keys()].filter((k) => k.startsWith('card:')).map((k) => k.slice(5)));
    if (wanted.size === 0) return [];
    const titles = new Map(blueprint.cards.map((c) => [c.id, c.title]));
    return bridge
      .layout()
      .cards.filter((c) => wanted.has(c.id) && titles.has(c.id))
      .map((c) => ({ box: c, title: titles.get(c.id) ?? '', count: counts.get(`card:${c.id}`)! }));
  }, [bridge, blueprint, counts]);
  const placed = useValue(
    'comment badges',
    () => {
      const viewport = editor.getViewportPageBounds();
      return boxes
        .filter(
          ({ box }) => box.x + box.w >= viewport.minX && box.x <= viewport.maxX && box.y + box.h >= viewport.minY && box.y <= viewport.maxY,
        )
        .map((b) => ({ ...b, at: editor.pageToViewport({ x: b.box.x + b.box.w, y: b.box.y }) }));
    },
    [editor, boxes],
  );
  if (placed.length === 0) return null;
  return (
    <div className="js-comment-badges">
      {placed.map(({ box, title, count, at }) => (
        <button
          key={box.id}
          type="button"
          className={unreadCards.has(box.id) ? 'js-comment-badge js-comment-badge-unread' : 'js-comment-badge'}
          style={{ left: at.x, top: at.y }}
          data-card-id={box.id}
          aria-label={`${count} ${count === 1 ? 'comment' : 'comments'} on card '${title}'${unreadCards.has(box.id) ? ', unread' : ''}`}
          onClick={() => onOpen(box.id)}
        >
          {count}
        </button>
      ))}
    </div>
  );
}
