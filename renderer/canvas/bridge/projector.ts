import type * as Y from 'yjs';
import type { TLRecord, TLShapeId, TLStore } from 'tldraw';
import { readBlueprint } from '../../../shared/doc/index.ts';
import type { ScrollLayout } from '../../../shared/layout/index.ts';
import { diffProjection, projectBlueprint, type Projection, type ShapeRecord } from '../projection.ts';
import { PROJECTED_TYPES } from '../shape-types.ts';
import type { Disposable } from './disposables.ts';

export interface ProjectorOptions {
  readonly store: TLStore;
  readonly doc: Y.Doc;
  /** Shapes the local user is dragging or resizing now: a re-projection leaves their place alone. */
  readonly held?: () => ReadonlySet<string>;
  /** Told after every projection (the flow selection checks its flow still exists). */
  readonly onProjected?: (projection: Projection) => void;
}

/**
 * Model → canvas: reads the document, projects it and applies the difference to the store with
 * `mergeRemoteChanges`, so projected shapes are never synced and never enter tldraw's history.
 */
export class Projector implements Disposable {
  private last: Projection | null = null;
  private disposed = false;

  private readonly options: ProjectorOptions;

  constructor(options: ProjectorOptions) {
    this.options = options;
  }

  /** The projected shapes now in the store, by id. */
  projectedInStore(): Map<string, ShapeRecord> {
    const map = new Map<string, ShapeRecord>();
    for (const record of this.options.store.allRecords())
      if (record.typeName === 'shape' && PROJECTED_TYPES.has(record.type)) map.set(record.id, record as unknown as ShapeRecord);
    return map;
  }

  readonly project = (): void => {
    if (this.disposed) return;
    const projection = projectBlueprint(readBlueprint(this.options.doc));
    this.last = projection;
    this.apply(projection.shapes);
    this.options.onProjected?.(projection);
  };

  private apply(desired: readonly ShapeRecord[]): void {
    const { store, held } = this.options;
    const { put, remove } = diffProjection(this.projectedInStore(), desired, held?.() ?? new Set());
    if (!put.length && !remove.length) return;
    store.mergeRemoteChanges(() => {
      if (remove.length) store.remove(remove as TLShapeId[]);
      if (put.length) store.put(put as unknown as TLRecord[]);
    });
  }

  /** The last projection (made now if there was none yet). */
  projection(): Projection {
    return this.last ?? projectBlueprint(readBlueprint(this.options.doc));
  }

  /** The last layout drawn (for zoom-to-stage and drop targets). */
  layout(): ScrollLayout {
    return this.projection().layout;
  }

  dispose(): void {
    this.disposed = true;
  }
}
