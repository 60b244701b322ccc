import { useState } from 'react';
import { TemplateGallery } from '../app/TemplateGallery.tsx';
import type { Host } from '../host/host.ts';
import { newRoomName } from './routes.ts';

/** The home page: blueprints opened before on this device, and a new one from a template. */
export function Home({ host }: { host: Host }) {
  const [recent, setRecent] = useState(() => host.recent());
  const token = new URLSearchParams(location.search).get('token') ?? undefined;
  const create = (template: string) => {
    const room = newRoomName();
    const url = new URL(host.linkTo(room, token));
    url.searchParams.set('template', template);
    location.assign(url.pathname + url.search);
  };
  return (
    <main className="js-home">
      <h1>JourneyScroll</h1>
      <section aria-labelledby="js-new">
        <h2 id="js-new">New blueprint</h2>
        <TemplateGallery onCreate={create} />
      </section>
      <section aria-labelledby="js-recent">
        <h2 id="js-recent">Opened before on this device</h2>
        {recent.length === 0 ? (
          <p>None yet. Open a link someone shared, or create a blueprint.</p>
        ) : (
          <ul className="js-recent">
            {recent.map((entry) => (
              <li key={entry.room}>
                <a href={host.linkTo(entry.room, entry.token)}>{entry.title}</a>
                <span className="js-hint"> · opened {new Date(entry.openedAt).toLocaleString()}</span>
                <button
                  type="button"
                  aria-label={`Forget ${entry.title}`}
                  onClick={() => {
                    host.forget(entry.room);
                    setRecent(host.recent());
                  }}
                >
                  Forget
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}
