import {
  DefaultContextMenu,
  DefaultContextMenuContent,
  TldrawUiMenuGroup,
  TldrawUiMenuItem,
  useEditor,
  type Editor,
  type TLUiContextMenuProps,
} from 'tldraw';
import type { CommentTarget } from '../../shared/comments/index.ts';
import { canvasActions } from '../canvas/canvas-actions.ts';
import { entityOf } from '../canvas/shape-types.ts';

/**
 * "Comment" in the canvas's context menu: on the selected card, stage, lane or flow, else on the
 * point of the canvas that was right-clicked. The blueprint view registers what it does (opens the
 * comments panel with a new comment), per editor, as canvas-actions.ts does for gestures.
 */
type CommentOn = (target: CommentTarget) => void;
const registry = new WeakMap<Editor, CommentOn>();

export function registerCommentAction(editor: Editor, commentOn: CommentOn): () => void {
  registry.set(editor, commentOn);
  return () => {
    if (registry.get(editor) === commentOn) registry.delete(editor);
  };
}

/** What a comment made now would be about: the one selected thing, else `point` on the canvas. */
export function commentTargetOf(editor: Editor, point: { x: number; y: number }): CommentTarget {
  const flow = canvasActions(editor)?.selectedFlow();
  if (flow) return { kind: 'flow', id: flow };
  const ids = editor.getSelectedShapeIds();
  const entity = ids.length === 1 ? entityOf(ids[0]!) : null;
  if (entity) return { kind: entity.kind, id: entity.id };
  return { kind: 'canvas', point: { x: Math.round(point.x), y: Math.round(point.y) } };
}

export function CommentContextMenu(props: TLUiContextMenuProps) {
  const editor = useEditor();
  return (
    <DefaultContextMenu {...props}>
      <TldrawUiMenuGroup id="js-comments">
        <TldrawUiMenuItem
          id="js-comment"
          label="Comment"
          readonlyOk
          onSelect={() => registry.get(editor)?.(commentTargetOf(editor, editor.inputs.getCurrentPagePoint()))}
        />
      </TldrawUiMenuGroup>
      <DefaultContextMenuContent />
    </DefaultContextMenu>
  );
}
