import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHandlers, type Dialogs, type Handlers } from './handlers.ts';
import { openLibrary, type Library, type LibraryOptions } from './library.ts';
import { createWorkshop, type Workshop } from './workshop.ts';

/** The origin the tests serve the renderer from (the app's own is app://journeyscroll). */
export const TEST_ORIGIN = 'http://journeyscroll.localhost';
export const SENDER = `${TEST_ORIGIN}/`;

/**
 * A real handler table on a real SQLite file in a temporary folder. Dialog answers are queued by
 * the test (`answer(path)`): the one stand-in, because a build machine has no OS dialog.
 */
export interface Rig {
  readonly dir: string;
  readonly file: string;
  readonly library: Library;
  readonly workshop: Workshop;
  readonly handlers: Handlers;
  answer(path: string | null): void;
  /** Queues the answer to the next "replace this file?" question. */
  confirm(replace: boolean): void;
  /** Every path the handlers asked about replacing, in order. */
  readonly overwriteQuestions: string[];
  call<T = unknown>(channel: string, args?: unknown, sender?: unknown): Promise<T>;
  close(): Promise<void>;
}

export function createRig(options: LibraryOptions & { webDir?: string | null } = {}): Rig {
  const dir = mkdtempSync(join(tmpdir(), 'journeyscroll-ipc-'));
  const file = join(dir, 'library.sqlite');
  const library = openLibrary(file, { durability: 'normal', ...options });
  const workshop = createWorkshop({ dataDir: join(dir, 'workshop'), webDir: options.webDir ?? null, lanAddresses: () => ['127.0.0.1'] });
  const answers: Array<string | null> = [];
  const next = async () => {
    if (answers.length === 0) throw new Error('the test gave no dialog answer');
    return answers.shift()!;
  };
  const confirmations: boolean[] = [];
  const overwriteQuestions: string[] = [];
  const confirmOverwrite = async (path: string) => {
    overwriteQuestions.push(path);
    if (confirmations.length === 0) throw new Error(`the test gave no answer to "replace ${path}?"`);
    return confirmations.shift()!;
  };
  const dialogs: Dialogs = { openJourney: next, saveFile: next, confirmOverwrite };
  const handlers = createHandlers({ library, workshop, dialogs, allowedOrigins: [TEST_ORIGIN] });
  return {
    dir,
    file,
    library,
    workshop,
    handlers,
    answer: (path) => answers.push(path),
    confirm: (replace) => confirmations.push(replace),
    overwriteQuestions,
    async call<T>(channel: string, args?: unknown, sender: unknown = SENDER) {
      const result = await handlers.invoke(channel, sender, args);
      if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
      return result.value as T;
    },
    async close() {
      await workshop.stop();
      if (!library.store.closed) library.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
