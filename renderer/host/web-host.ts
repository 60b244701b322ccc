import type { Host, RecentBlueprint, SettingKey } from './host.ts';
import { openWebSession } from './web-session.ts';

const RECENT_KEY = 'journeyscroll.recent';
const SETTING_PREFIX = 'journeyscroll.setting.';
const MAX_RECENT = 50;

/** The web edition's Host: IndexedDB per blueprint, localStorage for the list and settings. */
export function createWebHost(storage: Storage = localStorage): Host {
  const readRecent = (): RecentBlueprint[] => {
    try {
      const list = JSON.parse(storage.getItem(RECENT_KEY) ?? '[]') as unknown;
      return Array.isArray(list) ? (list.filter((e) => e && typeof e.room === 'string') as RecentBlueprint[]) : [];
    } catch {
      return [];
    }
  };
  const writeRecent = (list: RecentBlueprint[]) => storage.setItem(RECENT_KEY, JSON.stringify(list.slice(0, MAX_RECENT)));
  return {
    kind: 'web',
    openBlueprint: (room, token) => openWebSession(room, token),
    recent: () => readRecent().sort((a, b) => (a.openedAt < b.openedAt ? 1 : -1)),
    remember(entry) {
      const rest = readRecent().filter((e) => e.room !== entry.room);
      const previous = readRecent().find((e) => e.room === entry.room);
      const token = entry.token ?? previous?.token;
      writeRecent([
        {
          room: entry.room,
          title: entry.title || previous?.title || entry.room,
          ...(token ? { token } : {}),
          openedAt: new Date().toISOString(),
        },
        ...rest,
      ]);
    },
    forget(room) {
      writeRecent(readRecent().filter((e) => e.room !== room));
    },
    getSetting: (key: SettingKey) => storage.getItem(SETTING_PREFIX + key) ?? undefined,
    setSetting(key: SettingKey, value: string | undefined) {
      if (value === undefined || value === '') storage.removeItem(SETTING_PREFIX + key);
      else storage.setItem(SETTING_PREFIX + key, value);
    },
    async saveFile(name, bytes) {
      const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/octet-stream' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    },
    linkTo(room, token) {
      const url = new URL(`/b/${encodeURIComponent(room)}`, location.origin);
      if (token) url.searchParams.set('token', token);
      return url.href;
    },
  };
}
