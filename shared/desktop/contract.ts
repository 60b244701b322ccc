import { z } from 'zod';
import { ROLES, ROOM_NAME_PATTERN, type Role } from '../sync/contract.ts';
import type { Channel } from './channels.ts';

export { CHANNELS, isChannel, ipcChannelOf, type Channel } from './channels.ts';

/**
 * The desktop app's IPC contract (docs/architecture.md §5, docs/desktop.md): every channel the renderer may
 * invoke, the schema its argument must pass, and what it answers. The main process validates with
 * these schemas (electron/ipc), the preload forwards only these channel names, and the renderer's
 * desktop Host is typed by them. Answers travel as an envelope, never as a thrown error, so the
 * renderer always gets the code and the message intact (Electron rewrites thrown errors).
 */

const MiB = 1024 * 1024;
/** One update, and one `doc.append` call: as large as the sync server accepts (options.ts). */
export const MAX_UPDATE_BYTES = 8 * MiB;
export const MAX_APPEND_BYTES = 64 * MiB;
export const MAX_APPEND_UPDATES = 10_000;
/** A file saved through `file.save` (exports, prints, .journey downloads). */
export const MAX_SAVE_BYTES = 256 * MiB;

/** Library ids are room names (the store's rule, the sync path's rule); `_` starts the app's own. */
export const blueprintIdSchema = z
  .string()
  .regex(ROOM_NAME_PATTERN, 'a blueprint id is 1-128 of A-Z a-z 0-9 _ -')
  .refine((id) => !id.startsWith('_'), 'ids starting with _ are reserved');

const bytes = (max: number) =>
  z
    .custom<Uint8Array>((value) => value instanceof Uint8Array, { message: 'expected bytes (a Uint8Array)' })
    .refine((b) => b.byteLength > 0 && b.byteLength <= max, `must be 1 byte to ${max / MiB} MiB`);

