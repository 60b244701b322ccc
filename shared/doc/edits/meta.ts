import type * as Y from 'yjs';
import { metaSchema, newId, type BlueprintMeta, type BlueprintStatus } from '../../model/index.ts';
import { historyArray, metaMap, MIN_APP_VERSION, SCHEMA_VERSION } from '../keys.ts';
import { writeFields } from '../fields.ts';
import { EditError } from './entity.ts';

export type MetaPatch = Partial<Pick<BlueprintMeta, 'title' | 'owner' | 'description'>>;

/**
 * Makes an empty document a blueprint of the current schema. Only the peer that creates a
 * blueprint calls this; a joining peer waits for the sync instead.
 */
export function initBlueprint(doc: Y.Doc, fields: MetaPatch = {}, origin: unknown = null): void {
  doc.transact(() => {
    const meta = metaMap(doc);
    if (meta.has('schemaVersion')) throw new EditError('this document is already a blueprint');
    writeFields(meta, {
      id: newId('blueprint'),
      schemaVersion: SCHEMA_VERSION,
      minAppVersion: MIN_APP_VERSION,
      title: '',
      status: 'draft',
      owner: '',
      description: '',
      ...fields,
    });
  }, origin);
}

export function setMeta(doc: Y.Doc, patch: MetaPatch, origin: unknown = null): void {
  const parsed = metaSchema.pick({ title: true, owner: true, description: true }).partial().safeParse(patch);
  if (!parsed.success) throw new EditError(`invalid blueprint details: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  doc.transact(() => writeFields(metaMap(doc), parsed.data), origin);
}

export interface StatusChange {
  readonly by: string;
  readonly note?: string;
  /** A label for the approved version, e.g. "2026-Q4". */
  readonly version?: string;
  readonly at?: Date;
  /** Moving to in review: who is asked to review (kept in the blueprint and in the history entry). */
  readonly reviewers?: readonly string[];
}

/** Names as people typed them, trimmed, without blanks or repeats. */
export function cleanReviewers(names: readonly string[]): string[] {
  return [...new Set(names.map((n) => n.trim()).filter(Boolean))];
}

/** Changes the governance status and records who did it, when, in the history. */
export function setStatus(doc: Y.Doc, status: BlueprintStatus, change: StatusChange, origin: unknown = null): void {
  const parsed = metaSchema.shape.status.safeParse(status);
  if (!parsed.success) throw new EditError(`unknown status "${status}"`);
  doc.transact(() => {
    const meta = metaMap(doc);
    const from = meta.get('status') as BlueprintStatus | undefined;
    const reviewers = status === 'in-review' ? cleanReviewers(change.reviewers ?? []) : [];
    if (reviewers.length > 20 || reviewers.some((r) => r.length > 200))
      throw new EditError('at most 20 reviewers, each name at most 200 characters');
    if (from === status && !reviewers.length) return;
    meta.set('status', status);
    // Named reviewers stay with the review and the approval that follows it; back to draft, the review is over.
    if (reviewers.length) meta.set('reviewers', reviewers);
    else if (status === 'draft' || status === 'in-review') meta.delete('reviewers');
    historyArray(doc).push([
      {
        at: (change.at ?? new Date()).toISOString(),
        by: change.by,
        kind: status === 'approved' ? 'approval' : 'status',
        ...(from ? { from } : {}),
        to: status,
        ...(change.version ? { version: change.version } : {}),
        ...(change.note ? { note: change.note } : {}),
        ...(reviewers.length ? { reviewers } : {}),
      },
    ]);
  }, origin);
}
