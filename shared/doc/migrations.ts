import * as Y from 'yjs';
import { compareVersions, APP_VERSION } from '../version.ts';
import { collection, metaMap, MIN_APP_VERSION, SCHEMA_VERSION } from './keys.ts';
import { newEntityMap, readFields } from './fields.ts';

/**
 * Schema migrations: pure, deterministic functions from one schema version to the next, run in one
 * transaction. Deterministic matters: two peers migrating the same document concurrently write the
 * same values, so their writes converge to one result.
 */
export interface Migration {
  readonly from: number;
  readonly to: number;
  readonly description: string;
  /** Mutates the document; runs inside a transaction. */
  readonly migrate: (doc: Y.Doc) => void;
}

/**
 * v1 → v2: personas move from a map nested in `meta` to the top-level `personas` map.
 * Why: a nested container under a shared key is created lazily by whichever peer adds the first
 * persona; two peers doing so concurrently each create their own Y.Map and one of them — with its
 * personas — is discarded (shown by migrations.test.ts). Top-level types cannot be lost that way.
 */
export const personasToTopLevel: Migration = {
  from: 1,
  to: 2,
  description: 'move personas from meta.personas to the top-level personas map',
  migrate(doc) {
    movePersonasOutOfMeta(doc);
  },
};

/** Shared with repair: a v1 peer may still write `meta.personas` after the migration ran. */
export function movePersonasOutOfMeta(doc: Y.Doc): number {
  const meta = metaMap(doc);
  const nested = meta.get('personas');
  if (nested === undefined) return 0;
  let moved = 0;
  if (nested instanceof Y.Map) {
    const personas = collection(doc, 'personas');
    // Sorted so concurrent migrations insert in the same order.
    for (const id of [...nested.keys()].sort()) {
      const value = nested.get(id);
      if (personas.has(id)) continue;
      const fields =
        value instanceof Y.Map ? readFields(value) : typeof value === 'object' && value ? (value as Record<string, unknown>) : null;
      if (!fields) continue;
      personas.set(id, newEntityMap(fields));
      moved++;
    }
  }
  meta.delete('personas');
  return moved + 1;
}

export const MIGRATIONS: readonly Migration[] = [personasToTopLevel];

export type MigrationOutcome =
  | { readonly status: 'current' | 'uninitialized' }
  | { readonly status: 'migrated'; readonly from: number; readonly to: number; readonly applied: readonly string[] }
  | { readonly status: 'too-new'; readonly version: number };

/** Brings a document up to `SCHEMA_VERSION`. Never touches a document from a newer schema. */
export function migrateDoc(
  doc: Y.Doc,
  origin: unknown = null,
  migrations: readonly Migration[] = MIGRATIONS,
  target = SCHEMA_VERSION,
): MigrationOutcome {
  const meta = metaMap(doc);
  const version = meta.get('schemaVersion');
  if (typeof version !== 'number') return { status: 'uninitialized' };
  if (version > target) return { status: 'too-new', version };
  if (version === target) return { status: 'current' };
  const applied: string[] = [];
  doc.transact(() => {
    let at = version;
    while (at < target) {
      const step = migrations.find((m) => m.from === at);
      if (!step) throw new Error(`no migration from schema version ${at}`);
      step.migrate(doc);
      applied.push(step.description);
      at = step.to;
    }
    meta.set('schemaVersion', target);
    if (compareVersions(String(meta.get('minAppVersion') ?? '0.0.0'), MIN_APP_VERSION) < 0) meta.set('minAppVersion', MIN_APP_VERSION);
  }, origin);
  return { status: 'migrated', from: version, to: target, applied };
}

export type DocAccess = { readonly writable: true } | { readonly writable: false; readonly reason: string };

/**
 * Whether this app may edit the document. A document from a newer schema, or one that asks for a
 * newer app, opens read-only with a reason the UI shows as is.
 */
export function docAccess(doc: Y.Doc, appVersion = APP_VERSION): DocAccess {
  const meta = metaMap(doc);
  const version = meta.get('schemaVersion');
  if (typeof version === 'number' && version > SCHEMA_VERSION) {
    return {
      writable: false,
      reason: `This blueprint uses document schema ${version}; this JourneyScroll (${appVersion}) understands up to ${SCHEMA_VERSION}. Update JourneyScroll to edit it.`,
    };
  }
  const minApp = meta.get('minAppVersion');
  if (typeof minApp === 'string' && compareVersions(minApp, appVersion) > 0) {
    return {
      writable: false,
      reason: `This blueprint needs JourneyScroll ${minApp} or newer to be edited; this is ${appVersion}. Update JourneyScroll to edit it.`,
    };
  }
  return { writable: true };
}
