import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import type { AppCommandId } from '../../shared/commands.ts';
import type { Principal } from '../../shared/governance/write-policy.ts';

/**
 * The Host: the app's storage, files and settings as the UI sees them (docs/architecture.md §1, §5, §6).
 * The web edition implements it here (IndexedDB cache + same-origin sync); the desktop edition
 * implements it over the preload API (local document store in the main process).
 */
/**
 * 'local': the blueprint lives on this device only (a desktop blueprint not shared with any
 * server) — there is nothing to connect to, which is not the same as being offline.
 */
export type ConnectionState = 'offline' | 'connecting' | 'synced' | 'local';
/**
 * Whether every change is on this device's disk (desktop: committed to the local store):
 * 'saving' while changes wait for the acknowledgement, 'retrying' when saving failed and is being
 * retried (nothing is lost while the window stays open, but the person should know).
 */
export type SaveState = 'saved' | 'saving' | 'retrying';
export type Role = 'editor' | 'viewer';

export interface BlueprintSession {
  readonly room: string;
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  /** From the access token; the server enforces it, the UI follows it. */
  readonly role: Role;
  /**
   * Who this person is to the write policy (role, team, name from the access token): the UI shows
   * locked what the policy would refuse. Absent: every role (a blueprint on this device only).
   */
  readonly principal?: Principal;
  /** The access token it connects with, if any: comments are written under the name in it. */
  readonly token?: string | undefined;
  /** Resolves when the local copy (IndexedDB) has been loaded into `doc`. */
  readonly loaded: Promise<void>;
  connection(): ConnectionState;
  /** Why the server refused this connection (bad or expired token, wrong room…), if it did. */
  refusal(): string | null;
  /** The local save state, where the Host saves changes itself (desktop); absent: not shown. */
  saving?(): SaveState;
  /**
   * Where the server serves this room's change log (`GET /history/<room>`, with the token), when
   * there is one to ask: the web edition's own server. Absent: no history is kept or reachable.
   */
  historyUrl?(): string;
  /** Called on every change of `connection()`, `refusal()` or `saving()`. */
  onConnectionChange(listener: () => void): () => void;
  /** Called each time the connection to the server is (re)established. */
  onReconnect(listener: () => void): () => void;
  /**
   * Called when `doc` and `awareness` were replaced by a document rebuilt without a change the
   * server refused (docs/governance.md "Taking a refused change back"); the view remounts on it.
   */
  onReplaced?(listener: () => void): () => void;
  destroy(): void;
}

export interface RecentBlueprint {
  readonly room: string;
  readonly title: string;
  readonly token?: string;
  /** ISO time it was last opened. */
  readonly openedAt: string;
}

/** `servers`: the sync servers offered when sharing (desktop), one URL per line. */
export type SettingKey = 'licenseKey' | 'userName' | 'userColor' | 'servers';

export interface Host {
  readonly kind: 'web' | 'desktop';
  openBlueprint(room: string, token?: string): BlueprintSession;
  /** Blueprints opened before on this device, most recent first. */
  recent(): RecentBlueprint[];
  remember(entry: Omit<RecentBlueprint, 'openedAt'>): void;
  forget(room: string): void;
  getSetting(key: SettingKey): string | undefined;
  setSetting(key: SettingKey, value: string | undefined): void;
  /** Saves a `.journey` file (download in the web edition, a save dialog on the desktop). */
  saveFile(name: string, bytes: Uint8Array): Promise<void>;
  /** Link to a blueprint as others should open it (with the token when there is one). */
  linkTo(room: string, token?: string): string;
  /**
   * Commands chosen in a native menu bar (desktop only; the web edition has none). Every listener
   * sees every command and acts on those it owns: the blueprint view (BlueprintApp) performs the
   * ones that act on the open blueprint, the desktop shell the ones about windows and files.
   */
  onCommand?(listener: (command: AppCommandId) => void): () => void;
}
