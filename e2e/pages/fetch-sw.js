// A service worker of the page's origin between the page and the instance (e2e/fetch-sw.e2e.test.mjs).
// Its script URL's `mode` says what it does with a request to another path than its page's:
// `error` answers Response.error() (a network error), `opaque` a no-cors fetch's opaque answer,
// `pass` the request itself fetched. Each request it sees is posted to the page: its method, path
// and whether it carried an Authorization header (never the header itself).
const mode = new URL(location.href).searchParams.get('mode');
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim()));
self.addEventListener('fetch', (e) => {
  const url = new URL(e.request.url);
  if (!/\/(Integra|api)\//.test(url.pathname)) return;
  const seen = { method: e.request.method, path: url.pathname, authorization: e.request.headers.has('authorization'), keepalive: e.request.keepalive, cache: e.request.cache };
  e.waitUntil(self.clients.matchAll().then((all) => all.forEach((c) => c.postMessage({ sw: seen }))));
  if (mode === 'error') e.respondWith(Response.error());
  else if (mode === 'opaque') e.respondWith(fetch(url.href, { mode: 'no-cors', method: e.request.method }));
  else if (mode === 'pass') e.respondWith(fetch(e.request));
});
