/**
 * The preload: the only bridge between the sandboxed renderer and the main process. It exposes a
 * small, typed API through contextBridge — never ipcRenderer itself — and forwards only known
 * commands and links.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isAppCommandId, type AppCommandId } from '../../shared/commands.ts';

type Unsubscribe = () => void;

function subscribe<T>(channel: string, accept: (value: unknown) => value is T, listener: (value: T) => void): Unsubscribe {
  const handler = (_event: IpcRendererEvent, value: unknown) => {
    if (accept(value)) listener(value);
  };
  ipcRenderer.on(channel, handler);
  return () => ipcRenderer.removeListener(channel, handler);
}

const isString = (value: unknown): value is string => typeof value === 'string' && value.length < 4096;

const api = {
  platform: process.platform,
  /** Menu commands chosen in the native menu bar. */
  onCommand: (listener: (command: AppCommandId) => void): Unsubscribe => subscribe('journeyscroll:command', isAppCommandId, listener),
  /** journeyscroll:// links opened from outside the app. */
  onLink: (listener: (link: string) => void): Unsubscribe => subscribe('journeyscroll:link', isString, listener),
  /** A recent blueprint chosen in File › Open Recent. */
  onOpenRecent: (listener: (id: string) => void): Unsubscribe => subscribe('journeyscroll:open', isString, listener),
};

export type DesktopBridge = typeof api;

contextBridge.exposeInMainWorld('journeyscroll', api);
