// sw.js: the service worker that keeps the handbook for reading offline.
// The build puts VERSION (a hash of the whole output) and FILES (what to
// keep at once) above this text and writes it at the site's top, so its
// scope is the whole site. It is registered only over http(s), never from
// disk, and not by `handbook serve`.
self.addEventListener("install", function (e) {
  e.waitUntil(caches.open(VERSION).then(function (cache) {
    return Promise.all(FILES.map(function (f) {
      return cache.add(f).catch(function () { /* kept when first read instead */ });
    }));
  }));
});

self.addEventListener("activate", function (e) {
  e.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k !== VERSION; }).map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

// The page asks for this when the reader chooses to load an update.
self.addEventListener("message", function (e) {
  if (e.data === "skipWaiting") self.skipWaiting();
});

// Pages and files come from the cache, and from the network when they are
// not kept yet (and are kept then); a folder's address is its index.html.
self.addEventListener("fetch", function (e) {
  if (e.request.method !== "GET" || new URL(e.request.url).origin !== location.origin) return;
  e.respondWith(caches.open(VERSION).then(function (cache) {
    var url = new URL(e.request.url);
    var key = url.pathname.endsWith("/") ? url.origin + url.pathname + "index.html" : e.request;
    return cache.match(key, { ignoreSearch: true }).then(function (hit) {
      if (hit) return hit;
      return fetch(e.request).then(function (r) {
        if (r.ok) cache.put(e.request, r.clone());
        return r;
      }).catch(function () {
        return cache.match(new URL("404.html", self.registration.scope).href);
      });
    });
  }));
});
