import type * as Y from 'yjs';
import type { TLRecord, TLShapeId, TLStore } from 'tldraw';
import { addFlow, deleteAnnotation, DOC_KEYS, putAnnotation } from '../../../shared/doc/index.ts';
import { currentBlueprint } from '../current-blueprint.ts';
import { UNDO_CAPTURE_MS } from '../undo.ts';
import { annotationDiff, isAnnotation, SCHEMA_RECORD_ID, toAnnotation, type PlainRecord } from '../annotations.ts';
import { arrowsBetweenCards } from './arrow-flows.ts';
import type { Disposable } from './disposables.ts';

export interface AnnotationSyncOptions {
  readonly store: TLStore;
  readonly doc: Y.Doc;
  readonly origin: object;
  readonly undo: Y.UndoManager;
  readonly canEdit: () => boolean;
  /** Whether a pointer gesture is under way (a stroke, a drag): it is written when it ends. */
  readonly gestureActive: () => boolean;
  /** The shape whose text is being typed, if any. */
  readonly editingShapeId: () => string | null;
  /** Runs after annotations were written (arrows may have become flows: re-project). */
  readonly afterWrite: () => void;
  /** How long to wait before looking again while a gesture goes on (ms). */
  readonly retryMs?: number;
}

/**
 * Annotations — tldraw's own shapes, bindings and assets — both ways with the document's
 * `annotations` map: the store's user changes are written as this person's edits (one gesture, one
 * transaction, one undo step; an arrow between two cards becomes a flow), and the document's
 * records (a peer's, an undo's) are migrated, validated and put into the store as remote changes.
 */
export class AnnotationSync implements Disposable {
  private readonly pending = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private schemaWritten = false;
  /** The annotation whose text is being typed, while its writes join one undo step. */
  private textSession: string | null = null;
  private disposed = false;
  private readonly stopListening: () => void;
  private readonly annotations: Y.Map<unknown>;

  private readonly options: AnnotationSyncOptions;

  constructor(options: AnnotationSyncOptions) {
    this.options = options;
    this.annotations = options.doc.getMap(DOC_KEYS.annotations);
    this.stopListening = options.store.listen(
      (entry) => {
        const touched = [
          ...Object.values(entry.changes.added),
          ...Object.values(entry.changes.updated).map(([, to]) => to),
          ...Object.values(entry.changes.removed),
        ];
        for (const record of touched) if (isAnnotation(record as unknown as PlainRecord)) this.pending.add(record.id);
        if (this.pending.size && !this.timer) this.timer = setTimeout(this.flush, 0);
      },
      { source: 'user', scope: 'document' },
    );
  }

  /** Document → store: makes the store's annotations equal the document's. */
  readonly pull = (): void => {
    if (this.disposed) return;
    const { store, doc } = this.options;
    const inDoc = currentBlueprint(doc).annotations;
    const inStore = new Map<string, PlainRecord>();
    for (const record of store.allRecords())
      if (isAnnotation(record as unknown as PlainRecord)) inStore.set(record.id, record as unknown as PlainRecord);
    const schemaRecord = inDoc.find((r) => r.id === SCHEMA_RECORD_ID) as { schema?: unknown } | undefined;
    const { put, remove } = annotationDiff(inStore, inDoc, (id) => store.has(id as TLShapeId), this.pending);
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
  };

  /** Store → document: writes the pending annotation changes (after the gesture ends). */
  readonly flush = (): void => {
    this.timer = null;
    if (this.disposed || this.pending.size === 0) return;
    const { store, doc, origin, undo, canEdit, gestureActive, editingShapeId, afterWrite } = this.options;
    // Write a gesture when it ends: one stroke, one drag = one transaction = one undo step.
    if (gestureActive()) {
      this.timer = setTimeout(this.flush, this.options.retryMs ?? 50);
      return;
    }
    const ids = [...this.pending];
    this.pending.clear();
    if (!canEdit()) return;
    const toFlows = arrowsBetweenCards(store, ids);
    const dropped = new Set<string>();
    for (const arrow of toFlows) {
      dropped.add(arrow.arrowId);
      for (const b of arrow.bindingIds) dropped.add(b);
    }
    // Typing into a note or text shape joins the step that put the shape there, however long the
    // typing pauses: one Ctrl/Cmd+Z takes away a note just written, as in tldraw itself, instead
    // of one keystroke at a time. Any other write starts a step of its own.
    const editing = editingShapeId();
    const typing = editing !== null && ids.includes(editing);
    // tldraw tidies the shape as its editor closes: that write belongs to the typing too.
    const closing = this.textSession !== null && editing !== this.textSession && ids.every((id) => id === this.textSession);
    if ((typing && this.textSession === editing) || closing) undo.captureTimeout = Number.POSITIVE_INFINITY;
    else {
      undo.captureTimeout = UNDO_CAPTURE_MS;
      undo.stopCapturing();
    }
    // A shape put down now may be typed into next (tldraw opens a new note's editor at once).
    const created = ids.find((id) => !this.annotations.has(id) && store.get(id as TLRecord['id'])?.typeName === 'shape');
    this.textSession = typing ? editing : (created ?? null);
    doc.transact(() => {
      if (!this.schemaWritten) {
        putAnnotation(
          doc,
          { id: SCHEMA_RECORD_ID, typeName: 'tldraw-schema', schema: JSON.parse(JSON.stringify(store.schema.serialize())) },
          origin,
        );
        this.schemaWritten = true;
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
    afterWrite();
  };

  dispose(): void {
    this.disposed = true;
    this.stopListening();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
