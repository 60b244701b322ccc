import { atom, type Atom } from 'tldraw';
import { deleteFlow } from '../../../shared/doc/index.ts';
import type { FlowLine } from '../shape-types.ts';
import { flowAt } from '../gestures.ts';
import { Disposables, type Disposable } from './disposables.ts';
import type { ModelEdit } from './edit-queue.ts';

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** What flow picking asks of the canvas (the editor, in the app; plain functions in tests). */
export interface FlowCanvas {
  /** Calls `handler` with the page point of a click on bare canvas (nothing selectable under it). */
  onBareCanvasClick(handler: (point: Point) => void): () => void;
  /** The drawn flows (shape-local lines and the shape's page origin), or null when none are drawn. */
  flows(): { lines: readonly FlowLine[]; origin: Point } | null;
  /** How far from a line, in page units, a click still picks it (a few screen pixels). */
  tolerance(): number;
  /** Whether any shape is selected now. */
  hasSelectedShapes(): boolean;
  /** Calls `handler` when the shape selection changes. */
  onSelectionChange(handler: () => void): () => void;
  selectNone(): void;
}

export interface FlowPickingOptions {
  readonly canvas: FlowCanvas;
  readonly edit: (fn: ModelEdit) => void;
  /** Where Delete / Backspace are heard (the window, in the app). */
  readonly keys: EventTarget;
}

/**
 * Flows are drawn in one shape, so picking one is ours: a click on bare canvas picks the flow drawn
 * there (or none), selecting a shape clears the pick, Delete / Backspace removes the picked flow
 * (tldraw's own delete handles selected shapes), and a re-projection without the flow clears it.
 */
export class FlowPicking implements Disposable {
  readonly selected: Atom<string | null> = atom<string | null>('selected flow', null);
  private readonly disposables = new Disposables();

  constructor({ canvas, edit, keys }: FlowPickingOptions) {
    this.disposables.add(
      canvas.onBareCanvasClick((point) => {
        const drawn = canvas.flows();
        const id = drawn ? flowAt(drawn.lines, drawn.origin, point, canvas.tolerance()) : null;
        if (id !== this.selected.get()) this.selected.set(id);
      }),
    );
    this.disposables.add(
      canvas.onSelectionChange(() => {
        if (this.selected.get() && canvas.hasSelectedShapes()) this.selected.set(null);
      }),
    );
    const onKey = (event: Event) => {
      const e = event as KeyboardEvent;
      const flow = this.selected.get();
      if (!flow || (e.key !== 'Delete' && e.key !== 'Backspace')) return;
      const target = e.target as HTMLElement | null;
      if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName ?? ''))) return;
      e.preventDefault();
      this.selected.set(null);
      edit((d, o) => deleteFlow(d, flow, o));
    };
    keys.addEventListener('keydown', onKey);
    this.disposables.add(() => keys.removeEventListener('keydown', onKey));
    this.pick = (flowId) => {
      this.selected.set(flowId);
      canvas.selectNone();
    };
  }

  /** Picks a flow (the flows shape's own click handler, the inspector). */
  readonly pick: (flowId: string) => void;

  /** Clears the pick when its flow is no longer in the model. */
  keepIf(exists: (flowId: string) => boolean): void {
    const flow = this.selected.get();
    if (flow && !exists(flow)) this.selected.set(null);
  }

  dispose(): void {
    this.disposables.dispose();
  }
}