/** A sync server as the user typed it: ws(s)://host[:port]/sync, or http(s) (turned into ws). */
export const serverUrlSchema = z
  .string()
  .max(2048)
  .refine((value) => {
    try {
      return ['ws:', 'wss:', 'http:', 'https:'].includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, 'a server is a ws://, wss://, http:// or https:// URL');

const tokenSchema = z
  .string()
  .min(1)
  .max(4096)
  .regex(/^[A-Za-z0-9_.-]+$/, 'a token is a JWT (letters, digits, - _ .)');

export const shareSchema = z.strictObject({
  server: serverUrlSchema,
  /** The room on that server (default: the blueprint's id). */
  room: z.string().regex(ROOM_NAME_PATTERN).optional(),
  token: tokenSchema.optional(),
});
export type Share = z.infer<typeof shareSchema>;

export const settingsSchema = z.strictObject({
  displayName: z.string().max(100),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour is #rrggbb'),
  servers: z.array(z.strictObject({ url: serverUrlSchema, token: tokenSchema.optional() })).max(50),
  licenseKey: z.string().max(4096),
});
export type Settings = z.infer<typeof settingsSchema>;
export const DEFAULT_SETTINGS: Settings = { displayName: '', color: '#2f80ed', servers: [], licenseKey: '' };

const empty = z.strictObject({}).optional();
const byId = z.strictObject({ id: blueprintIdSchema });

/** Argument schemas, by channel. */
export const CHANNEL_ARGS = {
  'library.list': empty,
  /** A new blueprint from a built-in template (shared/templates), or an empty one. */
  'library.create': z.strictObject({ template: z.string().max(100).optional() }),
  'library.delete': byId,
  /** A blueprint someone shared (a journeyscroll:// link): found by server and room, or added. */
  'library.join': shareSchema,
  /** The whole Yjs state of a blueprint, as one update. */
  'doc.load': byId,
  /** Updates of a blueprint; answers once they are committed to the local store. */
  'doc.append': z.strictObject({
    id: blueprintIdSchema,
    updates: z
      .array(bytes(MAX_UPDATE_BYTES))
      .min(1)
      .max(MAX_APPEND_UPDATES)
      .refine((list) => list.reduce((n, u) => n + u.byteLength, 0) <= MAX_APPEND_BYTES, `at most ${MAX_APPEND_BYTES / MiB} MiB per call`),
  }),
  /** Open dialog → a .journey file → a new library entry. */
  'file.open': empty,
  /** Save dialog → the blueprint written as a .journey file. */
  'file.saveAs': byId,
  /** Save dialog → these bytes (exports, prints, downloads). `name` is the suggested file name. */
  'file.save': z.strictObject({
    name: z
      .string()
      .min(1)
      .max(200)
      .refine((n) => !/[/\\\0]/.test(n) && n !== '.' && n !== '..', 'a file name, not a path'),
    bytes: bytes(MAX_SAVE_BYTES),
  }),
  'settings.get': empty,
  'settings.set': settingsSchema.partial(),
  'share.get': byId,
  /** Publish the blueprint to a server (or `share: null` to make it local again). */
  'share.set': z.strictObject({ id: blueprintIdSchema, share: shareSchema.nullable() }),
  /** Host a workshop for this blueprint: the sync server inside the app, on the LAN. */
  'workshop.start': z.strictObject({
    id: blueprintIdSchema,
    port: z.number().int().min(0).max(65535).optional(),
    /** Interface to listen on: every interface (the LAN) by default, or loopback only. */
    host: z.enum(['0.0.0.0', '::', '127.0.0.1']).optional(),
  }),
  'workshop.stop': empty,
  'workshop.status': empty,
  /**
   * Links for one role (and an editor's team) in the hosted workshop, with the person's name
   * (docs/governance.md): minted with the session's secret, valid as long as the others.
   */
  'workshop.invite': z.strictObject({
    role: z.enum(ROLES),
    team: z.string().trim().min(1).max(100).optional(),
    name: z.string().trim().min(1).max(200).optional(),
  }),
} as const satisfies Record<Channel, z.ZodType>;
export type ChannelArgs<C extends Channel> = z.input<(typeof CHANNEL_ARGS)[C]>;

export interface BlueprintEntry {
  readonly id: string;
  readonly title: string;
  /** Milliseconds since the epoch. */
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly openedAt: number | null;
  readonly share: Share | null;
}

export interface WorkshopInvite {
  /** The address people join at (a LAN address of this machine). */
  readonly address: string;
  /** The web edition: a browser joins with no install. */
  readonly webEditor: string | null;
  readonly webViewer: string | null;
  /** The desktop app: journeyscroll://b/<room>?server=…&token=… */
  readonly appEditor: string;
  readonly appViewer: string;
}

/** Links for one role (and team) in the hosted workshop, on each address of this machine. */
export interface WorkshopRoleInvite {
  readonly role: Role;
  readonly team: string | null;
  readonly token: string;
  readonly links: ReadonlyArray<{ readonly address: string; readonly web: string | null; readonly app: string }>;
}

export type WorkshopStatus =
  | { readonly running: false }
  | {
      readonly running: true;
      readonly id: string;
      readonly port: number;
      readonly host: string;
      /** The sync URL and token this app's own window uses for the hosted blueprint. */
      readonly local: { readonly server: string; readonly token: string };
      readonly editorToken: string;
      readonly viewerToken: string;
      /** Until when the tokens are valid (ms since the epoch). */
      readonly expiresAt: number;
      readonly invites: readonly WorkshopInvite[];
      /** Why there are no web links, when there are none (the web edition is not built in). */
      readonly webNote: string | null;
    };

export type Cancellable<T> = { readonly cancelled: true } | ({ readonly cancelled: false } & T);

export interface ChannelResults {
  'library.list': BlueprintEntry[];
  'library.create': BlueprintEntry;
  'library.delete': { deleted: boolean };
  'library.join': BlueprintEntry;
  'doc.load': { state: Uint8Array };
  'doc.append': { seq: number };
  'file.open': Cancellable<{ entry: BlueprintEntry }>;
  'file.saveAs': Cancellable<{ path: string }>;
  'file.save': Cancellable<{ path: string }>;
  'settings.get': Settings;
  'settings.set': Settings;
  'share.get': Share | null;
  'share.set': BlueprintEntry;
  'workshop.start': WorkshopStatus;
  'workshop.stop': { stopped: boolean };
  'workshop.status': WorkshopStatus;
  'workshop.invite': WorkshopRoleInvite;
}

/** Why a call failed, in words a person can be shown, with a code the program can test. */
export type IpcErrorCode =
  'bad-arguments' | 'forbidden-sender' | 'unknown-channel' | 'not-found' | 'bad-file' | 'io' | 'workshop' | 'internal';
export interface IpcFailure {
  readonly code: IpcErrorCode;
  readonly message: string;
}
export type IpcResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: IpcFailure };

/**
 * The global the preload exposes the bridge as. Not `journeyscroll`: the blueprint view publishes
 * its live objects for tests and debugging there, and a contextBridge global cannot be replaced.
 */
export const BRIDGE_GLOBAL = 'journeyscrollDesktop';

/** What the preload exposes as `window.journeyscrollDesktop` (electron/preload/index.ts). */
export interface DesktopBridge {
  readonly platform: string;
  invoke(channel: Channel, args?: unknown): Promise<IpcResult<unknown>>;
  /** Commands chosen in the native menu bar (shared/commands.ts ids). */
  onCommand(listener: (command: string) => void): () => void;
  /**
   * A library entry to open: File › Open Recent, a .journey file opened from the desktop, or a
   * journeyscroll:// link (the main process joins the shared blueprint first).
   */
  onOpen(listener: (id: string) => void): () => void;
}

/** The journeyscroll:// link of a shared blueprint (docs/desktop.md). */
export function appLink(share: { server: string; room: string; token?: string | undefined }): string {
  const url = new URL(`journeyscroll://b/${encodeURIComponent(share.room)}`);
  url.searchParams.set('server', share.server);
  if (share.token) url.searchParams.set('token', share.token);
  return url.href;
}

/**
 * The web edition's link to a shared blueprint, for a server that serves it (`journeyscroll serve
 * --static`, a hosted workshop): http(s)://host[:port]/b/<room>?token=…
 */
export function webLink(share: { server: string; room: string; token?: string | undefined }): string {
  const url = new URL(syncUrlOf(share.server));
  url.protocol = url.protocol === 'wss:' ? 'https:' : 'http:';
  url.pathname = `${url.pathname.replace(/\/sync$/, '')}/b/${encodeURIComponent(share.room)}`;
  if (share.token) url.searchParams.set('token', share.token);
  return url.href;
}

/** Reads a journeyscroll:// link; null when it is not one. */
export function parseAppLink(link: string): { server: string; room: string; token?: string } | null {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return null;
  }
  if (url.protocol !== 'journeyscroll:') return null;
  // journeyscroll://b/<room>: "b" is the host, the room the path.
  const match = /^\/([^/]+)\/?$/.exec(url.pathname);
  if (url.hostname !== 'b' || !match) return null;
  let room: string;
  try {
    room = decodeURIComponent(match[1]!);
  } catch {
    return null;
  }
  const server = url.searchParams.get('server');
  const token = url.searchParams.get('token');
  if (!ROOM_NAME_PATTERN.test(room) || !server || !serverUrlSchema.safeParse(server).success) return null;
  if (token && !tokenSchema.safeParse(token).success) return null;
  return { server, room, ...(token ? { token } : {}) };
}

/** A sync server URL as a WebsocketProvider wants it: ws(s)://host[:port]/sync. */
export function syncUrlOf(server: string): string {
  const url = new URL(server);
  if (url.protocol === 'http:') url.protocol = 'ws:';
  if (url.protocol === 'https:') url.protocol = 'wss:';
  const path = url.pathname.replace(/\/+$/, '');
  url.pathname = path.endsWith('/sync') ? path : `${path}/sync`;
  url.search = '';
  url.hash = '';
  return url.href.replace(/\/$/, '');
}
