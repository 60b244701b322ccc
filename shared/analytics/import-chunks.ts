/**
 * Feeds chunks to a parser with progress and cancellation, yielding to the event loop between
 * chunks so a worker (or the CLI) stays able to hear "cancel". On abort it stops at once and throws
 * an AbortError; the parser's partial result is dropped, so a cancelled import changes nothing.
 */
export interface ChunkParser<T> {
  push(chunk: string): void;
  end(): T;
}

export interface ImportProgress {
  /** Characters parsed so far. */
  readonly done: number;
  /** Total characters when known. */
  readonly total?: number;
}

export async function importChunks<T>(
  chunks: AsyncIterable<string> | Iterable<string>,
  parser: ChunkParser<T>,
  options: { signal?: AbortSignal; onProgress?: (p: ImportProgress) => void; total?: number } = {},
): Promise<T> {
  let done = 0;
  const check = () => {
    if (options.signal?.aborted) throw new DOMException('the import was cancelled', 'AbortError');
  };
  for await (const chunk of chunks) {
    check();
    parser.push(chunk);
    done += chunk.length;
    options.onProgress?.({ done, ...(options.total !== undefined ? { total: options.total } : {}) });
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
  }
  check();
  return parser.end();
}
