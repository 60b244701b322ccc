import { mkdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeJourneyFile, readBlueprint, writeBlueprint } from '../../shared/doc/index.ts';
import { CHANNELS, type BlueprintEntry, type Channel, type IpcResult, type Settings } from '../../shared/desktop/contract.ts';
import { getTemplate } from '../../shared/templates/index.ts';
import { openStore } from '../../sync-server/store/index.ts';
import { importJourneyFile } from './handlers.ts';
import { openLibrary } from './library.ts';
import { createRig, SENDER, TEST_ORIGIN, type Rig } from './test-support.ts';

const rigs: Rig[] = [];
afterEach(async () => {
  for (const rig of rigs.splice(0)) await rig.close();
});
const rig = (options?: Parameters<typeof createRig>[0]) => {
  const r = createRig(options);
  rigs.push(r);
  return r;
};

const update = (fill: (doc: Y.Doc) => void) => {
  const doc = new Y.Doc();
  fill(doc);
  return Y.encodeStateAsUpdate(doc);
};
const TITLE_UPDATE = update((doc) => doc.getMap('meta').set('title', 'Renewal journey'));

/** Arguments each channel accepts, for a library holding `id`. */
function validArgs(id: string): Record<Channel, unknown> {
  return {
    'library.list': undefined,
    'library.create': { template: 'blank' },
    'library.delete': { id },
    'library.join': { server: 'ws://127.0.0.1:9/sync', room: 'shared-room' },
    'doc.load': { id },
    'doc.append': { id, updates: [TITLE_UPDATE] },
    'file.open': {},
    'file.saveAs': { id },
    'file.save': { name: 'scroll.svg', bytes: new Uint8Array([60, 115, 118, 103, 62]) },
    'settings.get': undefined,
    'settings.set': { displayName: 'Ada' },
    'share.get': { id },
    'share.set': { id, share: null },
    'workshop.start': { id, port: 0, host: '127.0.0.1' },
    'workshop.stop': undefined,
    'workshop.status': undefined,
    'workshop.invite': { role: 'editor', team: 'Data', name: 'Maria Ionescu' },
  };
}

