/**
 * The service worker keeps the web edition's own files on the device, so a blueprint opens (from
 * its IndexedDB copy) even when the server is down. Same origin only; it never contacts anything else.
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch((error: unknown) => {
    console.warn('JourneyScroll: offline support unavailable:', error);
  });
}
