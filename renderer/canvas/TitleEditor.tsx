import { createContext, useContext, useEffect, useRef } from 'react';
import { useEditor, useValue } from 'tldraw';
import { updateCard, updateLane, updateStage } from '../../shared/doc/index.ts';
import type { CanvasBridge } from './bridge.ts';
import { CARD, LANE, STAGE, entityOf } from './shape-types.ts';

export const BridgeContext = createContext<CanvasBridge | null>(null);

/**
 * Double-click (or Enter) on a card, stage or lane edits its title in place. One input for the
 * whole canvas, laid over the shape being edited, so cards stay minimal DOM. The text typed is
 * the input's own: a remote change to the same card re-projects underneath without touching it.
 */
export function TitleEditor() {
  const editor = useEditor();
  const bridge = useContext(BridgeContext);
  const editing = useValue(
    'title editing',
    () => {
      const id = editor.getEditingShapeId();
      const shape = id ? editor.getShape(id) : undefined;
      if (!shape || (shape.type !== CARD && shape.type !== STAGE && shape.type !== LANE)) return null;
      const bounds = editor.getShapePageBounds(shape);
      if (!bounds) return null;
      const topLeft = editor.pageToViewport({ x: bounds.minX, y: bounds.minY });
      const zoom = editor.getZoomLevel();
      const text = shape.type === CARD ? (shape.props as { title: string }).title : (shape.props as { name: string }).name;
      return { id: shape.id, type: shape.type, x: topLeft.x, y: topLeft.y, w: bounds.width * zoom, text };
    },
    [editor],
  );
  const input = useRef<HTMLInputElement>(null);
  const done = useRef(false);
  /** What the field holds, kept by its input events: the field may be gone when it is saved. */
  const typed = useRef('');
  const commitRef = useRef<(save: boolean) => void>(() => undefined);
  const editingId = editing?.id;
  useEffect(() => {
    const el = input.current;
    if (!el) return;
    done.current = false;
    typed.current = el.value;
    // Keys are handled on the field itself: tldraw listens on its container, which the event
    // reaches before React's root — its Escape would end the edit (and blur would save it).
    const onKey = (e: KeyboardEvent) => {
      e.stopPropagation();
      if (e.key === 'Enter') commitRef.current(true);
      if (e.key === 'Escape') commitRef.current(false);
    };
    const onInput = () => (typed.current = el.value);
    el.addEventListener('keydown', onKey);
    el.addEventListener('input', onInput);
    // Focus once the pointer event that started the edit is over: tldraw starts editing on a
    // double-click's second mousedown, whose default action then focuses the canvas — focusing
    // now would blur (and so end) the edit at once.
    const timer = setTimeout(() => {
      el.focus();
      el.select();
    });
    return () => {
      clearTimeout(timer);
      el.removeEventListener('keydown', onKey);
      el.removeEventListener('input', onInput);
      // A click on another shape ends the edit during its mousedown and the field goes without a
      // blur: what was typed is saved, as a click away saves everywhere else.
      if (!done.current) commitRef.current(true);
    };
  }, [editingId]);
  if (!editing || !bridge) return null;

  const commit = (save: boolean) => {
    if (done.current) return;
    done.current = true;
    const value = typed.current.trim();
    const entity = entityOf(editing.id);
    if (save && entity && value !== editing.text && (value || entity.kind === 'card')) {
      bridge.edit((doc, origin) => {
        if (entity.kind === 'card') updateCard(doc, entity.id, { title: value }, origin);
        else if (entity.kind === 'stage') updateStage(doc, entity.id, { name: value }, origin);
        else updateLane(doc, entity.id, { name: value }, origin);
      });
    }
    // Only this edit's end: by now another shape may be the one being edited.
    if (editor.getEditingShapeId() === editing.id) editor.setEditingShape(null);
  };
  commitRef.current = commit;
  // Not "Stage name": the stage inspector's field has that name, and both can be on screen at once.
  const label = editing.type === CARD ? 'Card title' : editing.type === STAGE ? 'Rename stage' : 'Rename lane';
  return (
    <input
      key={editing.id}
      ref={input}
      className="js-title-editor"
      aria-label={label}
      defaultValue={editing.text}
      style={{ left: editing.x, top: editing.y, width: Math.max(160, editing.w) }}
      onPointerDown={(e) => e.stopPropagation()}
      onBlur={() => commit(true)}
    />
  );
}
