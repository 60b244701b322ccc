import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import type { AppCommandId } from '../../shared/commands.ts';
import { BlueprintApp } from '../app/BlueprintApp.tsx';
import type { DesktopHost } from '../host/desktop-host.ts';
import { LibraryHome } from './LibraryHome.tsx';
import { hashOf, parseHash, type DesktopRoute } from './routes.ts';
import { ShareDialog } from './ShareDialog.tsx';
import { WorkshopDialog } from './WorkshopDialog.tsx';

function useRoute(): [DesktopRoute, (route: DesktopRoute) => void] {
  const [route, setRoute] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const onHash = () => setRoute(parseHash(location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const go = useCallback((next: DesktopRoute) => {
    location.hash = hashOf(next);
  }, []);
  return [route, go];
}

/**
 * The desktop shell: the library, then one blueprint (BlueprintApp with the desktop Host). It
 * performs the menu commands about files and windows (New, Open, Save As, Share, Host a Workshop,
 * Close); BlueprintApp performs those about the open blueprint. Blueprints the main process opens
 * (Open Recent, journeyscroll:// links, .journey files opened from the desktop) arrive as ids.
 */
export function DesktopApp({ host }: { host: DesktopHost }) {
  const [route, go] = useRoute();
  const entries = useSyncExternalStore(host.subscribe, host.entries);
  const workshop = useSyncExternalStore(host.subscribe, host.workshop);
  const [error, setError] = useState<string | null>(null);
  const [dialog, setDialog] = useState<'workshop' | 'share' | null>(null);
  const run = useCallback((action: () => Promise<void>) => {
    void action().then(
      () => setError(null),
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  }, []);
  const current = route.page === 'blueprint' ? route.id : null;

  const openFile = useCallback(
    () =>
      run(async () => {
        const result = await host.call('file.open');
        if (result.cancelled) return;
        await host.refresh();
        go({ page: 'blueprint', id: result.entry.id });
      }),
    [host, go, run],
  );

  useEffect(() => {
    const onCommand = (command: AppCommandId) => {
      switch (command) {
        case 'file.new':
        case 'file.close':
          setDialog(null);
          go({ page: 'library' });
          return;
        case 'file.open':
          openFile();
          return;
        case 'file.saveAs':
          if (current) run(async () => void (await host.call('file.saveAs', { id: current })));
          return;
        case 'file.share':
          if (current) setDialog('share');
          return;
        case 'file.hostWorkshop':
          if (current) setDialog('workshop');
          return;
        default:
          return; // the blueprint view's
      }
    };
    const stops = [
      host.onCommand(onCommand),
      host.bridge.onOpen((id) =>
        run(async () => {
          await host.refresh();
          go({ page: 'blueprint', id });
        }),
      ),
    ];
    return () => stops.forEach((stop) => stop());
  }, [host, current, go, openFile, run]);

  // Closing the window: whatever is still unacknowledged leaves at once.
  useEffect(() => {
    const onUnload = () => host.flushAll();
    window.addEventListener('pagehide', onUnload);
    return () => window.removeEventListener('pagehide', onUnload);
  }, [host]);

  useEffect(() => {
    if (route.page === 'library') {
      document.title = 'JourneyScroll';
      void host.refresh().catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
    }
  }, [host, route]);

  const entry = current ? entries.find((e) => e.id === current) : undefined;
  // Sharing or hosting changes where the blueprint syncs: a new session (the local copy stays).
  const syncKey = current ? JSON.stringify([entry?.share ?? null, workshop.running && workshop.id === current ? workshop.port : null]) : '';

  return (
    <>
      {error ? (
        <div className="js-shell-error" role="alert">
          <span>{error}</span>
          <button type="button" onClick={() => setError(null)} aria-label="Dismiss error">
            ×
          </button>
        </div>
      ) : null}
      {route.page === 'library' ? (
        <LibraryHome host={host} entries={entries} onOpen={(id) => go({ page: 'blueprint', id })} onOpenFile={openFile} run={run} />
      ) : (
        <>
          <nav className="js-shellbar" aria-label="Blueprint file">
            <button type="button" onClick={() => go({ page: 'library' })}>
              ← Library
            </button>
            <span className="js-spacer" />
            <button type="button" onClick={() => run(async () => void (await host.call('file.saveAs', { id: route.id })))}>
              Save As…
            </button>
            <button type="button" onClick={() => setDialog('share')}>
              Share…
            </button>
            <button type="button" onClick={() => setDialog('workshop')}>
              {workshop.running && workshop.id === route.id ? 'Hosting a workshop…' : 'Host a workshop…'}
            </button>
          </nav>
          <BlueprintApp key={`${route.id}|${syncKey}`} host={host} room={route.id} homeHref="#/" />
          {dialog === 'workshop' ? (
            <WorkshopDialog host={host} id={route.id} run={run} onClose={() => setDialog(null)} onChanged={() => undefined} />
          ) : null}
          {dialog === 'share' ? (
            <ShareDialog host={host} id={route.id} run={run} onClose={() => setDialog(null)} onChanged={() => undefined} />
          ) : null}
        </>
      )}
    </>
  );
}
