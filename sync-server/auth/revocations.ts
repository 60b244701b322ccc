import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { TOKEN_ID_PATTERN } from './token.ts';

/**
 * The revocation file (docs/security.md, "Sync server"): token ids, one per line, each optionally
 * followed by a space and a note (`journeyscroll token --revoke` writes the time). `#` starts a
 * comment. Lines that are not a token id are ignored, so a hand-edited file cannot stop a server.
 */
export const REVOCATIONS_FILE = 'revoked-tokens';

export function parseRevocations(text: string): Set<string> {
  const ids = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const id = line.replace(/#.*/, '').trim().split(/\s+/)[0] ?? '';
    if (TOKEN_ID_PATTERN.test(id)) ids.add(id);
  }
  return ids;
}

/** The ids revoked in `file`; an empty set if it does not exist yet. Other read errors throw. */
export function readRevocations(file: string): Set<string> {
  try {
    return parseRevocations(readFileSync(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Set();
    throw error;
  }
}

/** Adds `id` to the file (created with its folder if missing). */
export function appendRevocation(file: string, id: string, now: Date = new Date()): void {
  if (!TOKEN_ID_PATTERN.test(id)) throw new Error(`"${id}" is not a token id (8-64 of A-Z a-z 0-9 _ -)`);
  mkdirSync(dirname(file), { recursive: true });
  appendFileSync(file, `${id} revoked ${now.toISOString()}\n`, { mode: 0o600 });
}

/**
 * Keeps the set of revoked ids current: reads the file now, then reads it again every interval
 * (a few bytes a second). Plain polling sees a file created later, replaced by an editor, or on a
 * network drive, where `fs.watch` misses events — and, unlike `fs.watchFile`, it cannot miss a
 * file written between the call and the watcher's first look at it. `onRevoked` gets the ids new since the last read. A file that cannot be read
 * keeps the last good set and is reported through `onError`.
 */
export function watchRevocations(
  file: string,
  handlers: { onRevoked: (ids: readonly string[]) => void; onError: (error: unknown) => void },
  intervalMs = 1000,
): { has(id: string): boolean; readonly size: number; close(): void } {
  let current = readRevocations(file);
  const listener = () => {
    let next: Set<string>;
    try {
      next = readRevocations(file);
    } catch (error) {
      handlers.onError(error);
      return;
    }
    const added = [...next].filter((id) => !current.has(id));
    current = next;
    if (added.length > 0) handlers.onRevoked(added);
  };
  const timer = setInterval(listener, intervalMs);
  timer.unref();
  return {
    has: (id) => current.has(id),
    get size() {
      return current.size;
    },
    close: () => clearInterval(timer),
  };
}
