import {
  analyzeBlueprint,
  createEventLogParser,
  importChunks,
  parseMetricsCsv,
  sniffFormat,
  TableError,
  type BlueprintAnalysis,
  type ChunkParser,
  type EventLog,
  type MetricsRow,
  type Problem,
  type TableFormat,
} from '../../shared/analytics/index.ts';
import type { Blueprint } from '../../shared/model/index.ts';

/**
 * What the import worker does, as a plain async function (import-worker.ts is its message
 * wrapper, so the unit test runs it without a worker): read the chosen file as a stream of text
 * chunks, parse it, and — for an event log — analyse it against the blueprint. Nothing here
 * touches the document: the page writes a metrics import in one transaction, only once the whole
 * file parsed, so a refused or cancelled import changes nothing.
 */
export type ImportKind = 'events' | 'metrics';

export interface ImportRequest {
  readonly kind: ImportKind;
  readonly file: Blob;
  readonly name: string;
  readonly blueprint: Blueprint;
}

export type ImportPhase = 'reading' | 'analysing';

export interface ImportProgressReport {
  readonly phase: ImportPhase;
  /** Bytes read so far (reading), or 1 once analysed. */
  readonly done: number;
  readonly total: number;
}

export type ImportOutcome =
  | { readonly kind: 'events'; readonly name: string; readonly analysis: BlueprintAnalysis }
  | { readonly kind: 'metrics'; readonly name: string; readonly rows: readonly MetricsRow[] };

export type ImportFailure = { readonly message: string; readonly problems: readonly Problem[] };

/** The largest per-card metrics file (one row per card; an event log has no limit, it is streamed). */
export const MAX_METRICS_BYTES = 20 * 1024 * 1024;

/** The file as text chunks of at most about 1 MiB, counting the bytes as they are read. */
export async function* textChunks(file: Blob, onBytes: (bytes: number) => void, chunkBytes = 1 << 20): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (let at = 0; at < file.size; at += chunkBytes) {
    const bytes = new Uint8Array(await file.slice(at, at + chunkBytes).arrayBuffer());
    const text = decoder.decode(bytes, { stream: at + chunkBytes < file.size });
    onBytes(Math.min(file.size, at + chunkBytes));
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

export function formatOf(name: string, start: string): TableFormat {
  if (/\.csv$/i.test(name)) return 'csv';
  if (/\.(ndjson|jsonl)$/i.test(name)) return 'ndjson';
  return sniffFormat(start);
}

/** A parser made when the first chunk arrives (its format is sniffed from it). */
function lazyEventParser(name: string): ChunkParser<EventLog> {
  let parser: ReturnType<typeof createEventLogParser> | null = null;
  return {
    push(chunk) {
      parser ??= createEventLogParser(formatOf(name, chunk));
      parser.push(chunk);
    },
    end() {
      if (!parser) throw new TableError('the event log', [{ line: 1, message: 'the file is empty' }], 1);
      return parser.end();
    },
  };
}

const aborted = () => new DOMException('the import was cancelled', 'AbortError');

export async function runImportJob(
  request: ImportRequest,
  options: { signal?: AbortSignal; onProgress?: (p: ImportProgressReport) => void } = {},
): Promise<ImportOutcome> {
  const total = request.file.size;
  const report = (phase: ImportPhase, done: number) => options.onProgress?.({ phase, done, total });
  const chunks = textChunks(request.file, (bytes) => report('reading', bytes));
  if (request.kind === 'metrics') {
    if (total > MAX_METRICS_BYTES)
      throw new TableError(
        'the metrics file',
        [{ line: 1, message: `it is over ${MAX_METRICS_BYTES / 1024 / 1024} MiB (one row per card)` }],
        1,
      );
    const parts: string[] = [];
    await importChunks(chunks, { push: (c) => parts.push(c), end: () => undefined }, options.signal ? { signal: options.signal } : {});
    const rows = parseMetricsCsv(parts.join(''), request.blueprint);
    return { kind: 'metrics', name: request.name, rows };
  }
  const log = await importChunks(chunks, lazyEventParser(request.name), options.signal ? { signal: options.signal } : {});
  if (options.signal?.aborted) throw aborted();
  report('analysing', 0);
  // The analysis is one synchronous run: cancelling it ends the worker (import-client.ts).
  const analysis = analyzeBlueprint(request.blueprint, log);
  if (options.signal?.aborted) throw aborted();
  return { kind: 'events', name: request.name, analysis };
}

/** An error as the dialog shows it: the message, and a TableError's bad rows with their lines. */
export function failureOf(error: unknown): ImportFailure {
  if (error instanceof TableError) return { message: error.message, problems: error.problems };
  if (error instanceof TypeError && /decode|encoding/i.test(error.message))
    return { message: 'The file is not UTF-8 text: nothing was imported.', problems: [] };
  return { message: error instanceof Error ? error.message : String(error), problems: [] };
}
