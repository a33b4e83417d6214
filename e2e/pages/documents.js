// The end of documents.html and documents.xhtml: the library as `window.lib` (the full script tag's
// UContactBridge, or with ?esm every ES module entry, brought in by import(): Chromium runs no module
// script in an XML document, crbug.com/717643), then the flags the portal and Inbox helpers wait for.
(function () {
  var params = new URLSearchParams(location.search);
  var capture = window.__capture || function () {};
  window.portalOrigin = params.get('portal') || location.origin;
  window.inboxOrigin = params.get('inbox') || location.origin;
  window.logs = [];
  window.log = function (e) { window.logs.push(e); capture('log', JSON.stringify(e)); };
  /** `{ok, v}` or `{ok: false, code, message}`. */
  window.settle = function (promise) {
    return Promise.resolve(promise).then(function (v) { return { ok: true, v: v }; }, function (e) {
      capture('error', e && e.message);
      return { ok: false, code: e && e.code, message: e && e.message };
    });
  };
  var done = function (lib) {
    window.lib = lib;
    window.crm = { ready: true };
    window.form = { ready: true };
  };
  if (!params.has('esm')) return done(window.UContactBridge);
  Promise.all(['index', 'cti', 'http', 'inbox', 'uphone'].map(function (n) { return import(location.origin + '/dist/' + n + '.js'); }))
    .then(function (entries) { done(Object.assign.apply(Object, [{}].concat(entries))); });
})();
