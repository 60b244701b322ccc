/**
 * The preload: the only bridge between the sandboxed renderer and the main process. It exposes a
 * small, typed API through contextBridge — never ipcRenderer itself: `invoke` reaches only the
 * channels of shared/desktop/channels.ts (the main process validates arguments and sender again),
 * and the events forward only known commands and bounded strings.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isAppCommandId } from '../../shared/commands.ts';
import { ipcChannelOf, isChannel, PUSH_CHANNELS } from '../../shared/desktop/channels.ts';
import type { DesktopBridge, IpcResult } from '../../shared/desktop/contract.ts';

type Unsubscribe = () => void;

function subscribe<T>(channel: string, accept: (value: unknown) => value is T, listener: (value: T) => void): Unsubscribe {
  const handler = (_event: IpcRendererEvent, value: unknown) => {
    if (accept(value)) listener(value);
  };
  ipcRenderer.on(channel, handler);
  return () => ipcRenderer.removeListener(channel, handler);
}

const isString = (value: unknown): value is string => typeof value === 'string' && value.length < 4096;

const api: DesktopBridge = {
  platform: process.platform,
  invoke(channel, args) {
    if (!isChannel(channel))
      return Promise.resolve<IpcResult<unknown>>({
        ok: false,
        error: { code: 'unknown-channel', message: `There is no IPC channel ${String(channel).slice(0, 80)}.` },
      });
    return ipcRenderer.invoke(ipcChannelOf(channel), args) as Promise<IpcResult<unknown>>;
  },
  /** Menu commands chosen in the native menu bar. */
  onCommand: (listener) => subscribe(PUSH_CHANNELS.command, isAppCommandId, listener),
  /** A library entry to open: File › Open Recent, or a .journey file opened from the desktop. */
  onOpen: (listener) => subscribe(PUSH_CHANNELS.open, isString, listener),
};

contextBridge.exposeInMainWorld('journeyscrollDesktop', api);
