import { randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import { DEFAULT_SETTINGS, syncUrlOf, type BlueprintEntry, type Settings, type Share } from '../../shared/desktop/contract.ts';
import { openStore, type DocumentStore } from '../../sync-server/store/index.ts';
import { IpcError } from './errors.ts';

/**
 * The local library (docs/architecture.md §5): every blueprint on this device, in one SQLite file
 * (sync-server/store: an update log per blueprint plus snapshots, WAL, fsync per commit).
 *
 * What the library list shows (title, when opened, where it is shared) lives beside the blueprints
 * in the same store, as one more document: the room `_library`, a Y.Doc whose `blueprints` map
 * holds one map per blueprint and whose `settings` map holds the app's settings. So the list is
 * read without loading any blueprint, every change to it is one durable append like any edit,
 * and the store's API stays as it is. Blueprint ids never start with `_` (contract.ts).
 *
 * Titles are read from the blueprints themselves: every document the renderer edits is kept open
 * here (a small cache) and each committed update is applied to it, so the title in the list
 * follows the title in the document.
 */
export const INDEX_ROOM = '_library';

export interface LibraryOptions {
  readonly now?: () => number;
  /** Compact a blueprint's log once this many updates follow its snapshot (default 1000). */
  readonly compactAfter?: number;
  /** Blueprints kept open in memory (default 8). */
  readonly openDocs?: number;
  /** 'full' (default) fsyncs every commit. */
  readonly durability?: 'full' | 'normal';
}

interface OpenDoc {
  readonly doc: Y.Doc;
  seq: number;
  sinceSnapshot: number;
}

export interface Library {
  readonly store: DocumentStore;
  list(): BlueprintEntry[];
  get(id: string): BlueprintEntry | undefined;
  /** A new blueprint, filled by `fill` (a template, an imported file) before its first commit. */
  create(fill?: (doc: Y.Doc) => void): BlueprintEntry;
  /** The blueprint shared at this server and room: the existing entry, or a new empty one. */
  join(share: Share): BlueprintEntry;
  delete(id: string): boolean;
  /** The whole state as one update; marks the blueprint as opened now. */
  load(id: string): Uint8Array;
  /** Commits the updates (one transaction, one fsync) and returns the last seq. */
  append(id: string, updates: readonly Uint8Array[]): number;
  /** A fresh Y.Doc holding the blueprint (the caller destroys it). */
  readDoc(id: string): Y.Doc;
  setShare(id: string, share: Share | null): BlueprintEntry;
  /** Empties File › Open Recent (the blueprints stay in the library). */
  forgetOpened(): void;
  settings(): Settings;
  updateSettings(patch: Partial<Settings>): Settings;
  close(): void;
}

const newId = () =>
  `bp-${randomBytes(9)
    .toString('base64url')
    .replace(/[^A-Za-z0-9]/g, '')
    .toLowerCase()
    .slice(0, 12)
    .padEnd(12, '0')}`;

export function openLibrary(file: string, options: LibraryOptions = {}): Library {
  const now = options.now ?? Date.now;
  const compactAfter = options.compactAfter ?? 1000;
  const maxOpen = options.openDocs ?? 8;
  const store = openStore(file, { durability: options.durability ?? 'full', now });

  const index = store.loadDoc(INDEX_ROOM).doc;
  const entries = index.getMap<Y.Map<unknown>>('blueprints');
  const settingsMap = index.getMap<string>('settings');
  let indexTail = store.roomInfo(INDEX_ROOM)?.tailUpdates ?? 0;
  // Every change of the index is committed as it is made; compaction keeps its log short.
  index.on('update', (update: Uint8Array) => {
    store.appendUpdate(INDEX_ROOM, update);
    if (++indexTail > 200) {
      store.compact(INDEX_ROOM);
      indexTail = 0;
    }
  });

  const open = new Map<string, OpenDoc>();

  const titleOf = (doc: Y.Doc) => {
    const title = doc.getMap('meta').get('title');
    return typeof title === 'string' ? title : '';
  };

  function toEntry(id: string, fields: Y.Map<unknown>, updatedAt?: number): BlueprintEntry {
    const server = fields.get('server');
    const room = fields.get('room');
    const token = fields.get('token');
    const createdAt = Number(fields.get('createdAt') ?? 0);
    return {
      id,
      title: String(fields.get('title') ?? ''),
      createdAt,
      updatedAt: updatedAt ?? store.roomInfo(id)?.updatedAt ?? createdAt,
      openedAt: typeof fields.get('openedAt') === 'number' ? (fields.get('openedAt') as number) : null,
      share:
        typeof server === 'string'
          ? { server, room: typeof room === 'string' ? room : id, ...(typeof token === 'string' ? { token } : {}) }
          : null,
    };
  }

  function fieldsOf(id: string): Y.Map<unknown> {
    const fields = entries.get(id);
    if (!fields) throw new IpcError('not-found', 'This blueprint is no longer in the library (it was deleted).');
    return fields;
  }

  function addEntry(id: string, values: Record<string, unknown>): Y.Map<unknown> {
    const fields = new Y.Map<unknown>();
    index.transact(() => {
      entries.set(id, fields);
      for (const [key, value] of Object.entries(values)) if (value !== undefined) fields.set(key, value);
    });
    return fields;
  }

  function openDoc(id: string): OpenDoc {
    let entry = open.get(id);
    if (entry) {
      // Most recently used last.
      open.delete(id);
      open.set(id, entry);
      return entry;
    }
    const loaded = store.loadDoc(id);
    entry = { doc: loaded.doc, seq: loaded.seq, sinceSnapshot: loaded.seq - loaded.snapshotSeq };
    open.set(id, entry);
    while (open.size > maxOpen) {
      const [oldest, value] = open.entries().next().value as [string, OpenDoc];
      value.doc.destroy();
      open.delete(oldest);
    }
    return entry;
  }

  function syncTitle(id: string, doc: Y.Doc) {
    const fields = entries.get(id);
    const title = titleOf(doc);
    if (fields && fields.get('title') !== title) fields.set('title', title);
  }

  function unique(): string {
    for (;;) {
      const id = newId();
      if (!entries.has(id) && !store.roomInfo(id)) return id;
    }
  }

  return {
    store,
    list() {
      const updated = new Map(store.listRooms().map((room) => [room.name, room.updatedAt]));
      return [...entries.entries()]
        .map(([id, fields]) => toEntry(id, fields, updated.get(id)))
        .sort((a, b) => b.updatedAt - a.updatedAt || a.title.localeCompare(b.title));
    },
    get(id) {
      const fields = entries.get(id);
      return fields ? toEntry(id, fields) : undefined;
    },
    create(fill) {
      const id = unique();
      const doc = new Y.Doc();
      try {
        fill?.(doc);
        const state = Y.encodeStateAsUpdate(doc);
        // An empty document encodes as two zero bytes: nothing to store yet.
        if (state.byteLength > 2) store.appendUpdate(id, state);
        addEntry(id, { title: titleOf(doc), createdAt: now() });
      } finally {
        doc.destroy();
      }
      return this.get(id)!;
    },
    join(share) {
      const server = syncUrlOf(share.server);
      const room = share.room;
      for (const [id, fields] of entries.entries()) {
        if (fields.get('server') === server && (fields.get('room') ?? id) === room) {
          if (share.token && fields.get('token') !== share.token) fields.set('token', share.token);
          return toEntry(id, fields);
        }
      }
      const id = room && !room.startsWith('_') && !entries.has(room) && !store.roomInfo(room) ? room : unique();
      addEntry(id, { title: '', createdAt: now(), server, room: room ?? id, token: share.token });
      return this.get(id)!;
    },
    delete(id) {
      const existed = entries.has(id);
      open.get(id)?.doc.destroy();
      open.delete(id);
      const hadRoom = store.deleteRoom(id);
      if (existed) entries.delete(id);
      return existed || hadRoom;
    },
    load(id) {
      const fields = fieldsOf(id);
      const { doc } = openDoc(id);
      fields.set('openedAt', now());
      return Y.encodeStateAsUpdate(doc);
    },
    append(id, updates) {
      fieldsOf(id);
      const entry = openDoc(id);
      let seqs: number[];
      try {
        seqs = store.appendUpdates(updates.map((update) => ({ room: id, update })));
      } catch (error) {
        if (error instanceof TypeError) throw new IpcError('bad-arguments', `doc.append: ${error.message}`);
        throw error;
      }
      try {
        Y.transact(entry.doc, () => {
          for (const update of updates) Y.applyUpdate(entry.doc, update);
        });
        entry.seq = seqs[seqs.length - 1]!;
        entry.sinceSnapshot += seqs.length;
        syncTitle(id, entry.doc);
        if (entry.sinceSnapshot >= compactAfter) {
          store.compact(id, { state: Y.encodeStateAsUpdate(entry.doc), throughSeq: entry.seq });
          entry.sinceSnapshot = 0;
        }
      } catch {
        // The updates are committed; only the in-memory copy is in doubt: reload it next time.
        entry.doc.destroy();
        open.delete(id);
      }
      return seqs[seqs.length - 1]!;
    },
    readDoc(id) {
      fieldsOf(id);
      return store.loadDoc(id).doc;
    },
    setShare(id, share) {
      const fields = fieldsOf(id);
      index.transact(() => {
        for (const key of ['server', 'room', 'token']) fields.delete(key);
        if (share) {
          fields.set('server', syncUrlOf(share.server));
          fields.set('room', share.room ?? id);
          if (share.token) fields.set('token', share.token);
        }
      });
      return toEntry(id, fields);
    },
    forgetOpened() {
      index.transact(() => {
        for (const fields of entries.values()) fields.delete('openedAt');
      });
    },
    settings() {
      const read = (key: keyof Settings) => settingsMap.get(key);
      let servers: Settings['servers'] = DEFAULT_SETTINGS.servers;
      try {
        const raw = read('servers');
        if (raw) servers = JSON.parse(raw) as Settings['servers'];
      } catch {
        /* a damaged list reads as empty; the next save rewrites it */
      }
      return {
        displayName: read('displayName') ?? DEFAULT_SETTINGS.displayName,
        color: read('color') ?? DEFAULT_SETTINGS.color,
        servers,
        licenseKey: read('licenseKey') ?? DEFAULT_SETTINGS.licenseKey,
      };
    },
    updateSettings(patch) {
      index.transact(() => {
        for (const [key, value] of Object.entries(patch)) {
          if (value === undefined) continue;
          settingsMap.set(key, key === 'servers' ? JSON.stringify(value) : String(value));
        }
      });
      return this.settings();
    },
    close() {
      for (const { doc } of open.values()) doc.destroy();
      open.clear();
      index.destroy();
      store.close();
    },
  };
}
