import type { Editor, TLShape } from 'tldraw';
import type { Locks } from './locks.ts';

/**
 * What projected shapes ask of the canvas when a gesture ends: the shape utils are created by
 * tldraw (one per editor) and reach the model only through this, registered by the bridge.
 */
export interface CanvasActions {
  cardDropped(shape: TLShape<'js-card'>): void;
  stageDropped(shape: TLShape<'js-stage'>): void;
  laneDropped(shape: TLShape<'js-lane'>): void;
  stageResized(shape: TLShape<'js-stage'>): void;
  addCard(stageId: string, laneId: string): void;
  selectFlow(flowId: string): void;
  /** The flow selected in the canvas (flows are drawn in one shape, so selection lives here). */
  selectedFlow(): string | null;
  /** Whether this person may edit (false for viewers and read-only documents). */
  canEdit(): boolean;
  /** What this person's role or team may not change (docs/governance.md): locked, no gestures. */
  readonly locks: Locks;
  /** Draws the scroll picture into `host` (an element in page coordinates); returns the detach. */
  attachPicture(host: HTMLElement): () => void;
}

const registry = new WeakMap<Editor, CanvasActions>();

export function registerCanvasActions(editor: Editor, actions: CanvasActions): () => void {
  registry.set(editor, actions);
  return () => {
    if (registry.get(editor) === actions) registry.delete(editor);
  };
}

export const canvasActions = (editor: Editor): CanvasActions | undefined => registry.get(editor);
