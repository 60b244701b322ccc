import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { BlueprintApp } from '../app/BlueprintApp.tsx';
import '../app/app.css';
import { createWebHost } from '../host/web-host.ts';
import { Home } from './Home.tsx';
import { registerServiceWorker } from './register-sw.ts';
import { parseRoute } from './routes.ts';

/** The web edition (docs/architecture.md §6): served by `journeyscroll serve` at `/`. */
const host = createWebHost();

function WebApp() {
  const [where, setWhere] = useState(() => ({ path: location.pathname, search: location.search }));
  useEffect(() => {
    const onPop = () => setWhere({ path: location.pathname, search: location.search });
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const route = parseRoute(where.path, where.search);
  if (route.page === 'home') return <Home host={host} />;
  if (route.page === 'not-found') {
    return (
      <main className="js-home">
        <h1>Not found</h1>
        <p>
          There is no page here. <a href="/">See your blueprints</a>.
        </p>
      </main>
    );
  }
  const dropTemplate = () => {
    const url = new URL(location.href);
    url.searchParams.delete('template');
    history.replaceState(null, '', url.pathname + url.search);
  };
  return (
    <BlueprintApp
      key={route.room}
      host={host}
      room={route.room}
      {...(route.token ? { token: route.token } : {})}
      {...(route.template ? { template: route.template } : {})}
      onTemplateApplied={dropTemplate}
      homeHref="/"
    />
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <WebApp />
  </StrictMode>,
);
if (import.meta.env.PROD) registerServiceWorker();
