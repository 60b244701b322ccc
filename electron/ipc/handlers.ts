import { readFile, stat, writeFile } from 'node:fs/promises';
import * as Y from 'yjs';
import type { z } from 'zod';
import { decodeJourneyFile, encodeJourneyFile, JourneyFileError, writeBlueprint } from '../../shared/doc/index.ts';
import { MAX_JOURNEY_FILE_BYTES } from '../../shared/doc/journey-file.ts';
import { CHANNEL_ARGS, isChannel, type Channel, type ChannelResults, type IpcResult } from '../../shared/desktop/contract.ts';
import { getTemplate } from '../../shared/templates/index.ts';
import { IpcError, toFailure } from './errors.ts';
import type { Library } from './library.ts';
import { isAllowedSender } from './sender.ts';
import type { Workshop } from './workshop.ts';

/**
 * Native dialogs, injected: the main process passes Electron's `dialog`, tests a function that
 * returns the path a person would have chosen (there is no OS dialog on a build machine).
 * Each returns the chosen path, or null when the person cancelled.
 */
export interface Dialogs {
  openJourney(): Promise<string | null>;
  /**
   * `defaultName` is a bare file name; the extension says what kind of file it is. The OS dialog
   * itself asks before the path it returns is overwritten.
   */
  saveFile(defaultName: string): Promise<string | null>;
  /**
   * Whether to replace `path`, which exists: asked when the path written is not the one the save
   * dialog confirmed (Save As appended `.journey` to the name the person typed).
   */
  confirmOverwrite(path: string): Promise<boolean>;
}

export interface HandlerContext {
  readonly library: Library;
  readonly workshop: Workshop;
  readonly dialogs: Dialogs;
  /**
   * Origins whose pages may call: the app's own (app://journeyscroll), the dev server's when one
   * is configured, or the one a test serves the renderer from. Nothing else — a page that
   * navigated elsewhere, or an iframe of another origin, is refused.
   */
  readonly allowedOrigins: readonly string[];
  /** Called after anything the library list shows changed (the main process refreshes Open Recent). */
  readonly onLibraryChange?: () => void;
  /** Unexpected failures (bugs, disk errors), for the log; the renderer gets a short message. */
  readonly onInternalError?: (channel: string, error: unknown) => void;
}

type Parsed<C extends Channel> = z.output<(typeof CHANNEL_ARGS)[C]>;
type Handler<C extends Channel> = (args: Parsed<C>) => Promise<ChannelResults[C]> | ChannelResults[C];
type HandlerTable = { [C in Channel]: Handler<C> };

export interface Handlers {
  /** One IPC call: checks the sender, validates the argument, runs the handler; never throws. */
  invoke(channel: unknown, senderUrl: unknown, args: unknown): Promise<IpcResult<unknown>>;
  readonly table: HandlerTable;
}

/**
 * Reads a .journey file into a new library entry; a bad file leaves the library untouched. The size
 * is checked before anything is read, so a huge file (or a device) is refused without loading it.
 */
export async function importJourneyFile(library: Library, path: string): Promise<ChannelResults['library.create']> {
  const info = await stat(path);
  if (!info.isFile()) throw new IpcError('bad-file', 'This is not a file: only a .journey file can be opened.');
  if (info.size > MAX_JOURNEY_FILE_BYTES)
    throw new IpcError(
      'bad-file',
      `This file is ${Math.round(info.size / 2 ** 20)} MB; a .journey file is at most ${MAX_JOURNEY_FILE_BYTES / 2 ** 20} MB.`,
    );
  const bytes = await readFile(path);
  let doc;
  try {
    doc = decodeJourneyFile(bytes);
  } catch (error) {
    if (error instanceof JourneyFileError) throw new IpcError('bad-file', error.message);
    throw error;
  }
  try {
    return library.create((target) => target.transact(() => applyState(target, doc)));
  } finally {
    doc.destroy();
  }
}

/** The saved document's own history, so the imported copy still merges with live copies of it. */
function applyState(target: Y.Doc, source: Y.Doc) {
  Y.applyUpdate(target, Y.encodeStateAsUpdate(source));
}

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );
const withExtension = (name: string, extension: string) => (name.toLowerCase().endsWith(extension) ? name : `${name}${extension}`);
const fileNameOf = (title: string) => `${(title.trim() || 'Untitled journey').replace(/[^\w .-]+/g, '-').slice(0, 120)}.journey`;

