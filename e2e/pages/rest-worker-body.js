// What e2e/rest-worker runs in each worker (dedicated, shared, service; classic or module), loaded
// by importScripts or by import (no import or export of its own): `self.serve(B)`, B the library,
// listens. A message `{ baseUrl, credentials, call }` with a MessagePort runs each step and answers
// on the port with what each gave: ['ok', value], or the error's code (its name and message when it
// is no BridgeError). The test arms the faults: AgentCall redirected, the 2nd and 3rd summary held.
self.serve = function (B) {
  var result = async function (f) {
    try { return ['ok', await f()]; } catch (e) { return [B.isBridgeError(e) ? e.code : e && e.name + ': ' + e.message]; }
  };
  var run = async function (data) {
    var uc = B.createUContactClient({ baseUrl: data.baseUrl, credentials: data.credentials, timeoutMs: 500 });
    var out = { globals: [typeof window, typeof document, typeof localStorage, typeof sessionStorage] };
    out.summary = await result(async function () { return Array.isArray(await uc.campaignsSummary()); });
    out.redirected = await result(function () { return uc.agentCall(data.call); });
    out.timeout = await result(function () { return uc.campaignsSummary(); });
    var ctl = new AbortController();
    var pending = result(function () { return uc.campaignsSummary({ signal: ctl.signal, timeoutMs: 0 }); });
    setTimeout(function () { ctl.abort(); }, 50);
    out.aborted = await pending;
    // The page-only parts, as each bundle has them (the uPhone needs a container element).
    if (B.connectPortal) {
      var portal = B.connectPortal();
      out.portal = [portal.embedded, (await result(function () { return portal.call({ campaign: 'Sales->', destination: '099123456' }); }))[0]];
      portal.destroy();
    }
    if (B.connectInbox) out.inbox = (await result(function () { return B.connectInbox().getInteraction(); }))[0];
    if (B.readCti) out.cti = (await result(function () { return B.readCti({ passphrase: 'secret' }); }))[0];
    if (B.watchCti) out.watch = (await result(function () { return B.watchCti({ passphrase: 'secret', onChange: function () {} }); }))[0];
    out.framework = (await result(function () { return B.fromFormFramework(); }))[0];
    return out;
  };
  var serve = function (e) {
    var done = run(e.data).then(function (out) { e.ports[0].postMessage(out); });
    // A service worker is kept alive for its message event until the answer has gone.
    if (e.waitUntil) e.waitUntil(done);
  };
  self.onmessage = serve;
  self.onconnect = function (e) { e.ports[0].onmessage = serve; };
};
