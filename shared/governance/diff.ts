import { canonicalBlueprint } from '../model/canonical.ts';
import type { Blueprint, BlueprintMeta } from '../model/schema.ts';

/**
 * What changed between two blueprints: stages, lanes, cards, flows, personas and canvas notes
 * added, removed, moved (only their place changed) and changed, each with its fields' before →
 * after; and the blueprint's own details. Pure and exact: `applyDiff(a, diffBlueprints(a, b))`
 * is `b` (the governance history log and anything outside the diffed collections excepted), which
 * is what restoring a version does to a working copy.
 */
export const DIFFED_COLLECTIONS = ['stages', 'lanes', 'cards', 'flows', 'personas', 'annotations'] as const;
export type DiffedCollection = (typeof DIFFED_COLLECTIONS)[number];

/** The meta fields a diff compares (the schema markers are the migration's business). */
const META_FIELDS = ['title', 'status', 'owner', 'description'] as const;

/** Fields that only say where an entity sits: a change of these alone is a move. */
const PLACEMENT_FIELDS: Readonly<Record<DiffedCollection, readonly string[]>> = {
  stages: ['order'],
  lanes: ['order'],
  cards: ['stageId', 'laneId', 'order'],
  flows: [],
  personas: [],
  annotations: ['x', 'y', 'index', 'parentId'],
};

/** One field's change. A missing `before` / `after` key means the field was absent. */
export interface FieldChange {
  readonly field: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

export type EntityChangeKind = 'added' | 'removed' | 'changed' | 'moved';
type Entity = { readonly id: string } & Readonly<Record<string, unknown>>;

export interface EntityChange {
  readonly collection: DiffedCollection;
  readonly id: string;
  readonly change: EntityChangeKind;
  /** A name for people: the card's title, the stage's or lane's name, the flow's label. */
  readonly label: string;
  /** For changed and moved entities: every field that differs. */
  readonly fields: readonly FieldChange[];
  /** The entity before (removed, changed, moved) and after (added, changed, moved). */
  readonly before?: Entity;
  readonly after?: Entity;
}

export interface BlueprintDiff {
  readonly meta: readonly FieldChange[];
  /** Sorted by collection (stages, lanes, cards, flows, personas, annotations), then id. */
  readonly entities: readonly EntityChange[];
  readonly counts: Readonly<Record<EntityChangeKind, number>>;
}

export function diffBlueprints(a: Blueprint, b: Blueprint): BlueprintDiff {
  const meta = diffFields(a.meta as Readonly<Record<string, unknown>>, b.meta as Readonly<Record<string, unknown>>, META_FIELDS);
  const entities: EntityChange[] = [];
  for (const collection of DIFFED_COLLECTIONS) {
    const before = byId(a[collection] as readonly Entity[]);
    const after = byId(b[collection] as readonly Entity[]);
    const ids = [...new Set([...before.keys(), ...after.keys()])].sort();
    for (const id of ids) {
      const was = before.get(id);
      const is = after.get(id);
      if (!was) entities.push({ collection, id, change: 'added', label: labelOf(collection, is!), fields: [], after: is! });
      else if (!is) entities.push({ collection, id, change: 'removed', label: labelOf(collection, was), fields: [], before: was });
      else {
        const fields = diffFields(was, is);
        if (fields.length === 0) continue;
        const placement = PLACEMENT_FIELDS[collection];
        const change = fields.every((f) => placement.includes(f.field)) ? 'moved' : 'changed';
        entities.push({ collection, id, change, label: labelOf(collection, is), fields, before: was, after: is });
      }
    }
  }
  const counts = { added: 0, removed: 0, changed: 0, moved: 0 };
  for (const entity of entities) counts[entity.change]++;
  return { meta, entities, counts };
}

/** Is there nothing between the two? */
export function isEmptyDiff(diff: BlueprintDiff): boolean {
  return diff.meta.length === 0 && diff.entities.length === 0;
}

/** The number of things that changed (each entity once, the blueprint's details once per field). */
export function diffSize(diff: BlueprintDiff): number {
  return diff.meta.length + diff.entities.length;
}

/** `a` with `diff` applied: the blueprint the diff was taken to. */
export function applyDiff(a: Blueprint, diff: BlueprintDiff): Blueprint {
  const meta: Record<string, unknown> = { ...a.meta };
  applyFields(meta, diff.meta);
  const out: Record<string, unknown> = { ...a, meta: meta as BlueprintMeta };
  for (const collection of DIFFED_COLLECTIONS) {
    const changes = diff.entities.filter((e) => e.collection === collection);
    if (changes.length === 0) continue;
    const entities = byId(a[collection] as readonly Entity[]);
    for (const change of changes) {
      if (change.change === 'removed') entities.delete(change.id);
      else if (change.change === 'added') entities.set(change.id, change.after!);
      else {
        const entity: Record<string, unknown> = { ...entities.get(change.id) };
        applyFields(entity, change.fields);
        entities.set(change.id, entity as Entity);
      }
    }
    out[collection] = [...entities.values()];
  }
  return canonicalBlueprint(out as Blueprint);
}

function applyFields(target: Record<string, unknown>, fields: readonly FieldChange[]): void {
  for (const field of fields) {
    if ('after' in field && field.after !== undefined) target[field.field] = field.after;
    else delete target[field.field];
  }
}

function byId(entities: readonly Entity[]): Map<string, Entity> {
  return new Map(entities.map((e) => [e.id, e]));
}

function diffFields(a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>, only?: readonly string[]): FieldChange[] {
  const names = only ?? [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => k !== 'id').sort();
  const out: FieldChange[] = [];
  for (const field of names) {
    const before = a[field];
    const after = b[field];
    if (valueEqual(before, after)) continue;
    out.push({ field, ...(before !== undefined ? { before } : {}), ...(after !== undefined ? { after } : {}) });
  }
  return out;
}

function labelOf(collection: DiffedCollection, entity: Entity): string {
  const text = (key: string) => (typeof entity[key] === 'string' && (entity[key] as string).trim() ? (entity[key] as string) : undefined);
  switch (collection) {
    case 'cards':
      return text('title') ?? entity.id;
    case 'flows':
      return text('label') ?? text('event') ?? entity.id;
    case 'annotations':
      return text('typeName') ?? entity.id;
    default:
      return text('name') ?? entity.id;
  }
}

/** Deep equality of JSON values (key order ignored). */
export function valueEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((v, i) => valueEqual(v, other[i]));
  }
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => valueEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
