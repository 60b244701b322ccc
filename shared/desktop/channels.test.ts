import { describe, expect, it } from 'vitest';
import { CHANNELS, ipcChannelOf, PUSH_CHANNELS } from './channels.ts';

describe('desktop channels', () => {
  it('push channels are distinct from each other and from every invoke channel', () => {
    const invoke = new Set(CHANNELS.map(ipcChannelOf));
    const push = Object.values(PUSH_CHANNELS);
    expect(new Set(push).size).toBe(push.length);
    for (const name of push) expect(invoke.has(name), name).toBe(false);
  });
});
