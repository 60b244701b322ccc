import * as Y from 'yjs';
import { DOC_KEYS } from '../../shared/doc/index.ts';

/**
 * Per-person undo (docs/architecture.md §2): a Y.UndoManager over this client's local origin, covering the
 * model and the annotations alike, so one Ctrl/Cmd+Z undoes this person's last gesture — a moved
 * card, a drawn arrow, a typed title — and never someone else's edit.
 */
/** Changes closer together than this are one undo step (unless a gesture boundary says otherwise). */
export const UNDO_CAPTURE_MS = 400;

export function createUndoManager(doc: Y.Doc, origin: object): Y.UndoManager {
  const scope = [
    doc.getMap(DOC_KEYS.meta),
    doc.getMap(DOC_KEYS.personas),
    doc.getMap(DOC_KEYS.stages),
    doc.getMap(DOC_KEYS.lanes),
    doc.getMap(DOC_KEYS.cards),
    doc.getMap(DOC_KEYS.flows),
    doc.getMap(DOC_KEYS.annotations),
  ];
  return new Y.UndoManager(scope, { trackedOrigins: new Set([origin]), captureTimeout: UNDO_CAPTURE_MS });
}
