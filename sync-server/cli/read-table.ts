import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { sniffFormat, type TableFormat } from '../../shared/analytics/index.ts';

/**
 * Streams a CSV or NDJSON file into a chunk parser (shared/analytics), 1 MiB at a time, so a
 * million-row log is never held as text. The format comes from the extension (.csv, .ndjson,
 * .jsonl), else from the first bytes.
 */
export async function formatOf(path: string): Promise<TableFormat> {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.ndjson' || ext === '.jsonl') return 'ndjson';
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(64), 0, 64, 0);
    return sniffFormat(buffer.subarray(0, bytesRead).toString('utf8'));
  } finally {
    await handle.close();
  }
}

/** Reads a table file with the parser made for its format. */
export async function readTable<T>(
  cwd: string,
  file: string,
  make: (format: TableFormat) => { push(chunk: string): void; end(): T },
): Promise<T> {
  const path = resolve(cwd, file);
  let format: TableFormat;
  try {
    format = await formatOf(path);
  } catch (error) {
    throw new Error(
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
    );
  }
  const parser = make(format);
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  for await (const chunk of stream) parser.push(chunk as string);
  return parser.end();
}