export function createHandlers(ctx: HandlerContext): Handlers {
  const { library, workshop, dialogs } = ctx;
  const changed = <T>(value: T): T => {
    ctx.onLibraryChange?.();
    return value;
  };

  const table: HandlerTable = {
    'library.list': () => library.list(),
    'library.create': ({ template }) => {
      if (template === undefined) return changed(library.create());
      const found = getTemplate(template);
      if (!found) throw new IpcError('not-found', `There is no template "${template}".`);
      return changed(library.create((doc) => writeBlueprint(doc, found.build(), null)));
    },
    'library.delete': async ({ id }) => {
      if (workshop.status().running && (workshop.status() as { id: string }).id === id) await workshop.stop();
      return changed({ deleted: library.delete(id) });
    },
    'library.join': (share) => changed(library.join(share)),
    'doc.load': ({ id }) => {
      const state = library.load(id);
      ctx.onLibraryChange?.();
      return { state };
    },
    'doc.append': ({ id, updates }) => ({ seq: library.append(id, updates) }),
    'file.open': async () => {
      const path = await dialogs.openJourney();
      if (!path) return { cancelled: true };
      return changed({ cancelled: false, entry: await importJourneyFile(library, path) });
    },
    'file.saveAs': async ({ id }) => {
      const doc = library.readDoc(id);
      try {
        const title = library.get(id)?.title ?? '';
        const path = await dialogs.saveFile(fileNameOf(title));
        if (!path) return { cancelled: true };
        const target = withExtension(path, '.journey');
        // The dialog asked about `path`; a different name that exists is asked about here.
        if (target !== path && (await exists(target)) && !(await dialogs.confirmOverwrite(target))) return { cancelled: true };
        await writeFile(target, encodeJourneyFile(doc));
        return { cancelled: false, path: target };
      } finally {
        doc.destroy();
      }
    },
    'file.save': async ({ name, bytes }) => {
      const path = await dialogs.saveFile(name);
      if (!path) return { cancelled: true };
      await writeFile(path, bytes);
      return { cancelled: false, path };
    },
    'settings.get': () => library.settings(),
    'settings.set': (patch) => library.updateSettings(patch),
    'share.get': ({ id }) => {
      const entry = library.get(id);
      if (!entry) throw new IpcError('not-found', 'This blueprint is no longer in the library (it was deleted).');
      return entry.share;
    },
    'share.set': ({ id, share }) => changed(library.setShare(id, share)),
    'workshop.start': ({ id, port, host }) => {
      if (!library.get(id)) throw new IpcError('not-found', 'This blueprint is no longer in the library (it was deleted).');
      return workshop.start({ id, port, host });
    },
    'workshop.stop': async () => ({ stopped: await workshop.stop() }),
    'workshop.status': () => workshop.status(),
    'workshop.invite': (request) => workshop.invite(request),
  };

  async function invoke(channel: unknown, senderUrl: unknown, args: unknown): Promise<IpcResult<unknown>> {
    if (!isChannel(channel))
      return {
        ok: false,
        error: { code: 'unknown-channel', message: `There is no IPC channel ${JSON.stringify(String(channel)).slice(0, 80)}.` },
      };
    if (!isAllowedSender(senderUrl, ctx.allowedOrigins)) {
      return {
        ok: false,
        error: {
          code: 'forbidden-sender',
          message: `${channel}: refused, the call does not come from the app's own page (${String(senderUrl).slice(0, 100)}).`,
        },
      };
    }
    const parsed = CHANNEL_ARGS[channel].safeParse(args);
    if (!parsed.success) {
      const issues = parsed.error.issues
        .slice(0, 3)
        .map((issue) => `${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}`);
      return { ok: false, error: { code: 'bad-arguments', message: `${channel}: invalid arguments — ${issues.join('; ')}.` } };
    }
    try {
      const handler = table[channel] as (value: unknown) => Promise<unknown> | unknown;
      return { ok: true, value: await handler(parsed.data) };
    } catch (error) {
      if (!(error instanceof IpcError)) ctx.onInternalError?.(channel, error);
      return { ok: false, error: toFailure(error) };
    }
  }

  return { invoke, table };
}
