import { afterEach, describe, expect, it } from 'vitest';
import type { BlueprintEntry, DesktopBridge, IpcResult } from '../../shared/desktop/contract.ts';
import { createRig, SENDER, type Rig } from '../../electron/ipc/test-support.ts';
import { desktopCall } from '../../renderer/host/desktop-api.ts';
import { openDesktopSession } from '../../renderer/host/desktop-session.ts';

/**
 * The desktop session's save protocol under Node, against the real handler table on a real SQLite
 * file. Only the transport between them is played with — answers delayed, lost or refused — as a
 * dying or stalled main process would.
 */
const rigs: Rig[] = [];
afterEach(async () => {
  for (const rig of rigs.splice(0)) await rig.close();
});

type Transport = (channel: string, args: unknown, forward: () => Promise<IpcResult<unknown>>) => Promise<IpcResult<unknown>>;

async function setup(transport: Transport = (_c, _a, forward) => forward()) {
  const rig = createRig();
  rigs.push(rig);
  const { id } = await rig.call<BlueprintEntry>('library.create', {});
  const appends: number[] = [];
  const bridge: DesktopBridge = {
    platform: 'linux',
    invoke: (channel, args) => {
      if (channel === 'doc.append') appends.push((args as { updates: unknown[] }).updates.length);
      return transport(channel, args, () => rig.handlers.invoke(channel, SENDER, args));
    },
    onCommand: () => () => undefined,
    onOpen: () => () => undefined,
  };
  const stored = () => rig.library.readDoc(id).getArray<number>('edits').toArray();
  return { rig, id, call: desktopCall(bridge), appends, stored };
}

const until = async (what: string, check: () => boolean, ms = 10_000) => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('desktop session: every update saved, acknowledged, re-sent until it is', () => {
  it('batches what accumulates while a call is out', async () => {
    const { id, call, appends, stored } = await setup();
    const session = openDesktopSession({ call, id, share: null });
    await session.loaded;
    expect(session.connection()).toBe('local');
    const edits = session.doc.getArray<number>('edits');
    for (let i = 0; i < 500; i++) edits.push([i]);
    expect(session.saving!()).toBe('saving');
    await session.whenSaved();
    expect(session.saving!()).toBe('saved');
    expect(stored()).toEqual(Array.from({ length: 500 }, (_, i) => i));
    // The first edit goes alone; the other 499, made while it was out, in one or two calls.
    expect(appends.reduce((a, b) => a + b, 0)).toBe(500);
    expect(appends.length).toBeLessThanOrEqual(3);
    session.destroy();
  });

  it('sends again what was never answered, and a duplicate changes nothing', async () => {
    let swallowed = 0;
    const { id, call, stored } = await setup(async (channel, _args, forward) => {
      const result = await forward(); // committed…
      if (channel === 'doc.append' && swallowed++ === 0) return new Promise<never>(() => undefined); // …but the answer is lost
      return result;
    });
    const session = openDesktopSession({ call, id, share: null, ackTimeoutMs: 200, retryMs: 20 });
    await session.loaded;
    session.doc.getArray<number>('edits').push([1]);
    session.doc.getArray<number>('edits').push([2]);
    await until('saved after the timeout', () => session.saving!() === 'saved');
    expect(swallowed).toBeGreaterThanOrEqual(2);
    expect(stored()).toEqual([1, 2]);
    session.destroy();
  });

  it('shows that saving fails while it does, keeps everything, and recovers', async () => {
    let down = true;
    const { id, call, stored } = await setup(async (channel, _args, forward) => {
      if (channel === 'doc.append' && down) throw new Error('the main process is gone');
      return forward();
    });
    const session = openDesktopSession({ call, id, share: null, retryMs: 20, maxRetryMs: 50 });
    await session.loaded;
    const changes: string[] = [];
    session.onConnectionChange(() => changes.push(session.saving!()));
    for (let i = 0; i < 20; i++) session.doc.getArray<number>('edits').push([i]);
    await until('retrying', () => session.saving!() === 'retrying');
    expect(session.refusal()).toMatch(
      /^Changes are not saved yet: JourneyScroll could not reach its storage \(the main process is gone\)\. Retrying…$/,
    );
    expect(session.unsaved()).toBe(20);
    expect(stored()).toEqual([]);
    down = false;
    await until('saved', () => session.saving!() === 'saved');
    expect(session.refusal()).toBeNull();
    expect(stored()).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(changes).toContain('retrying');
    session.destroy();
  });

  it('keeps sending after the view is closed, then lets the document go', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { id, call, stored } = await setup(async (channel, _args, forward) => {
      if (channel === 'doc.append') await gate;
      return forward();
    });
    const session = openDesktopSession({ call, id, share: null });
    await session.loaded;
    session.doc.getArray<number>('edits').push([7]);
    session.destroy();
    release();
    await until('stored', () => stored().length === 1);
    await until('the document destroyed once saved', () => session.doc.isDestroyed);
  });
});
