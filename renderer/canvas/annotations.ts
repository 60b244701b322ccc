import type { Annotation } from '../../shared/model/index.ts';
import { PAGE_ID } from './projection.ts';
import { PROJECTED_TYPES } from './shape-types.ts';

/**
 * Free-form annotations (notes, text, drawings, arrows, frames, images) are tldraw's own records,
 * stored one field per property in the document's `annotations` map (docs/architecture.md §2). This is the
 * pure half of their two-way sync: which records are annotations, and what to change in the store
 * to match the document.
 */
export const ANNOTATION_TYPE_NAMES: ReadonlySet<string> = new Set(['shape', 'binding', 'asset']);

/** The record that carries the tldraw schema the annotations were written with. */
export const SCHEMA_RECORD_ID = 'tldraw:schema';

export interface PlainRecord {
  readonly id: string;
  readonly typeName: string;
  readonly [key: string]: unknown;
}

export function isAnnotation(record: PlainRecord): boolean {
  if (!ANNOTATION_TYPE_NAMES.has(record.typeName)) return false;
  return !(record.typeName === 'shape' && PROJECTED_TYPES.has(record.type as string));
}

export interface AnnotationDiff {
  readonly put: PlainRecord[];
  readonly remove: string[];
}

/**
 * Store changes that make the store's annotations equal the document's. Records with local edits
 * not yet written (`pending`) are left alone. Shapes go before bindings and assets before shapes;
 * a shape whose parent is gone goes to the page; a binding whose ends are missing is left out (a
 * peer's arrow bound to a card that was just deleted).
 */
export function annotationDiff(
  inStore: ReadonlyMap<string, PlainRecord>,
  inDoc: readonly Annotation[],
  present: (shapeId: string) => boolean,
  pending: ReadonlySet<string> = new Set(),
): AnnotationDiff {
  const wanted = inDoc.filter((r) => isAnnotation(r as PlainRecord)) as PlainRecord[];
  const wantedIds = new Set(wanted.map((r) => r.id));
  const shapesComing = new Set(wanted.filter((r) => r.typeName === 'shape').map((r) => r.id));
  const exists = (id: string) => present(id) || shapesComing.has(id);
  const rank = (r: PlainRecord) => (r.typeName === 'asset' ? 0 : r.typeName === 'shape' ? 1 : 2);
  const put: PlainRecord[] = [];
  for (const record of [...wanted].sort((a, b) => rank(a) - rank(b))) {
    if (pending.has(record.id)) continue;
    let next = record;
    if (record.typeName === 'shape') {
      const parent = record.parentId as string | undefined;
      if (parent && parent !== PAGE_ID && !parent.startsWith('page:') && !exists(parent)) next = { ...record, parentId: PAGE_ID };
    }
    if (record.typeName === 'binding' && (!exists(record.fromId as string) || !exists(record.toId as string))) continue;
    const prev = inStore.get(record.id);
    if (!prev || !sameJson(prev, next)) put.push(next);
  }
  const remove: string[] = [];
  for (const id of inStore.keys()) if (!wantedIds.has(id) && !pending.has(id)) remove.push(id);
  return { put, remove };
}

export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** A store record as plain JSON for `putAnnotation` (undefined fields dropped). */
export function toAnnotation(record: PlainRecord): Annotation {
  return JSON.parse(JSON.stringify(record)) as Annotation;
}
