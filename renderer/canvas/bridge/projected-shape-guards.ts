import type { TLShape, TLStore } from 'tldraw';
import { deleteCard, deleteLane, deleteStage } from '../../../shared/doc/index.ts';
import { PROJECTED_TYPES, entityOf } from '../shape-types.ts';
import { Disposables, type Disposable } from './disposables.ts';
import type { ModelEdit } from './edit-queue.ts';

export interface ProjectedShapeGuardsOptions {
  readonly store: TLStore;
  /** Whether a gesture that may move projected shapes (a drag, a resize) is under way. */
  readonly gestureActive: () => boolean;
  readonly canEdit: () => boolean;
  readonly edit: (fn: ModelEdit) => void;
  /** Whether this person's role or team may delete it (docs/governance.md); absent: yes. */
  readonly mayDelete?: (entity: { kind: 'card' | 'stage' | 'lane'; id: string }) => boolean;
}

/**
 * Projected shapes change only through gestures (whose end the shape utils turn into model edits).
 * Everything else the user does to them is turned into a model edit (delete) or refused: nudges,
 * style changes, reparenting, rotation; a duplicate or paste of one is not a model edit and goes.
 */
export class ProjectedShapeGuards implements Disposable {
  private readonly disposables = new Disposables();

  constructor(options: ProjectedShapeGuardsOptions) {
    const { store, gestureActive, canEdit, edit, mayDelete = () => true } = options;
    const effects = store.sideEffects;
    this.disposables.add(
      effects.registerBeforeChangeHandler('shape', (prev, next, source) => {
        if (source !== 'user' || !PROJECTED_TYPES.has(prev.type)) return next;
        if (gestureActive() && canEdit() && next.parentId === prev.parentId && next.rotation === prev.rotation) return next;
        return prev;
      }),
    );
    this.disposables.add(
      effects.registerBeforeDeleteHandler('shape', (shape: TLShape, source) => {
        if (source !== 'user' || !PROJECTED_TYPES.has(shape.type)) return;
        const entity = entityOf(shape.id);
        if (entity && canEdit() && mayDelete(entity)) {
          edit((d, o) => {
            if (entity.kind === 'card') deleteCard(d, entity.id, o);
            else if (entity.kind === 'stage') deleteStage(d, entity.id, {}, o);
            else deleteLane(d, entity.id, {}, o);
          });
        }
        return false;
      }),
    );
    this.disposables.add(
      effects.registerAfterCreateHandler('shape', (shape, source) => {
        if (source === 'user' && PROJECTED_TYPES.has(shape.type)) {
          queueMicrotask(() => store.mergeRemoteChanges(() => store.remove([shape.id])));
        }
      }),
    );
  }

  dispose(): void {
    this.disposables.dispose();
  }
}
