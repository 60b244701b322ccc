import type * as Y from 'yjs';
import { atom, type Atom, type Editor, type TLRecord, type TLShape, type TLShapeId } from 'tldraw';
import {
  addCard,
  addFlow,
  deleteAnnotation,
  deleteCard,
  deleteFlow,
  deleteLane,
  deleteStage,
  DOC_KEYS,
  moveCard,
  moveLane,
  moveStage,
  putAnnotation,
  readBlueprint,
  updateStage,
} from '../../shared/doc/index.ts';
import type { ScrollLayout } from '../../shared/layout/index.ts';
import { annotationDiff, isAnnotation, SCHEMA_RECORD_ID, toAnnotation, type PlainRecord } from './annotations.ts';
import { registerCanvasActions } from './canvas-actions.ts';
import { cardDropAt, clampStageWidth, flowAt, reorderIndex } from './gestures.ts';
import { diffProjection, projectBlueprint, type ShapeRecord } from './projection.ts';
import { CARD, FLOWS, PROJECTED_TYPES, entityOf, shapeIds, type FlowsProps } from './shape-types.ts';
import { UNDO_CAPTURE_MS } from './undo.ts';

/**
 * The bridge between the Y.Doc (the model) and the tldraw editor (its picture):
 * - model → canvas: after every change the projection is recomputed and its difference applied
 *   with `mergeRemoteChanges` (never synced, never in tldraw's history). Remote changes are
 *   coalesced to one projection per frame; local edits project at once.
 * - gestures on projected shapes → model edits through shared/doc with this person's origin,
 *   so a Y.UndoManager over that origin undoes exactly this person's edits;
 * - annotations: tldraw's own shapes, bindings and assets ↔ the `annotations` map, both ways.
 */
export interface CanvasBridge {
  /** The flow picked in the canvas (flows are drawn in one shape). */
  readonly selectedFlow: Atom<string | null>;
  /** Runs model edits as one transaction with this person's origin, then re-projects. */
  edit(fn: (doc: Y.Doc, origin: object) => void): void;
  /** The last layout drawn (for zoom-to-stage and drop targets). */
  layout(): ScrollLayout;
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
}

const ANNOTATION_DRAWING_STATES = ['select.translating', 'select.resizing', 'select.rotating', 'select.dragging_handle'];

