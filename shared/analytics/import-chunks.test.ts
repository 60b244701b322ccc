import { describe, expect, it } from 'vitest';
import { createEventLogParser } from './event-log.ts';
import { importChunks } from './import-chunks.ts';

/** A 1,000,000-row event log as ~1 MiB chunks, generated lazily. */
function* millionRows(): Generator<string> {
  let chunk = 'customer,at,touchpoint,conversion\n';
  for (let i = 0; i < 1_000_000; i++) {
    chunk += `c${i % 100_000},2026-01-01T00:00:${String(i % 60).padStart(2, '0')}Z,tp${i % 40},${i % 97 === 0 ? 25 : 0}\n`;
    if (chunk.length > 1 << 20) {
      yield chunk;
      chunk = '';
    }
  }
  yield chunk;
}

describe('importChunks', () => {
  it('a 1,000,000-row import reports progress and can be cancelled part-way', async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    const promise = importChunks(millionRows(), createEventLogParser('csv'), {
      signal: controller.signal,
      onProgress: ({ done }) => {
        seen.push(done);
        if (seen.length === 5) controller.abort();
      },
    });
    await expect(promise).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toHaveLength(5); // it stopped at the next chunk, not at the end
  });
  it('without cancelling it parses every row', { timeout: 30_000 }, async () => {
    const log = await importChunks(millionRows(), createEventLogParser('csv'));
    expect(log.size).toBe(1_000_000);
    expect(log.customerNames).toHaveLength(100_000);
  });
});
