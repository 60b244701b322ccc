import * as Y from 'yjs';
import { toHexString } from 'lib0/buffer';
import { digest } from 'lib0/hash/sha256';
import { readBlueprint } from '../doc/read.ts';
import { collection, historyArray, metaMap, VERSIONS_KEY } from '../doc/keys.ts';
import { newEntityMap, writeFields } from '../doc/fields.ts';
import { blueprintSchema, newId, type Blueprint } from '../model/index.ts';
import type { Provenance } from '../journey/definition.ts';
import { diffBlueprints, diffSize, type BlueprintDiff } from './diff.ts';

/**
 * Named versions of a blueprint, kept inside the blueprint's own document (the top-level
 * `versions` map, docs/document-layout.md) — so one mechanism keeps them for shared rooms (the
 * server stores and compacts the document, versions included), for local blueprints (the library
 * stores the document) and in `.journey` files (which hold the whole document). Each version holds
 * the blueprint's content at that moment, gzip-compressed, with the SHA-256 of its canonical JSON.
 *
 * A version is written once and never changed: the server refuses a change to an existing version
 * from anyone below approver, and refuses an approved version from anyone but an approver
 * (shared/governance/write-policy.ts). Restoring one writes a new change to the working copy,
 * after saving the current state as a safety version: history is never rewritten.
 */
export const VERSION_KINDS = ['named', 'approved', 'safety'] as const;
export type VersionKind = (typeof VERSION_KINDS)[number];

export interface VersionInfo {
  readonly id: string;
  readonly name: string;
  readonly note: string;
  readonly by: string;
  /** ISO 8601. */
  readonly at: string;
  readonly kind: VersionKind;
  /** Approved versions only: 1, 2, 3… ("v3"). */
  readonly number?: number;
  /** SHA-256 (hex) of the version's canonical content JSON. */
  readonly hash: string;
  /** Compressed size of the stored content. */
  readonly bytes: number;
}

/** A version cannot be found or read; the message says which and why, in words. */
export class VersionError extends Error {
  override name = 'VersionError';
  readonly kind: 'unknown' | 'corrupt' | 'invalid';
  constructor(kind: VersionError['kind'], message: string) {
    super(message);
    this.kind = kind;
  }
}

export interface VersionAuthor {
  readonly by: string;
  readonly at?: Date;
}

const versionsMap = (doc: Y.Doc): Y.Map<Y.Map<unknown>> => doc.getMap(VERSIONS_KEY);

/** The content a version keeps: the blueprint without its governance log. */
export function versionContent(blueprint: Blueprint): Blueprint {
  return { ...blueprint, history: [] };
}

/** The SHA-256 (hex) of a blueprint's content, independent of key order and of the history log. */
export function contentHash(blueprint: Blueprint): string {
  return toHexString(digest(new TextEncoder().encode(stableStringify(versionContent(blueprint)))));
}

/**
 * What an export says it was compiled from: the blueprint's id (or its title, for blueprints made
 * before ids), the version's name ("v3") or "working copy", and the content's hash.
 */
export function provenanceOf(blueprint: Blueprint, version?: VersionInfo): Provenance {
  return {
    blueprint: blueprint.meta.id ?? (blueprint.meta.title.trim() || 'untitled'),
    version: version ? version.name : 'working copy',
    hash: version?.hash ?? contentHash(blueprint),
    approved: version?.kind === 'approved',
  };
}

/** Every version of the document, oldest first. Entries that do not read as a version are skipped. */
export function listVersions(doc: Y.Doc): VersionInfo[] {
  const out: VersionInfo[] = [];
  versionsMap(doc).forEach((entry, id) => {
    const info = entry instanceof Y.Map ? readInfo(id, entry) : undefined;
    if (info) out.push(info);
  });
  return out.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1));
}

/** The newest approved version, if any. */
export function latestApproved(doc: Y.Doc): VersionInfo | undefined {
  return listVersions(doc)
    .filter((v) => v.kind === 'approved')
    .sort((a, b) => (b.number ?? 0) - (a.number ?? 0))[0];
}

/**
 * Finds a version by reference: `approved` (the newest approved), `v3` (approved version 3), an
 * id, or a name (the newest of that name). Throws a VersionError naming what exists.
 */
export function findVersion(doc: Y.Doc, ref: string): VersionInfo {
  const versions = listVersions(doc);
  const found =
    ref === 'approved'
      ? latestApproved(doc)
      : (versions.find((v) => v.id === ref) ??
        (/^v\d+$/.test(ref) ? versions.find((v) => v.kind === 'approved' && `v${v.number}` === ref) : undefined) ??
        [...versions].reverse().find((v) => v.name === ref));
  if (found) return found;
  if (ref === 'approved') throw new VersionError('unknown', 'This blueprint has no approved version yet.');
  const names = versions.map((v) => `'${v.name}'`).join(', ');
  throw new VersionError(
    'unknown',
    `There is no version '${ref}'${versions.length ? ` (versions: ${names})` : ' (this blueprint has no versions)'}.`,
  );
}

