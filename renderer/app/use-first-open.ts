import { useEffect, useState } from 'react';
import { migrateDoc, writeBlueprint } from '../../shared/doc/index.ts';
import { getTemplate } from '../../shared/templates/index.ts';
import type { BlueprintSession } from '../host/host.ts';

/** How long a new blueprint waits for the server before it is filled from its template offline. */
const FIRST_SYNC_WAIT_MS = 1500;

/**
 * The domain work of opening a blueprint: the local copy first; then (after the server had a short
 * chance to send what it has) a new blueprint is filled from its template, an old one migrated.
 * Returns whether the local copy is loaded (the canvas waits for it).
 */
export function useFirstOpen(
  session: BlueprintSession,
  template: string | undefined,
  onTemplateApplied: (() => void) | undefined,
): boolean {
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    let cancelled = false;
    void session.loaded.then(async () => {
      if (cancelled) return;
      setLoaded(true);
      // A blueprint that lives on this device only has no server to wait for.
      if (session.connection() !== 'synced' && session.connection() !== 'local') {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, FIRST_SYNC_WAIT_MS);
          const stop = session.onConnectionChange(() => {
            if (session.connection() === 'synced') {
              clearTimeout(timer);
              stop();
              resolve();
            }
          });
        });
      }
      if (cancelled) return;
      const uninitialized = typeof session.doc.getMap('meta').get('schemaVersion') !== 'number';
      if (uninitialized && template && session.role === 'editor') {
        const built = getTemplate(template)?.build();
        if (built) writeBlueprint(session.doc, built, null);
      }
      if (template) onTemplateApplied?.();
      if (session.role === 'editor') migrateDoc(session.doc, null);
    });
    return () => {
      cancelled = true;
    };
  }, [session, template, onTemplateApplied]);
  return loaded;
}
