import * as Y from 'yjs';
import { fromBase64, toBase64, toHexString } from 'lib0/buffer';
import { digest } from 'lib0/hash/sha256';
import { APP_VERSION } from '../version.ts';
import { metaMap, SCHEMA_VERSION } from './keys.ts';
import { readBlueprint } from './read.ts';

/**
 * The `.journey` file (docs/journey-file.md): a JSON text whose first fields are readable metadata
 * and whose `state` is the whole Yjs document, base64-encoded, with its SHA-256. JSON keeps the file
 * inspectable (`head x.journey`); the Yjs state keeps it lossless and mergeable with live copies.
 */
export const JOURNEY_FILE_FORMAT = 'journeyscroll';
export const JOURNEY_FILE_VERSION = 1;
/** Far above any real blueprint (5,000 cards ≈ 2 MB); refuses to parse absurd inputs. */
export const MAX_JOURNEY_FILE_BYTES = 256 * 1024 * 1024;

export interface JourneyFileHeader {
  readonly format: typeof JOURNEY_FILE_FORMAT;
  readonly formatVersion: number;
  readonly app: string;
  readonly savedAt: string;
  readonly schemaVersion: number;
  readonly title: string;
  readonly status: string;
  readonly counts: { readonly stages: number; readonly lanes: number; readonly cards: number; readonly flows: number };
}

interface JourneyFileJson extends JourneyFileHeader {
  readonly state: { readonly encoding: 'base64'; readonly bytes: number; readonly sha256: string; readonly data: string };
}

/** Why a file could not be opened, in words for the person who picked it. */
export class JourneyFileError extends Error {
  override name = 'JourneyFileError';
  readonly kind: 'not-journey' | 'corrupt' | 'too-new' | 'too-large';
  constructor(kind: JourneyFileError['kind'], message: string) {
    super(message);
    this.kind = kind;
  }
}

export function encodeJourneyFile(doc: Y.Doc, savedAt: Date = new Date()): Uint8Array {
  const blueprint = readBlueprint(doc);
  const state = Y.encodeStateAsUpdate(doc);
  const file: JourneyFileJson = {
    format: JOURNEY_FILE_FORMAT,
    formatVersion: JOURNEY_FILE_VERSION,
    app: APP_VERSION,
    savedAt: savedAt.toISOString(),
    schemaVersion: typeof metaMap(doc).get('schemaVersion') === 'number' ? (metaMap(doc).get('schemaVersion') as number) : SCHEMA_VERSION,
    title: blueprint.meta.title,
    status: blueprint.meta.status,
    counts: {
      stages: blueprint.stages.length,
      lanes: blueprint.lanes.length,
      cards: blueprint.cards.length,
      flows: blueprint.flows.length,
    },
    state: { encoding: 'base64', bytes: state.length, sha256: toHexString(digest(state)), data: toBase64(state) },
  };
  return new TextEncoder().encode(`${JSON.stringify(file, null, 2)}\n`);
}

/** Reads only the header, for listings and for saying what a file is before opening it. */
export function readJourneyFileHeader(bytes: Uint8Array): JourneyFileHeader {
  const { state: _state, ...header } = parseFile(bytes);
  return header;
}

/** Decodes a `.journey` file into a new Y.Doc, or throws a `JourneyFileError` saying what is wrong. */
export function decodeJourneyFile(bytes: Uint8Array): Y.Doc {
  const file = parseFile(bytes);
  const data = file.state.data;
  if (typeof data !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(data)) throw corrupt('its document data is not base64');
  let state: Uint8Array;
  try {
    state = fromBase64(data);
  } catch {
    throw corrupt('its document data is not base64');
  }
  if (state.length !== file.state.bytes)
    throw corrupt(
      `its document data is ${state.length} bytes where the header says ${file.state.bytes} — the file is truncated or damaged`,
    );
  if (toHexString(digest(state)) !== file.state.sha256)
    throw corrupt('its document data does not match its checksum — the file is damaged');
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
  } catch (error) {
    throw corrupt(`its document data cannot be decoded (${error instanceof Error ? error.message : String(error)})`);
  }
  return doc;
}

function parseFile(bytes: Uint8Array): JourneyFileJson {
  if (bytes.length > MAX_JOURNEY_FILE_BYTES)
    throw new JourneyFileError(
      'too-large',
      `This file is ${Math.round(bytes.length / 2 ** 20)} MB; a .journey file is at most ${MAX_JOURNEY_FILE_BYTES / 2 ** 20} MB.`,
    );
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    const looksLikeOurs = new TextDecoder().decode(bytes.subarray(0, 200)).includes(`"${JOURNEY_FILE_FORMAT}"`);
    throw looksLikeOurs
      ? corrupt('it ends abruptly or is not valid JSON — it was probably truncated')
      : new JourneyFileError('not-journey', 'This is not a JourneyScroll .journey file.');
  }
  if (typeof json !== 'object' || json === null || (json as { format?: unknown }).format !== JOURNEY_FILE_FORMAT) {
    throw new JourneyFileError('not-journey', 'This is not a JourneyScroll .journey file.');
  }
  const file = json as Partial<JourneyFileJson>;
  if (typeof file.formatVersion !== 'number' || !Number.isInteger(file.formatVersion) || file.formatVersion < 1)
    throw corrupt('its format version is missing');
  if (file.formatVersion > JOURNEY_FILE_VERSION) {
    throw new JourneyFileError(
      'too-new',
      `This file was saved by JourneyScroll ${String(file.app ?? 'newer')} in file format ${file.formatVersion}; this JourneyScroll (${APP_VERSION}) reads format ${JOURNEY_FILE_VERSION}. Update JourneyScroll to open it.`,
    );
  }
  const state = file.state;
  if (
    typeof state !== 'object' ||
    state === null ||
    state.encoding !== 'base64' ||
    typeof state.bytes !== 'number' ||
    typeof state.sha256 !== 'string'
  ) {
    throw corrupt('its document data is missing');
  }
  return file as JourneyFileJson;
}

const corrupt = (why: string) => new JourneyFileError('corrupt', `This .journey file cannot be opened: ${why}.`);
