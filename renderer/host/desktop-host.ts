import { isAppCommandId, type AppCommandId } from '../../shared/commands.ts';
import { appLink, type BlueprintEntry, type DesktopBridge, type Settings, type WorkshopStatus } from '../../shared/desktop/contract.ts';
import { desktopCall, type DesktopCall } from './desktop-api.ts';
import { openDesktopSession, type DesktopSession, type SessionShare } from './desktop-session.ts';
import type { Host, RecentBlueprint, SettingKey } from './host.ts';

/**
 * The desktop edition's Host (docs/architecture.md §5): blueprints in the local library of the main process,
 * files through native dialogs, settings in the library, menu commands from the native menu bar —
 * all over the preload's bridge. The library list, settings and workshop state are cached here so
 * the Host's synchronous reads answer at once; `refresh()` reloads them.
 */
export interface DesktopHost extends Host {
  readonly kind: 'desktop';
  readonly call: DesktopCall;
  readonly bridge: DesktopBridge;
  entries(): readonly BlueprintEntry[];
  settings(): Settings;
  workshop(): WorkshopStatus;
  refresh(): Promise<void>;
  /** Called after `refresh()` or any change made through this host. */
  subscribe(listener: () => void): () => void;
  updateSettings(patch: Partial<Settings>): Promise<void>;
  /** Open sessions with changes not yet acknowledged (the window should not close on them). */
  unsaved(): number;
  /** Sends every unacknowledged change at once (the window is closing). */
  flushAll(): void;
  onCommand(listener: (command: AppCommandId) => void): () => void;
}

/** The Host's string settings as the library's settings (shared/desktop/contract.ts). */
function readSetting(settings: Settings, key: SettingKey): string {
  switch (key) {
    case 'userName':
      return settings.displayName;
    case 'userColor':
      return settings.color;
    case 'licenseKey':
      return settings.licenseKey;
    case 'servers':
      return settings.servers.map((s) => s.url).join('\n');
  }
}

function settingPatch(settings: Settings, key: SettingKey, value: string): Partial<Settings> {
  switch (key) {
    case 'userName':
      return { displayName: value };
    case 'userColor':
      return value ? { color: value } : {};
    case 'licenseKey':
      return { licenseKey: value };
    case 'servers': {
      const urls = [...new Set(value.split(/\s+/).filter(Boolean))];
      // Tokens saved with a server stay with it.
      return { servers: urls.map((url) => settings.servers.find((s) => s.url === url) ?? { url }) };
    }
  }
}

export async function createDesktopHost(bridge: DesktopBridge): Promise<DesktopHost> {
  const call = desktopCall(bridge);
  let entries: BlueprintEntry[] = [];
  let settings: Settings = await call('settings.get');
  let workshop: WorkshopStatus = { running: false };
  const listeners = new Set<() => void>();
  const sessions = new Set<DesktopSession>();
  const changed = () => listeners.forEach((l) => l());

  async function refresh() {
    [entries, workshop] = await Promise.all([call('library.list'), call('workshop.status')]);
    changed();
  }
  await refresh();

  /** Where a blueprint syncs: its hosted workshop first (this app is the server), else its share. */
  function shareOf(id: string): SessionShare | null {
    if (workshop.running && workshop.id === id) return { server: workshop.local.server, room: id, token: workshop.local.token };
    const share = entries.find((e) => e.id === id)?.share;
    return share ? { server: share.server, room: share.room ?? id, token: share.token } : null;
  }

  const host: DesktopHost = {
    kind: 'desktop',
    call,
    bridge,
    openBlueprint(room) {
      const session = openDesktopSession({ call, id: room, share: shareOf(room) });
      sessions.add(session);
      const destroy = session.destroy;
      return Object.assign(session, {
        destroy() {
          destroy();
          void session.whenSaved().then(() => sessions.delete(session));
        },
      });
    },
    recent(): RecentBlueprint[] {
      return entries
        .filter((e) => e.openedAt !== null)
        .sort((a, b) => (b.openedAt ?? 0) - (a.openedAt ?? 0))
        .map((e) => ({
          room: e.id,
          title: e.title || 'Untitled journey',
          ...(e.share?.token ? { token: e.share.token } : {}),
          openedAt: new Date(e.openedAt!).toISOString(),
        }));
    },
    remember(entry) {
      // The main process reads titles from the documents themselves; this keeps the cache in step.
      entries = entries.map((e) => (e.id === entry.room && entry.title && entry.title !== entry.room ? { ...e, title: entry.title } : e));
    },
    forget(room) {
      entries = entries.map((e) => (e.id === room ? { ...e, openedAt: null } : e));
      changed();
    },
    getSetting(key) {
      return readSetting(settings, key) || undefined;
    },
    setSetting(key, value) {
      void host
        .updateSettings(settingPatch(settings, key, value ?? ''))
        .catch((error: unknown) => console.error('settings not saved', error));
    },
    async updateSettings(patch) {
      settings = { ...settings, ...patch };
      settings = await call('settings.set', patch);
      changed();
    },
    async saveFile(name, bytes) {
      await call('file.save', { name: name.replace(/[/\\]/g, '-'), bytes });
    },
    linkTo(room, token) {
      const hosted = workshop.running && workshop.id === room ? workshop.invites[0] : undefined;
      if (hosted) return hosted.webEditor ?? hosted.appEditor;
      const share = entries.find((e) => e.id === room)?.share;
      return share ? appLink({ server: share.server, room: share.room ?? room, token: token ?? share.token }) : '';
    },
    onCommand(listener) {
      return bridge.onCommand((command) => {
        if (isAppCommandId(command)) listener(command);
      });
    },
    entries: () => entries,
    settings: () => settings,
    workshop: () => workshop,
    refresh,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    unsaved: () => [...sessions].reduce((n, s) => n + s.unsaved(), 0),
    flushAll: () => sessions.forEach((s) => s.flushNow()),
  };
  return host;
}
