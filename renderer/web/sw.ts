/**
 * The web edition's service worker (built to /sw.js). It caches the files of this build, listed
 * by the build in /precache.json, and serves them when the network (the sync server that also
 * serves the app) is unreachable. Pages: network first, cache when offline. Built files (hashed
 * names): cache first. Sync (WebSocket), /healthz and /metrics are never touched.
 */
// The few service-worker types used here (the project's lib is DOM; webworker's clashes with it).
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(response: Response | Promise<Response>): void;
}
interface ServiceWorkerScope {
  readonly location: Location;
  readonly clients: { claim(): Promise<void> };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
}
const worker = self as unknown as ServiceWorkerScope;

const PREFIX = 'journeyscroll-';

async function precache(): Promise<void> {
  const response = await fetch('/precache.json', { cache: 'no-store' });
  const manifest = (await response.json()) as { version: string; files: string[] };
  const cache = await caches.open(PREFIX + manifest.version);
  await cache.addAll(manifest.files);
  // Drop the caches of older builds.
  for (const name of await caches.keys()) if (name.startsWith(PREFIX) && name !== PREFIX + manifest.version) await caches.delete(name);
}

worker.addEventListener('install', (event) => {
  event.waitUntil(precache().then(() => worker.skipWaiting()));
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(worker.clients.claim());
});

worker.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== worker.location.origin) return;
  if (url.pathname.startsWith('/sync/') || url.pathname === '/healthz' || url.pathname === '/metrics') return;
  if (request.mode === 'navigate') {
    event.respondWith(fetch(request).catch(async () => (await caches.match('/index.html')) ?? Response.error()));
    return;
  }
  event.respondWith(caches.match(request).then((hit) => hit ?? fetch(request)));
});
