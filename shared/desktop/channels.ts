/**
 * The names of the desktop app's IPC channels, without their schemas (contract.ts), so the
 * sandboxed preload can check a name without bundling zod. contract.ts keeps the two in step.
 */
export const CHANNELS = [
  'library.list',
  'library.create',
  'library.delete',
  'library.join',
  'doc.load',
  'doc.append',
  'file.open',
  'file.saveAs',
  'file.save',
  'settings.get',
  'settings.set',
  'share.get',
  'share.set',
  'workshop.start',
  'workshop.stop',
  'workshop.status',
] as const;

export type Channel = (typeof CHANNELS)[number];

const names: ReadonlySet<string> = new Set(CHANNELS);
export const isChannel = (value: unknown): value is Channel => typeof value === 'string' && names.has(value);

/** The Electron IPC channel a desktop channel travels on. */
export const ipcChannelOf = (channel: Channel): string => `journeyscroll:${channel}`;
