import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { COMMENTS_KEY, markSeen, parseSeen, readComments, seenStorageKey, type CommentsRead } from '../../shared/comments/index.ts';

/** The comments of the document, read again whenever the `comments` collection changes (and only then). */
export function useComments(doc: Y.Doc): CommentsRead {
  const map = doc.getMap(COMMENTS_KEY);
  const store = useMemo(() => {
    let current = readComments(doc);
    return {
      subscribe(notify: () => void) {
        const listen = () => {
          current = readComments(doc);
          notify();
        };
        map.observeDeep(listen);
        return () => map.unobserveDeep(listen);
      },
      get: () => current,
    };
  }, [doc, map]);
  return useSyncExternalStore(store.subscribe, store.get);
}

/**
 * What this person has read, kept on this device per room and person (shared/comments/unread.ts):
 * never written to the shared document.
 */
export function useSeen(room: string, me: string | undefined): { seen: ReadonlySet<string>; markRead(ids: readonly string[]): void } {
  const key = seenStorageKey(room, me);
  const [list, setList] = useState<string[]>(() => load(key));
  useEffect(() => setList(load(key)), [key]);
  const markRead = useCallback(
    (ids: readonly string[]) =>
      setList((before) => {
        const next = markSeen(before, ids);
        if (next.length === before.length) return before;
        try {
          localStorage.setItem(key, JSON.stringify(next));
        } catch {
          // No storage: read marks last as long as the page.
        }
        return next;
      }),
    [key],
  );
  const seen = useMemo(() => new Set(list), [list]);
  return { seen, markRead };
}

function load(key: string): string[] {
  try {
    return parseSeen(localStorage.getItem(key));
  } catch {
    return [];
  }
}

/** The awareness field carrying the name this person comments under, so others can @mention it. */
export const COMMENT_NAME_FIELD = 'commentName';

/** Publishes this person's comment name, and lists the names of everyone in the room. */
export function usePeople(awareness: Awareness, me: string | undefined, authors: readonly (string | undefined)[]): string[] {
  useEffect(() => {
    if (me !== undefined) awareness.setLocalStateField(COMMENT_NAME_FIELD, me);
  }, [awareness, me]);
  const [inRoom, setInRoom] = useState<string[]>([]);
  useEffect(() => {
    const read = () => {
      const names: string[] = [];
      for (const state of awareness.getStates().values()) {
        const name = (state as Record<string, unknown>)[COMMENT_NAME_FIELD];
        if (typeof name === 'string' && name.trim()) names.push(name.trim().slice(0, 200));
      }
      setInRoom((before) => (before.join('\n') === names.join('\n') ? before : names));
    };
    read();
    awareness.on('change', read);
    return () => awareness.off('change', read);
  }, [awareness]);
  return useMemo(
    () => [...new Set([...inRoom, ...authors.filter((a): a is string => !!a)])].filter((n) => n !== me).sort((a, b) => a.localeCompare(b)),
    [inRoom, authors, me],
  );
}
