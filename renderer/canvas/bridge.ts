import type * as Y from 'yjs';
import { atom, react, type Atom, type Editor, type TLShape, type TLShapeId } from 'tldraw';
import { addCard, moveCard, moveLane, moveStage, updateStage } from '../../shared/doc/index.ts';
import type { Principal } from '../../shared/governance/write-policy.ts';
import type { ScrollLayout } from '../../shared/layout/index.ts';
import type { ResolvedBlueprint } from '../../shared/model/index.ts';
import { registerCanvasActions } from './canvas-actions.ts';
import { cardDropAt, clampStageWidth, reorderIndex } from './gestures.ts';
import { createLocks, type Locks } from './locks.ts';
import { FLOWS, entityOf, shapeIds, type FlowsProps } from './shape-types.ts';
import { AnnotationSync } from './bridge/annotation-sync.ts';
import { Disposables } from './bridge/disposables.ts';
import { EditQueue, type ModelEdit } from './bridge/edit-queue.ts';
import { FlowPicking, type FlowCanvas } from './bridge/flow-picking.ts';
import { ProjectedShapeGuards } from './bridge/projected-shape-guards.ts';
import { ProjectionSchedule } from './bridge/projection-schedule.ts';
import { FAR_ZOOM, Projector, type ViewportSource } from './bridge/projector.ts';
import { OverviewPicking } from './bridge/overview-picking.ts';
import { CameraMotion } from './bridge/camera-motion.ts';
import { PictureDriver } from './bridge/picture-driver.ts';
import type { WireFontFace } from './picture/tile-protocol.ts';
import type { PictureStats } from './picture/scroll-picture.ts';

/**
 * The bridge between the Y.Doc (the model) and the tldraw editor (its picture), composed of small
 * managers in ./bridge/, one job each, each disposed with the bridge:
 * - Projector: model → canvas, the difference applied with `mergeRemoteChanges` (never synced,
 *   never in tldraw's history), a large scroll windowed around the view; ProjectionSchedule
 *   coalesces remote changes to one per frame;
 * - EditQueue: gestures → model edits with this person's origin, so a Y.UndoManager over that
 *   origin undoes exactly this person's edits; local edits project at once;
 * - ProjectedShapeGuards: what the user may do to projected shapes (delete → model edit);
 * - AnnotationSync: tldraw's own shapes, bindings and assets ↔ the `annotations` map, both ways
 *   (arrows between cards become flows);
 * - FlowPicking: picking a flow in the flows shape, and Delete on it; OverviewPicking: a click
 *   on a card's box in the overview (far out on a large scroll) selects the card.
 */
export interface CanvasBridge {
  /** The flow picked in the canvas (flows are drawn in one shape). */
  readonly selectedFlow: Atom<string | null>;
  /** Runs model edits as one transaction with this person's origin, then re-projects. */
  edit(fn: ModelEdit): void;
  /** The last layout drawn (for zoom-to-stage and drop targets). */
  layout(): ScrollLayout;
  /** The model as the canvas last drew it, resolved (cells, unplaced cards; kept between edits that move nothing). */
  view(): ResolvedBlueprint;
  /**
   * Puts these projected shapes into the canvas now, wherever the view is: a large scroll holds
   * only the cards near the view as shapes, so whoever selects a far-off card by id reveals it first.
   */
  reveal(shapeIds: readonly string[]): void;
  /** What this person may not change (the inspector is read-only there). */
  readonly locks: Locks;
  /** The persona the canvas is filtered to (the scroll picture dims the others as the cards do). */
  setPersonaFilter(personaId: string | null): void;
  /** Figures of the scroll picture (tiles drawn, how long each took, how much of the view is up to date); null before it is on the page. */
  pictureStats(): PictureStats | null;
  dispose(): void;
}

export interface BridgeOptions {
  readonly editor: Editor;
  readonly doc: Y.Doc;
  /** This person's local origin (one object per client; the undo manager tracks it). */
  readonly origin: object;
  readonly undo: Y.UndoManager;
  /** Reports an edit that could not be made (a concurrent delete, an invalid value). */
  readonly onError?: (message: string) => void;
  /** Who this person is to the write policy; absent: every role (docs/governance.md). */
  readonly principal?: Principal | undefined;
  /** The canvas's sans-serif faces, for the scroll picture's text (tldraw's bundled fonts). */
  readonly fontFaces?: readonly WireFontFace[];
}

/** Editor states in which the user moves or reshapes shapes (a projected one only through these). */
const ANNOTATION_DRAWING_STATES = ['select.translating', 'select.resizing', 'select.rotating', 'select.dragging_handle'];

