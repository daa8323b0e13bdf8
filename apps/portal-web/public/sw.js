/*
 * Passerelle's service worker: just enough for the web app to install and to say "you are offline"
 * instead of the browser's error page. Page loads go to the network first, as always; only when the
 * network fails does it answer with the offline page it keeps. Nothing else is cached, and it never
 * touches the API, the OpenID provider or the sign-in pages (/api, /oidc, /interaction): those
 * answers are personal, and must always come fresh from the server.
 */
const CACHE = 'passerelle-offline-v1';
const OFFLINE_PAGE = '/offline.html';
const OFFLINE_FILES = [OFFLINE_PAGE, '/offline.css', '/favicon.svg'];
const SERVER_PATHS = /^\/(api|oidc|interaction|healthz|readyz|metrics|widget)(\/|$)/;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(OFFLINE_FILES.map((url) => new Request(url, { cache: 'reload' }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(names.filter((name) => name !== CACHE).map((name) => caches.delete(name)));
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  // The offline page's own files, while offline.
  if (request.method === 'GET' && OFFLINE_FILES.includes(url.pathname) && url.pathname !== OFFLINE_PAGE) {
    event.respondWith(fetch(request).catch(() => caches.match(url.pathname).then((hit) => hit || Response.error())));
    return;
  }
  // Everything else but page loads of the web app goes to the browser, untouched.
  if (request.mode !== 'navigate' || request.method !== 'GET' || SERVER_PATHS.test(url.pathname)) return;
  event.respondWith(
    (async () => {
      // No navigation preload: it would also fire for the paths left to the browser (a launch, an
      // authorization request), sending them twice.
      try {
        return await fetch(request);
      } catch {
        const offline = await caches.match(OFFLINE_PAGE);
        return offline || Response.error();
      }
    })(),
  );
});
