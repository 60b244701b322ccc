import * as Y from 'yjs';
import type { z } from 'zod';
import type { ENTITY_SCHEMAS } from '../model/index.ts';
import {
  BLUEPRINT_FORMAT,
  ENTITY_COLLECTIONS,
  ENTITY_VALIDATORS,
  historyEntrySchema,
  metaSchema,
  type Blueprint,
  type BlueprintMeta,
  type EntityCollection,
  type HistoryEntry,
} from '../model/index.ts';
import { collection, historyArray, metaMap, MIN_APP_VERSION, SCHEMA_VERSION } from './keys.ts';
import { readCollection } from './read-collection.ts';

/** Something in the document that could not be read as the model; the document is left as is. */
export interface ReadProblem {
  readonly where: string;
  readonly message: string;
}

export interface ReadResult {
  readonly blueprint: Blueprint;
  readonly problems: readonly ReadProblem[];
}

const META_DEFAULTS: BlueprintMeta = {
  schemaVersion: SCHEMA_VERSION,
  minAppVersion: MIN_APP_VERSION,
  title: '',
  status: 'draft',
  owner: '',
  description: '',
};

function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(entity)'}: ${i.message}`).join('; ');
}

/**
 * Reads the model out of a Y.Doc. Never throws on what peers wrote: an entity that does not
 * validate is left out of the result and reported, and stays in the document untouched (a newer or
 * repaired client may still read it). Meta fields that are missing or invalid fall back to defaults.
 */
export function readBlueprintReport(doc: Y.Doc): ReadResult {
  const problems: ReadProblem[] = [];

  const rawMeta = metaMap(doc);
  const meta = { ...META_DEFAULTS };
  for (const key of Object.keys(META_DEFAULTS) as Array<keyof BlueprintMeta>) {
    if (!rawMeta.has(key)) continue;
    const parsed = metaSchema.shape[key].safeParse(rawMeta.get(key));
    if (parsed.success) (meta as Record<string, unknown>)[key] = parsed.data;
    else problems.push({ where: `meta.${key}`, message: describeIssues(parsed.error) });
  }
  const id = metaSchema.shape.id.safeParse(rawMeta.get('id'));
  if (id.success && id.data !== undefined) meta.id = id.data;
  const reviewers = metaSchema.shape.reviewers.safeParse(rawMeta.get('reviewers'));
  if (reviewers.success && reviewers.data?.length) meta.reviewers = reviewers.data;

  const entities = {} as { [K in EntityCollection]: Array<z.infer<(typeof ENTITY_SCHEMAS)[K]>> };
  for (const name of ENTITY_COLLECTIONS) {
    const validate = ENTITY_VALIDATORS[name];
    const read = readCollection(doc, name, collection(doc, name) as unknown as Y.Map<unknown>, (fields) => {
      const parsed = validate(fields);
      return parsed.success ? { ok: true, value: Object.freeze(parsed.data) } : { ok: false, message: describeIssues(parsed.error) };
    });
    // A copy: a read's arrays are the caller's (the next read patches its own).
    (entities as Record<string, unknown[]>)[name] = read.values.slice();
    problems.push(...read.problems);
  }

  const history: HistoryEntry[] = [];
  historyArray(doc).forEach((entry, index) => {
    const parsed = historyEntrySchema.safeParse(entry instanceof Y.AbstractType ? entry.toJSON() : entry);
    if (parsed.success) history.push(parsed.data);
    else problems.push({ where: `history[${index}]`, message: describeIssues(parsed.error) });
  });

  return { blueprint: { format: BLUEPRINT_FORMAT, meta, ...entities, history }, problems };
}

/** The validated model of a document (see `readBlueprintReport` for what was left out). */
export function readBlueprint(doc: Y.Doc): Blueprint {
  return readBlueprintReport(doc).blueprint;
}