/** The blueprint as the version keeps it. Throws a VersionError if it is missing or damaged. */
export async function readVersion(doc: Y.Doc, ref: string): Promise<{ info: VersionInfo; blueprint: Blueprint }> {
  const info = findVersion(doc, ref);
  const content = versionsMap(doc).get(info.id)?.get('content');
  if (!(content instanceof Uint8Array)) throw new VersionError('corrupt', `Version '${info.name}' has no content: it cannot be opened.`);
  const cached = opened.get(content);
  if (cached?.hash === info.hash) return { info, blueprint: cached.blueprint };
  let blueprint: Blueprint;
  try {
    const json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(await gunzip(content)));
    blueprint = blueprintSchema.parse(json);
  } catch {
    throw new VersionError('corrupt', `Version '${info.name}' is damaged: its content cannot be read.`);
  }
  if (contentHash(blueprint) !== info.hash)
    throw new VersionError('corrupt', `Version '${info.name}' is damaged: its content does not match its checksum.`);
  opened.set(content, { hash: info.hash, blueprint });
  return { info, blueprint };
}

/**
 * Versions already opened, by their stored content: a version never changes, so the approval
 * badge (recomputed after every change) and the changes overlay unpack, parse and check the
 * approved side once (~35 ms on 5,000 cards) and diff only the working side after that. Keyed by
 * the content bytes the document holds, so a replaced document or another version misses; the
 * blueprint returned is shared and must not be mutated (nothing does: blueprints are read-only).
 */
const opened = new WeakMap<Uint8Array, { hash: string; blueprint: Blueprint }>();

export interface NewVersion extends VersionAuthor {
  readonly name: string;
  readonly note?: string;
}

/** Saves the document's current content as a named version. */
export async function saveVersion(doc: Y.Doc, version: NewVersion, origin: unknown = null): Promise<VersionInfo> {
  return writeVersion(doc, readBlueprint(doc), { ...version, kind: 'named' }, origin);
}

/** Saves a given blueprint (a moment of the history, say) as a named version of the document. */
export async function saveBlueprintAsVersion(doc: Y.Doc, blueprint: Blueprint, version: NewVersion, origin: unknown = null) {
  return writeVersion(doc, blueprint, { ...version, kind: 'named' }, origin);
}

export interface Approval extends VersionAuthor {
  readonly note?: string;
}

/**
 * Approves the blueprint as it is: an immutable approved version numbered one above the last,
 * the status set to approved, and a history entry saying who approved which version, when, why.
 * Only an approver's approval is accepted by a server.
 */
export async function approveBlueprint(doc: Y.Doc, approval: Approval, origin: unknown = null): Promise<VersionInfo> {
  const number = (latestApproved(doc)?.number ?? 0) + 1;
  const at = approval.at ?? new Date();
  const current = readBlueprint(doc);
  const prepared = await prepare(
    { ...current, meta: { ...current.meta, status: 'approved' } },
    {
      name: `v${number}`,
      note: approval.note ?? '',
      by: approval.by,
      at,
      kind: 'approved',
      number,
    },
  );
  doc.transact(() => {
    const meta = metaMap(doc);
    const from = meta.get('status');
    meta.set('status', 'approved');
    insert(doc, prepared);
    historyArray(doc).push([
      {
        at: at.toISOString(),
        by: approval.by,
        kind: 'approval',
        ...(typeof from === 'string' ? { from } : {}),
        to: 'approved',
        version: `v${number}`,
        ...(approval.note ? { note: approval.note } : {}),
      },
    ]);
  }, origin);
  return prepared.info;
}

export interface Restored {
  /** The current state, saved just before the restore. */
  readonly safety: VersionInfo;
  /** What the restore changed in the working copy. */
  readonly diff: BlueprintDiff;
}

/**
 * Makes the working copy's content that of a version, as one new change (undoable by the person
 * who made it), after saving the current state as a safety version. The governance status, the
 * history log, comments and versions are left as they are.
 */
export async function restoreVersion(doc: Y.Doc, ref: string, author: VersionAuthor, origin: unknown = null): Promise<Restored> {
  const { info, blueprint: target } = await readVersion(doc, ref);
  const current = readBlueprint(doc);
  const at = author.at ?? new Date();
  const safety = await prepare(current, {
    name: `Before restoring '${info.name}'`,
    note: `Saved automatically when ${author.by} restored '${info.name}'`,
    by: author.by,
    at,
    kind: 'safety',
  });
  const diff = diffBlueprints(current, { ...target, meta: { ...target.meta, status: current.meta.status } });
  doc.transact(() => {
    insert(doc, safety);
    writeDiff(doc, diff);
    historyArray(doc).push([
      { at: at.toISOString(), by: author.by, kind: 'note', version: info.name, note: `Restored version '${info.name}'` },
    ]);
  }, origin);
  return { safety: safety.info, diff };
}

