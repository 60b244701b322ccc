/** The main process and the preload name their push channels only through shared/desktop/channels.ts. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('push channels', () => {
  it.each(['electron/main/index.ts', 'electron/preload/index.ts'])('%s spells no journeyscroll: channel literal', (file) => {
    const source = readFileSync(file, 'utf8');
    expect(source.match(/['"`]journeyscroll:[a-z.]+['"`]/g) ?? []).toEqual([]);
    expect(source).toContain('PUSH_CHANNELS.');
  });
});