/** Arguments each channel must refuse, with what the message must name. */
const BAD_ARGS: Record<Channel, Array<[unknown, RegExp]>> = {
  'library.list': [
    [{ extra: 1 }, /unrecognized key/i],
    ['all', /object/i],
  ],
  'library.create': [
    [{ template: 42 }, /template/],
    [{ template: 'x'.repeat(101) }, /template/],
    [null, /object/i],
  ],
  'library.delete': [
    [{}, /id/],
    [{ id: '../etc/passwd' }, /A-Z a-z 0-9/],
    [{ id: '_library' }, /reserved/],
  ],
  'library.join': [
    [{ server: 'ftp://x/sync' }, /ws:\/\//],
    [{ server: 'ws://h/sync', token: 'a b' }, /token/],
    [{ server: 'ws://h/sync', room: 'bad room' }, /room/],
  ],
  'doc.load': [
    [{ id: '' }, /id/],
    [{ id: 'a'.repeat(129) }, /id/],
    ['bp-1', /object/i],
  ],
  'doc.append': [
    [{ id: 'bp-1', updates: [] }, /updates/],
    [{ id: 'bp-1', updates: ['text'] }, /bytes/],
    [{ id: 'bp-1', updates: [new Uint8Array(0)] }, /1 byte/],
    [{ id: 'bp-1', updates: [[1, 2, 3]] }, /bytes/],
    [{ id: 'bp 1', updates: [new Uint8Array([0, 0])] }, /id/],
  ],
  'file.open': [[{ path: '/etc/passwd' }, /unrecognized key/i]],
  'file.saveAs': [
    [{ id: 'bp-1', path: '/tmp/x.journey' }, /unrecognized key/i],
    [{}, /id/],
  ],
  'file.save': [
    [{ name: '../../.bashrc', bytes: new Uint8Array([1]) }, /not a path/],
    [{ name: 'a/b.svg', bytes: new Uint8Array([1]) }, /not a path/],
    [{ name: 'x.svg', bytes: 'text' }, /bytes/],
    [{ name: 'x.svg', bytes: new Uint8Array(0) }, /1 byte/],
  ],
  'settings.get': [[{ key: 'x' }, /unrecognized key/i]],
  'settings.set': [
    [{ color: 'red' }, /#rrggbb/],
    [{ servers: [{ url: 'javascript:alert(1)' }] }, /ws:\/\//],
    [{ licenseKey: 7 }, /licenseKey/],
    [{ theme: 'dark' }, /unrecognized key/i],
  ],
  'share.get': [[{ id: 7 }, /id/]],
  'share.set': [
    [{ id: 'bp-1' }, /share/],
    [{ id: 'bp-1', share: { server: 'file:///etc' } }, /ws:\/\//],
    [{ id: 'bp-1', share: { server: 'ws://h/sync', extra: 1 } }, /unrecognized key/i],
  ],
  'workshop.start': [
    [{ id: 'bp-1', port: 70000 }, /port/],
    [{ id: 'bp-1', port: 1.5 }, /port/],
    [{ id: 'bp-1', host: '8.8.8.8' }, /host/],
    [{}, /id/],
  ],
  'workshop.stop': [[{ now: true }, /unrecognized key/i]],
  'workshop.status': [[[], /object/i]],
  'workshop.invite': [
    [{ role: 'owner' }, /role/],
    [{ role: 'editor', team: '' }, /team/],
    [{ role: 'viewer', extra: 1 }, /unrecognized key/i],
  ],
};

describe('IPC handler table', () => {
  it('refuses every channel from a sender that is not the app page, before reading its arguments', async () => {
    const r = rig();
    const { id } = r.library.create();
    const foreign = [
      'https://evil.example/',
      'http://journeyscroll.localhost.evil.example/',
      'app://other/',
      'file:///tmp/x.html',
      'http://127.0.0.1:5173/',
      'about:blank',
      '',
      null,
      undefined,
      42,
    ];
    expect(CHANNELS).toHaveLength(Object.keys(BAD_ARGS).length);
    for (const channel of CHANNELS) {
      for (const sender of foreign) {
        const result = await r.handlers.invoke(channel, sender, validArgs(id)[channel]);
        expect(result, `${channel} from ${String(sender)}`).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
        if (!result.ok) expect(result.error.message).toMatch(/does not come from the app's own page/);
      }
    }
    // Nothing happened: still one blueprint, no workshop, no settings written.
    expect(r.library.list()).toHaveLength(1);
    expect(r.workshop.status()).toEqual({ running: false });
    expect(r.library.settings().displayName).toBe('');
  });

  it('accepts the app origin and the configured one; paths and queries do not matter', async () => {
    const r = rig();
    for (const sender of [SENDER, `${TEST_ORIGIN}/index.html#/b/x`, `${TEST_ORIGIN}/?q=1`]) {
      expect(await r.handlers.invoke('library.list', sender, undefined)).toEqual({ ok: true, value: [] });
    }
  });

  it('refuses bad arguments on every channel with a message naming the problem, and changes nothing', async () => {
    const r = rig();
    for (const channel of CHANNELS) {
      expect(BAD_ARGS[channel].length, channel).toBeGreaterThan(0);
      for (const [args, pattern] of BAD_ARGS[channel]) {
        const result = await r.handlers.invoke(channel, SENDER, args);
        expect(result.ok, `${channel} ${JSON.stringify(args)}`).toBe(false);
        if (result.ok) continue;
        expect(result.error.code, `${channel} ${JSON.stringify(args)}`).toBe('bad-arguments');
        expect(result.error.message).toMatch(new RegExp(`^${channel.replace('.', '\\.')}: invalid arguments — `));
        expect(result.error.message, `${channel} ${JSON.stringify(args)}`).toMatch(pattern);
      }
    }
    expect(r.library.list()).toEqual([]);
    expect(r.library.store.listRooms().map((room) => room.name)).toEqual([]);
    expect(r.workshop.status()).toEqual({ running: false });
  });

  it('names unknown channels', async () => {
    const r = rig();
    expect(await r.handlers.invoke('fs.readFile', SENDER, { path: '/etc/passwd' })).toMatchObject({
      ok: false,
      error: { code: 'unknown-channel', message: 'There is no IPC channel "fs.readFile".' },
    });
  });

  it('refuses ids that are not in the library, and updates that are not Yjs updates, storing nothing', async () => {
    const r = rig();
    for (const channel of ['doc.load', 'doc.append', 'file.saveAs', 'share.get', 'share.set', 'workshop.start'] as const) {
      const args = { ...(validArgs('bp-missing')[channel] as object) };
      const result = (await r.handlers.invoke(channel, SENDER, args)) as IpcResult<unknown>;
      expect(result, channel).toMatchObject({
        ok: false,
        error: { code: 'not-found', message: 'This blueprint is no longer in the library (it was deleted).' },
      });
    }
    const { id } = await r.call<BlueprintEntry>('library.create', {});
    const garbage = await r.handlers.invoke('doc.append', SENDER, { id, updates: [new Uint8Array([255, 255, 255, 255])] });
    expect(garbage).toMatchObject({
      ok: false,
      error: { code: 'bad-arguments', message: expect.stringMatching(/^doc\.append: not a Yjs update/) },
    });
    expect(r.library.store.roomInfo(id)).toBeUndefined();
    expect(await r.handlers.invoke('library.create', SENDER, { template: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'not-found', message: 'There is no template "nope".' },
    });
  });
});

describe('library and documents', () => {
  it('creates from a template, lists it by title without loading it, and commits each append before answering', async () => {
    const r = rig();
    const created = await r.call<BlueprintEntry>('library.create', { template: 'b2b-lead-to-renewal' });
    const expected = getTemplate('b2b-lead-to-renewal')!.build();
    expect(created).toMatchObject({ title: expected.meta.title, share: null, openedAt: null });
    expect(created.id).toMatch(/^bp-[a-z0-9]{12}$/);
    const { state } = await r.call<{ state: Uint8Array }>('doc.load', { id: created.id });
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    expect(readBlueprint(doc).cards).toHaveLength(expected.cards.length);

    // An edit made in the renderer: the append answers once the update is in the SQLite file.
    const before = Y.encodeStateVector(doc);
    doc.getMap('meta').set('title', 'Our renewal journey');
    const edit = Y.encodeStateAsUpdate(doc, before);
    const { seq } = await r.call<{ seq: number }>('doc.append', { id: created.id, updates: [edit] });
    expect(seq).toBe(2);
    // The list follows the title in the document; opening marked it opened.
    const [listed] = await r.call<BlueprintEntry[]>('library.list');
    expect(listed).toMatchObject({ id: created.id, title: 'Our renewal journey' });
    expect(listed!.openedAt).toBeTypeOf('number');
    // In the file, read by the store alone (the library holds the file exclusively while open).
    r.library.close();
    const reader = openStore(r.file);
    expect(reader.loadDoc(created.id).doc.getMap('meta').get('title')).toBe('Our renewal journey');
    reader.close();
  });

  it('survives closing and reopening the library file', async () => {
    const r = rig();
    const { id } = await r.call<BlueprintEntry>('library.create', {});
    await r.call('doc.append', { id, updates: [TITLE_UPDATE] });
    await r.call('settings.set', { displayName: 'Ada', servers: [{ url: 'wss://sync.example.com/sync' }] });
    r.library.close();
    const reopened = openLibrary(r.file, { durability: 'normal' });
    try {
      expect(reopened.list()).toMatchObject([{ id, title: 'Renewal journey' }]);
      expect(reopened.settings()).toMatchObject({ displayName: 'Ada', servers: [{ url: 'wss://sync.example.com/sync' }] });
    } finally {
      reopened.close();
    }
  });

  it('compacts a long log into a snapshot, and the document still loads whole', async () => {
    const r = rig({ compactAfter: 50 });
    const { id } = await r.call<BlueprintEntry>('library.create', {});
    const doc = new Y.Doc();
    const text = doc.getText('notes');
    for (let i = 0; i < 120; i++) {
      const before = Y.encodeStateVector(doc);
      text.insert(i, 'x');
      await r.call('doc.append', { id, updates: [Y.encodeStateAsUpdate(doc, before)] });
    }
    const info = r.library.store.roomInfo(id)!;
    expect(info.snapshotSeq).toBeGreaterThanOrEqual(100);
    expect(info.tailUpdates).toBeLessThan(70);
    const loaded = new Y.Doc();
    Y.applyUpdate(loaded, (await r.call<{ state: Uint8Array }>('doc.load', { id })).state);
    expect(loaded.getText('notes').toString()).toBe('x'.repeat(120));
  });

  it('deletes a blueprint with its log, and a second delete says there was nothing', async () => {
    const r = rig();
    const { id } = await r.call<BlueprintEntry>('library.create', { template: 'blank' });
    expect(await r.call('library.delete', { id })).toEqual({ deleted: true });
    expect(await r.call('library.list')).toEqual([]);
    expect(r.library.store.roomInfo(id)).toBeUndefined();
    expect(await r.call('library.delete', { id })).toEqual({ deleted: false });
  });

  it('joins a shared blueprint once per server and room, and shares and unshares a local one', async () => {
    const r = rig();
    const joined = await r.call<BlueprintEntry>('library.join', { server: 'http://10.0.0.5:4321', room: 'workshop-1', token: 'a.b.c' });
    expect(joined).toMatchObject({ id: 'workshop-1', share: { server: 'ws://10.0.0.5:4321/sync', room: 'workshop-1', token: 'a.b.c' } });
    const again = await r.call<BlueprintEntry>('library.join', { server: 'ws://10.0.0.5:4321/sync', room: 'workshop-1', token: 'd.e.f' });
    expect(again).toMatchObject({ id: 'workshop-1', share: { token: 'd.e.f' } });
    // The same room name on another server is another blueprint.
    const other = await r.call<BlueprintEntry>('library.join', { server: 'wss://sync.example.com', room: 'workshop-1' });
    expect(other.id).not.toBe('workshop-1');
    const { id } = await r.call<BlueprintEntry>('library.create', {});
    expect(await r.call('share.get', { id })).toBeNull();
    await r.call('share.set', { id, share: { server: 'wss://sync.example.com/sync', token: 'x.y.z' } });
    expect(await r.call('share.get', { id })).toEqual({ server: 'wss://sync.example.com/sync', room: id, token: 'x.y.z' });
    await r.call('share.set', { id, share: null });
    expect(await r.call('share.get', { id })).toBeNull();
  });

  it('reads and writes settings, keeping what a patch does not name', async () => {
    const r = rig();
    expect(await r.call<Settings>('settings.get')).toEqual({ displayName: '', color: '#2f80ed', servers: [], licenseKey: '' });
    await r.call('settings.set', { displayName: 'Ada', color: '#aa3300' });
    expect(await r.call<Settings>('settings.set', { licenseKey: 'tldraw-key' })).toEqual({
      displayName: 'Ada',
      color: '#aa3300',
      servers: [],
      licenseKey: 'tldraw-key',
    });
  });
});

describe('files', () => {
  it('Save As then Open round-trips a blueprint losslessly, as a new library entry', async () => {
    const r = rig();
    const { id } = await r.call<BlueprintEntry>('library.create', { template: 'saas-trial-to-paid' });
    const original = r.library.readDoc(id);
    r.answer(join(r.dir, 'saved'));
    const saved = await r.call<{ cancelled: false; path: string }>('file.saveAs', { id });
    expect(saved).toEqual({ cancelled: false, path: join(r.dir, 'saved.journey') });
    r.answer(saved.path);
    const opened = await r.call<{ cancelled: false; entry: BlueprintEntry }>('file.open');
    expect(opened.entry.id).not.toBe(id);
    expect(opened.entry.title).toBe(readBlueprint(original).meta.title);
    const copy = r.library.readDoc(opened.entry.id);
    expect(readBlueprint(copy)).toEqual(readBlueprint(original));
    // Same Yjs history: the copy merges with live copies instead of duplicating them.
    expect(Y.encodeStateVector(copy)).toEqual(Y.encodeStateVector(original));
  });

  it('refuses corrupt, truncated, too-new and foreign files with the clear error, leaving the library as it was', async () => {
    const r = rig();
    await r.call('library.create', { template: 'blank' });
    const before = JSON.stringify(await r.call('library.list'));
    const rooms = r.library.store.listRooms().length;
    const doc = new Y.Doc();
    writeBlueprint(doc, getTemplate('b2b-lead-to-renewal')!.build(), null);
    const good = new TextDecoder().decode(encodeJourneyFile(doc));
    const json = JSON.parse(good) as { state: { data: string }; formatVersion: number };
    const files: Array<[string, string, RegExp]> = [
      ['truncated.journey', good.slice(0, good.length / 2), /truncated/],
      [
        'corrupt.journey',
        JSON.stringify({ ...json, state: { ...json.state, data: `${json.state.data.slice(0, -8)}AAAAAAAA` } }),
        /damaged/,
      ],
      ['new.journey', JSON.stringify({ ...json, formatVersion: 99 }), /Update JourneyScroll to open it/],
      ['photo.journey', 'GIF89a....', /not a JourneyScroll \.journey file/],
    ];
    for (const [name, content, message] of files) {
      writeFileSync(join(r.dir, name), content);
      r.answer(join(r.dir, name));
      const result = await r.handlers.invoke('file.open', SENDER, {});
      expect(result, name).toMatchObject({ ok: false, error: { code: 'bad-file', message: expect.stringMatching(message) } });
    }
    r.answer(join(r.dir, 'missing.journey'));
    expect(await r.handlers.invoke('file.open', SENDER, {})).toMatchObject({
      ok: false,
      error: { code: 'io', message: expect.stringMatching(/could not be read/) },
    });
    expect(JSON.stringify(await r.call('library.list'))).toBe(before);
    expect(r.library.store.listRooms()).toHaveLength(rooms);
  });

  it('checks the size before reading: a 3 GiB file is refused by its size, not by a failed read', async () => {
    const r = rig();
    const huge = join(r.dir, 'huge.journey');
    // Sparse: 3 GiB on paper, no disk used. Reading it whole would fail (Node reads at most 2 GiB
    // into one buffer) with another error; the size check answers before any read.
    writeFileSync(huge, '');
    truncateSync(huge, 3 * 2 ** 30);
    r.answer(huge);
    expect(await r.handlers.invoke('file.open', SENDER, {})).toEqual({
      ok: false,
      error: { code: 'bad-file', message: 'This file is 3072 MB; a .journey file is at most 256 MB.' },
    });
    // Files opened from outside the app (double-click, a drop on the icon) go the same way.
    await expect(importJourneyFile(r.library, huge)).rejects.toThrow('This file is 3072 MB; a .journey file is at most 256 MB.');
    mkdirSync(join(r.dir, 'folder.journey'));
    await expect(importJourneyFile(r.library, join(r.dir, 'folder.journey'))).rejects.toThrow(/not a file/);
    expect(r.library.list()).toEqual([]);
    expect(r.library.store.listRooms().filter((room) => !room.name.startsWith('_'))).toEqual([]);
  });

  it('Save As asks before replacing a file when it appended .journey to the name, and keeps the file when told no', async () => {
    const r = rig();
    const { id } = await r.call<BlueprintEntry>('library.create', { template: 'blank' });
    const existing = join(r.dir, 'plan.journey');
    writeFileSync(existing, 'precious');
    // The person typed "plan"; the dialog confirmed "plan" (which does not exist), the app writes plan.journey.
    r.answer(join(r.dir, 'plan'));
    r.confirm(false);
    expect(await r.call('file.saveAs', { id })).toEqual({ cancelled: true });
    expect(r.overwriteQuestions).toEqual([existing]);
    expect(readFileSync(existing, 'utf8')).toBe('precious');

    r.answer(join(r.dir, 'plan'));
    r.confirm(true);
    expect(await r.call('file.saveAs', { id })).toEqual({ cancelled: false, path: existing });
    expect(r.overwriteQuestions).toEqual([existing, existing]);
    expect(readFileSync(existing, 'utf8')).toMatch(/^\{/);

    // A path the dialog itself confirmed (it has the extension) is not asked about twice,
    // and a new name is not asked about at all.
    r.answer(existing);
    await r.call('file.saveAs', { id });
    r.answer(join(r.dir, 'fresh'));
    expect(await r.call('file.saveAs', { id })).toEqual({ cancelled: false, path: join(r.dir, 'fresh.journey') });
    expect(r.overwriteQuestions).toHaveLength(2);
    expect(statSync(join(r.dir, 'fresh.journey')).size).toBeGreaterThan(0);
  });

  it('saves bytes where the dialog says, and does nothing when it is cancelled', async () => {
    const r = rig();
    r.answer(join(r.dir, 'scroll.svg'));
    expect(await r.call('file.save', { name: 'scroll.svg', bytes: new TextEncoder().encode('<svg/>') })).toEqual({
      cancelled: false,
      path: join(r.dir, 'scroll.svg'),
    });
    expect(readFileSync(join(r.dir, 'scroll.svg'), 'utf8')).toBe('<svg/>');
    r.answer(null);
    expect(await r.call('file.save', { name: 'other.svg', bytes: new Uint8Array([1]) })).toEqual({ cancelled: true });
    r.answer(null);
    expect(await r.call('file.open')).toEqual({ cancelled: true });
  });
});
