/* global self, caches, fetch, URL, Response, __FILES__ -- a worker's globals, and the list filled in at build */
// Goal Mandala's service worker: serves the app's shell offline, never the API. Built by
// services/web/installable-app.ts, which fills in the release id and the release's own files.
//
// - Page loads (navigations) go to the network first; the last good index.html answers when offline.
// - The release's files (hashed assets, icons, manifest) come from the cache, filled at install.
// - Anything else, /api/ above all, is not touched: the browser fetches it as if there were no worker.
const CACHE = 'goal-mandala-__RELEASE_ID__';
const SHELL = '/';
const FILES = __FILES__;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll([SHELL, ...FILES]))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  // Earlier releases' caches go; this release's files stay.
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') {
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok) {
            const copy = response.clone();
            caches.open(CACHE).then((cache) => cache.put(SHELL, copy));
          }
          return response;
        })
        .catch(() => caches.match(SHELL).then((cached) => cached || Response.error())),
    );
    return;
  }
  if (FILES.includes(url.pathname)) {
    event.respondWith(caches.match(url.pathname).then((cached) => cached || fetch(request)));
  }
});