export function connectCanvas({ editor, doc, origin, undo, onError, principal, fontFaces }: BridgeOptions): CanvasBridge {
  const store = editor.store;
  const bag = new Disposables();
  const locks = createLocks(doc, principal);
  bag.add({ dispose: () => locks.dispose() });
  const canEdit = () => !editor.getIsReadonly();
  const drawing = () => ANNOTATION_DRAWING_STATES.some((s) => editor.isIn(s));

  // Forward references: the flow pick is checked after every projection; edits re-project.
  let picking: FlowPicking | null = null;
  let annotations: AnnotationSync | null = null;
  // Whether the camera moves (CameraMotion below) and whether every card in view is a shape (the
  // projector): the picture is on screen unless both say the cards show the scroll.
  const moving = atom('camera moving', false);
  const windowFull = atom('window full', false);
  // The flow picked is read when the picture is drawn, by which time flow picking exists.
  const picture = bag.add(
    new PictureDriver({
      editor,
      locks,
      selectedFlow: () => picking?.selected.get() ?? null,
      fontFaces,
      onScreen: () => moving.get() || !windowFull.get(),
    }),
  );
  const container = editor.getContainer();
  bag.add(
    new CameraMotion({
      // Not while a shape is dragged: the camera follows the pointer at the edge, and the shape
      // being dragged must stay in sight.
      watch: (onChange) =>
        react('camera state', () => onChange(editor.getCameraState() === 'moving' && !editor.isIn('select.translating'))),
      onChange: (m) => {
        moving.set(m);
        container.classList.toggle('js-moving', m);
      },
    }),
  );
  bag.add({ dispose: () => container.classList.remove('js-moving') });
  const projector = bag.add(
    new Projector({
      store,
      doc,
      held: () =>
        editor.isIn('select.translating') || editor.isIn('select.resizing') ? new Set<string>(editor.getSelectedShapeIds()) : new Set(),
      keep: () => {
        const ids = new Set<string>(editor.getSelectedShapeIds());
        const editing = editor.getEditingShapeId();
        if (editing) ids.add(editing);
        return ids;
      },
      viewport: editorViewport(editor, () => moving.get()),
      onProjected: (p) => {
        picture.projected(p);
        picking?.keepIf((id) => p.view.flows.some((f) => f.id === id));
      },
      onWindowFull: (full) => windowFull.set(full),
      // An arrow bound to a card leaves the store with the card (tldraw drops the binding); it comes
      // back from the document when the card does.
      onWindowMoved: () => annotations?.pull(),
    }),
  );
  const queue = bag.add(new EditQueue({ doc, origin, undo, canEdit, afterEdit: projector.project, onError }));
  const edit = queue.edit;
  annotations = bag.add(
    new AnnotationSync({
      store,
      doc,
      origin,
      undo,
      canEdit,
      gestureActive: () => editor.inputs.getIsPointing() || editor.inputs.getIsDragging() || drawing(),
      editingShapeId: () => editor.getEditingShapeId(),
      afterWrite: projector.project,
    }),
  );
  bag.add(
    new ProjectionSchedule({
      doc,
      origin,
      run: (annotationsChanged) => {
        projector.project();
        if (annotationsChanged) annotations?.pull();
      },
    }),
  );
  bag.add(
    new ProjectedShapeGuards({
      store,
      gestureActive: drawing,
      canEdit,
      edit,
      mayDelete: (entity) =>
        !locks.refusal(entity.kind === 'card' ? { kind: 'card', id: entity.id } : { kind: 'root', root: `${entity.kind}s` }),
    }),
  );
  const flowCanvas = editorFlowCanvas(editor);
  picking = bag.add(new FlowPicking({ canvas: flowCanvas, edit, keys: window }));
  bag.add(
    new OverviewPicking({
      onBareCanvasClick: (handler) => onBareCanvasClickEnd(editor, handler),
      overviewOnly: () => projector.windowed && editor.getZoomLevel() < FAR_ZOOM,
      layout: () => projector.layout(),
      select: (cardId) => {
        const id = shapeIds.card(cardId);
        projector.reveal([id]);
        if (editor.getShape(id as TLShapeId)) editor.select(id as TLShapeId);
      },
    }),
  );
  const flows = picking;

  const layout = () => projector.layout();
  const center = (shape: TLShape) => {
    const b = editor.getShapePageBounds(shape);
    return b ? { x: b.midX, y: b.midY } : { x: shape.x, y: shape.y };
  };
  bag.add(
    registerCanvasActions(editor, {
      cardDropped(shape) {
        const cardId = entityOf(shape.id)?.id;
        const drop = cardId ? cardDropAt(layout(), center(shape), cardId) : null;
        if (!cardId || !drop) return queueMicrotask(projector.project);
        // Not into a lane this person may not put cards in: it snaps back.
        if (locks.refusal({ kind: 'card-move', id: cardId, laneId: drop.laneId })) return queueMicrotask(projector.project);
        edit((d, o) => moveCard(d, cardId, drop, o));
      },
      stageDropped(shape) {
        const id = entityOf(shape.id)?.id;
        if (!id) return;
        const index = reorderIndex(layout().stages, id, center(shape).x, 'x');
        edit((d, o) => moveStage(d, id, index, o));
      },
      laneDropped(shape) {
        const id = entityOf(shape.id)?.id;
        if (!id) return;
        const index = reorderIndex(layout().lanes, id, center(shape).y, 'y');
        edit((d, o) => moveLane(d, id, index, o));
      },
      stageResized(shape) {
        const id = entityOf(shape.id)?.id;
        if (!id) return;
        const width = clampStageWidth(shape.props.w);
        edit((d, o) => updateStage(d, id, { width }, o));
      },
      addCard(stageId, laneId) {
        if (locks.refusal({ kind: 'new-card', laneId })) return;
        let created = '';
        edit((d, o) => {
          created = addCard(d, { stageId, laneId, title: 'New card' }, o);
        });
        queueMicrotask(() => {
          if (!created) return;
          const shapeId = shapeIds.card(created) as TLShapeId;
          if (!editor.getShape(shapeId)) return;
          editor.select(shapeId);
          editor.setEditingShape(shapeId);
        });
      },
      selectFlow: flows.pick,
      selectedFlow: () => flows.selected.get(),
      canEdit,
      locks,
      attachPicture: (host) => picture.attach(host),
    }),
  );

  projector.project();
  annotations.pull();

  return {
    selectedFlow: flows.selected,
    edit,
    layout,
    view: () => projector.current().view,
    reveal: (ids) => projector.reveal(ids),
    locks,
    setPersonaFilter: (id) => picture.setPersonaFilter(id),
    pictureStats: () => picture.picture?.stats() ?? null,
    dispose: () => bag.dispose(),
  };
}

