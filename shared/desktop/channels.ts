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
  'workshop.invite',
] as const;

export type Channel = (typeof CHANNELS)[number];

const names: ReadonlySet<string> = new Set(CHANNELS);
export const isChannel = (value: unknown): value is Channel => typeof value === 'string' && names.has(value);

/** The Electron IPC channel a desktop channel travels on. */
export const ipcChannelOf = (channel: Channel): string => `journeyscroll:${channel}`;

/**
 * The channels the main process pushes on (main → renderer, no reply): `open` asks the window to
 * open a blueprint by id (a `.journey` file, a link, File › Open Recent), `command` runs a menu
 * command (shared/commands.ts). Named here so main and preload cannot drift apart.
 */
export const PUSH_CHANNELS = { open: 'journeyscroll:open', command: 'journeyscroll:command' } as const;
export type PushChannel = (typeof PUSH_CHANNELS)[keyof typeof PUSH_CHANNELS];
