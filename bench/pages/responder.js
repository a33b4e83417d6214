// The portal side of the bench pages (parent.html, parent-interleave.html): answers every `call`
// with a guid. 'raw': a hand-written listener that checks source and origin and posts a
// Porthole-shaped JSON string; 'porthole': Porthole 1.0.0 as the uContact portal uses it
// (WindowProxy(null, <frame name>)). `frames`: [{name, origin, el}] (the iframes); `guid()`: the
// guid of the next answer.
window.benchResponder = function (kind, frames, guid) {
  if (kind === 'porthole') {
    frames.forEach(function (f) {
      var proxy = new Porthole.WindowProxy(null, f.name);
      proxy.addEventListener(function (ev) {
        var d = ev.data;
        if (d && d.action === 'call') proxy.post({ guid: guid() }, f.origin);
      });
    });
    return;
  }
  window.addEventListener('message', function (e) {
    var f = frames.find(function (x) { return x.el.contentWindow === e.source; });
    if (!f || e.origin !== f.origin || typeof e.data !== 'string') return;
    var env;
    try { env = JSON.parse(e.data); } catch (err) { return; }
    var d = env && env.data;
    if (!d || d.action !== 'call') return;
    e.source.postMessage(JSON.stringify({
      data: { guid: guid() }, sourceOrigin: location.protocol + '//' + location.host,
      targetOrigin: f.origin, sourceWindowName: window.name, targetWindowName: f.name,
    }), f.origin);
  });
};