/** Writes a diff into a document, field by field, in the caller's transaction. */
export function writeDiff(doc: Y.Doc, diff: BlueprintDiff): void {
  doc.transact(() => {
    const meta = metaMap(doc);
    for (const field of diff.meta) writeFields(meta, { [field.field]: field.after });
    for (const change of diff.entities) {
      const map = collection(doc, change.collection);
      if (change.change === 'removed') map.delete(change.id);
      else if (change.change === 'added') map.set(change.id, newEntityMap(change.after!));
      else {
        const existing = map.get(change.id);
        const patch = Object.fromEntries(change.fields.map((f) => [f.field, f.after]));
        if (existing instanceof Y.Map) writeFields(existing, patch);
        else map.set(change.id, newEntityMap(change.after!));
      }
    }
  });
}

/** How far the working copy has moved from the newest approved version. */
export async function approvalState(doc: Y.Doc): Promise<{ approved: VersionInfo; changesSince: number } | undefined> {
  const approved = latestApproved(doc);
  if (!approved) return undefined;
  const { blueprint } = await readVersion(doc, approved.id);
  const current = readBlueprint(doc);
  const diff = diffBlueprints(blueprint, { ...current, meta: { ...current.meta, status: blueprint.meta.status } });
  return { approved, changesSince: diffSize(diff) };
}

interface VersionFields {
  readonly name: string;
  readonly note: string;
  readonly by: string;
  readonly at: Date;
  readonly kind: VersionKind;
  readonly number?: number;
}

interface Prepared {
  readonly info: VersionInfo;
  readonly content: Uint8Array;
}

async function prepare(blueprint: Blueprint, fields: VersionFields): Promise<Prepared> {
  const name = fields.name.trim();
  if (!name) throw new VersionError('invalid', 'A version needs a name.');
  if (name.length > 200) throw new VersionError('invalid', 'A version name is at most 200 characters.');
  if (fields.note.length > 2000) throw new VersionError('invalid', 'A version note is at most 2,000 characters.');
  const content = versionContent(blueprint);
  const json = stableStringify(content);
  const hash = toHexString(digest(new TextEncoder().encode(json)));
  const compressed = await gzip(new TextEncoder().encode(json));
  const info: VersionInfo = {
    id: newId('version'),
    name,
    note: fields.note,
    by: fields.by,
    at: fields.at.toISOString(),
    kind: fields.kind,
    ...(fields.number !== undefined ? { number: fields.number } : {}),
    hash,
    bytes: compressed.length,
  };
  return { info, content: compressed };
}

async function writeVersion(doc: Y.Doc, blueprint: Blueprint, fields: NewVersion & { kind: VersionKind }, origin: unknown) {
  const prepared = await prepare(blueprint, {
    name: fields.name,
    note: fields.note ?? '',
    by: fields.by,
    at: fields.at ?? new Date(),
    kind: fields.kind,
  });
  doc.transact(() => insert(doc, prepared), origin);
  return prepared.info;
}

function insert(doc: Y.Doc, { info, content }: Prepared): void {
  const { id, bytes: _bytes, ...fields } = info;
  versionsMap(doc).set(id, newEntityMap({ ...fields, content }));
}

function readInfo(id: string, entry: Y.Map<unknown>): VersionInfo | undefined {
  const text = (key: string) => (typeof entry.get(key) === 'string' ? (entry.get(key) as string) : undefined);
  const kind = text('kind') as VersionKind | undefined;
  const name = text('name');
  const at = text('at');
  const hash = text('hash');
  const content = entry.get('content');
  if (!kind || !VERSION_KINDS.includes(kind) || !name || !at || !hash) return undefined;
  const number = entry.get('number');
  return {
    id,
    name,
    note: text('note') ?? '',
    by: text('by') ?? '',
    at,
    kind,
    ...(typeof number === 'number' ? { number } : {}),
    hash,
    bytes: content instanceof Uint8Array ? content.length : 0,
  };
}

/** JSON with object keys sorted at every level: equal content, equal text, whatever the key order. */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const keys = Object.keys(value)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${stableStringify((value as Record<string, unknown>)[k])}`).join(',')}}`;
}

/** gzip through the platform's CompressionStream (browsers and Node alike). */
async function gzip(bytes: Uint8Array): Promise<Uint8Array> {
  return pipe(bytes, new CompressionStream('gzip'));
}

async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  return pipe(bytes, new DecompressionStream('gzip'));
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = await new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(stream)).arrayBuffer();
  return new Uint8Array(out);
}