export function connectCanvas({ editor, doc, origin, undo, onError }: BridgeOptions): CanvasBridge {
  const store = editor.store;
  const selectedFlow = atom<string | null>('selected flow', null);
  let lastLayout: ScrollLayout | null = null;
  let disposed = false;

  // ── model → canvas ────────────────────────────────────────────────────────────────────────
  const projectedInStore = () => {
    const map = new Map<string, ShapeRecord>();
    for (const shape of editor.getCurrentPageShapes())
      if (PROJECTED_TYPES.has(shape.type)) map.set(shape.id, shape as unknown as ShapeRecord);
    return map;
  };

  function project(): void {
    if (disposed) return;
    const projection = projectBlueprint(readBlueprint(doc));
    lastLayout = projection.layout;
    const held =
      editor.isIn('select.translating') || editor.isIn('select.resizing')
        ? new Set<string>(editor.getSelectedShapeIds())
        : new Set<string>();
    const { put, remove } = diffProjection(projectedInStore(), projection.shapes, held);
    if (put.length || remove.length) {
      store.mergeRemoteChanges(() => {
        if (remove.length) store.remove(remove as TLShapeId[]);
        if (put.length) store.put(put as unknown as TLRecord[]);
      });
    }
    const flow = selectedFlow.get();
    if (flow && !projection.view.flows.some((f) => f.id === flow)) selectedFlow.set(null);
  }

  function syncAnnotations(): void {
    if (disposed) return;
    const inDoc = readBlueprint(doc).annotations;
    const inStore = new Map<string, PlainRecord>();
    for (const record of store.allRecords())
      if (isAnnotation(record as unknown as PlainRecord)) inStore.set(record.id, record as unknown as PlainRecord);
    const schemaRecord = inDoc.find((r) => r.id === SCHEMA_RECORD_ID) as { schema?: unknown } | undefined;
    const { put, remove } = annotationDiff(inStore, inDoc, (id) => store.has(id as TLShapeId), pendingAnnotations);
    const valid: TLRecord[] = [];
    for (const raw of put) {
      try {
        let record = raw as unknown as TLRecord;
        if (schemaRecord?.schema) {
          const migrated = store.schema.migratePersistedRecord(record, schemaRecord.schema as never);
          if (migrated.type === 'error') continue;
          record = migrated.value as TLRecord;
        }
        const prev = store.get(record.id);
        valid.push(store.schema.validateRecord(store, record, prev ? 'updateRecord' : 'createRecord', prev ?? null));
      } catch {
        // A record this tldraw cannot read (a newer version, a broken peer): leave it in the document.
      }
    }
    if (valid.length || remove.length) {
      store.mergeRemoteChanges(() => {
        if (remove.length) store.remove(remove as TLRecord['id'][]);
        if (valid.length) store.put(valid);
      });
    }
  }

  // Remote changes (and undo/redo, whose origin is the undo manager) re-project once per frame.
  let frame: { raf: number; timer: ReturnType<typeof setTimeout> } | null = null;
  let annotationsDirty = false;
  const runScheduled = () => {
    if (!frame) return;
    cancelAnimationFrame(frame.raf);
    clearTimeout(frame.timer);
    frame = null;
    project();
    if (annotationsDirty) {
      annotationsDirty = false;
      syncAnnotations();
    }
  };
  const schedule = () => {
    if (frame) return;
    // rAF pauses in a hidden tab; the timer keeps a background tab current.
    frame = { raf: requestAnimationFrame(runScheduled), timer: setTimeout(runScheduled, 120) };
  };
  const annotationsMap = doc.getMap(DOC_KEYS.annotations);
  const onTransaction = (tr: Y.Transaction) => {
    if (tr.origin === origin && tr.local) return; // our own edits project synchronously in `edit`
    // Reading every annotation costs tens of milliseconds on a large blueprint: only when one changed.
    if (tr.changed.has(annotationsMap as never) || tr.changedParentTypes.has(annotationsMap as never)) annotationsDirty = true;
    schedule();
  };
  doc.on('afterTransaction', onTransaction);

  // ── gestures → model edits ──────────────────────────────────────────────────────────────
  let queue: Array<(doc: Y.Doc, origin: object) => void> = [];
  const flushEdits = () => {
    const fns = queue;
    queue = [];
    if (fns.length === 0 || disposed) return;
    undo.captureTimeout = UNDO_CAPTURE_MS;
    undo.stopCapturing();
    try {
      doc.transact(() => {
        for (const fn of fns) fn(doc, origin);
      }, origin);
    } catch (error) {
      onError?.(error instanceof Error ? error.message : String(error));
    }
    project();
  };
  const edit = (fn: (doc: Y.Doc, origin: object) => void) => {
    if (!canEdit()) {
      project();
      return;
    }
    if (queue.length === 0) queueMicrotask(flushEdits);
    queue.push(fn);
  };
  const canEdit = () => !editor.getIsReadonly();
  const layout = () => lastLayout ?? projectBlueprint(readBlueprint(doc)).layout;
  const center = (shape: TLShape) => {
    const b = editor.getShapePageBounds(shape);
    return b ? { x: b.midX, y: b.midY } : { x: shape.x, y: shape.y };
  };

  const unregister = registerCanvasActions(editor, {
    cardDropped(shape) {
      const cardId = entityOf(shape.id)?.id;
      const drop = cardId ? cardDropAt(layout(), center(shape), cardId) : null;
      if (!cardId || !drop) return queueMicrotask(project);
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
      let created = '';
      edit((d, o) => {
        created = addCard(d, { stageId, laneId, title: 'New card' }, o);
      });
      queueMicrotask(() => {
        if (!created) return;
        const shapeId = `shape:c:${created}` as TLShapeId;
        if (!editor.getShape(shapeId)) return;
        editor.select(shapeId);
        editor.setEditingShape(shapeId);
      });
    },
    selectFlow(flowId) {
      selectedFlow.set(flowId);
      editor.selectNone();
    },
    selectedFlow: () => selectedFlow.get(),
    canEdit,
  });

  // Selecting a shape clears the flow selection.
  const stopSelectionWatch = store.listen(
    () => {
      if (selectedFlow.get() && editor.getSelectedShapeIds().length > 0) selectedFlow.set(null);
    },
    { scope: 'session' },
  );

  const cleanups: Array<() => void> = [];
  // Projected shapes change only through gestures; everything else the user does to them is
  // turned into a model edit (delete) or refused (nudges, style changes, reparenting).
  cleanups.push(
    editor.sideEffects.registerBeforeChangeHandler('shape', (prev, next, source) => {
      if (source !== 'user' || !PROJECTED_TYPES.has(prev.type)) return next;
      const moving = ANNOTATION_DRAWING_STATES.some((s) => editor.isIn(s));
      if (moving && canEdit() && next.parentId === prev.parentId && next.rotation === prev.rotation) return next;
      return prev;
    }),
  );
  cleanups.push(
    editor.sideEffects.registerBeforeDeleteHandler('shape', (shape, source) => {
      if (source !== 'user' || !PROJECTED_TYPES.has(shape.type)) return;
      const entity = entityOf(shape.id);
      if (entity && canEdit()) {
        edit((d, o) => {
          if (entity.kind === 'card') deleteCard(d, entity.id, o);
          else if (entity.kind === 'stage') deleteStage(d, entity.id, {}, o);
          else deleteLane(d, entity.id, {}, o);
        });
      }
      return false;
    }),
  );
  cleanups.push(
    editor.sideEffects.registerAfterCreateHandler('shape', (shape, source) => {
      // A duplicate or paste of a projected shape is not a model edit: drop it.
      if (source === 'user' && PROJECTED_TYPES.has(shape.type)) {
        queueMicrotask(() => store.mergeRemoteChanges(() => store.remove([shape.id])));
      }
    }),
  );

  // ── annotations: canvas → document ─────────────────────────────────────────────────────────
  const pendingAnnotations = new Set<string>();
  let flushTimer: ReturnType<typeof setTimeout> | null = null;
  let schemaWritten = false;
  /** The annotation whose text is being typed, while its writes join one undo step. */
  let textSession: string | null = null;
  const stopAnnotationListener = store.listen(
    (entry) => {
      const touched = [
        ...Object.values(entry.changes.added),
        ...Object.values(entry.changes.updated).map(([, to]) => to),
        ...Object.values(entry.changes.removed),
      ];
      for (const record of touched) if (isAnnotation(record as unknown as PlainRecord)) pendingAnnotations.add(record.id);
      if (pendingAnnotations.size && !flushTimer) flushTimer = setTimeout(flushAnnotations, 0);
    },
    { source: 'user', scope: 'document' },
  );

  function flushAnnotations(): void {
    flushTimer = null;
    if (disposed || pendingAnnotations.size === 0) return;
    // Write a gesture when it ends: one stroke, one drag = one transaction = one undo step.
    if (editor.inputs.getIsPointing() || editor.inputs.getIsDragging() || ANNOTATION_DRAWING_STATES.some((s) => editor.isIn(s))) {
      flushTimer = setTimeout(flushAnnotations, 50);
      return;
    }
    const ids = [...pendingAnnotations];
    pendingAnnotations.clear();
    if (!canEdit()) return;
    const toFlows = arrowsBetweenCards(ids);
    const dropped = new Set<string>();
    for (const arrow of toFlows) {
      dropped.add(arrow.arrowId);
      for (const b of arrow.bindingIds) dropped.add(b);
    }
    // Typing into a note or text shape joins the step that put the shape there, however long the
    // typing pauses: one Ctrl/Cmd+Z takes away a note just written, as in tldraw itself, instead
    // of one keystroke at a time. Any other write starts a step of its own.
    const editing = editor.getEditingShapeId();
    const typing = editing !== null && ids.includes(editing);
    // tldraw tidies the shape as its editor closes: that write belongs to the typing too.
    const closing = textSession !== null && editing !== textSession && ids.every((id) => id === textSession);
    if ((typing && textSession === editing) || closing) undo.captureTimeout = Number.POSITIVE_INFINITY;
    else {
      undo.captureTimeout = UNDO_CAPTURE_MS;
      undo.stopCapturing();
    }
    // A shape put down now may be typed into next (tldraw opens a new note's editor at once).
    const created = ids.find((id) => !annotationsMap.has(id) && store.get(id as TLRecord['id'])?.typeName === 'shape');
    textSession = typing ? editing : (created ?? null);
    doc.transact(() => {
      if (!schemaWritten) {
        putAnnotation(
          doc,
          { id: SCHEMA_RECORD_ID, typeName: 'tldraw-schema', schema: JSON.parse(JSON.stringify(store.schema.serialize())) },
          origin,
        );
        schemaWritten = true;
      }
      for (const arrow of toFlows) {
        if (arrow.from !== arrow.to) addFlow(doc, { from: arrow.from, to: arrow.to }, origin);
      }
      for (const id of ids) {
        const record = store.get(id as TLRecord['id']);
        if (!record || dropped.has(id)) deleteAnnotation(doc, id, origin);
        else putAnnotation(doc, toAnnotation(record as unknown as PlainRecord), origin);
      }
    }, origin);
    if (dropped.size) store.mergeRemoteChanges(() => store.remove([...dropped] as TLRecord['id'][]));
    project();
  }

  /** Arrows drawn from one card to another: they become flows (the arrow itself is not kept). */
  function arrowsBetweenCards(ids: readonly string[]) {
    const out: Array<{ arrowId: string; bindingIds: string[]; from: string; to: string }> = [];
    for (const id of ids) {
      const shape = editor.getShape(id as TLShapeId);
      if (!shape || shape.type !== 'arrow') continue;
      const bindings = editor.getBindingsFromShape(shape, 'arrow');
      const end = (terminal: string) => bindings.find((b) => (b.props as { terminal?: string }).terminal === terminal);
      const start = end('start');
      const finish = end('end');
      if (!start || !finish) continue;
      const a = editor.getShape(start.toId);
      const b = editor.getShape(finish.toId);
      if (a?.type !== CARD || b?.type !== CARD) continue;
      out.push({ arrowId: shape.id, bindingIds: bindings.map((x) => x.id), from: entityOf(a.id)!.id, to: entityOf(b.id)!.id });
    }
    return out;
  }

  // A click on the canvas (nothing selectable under it) picks the flow drawn there, if any.
  // Editor events reach listeners after the state machine: a click on bare canvas with the select
  // tool has by then moved it from idle to pointing_canvas.
  const onEditorEvent = (info: { type: string; name: string; target?: string }) => {
    if (info.type !== 'pointer' || info.name !== 'pointer_down' || info.target !== 'canvas' || !editor.isIn('select.pointing_canvas'))
      return;
    const point = editor.inputs.getCurrentPagePoint();
    const hit = editor.getShapeAtPoint(point, { hitInside: true, margin: 0 });
    if (hit && !hit.isLocked) return;
    const flows = editor.getShape(shapeIds.flows() as TLShapeId);
    if (!flows || flows.type !== FLOWS) return void (selectedFlow.get() && selectedFlow.set(null));
    const id = flowAt((flows.props as FlowsProps).lines, flows, point, 6 / editor.getZoomLevel());
    if (id !== selectedFlow.get()) selectedFlow.set(id);
  };
  editor.on('event', onEditorEvent);

  // Delete / Backspace on a picked flow removes it (tldraw's own delete handles selected shapes).
  const onKey = (e: KeyboardEvent) => {
    const flow = selectedFlow.get();
    if (!flow || (e.key !== 'Delete' && e.key !== 'Backspace')) return;
    const target = e.target as HTMLElement | null;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    e.preventDefault();
    selectedFlow.set(null);
    edit((d, o) => deleteFlow(d, flow, o));
  };
  window.addEventListener('keydown', onKey);

  project();
  syncAnnotations();

  return {
    selectedFlow,
    edit,
    layout,
    dispose() {
      disposed = true;
      doc.off('afterTransaction', onTransaction);
      window.removeEventListener('keydown', onKey);
      editor.off('event', onEditorEvent);
      if (frame) {
        cancelAnimationFrame(frame.raf);
        clearTimeout(frame.timer);
      }
      if (flushTimer) clearTimeout(flushTimer);
      stopAnnotationListener();
      stopSelectionWatch();
      for (const c of cleanups) c();
      unregister();
    },
  };
}
