/**
 * The service worker (built by vite-plugin-pwa, `injectManifest`): the app
 * shell and the case-work pages are precached, so a page opened while the
 * network is gone still starts and says so plainly instead of failing. Every
 * navigation gets the cached index.html; other hashed assets (the designer's
 * layout engine, the report charts) are kept once they were fetched. The API
 * is never cached here: its answers carry students' data.
 */
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CacheFirst } from 'workbox-strategies';

interface SwScope {
  __WB_MANIFEST: { url: string; revision: string | null }[];
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  location: Location;
  addEventListener(type: string, listener: (e: { waitUntil?(p: Promise<unknown>): void }) => void): void;
}
const sw = self as unknown as SwScope;

cleanupOutdatedCaches();
precacheAndRoute((self as unknown as SwScope).__WB_MANIFEST);
registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: [/^\/api(\/|$)/] }));
registerRoute(
  ({ url }) => url.origin === sw.location.origin && url.pathname.startsWith('/assets/'),
  new CacheFirst({ cacheName: 'jalur-assets' }),
);

// A new build takes over at once: hashed assets of the old one stay cached for pages still open.
sw.addEventListener('install', () => void sw.skipWaiting());
sw.addEventListener('activate', (e) => e.waitUntil?.(sw.clients.claim()));
