// Lindung offline app: service worker. Caches the app shell (page, styles, every module, icons, manifest);
// the caseload, reference bundle and outbox live in IndexedDB (static/js/offline/storage.js).
// The server fills in the cache version and the asset list.
"use strict";

const CACHE = "__CACHE_VERSION__";
const ASSETS = __ASSETS__;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(ASSETS)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("lindung-offline") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  // API calls and the session check always go to the network: the app handles being offline.
  if (url.pathname.startsWith("/api/") || url.pathname.startsWith("/aplikasi/sesi")) return;
  if (request.mode === "navigate" && url.pathname === "/aplikasi") {
    // Network first (fresh language and version), the cached shell when offline.
    event.respondWith(
      fetch(request).then((response) => {
        if (response.ok) {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put("/aplikasi", copy));
        }
        return response;
      }).catch(() => caches.match("/aplikasi"))
    );
    return;
  }
  if (ASSETS.includes(url.pathname)) {
    event.respondWith(
      caches.match(url.pathname).then((hit) => hit || fetch(request).then((response) => {
        const copy = response.clone();
        caches.open(CACHE).then((cache) => cache.put(url.pathname, copy));
        return response;
      }))
    );
  }
});