/**
 * A click on bare canvas, told when the pointer comes up in the same place: tldraw's select tool
 * clears the selection on that pointer up, so whoever selects in answer to a click does it after.
 */
function onBareCanvasClickEnd(editor: Editor, handler: (point: { x: number; y: number }) => void): () => void {
  let down: { x: number; y: number } | null = null;
  const onEvent = (info: { type: string; name: string; target?: string }) => {
    if (info.type !== 'pointer') return;
    if (info.name === 'pointer_down') {
      const p = editor.inputs.getCurrentPagePoint();
      down = info.target === 'canvas' && editor.isIn('select.pointing_canvas') ? { x: p.x, y: p.y } : null;
    } else if (info.name === 'pointer_up' && down) {
      const p = editor.inputs.getCurrentPagePoint();
      const still = Math.hypot(p.x - down.x, p.y - down.y) <= 4 / editor.getZoomLevel();
      const at = down;
      down = null;
      if (still) handler(at);
    }
  };
  editor.on('event', onEvent);
  return () => editor.off('event', onEvent);
}

/** The projector's view of the camera. */
function editorViewport(editor: Editor, moving: () => boolean): ViewportSource {
  return {
    bounds: () => {
      const b = editor.getViewportPageBounds();
      return { x: b.x, y: b.y, w: b.w, h: b.h };
    },
    zoom: () => editor.getZoomLevel(),
    moving,
    onChange: (handler) =>
      react('canvas window', () => {
        editor.getViewportPageBounds();
        moving();
        handler();
      }),
  };
}

/** Flow picking's view of the tldraw editor. */
function editorFlowCanvas(editor: Editor): FlowCanvas {
  return {
    // Editor events reach listeners after the state machine: a click on bare canvas with the
    // select tool has by then moved it from idle to pointing_canvas.
    onBareCanvasClick(handler) {
      const onEvent = (info: { type: string; name: string; target?: string }) => {
        if (info.type !== 'pointer' || info.name !== 'pointer_down' || info.target !== 'canvas') return;
        if (!editor.isIn('select.pointing_canvas')) return;
        const point = editor.inputs.getCurrentPagePoint();
        const hit = editor.getShapeAtPoint(point, { hitInside: true, margin: 0 });
        if (hit && !hit.isLocked) return;
        handler(point);
      };
      editor.on('event', onEvent);
      return () => editor.off('event', onEvent);
    },
    flows() {
      const shape = editor.getShape(shapeIds.flows() as TLShapeId);
      if (!shape || shape.type !== FLOWS) return null;
      return { lines: (shape.props as FlowsProps).lines, origin: shape };
    },
    tolerance: () => 6 / editor.getZoomLevel(),
    hasSelectedShapes: () => editor.getSelectedShapeIds().length > 0,
    onSelectionChange: (handler) => editor.store.listen(handler, { scope: 'session' }),
    selectNone: () => editor.selectNone(),
  };
}
