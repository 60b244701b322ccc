import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { VERSIONS_KEY } from '../../shared/doc/keys.ts';
import { approvalState, listVersions, type VersionInfo } from '../../shared/governance/versions.ts';

/** The document's versions, oldest first, kept current as peers save new ones. */
export function useVersions(doc: Y.Doc): VersionInfo[] {
  const [versions, setVersions] = useState(() => listVersions(doc));
  useEffect(() => {
    const map = doc.getMap(VERSIONS_KEY);
    const update = () => setVersions(listVersions(doc));
    update();
    map.observe(update);
    return () => map.unobserve(update);
  }, [doc]);
  return versions;
}

/**
 * The newest approved version and how many changes the working copy made since. Recomputed a
 * moment after the document changes (reading a version and diffing costs ~40 ms on 5,000 cards),
 * never on every keystroke.
 */
export function useApproval(doc: Y.Doc, delayMs = 400): Awaited<ReturnType<typeof approvalState>> {
  const [state, setState] = useState<Awaited<ReturnType<typeof approvalState>>>(undefined);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let current = 0;
    const compute = () => {
      const run = ++current;
      approvalState(doc).then(
        (s) => run === current && setState(s),
        () => run === current && setState(undefined),
      );
    };
    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(compute, delayMs);
    };
    compute();
    doc.on('update', schedule);
    return () => {
      clearTimeout(timer);
      current++;
      doc.off('update', schedule);
    };
  }, [doc, delayMs]);
  return state;
}
