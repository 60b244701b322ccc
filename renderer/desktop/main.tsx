import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../app/app.css';
import { findBridge } from '../host/desktop-api.ts';
import { createDesktopHost } from '../host/desktop-host.ts';
import { DesktopApp } from './DesktopApp.tsx';
import './desktop.css';

/** The desktop edition's renderer (docs/architecture.md §5): loaded from app://journeyscroll/ by electron/main. */
const root = createRoot(document.getElementById('root')!);
const bridge = findBridge();
if (!bridge) {
  root.render(
    <main className="js-home">
      <h1>JourneyScroll</h1>
      <p role="alert">This page is the desktop app's window: it needs the JourneyScroll app around it. Open the app instead.</p>
    </main>,
  );
} else {
  createDesktopHost(bridge).then(
    (host) =>
      root.render(
        <StrictMode>
          <DesktopApp host={host} />
        </StrictMode>,
      ),
    (error: unknown) =>
      root.render(
        <main className="js-home">
          <h1>JourneyScroll</h1>
          <p role="alert">The library could not be opened: {error instanceof Error ? error.message : String(error)}</p>
        </main>,
      ),
  );
}
