import type * as Y from 'yjs';

/**
 * The Y.Doc layout (docs/document-layout.md is the precise, public description).
 * Every entity collection is a top-level Y.Map<id, Y.Map>, one key per field, so concurrent edits
 * of different fields of one entity both survive. Top-level types are never created under a shared
 * key, because two peers creating the same nested container concurrently lose one of them.
 */
export const DOC_KEYS = {
  meta: 'meta',
  personas: 'personas',
  stages: 'stages',
  lanes: 'lanes',
  cards: 'cards',
  flows: 'flows',
  annotations: 'annotations',
  history: 'history',
  /** Review comments (shared/comments): part of the document, never of the blueprint model or its exports. */
  comments: 'comments',
  versions: 'versions',
} as const;

/** Named and approved versions (shared/governance/versions.ts): version id → its fields and content. */
export const VERSIONS_KEY = DOC_KEYS.versions;

/** The schema version this code writes. Older documents are migrated (migrations.ts). */
export const SCHEMA_VERSION = 2;

/** Documents written by this code need at least this app version to be edited. */
export const MIN_APP_VERSION = '0.1.0';

/** A Y.Map holding one entity, field by field. */
export type EntityMap = Y.Map<unknown>;
export type EntityCollectionMap = Y.Map<EntityMap>;

export const metaMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(DOC_KEYS.meta);
export const historyArray = (doc: Y.Doc): Y.Array<unknown> => doc.getArray(DOC_KEYS.history);
export const collection = (doc: Y.Doc, key: 'personas' | 'stages' | 'lanes' | 'cards' | 'flows' | 'annotations'): EntityCollectionMap =>
  doc.getMap(DOC_KEYS[key]);
