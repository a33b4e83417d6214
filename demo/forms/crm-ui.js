// The sample CRM form. `mountCrmForm(bridge)` works with the script-tag global and with the ES
// module entries alike; the page that loads it chooses which. State for tests: `window.crm`.
/* exported mountCrmForm */
/* global mountCtiPanel */
function mountCrmForm(bridge, build) {
  'use strict';
  var params = new URLSearchParams(location.search);
  // The portal's origin: this page's own (uContact hosts forms) unless the portal told us another
  // that the deployment's config names. A link's ?portal=<any site> would make the form trust that
  // site and send it the agent's password (the REST session goes to the portal's instance).
  var portalOrigin = window.SIM && params.get('portal') === window.SIM.portalOrigin ? window.SIM.portalOrigin : location.origin;
  var events = [];
  // The e2e suite collects every log event and error message (window.__capture) to prove that no
  // phone number or secret ever reaches them.
  var capture = window.__capture || function () {};
  // The portal client's way for call, disposition, tag and close: `?use=porthole` or `framework`;
  // by default the form framework's helpers when the page has them (served by the portal's
  // instance, so a form on another origin goes over Porthole). Every result says `via`.
  var portal = bridge.connectPortal(Object.assign({
    allowedOrigins: portalOrigin,
    log: function (e) { events.push(e); capture('log', JSON.stringify(e)); },
  }, params.get('use') ? { use: params.get('use') } : {}));
  var results = [];
  var app = document.getElementById('app');

  window.crm = { bridge: bridge, build: build, portal: portal, results: results, events: events, unsolicited: [] };
  portal.on('message', function (data) {
    window.crm.unsolicited.push(data);
    show('portal event', data);
  });

  function el(html) {
    var t = document.createElement('template');
    t.innerHTML = html.trim();
    return t.content.firstChild;
  }
  function val(id) { return document.getElementById(id).value; }
  function show(label, value, isError) {
    results.push({ label: label, value: value, error: !!isError });
    var line = document.createElement('div');
    if (isError) line.className = 'err';
    line.textContent = label + ': ' + (typeof value === 'string' ? value : JSON.stringify(value));
    document.getElementById('results').prepend(line);
  }
  function run(label, promise) {
    return promise.then(function (r) {
      if (r && r.via) {
        document.getElementById('last-via').textContent = r.via + (r.confirmed === false ? ' (only posted: a portal may ignore it)' : '');
      }
      show(label, r);
      return r;
    }, function (e) {
      capture('error', e && e.message);
      show(label, bridge.isBridgeError(e) ? e.code + ' ' + e.message : String(e), true);
    });
  }
  function confirmOpt() { return { confirm: document.getElementById('confirm').checked }; }

  app.append(
    el('<p>Portal: <code id="portal-origin"></code> · embedded: <b id="embedded"></b> · build: <b id="build"></b>' +
      ' · form framework: <b id="framework"></b> · last request went via <b id="last-via">—</b></p>'),
    el('<fieldset><legend>Call</legend>' +
      '<label>Campaign <input id="campaign" value="Sales-&gt;"></label>' +
      '<label>Destination <input id="destination" value="099123456"></label>' +
      '<label>Caller id <input id="callerid" value=""></label><br>' +
      '<button id="btn-call">Call</button> <button id="btn-callWithPhone">Call with portal phone</button> ' +
      '<button id="btn-hangup">Hang up</button></fieldset>'),
    el('<fieldset><legend>Disposition and tags</legend>' +
      '<label>L1 <input id="l1" value="Sale"></label><label>L2 <input id="l2" value="Closed"></label>' +
      '<label>L3 <input id="l3" value=""></label><label>Comment <input id="comment" value="Happy customer"></label><br>' +
      '<label>Tag <input id="tag" value="vip"></label>' +
      '<button id="btn-disposition">Disposition</button> <button id="btn-tag">Tag recording</button> ' +
      '<button id="btn-close">Close form</button> ' +
      '<label><input type="checkbox" id="confirm"> over Porthole, wait for the portal to confirm</label></fieldset>'),
    el('<div id="extensions"></div>'),
    el('<h2>Results</h2>'),
    el('<div id="results" role="log"></div>'),
  );
  document.getElementById('portal-origin').textContent = portalOrigin;
  document.getElementById('embedded').textContent = String(portal.embedded);
  document.getElementById('build').textContent = build;
  document.getElementById('framework').textContent = typeof window.UC_makeCall_async === 'function' ? 'loaded' : 'absent';

  // The call this form placed last. Through the form framework, disposition and tag act on the
  // framework's `CTI` call; a form opened without one (an empty `CTI`) names the call it placed
  // itself (over Porthole they are checked and not sent: the portal disposes its current call).
  var placed = null;
  function placedCall(keys) {
    // The framework's CTI is JSON text, '' without a call.
    if (!placed || window.CTI) return {};
    var out = {};
    keys.forEach(function (k) { out[k] = placed[k]; });
    return out;
  }
  document.getElementById('btn-call').onclick = function () {
    var args = { campaign: val('campaign'), destination: val('destination'), callerid: val('callerid') };
    run('call', portal.call(args)).then(function (r) {
      if (r && r.guid) placed = { campaign: args.campaign, callerid: args.destination, guid: r.guid };
    });
  };
  document.getElementById('btn-callWithPhone').onclick = function () {
    run('callWithPhone', portal.callWithPhone({ campaign: val('campaign'), destination: val('destination') }));
  };
  document.getElementById('btn-hangup').onclick = function () { run('hangup', portal.hangup(confirmOpt())); };
  document.getElementById('btn-disposition').onclick = function () {
    run('disposition', portal.disposition(Object.assign({ l1: val('l1'), l2: val('l2'), l3: val('l3'), comment: val('comment') },
      placedCall(['campaign', 'callerid', 'guid'])), confirmOpt()));
  };
  document.getElementById('btn-tag').onclick = function () {
    run('tag', portal.tag(Object.assign({ tag: val('tag') }, placedCall(['guid'])), confirmOpt()));
  };
  document.getElementById('btn-close').onclick = function () { run('closeForm', portal.closeForm(confirmOpt())); };

  // REST: the agent's own session (never supervisor credentials in a page). The demo simulator's
  // agent account is filled in; a real form would get the agent's token from its back end.
  var restCache = null;
  function rest() {
    var key = val('agent') + '\n' + val('password');
    if (!restCache || restCache.key !== key) {
      restCache = {
        key: key,
        client: bridge.createUContactClient({
          baseUrl: portalOrigin, credentials: { agent: val('agent'), password: val('password') },
          log: function (e) { capture('log', JSON.stringify(e)); },
        }),
      };
    }
    return restCache.client;
  }
  if (bridge.createUContactClient) {
    document.getElementById('extensions').append(el('<fieldset><legend>REST API (agent session)</legend>' +
      '<label>Agent <input id="agent" value="agent1001"></label><label>Password <input id="password" type="password" value="Ag3nt-s3cret"></label><br>' +
      '<button id="btn-blacklist">Blacklist this number</button> <button id="btn-unblacklist">Remove from blacklist</button> ' +
      '<button id="btn-summary">Campaigns summary</button></fieldset>'));
    document.getElementById('btn-blacklist').onclick = function () {
      run('addBlacklist', rest().addBlacklist({ phone: val('destination'), campaign: val('campaign') }).then(function () { return 'blacklisted'; }));
    };
    document.getElementById('btn-unblacklist').onclick = function () {
      run('removeBlacklist', rest().removeBlacklist({ phone: val('destination'), campaign: val('campaign') }).then(function () { return 'removed'; }));
    };
    document.getElementById('btn-summary').onclick = function () { run('campaignsSummary', rest().campaignsSummary()); };
    // Inside the portal's own form: the agent's session is the framework's Agent.token, the
    // instance the form's own origin. No password in the page.
    if (typeof window.Agent !== 'undefined') {
      document.getElementById('extensions').lastChild.append(el('<span> · <button id="btn-summary-form">Campaigns summary (form session)</button></span>'));
      var formRest = null;
      document.getElementById('btn-summary-form').onclick = function () {
        formRest = formRest || bridge.createUContactClient(Object.assign(bridge.fromFormFramework(), {
          log: function (e) { capture('log', JSON.stringify(e)); },
        }));
        run('campaignsSummary (form session)', formRest.campaignsSummary());
      };
    }
    // Opened outside the portal with ?fallback=rest, Call and Hang up go over REST (the result
    // says via: 'rest'); without it they fail with NOT_EMBEDDED.
    if (!portal.embedded && params.get('fallback') === 'rest') {
      var line = function () { return bridge.restFallback(rest(), { agent: val('agent'), phone: '1001', context: 'from-internal' }); };
      portal = bridge.withFallback(portal, {
        call: function (args, opts) { return line().call(args, opts); },
        hangup: function (opts) { return line().hangup(opts); },
      });
      window.crm.portal = portal;
    }
  }

  if (bridge.readCti) {
    mountCtiPanel(bridge, function () { return portal; }, { container: document.getElementById('extensions'), el: el, show: show, run: run });
  }

  window.crm.rest = rest;
  window.crm.show = show;
  window.crm.run = run;
  document.dispatchEvent(new CustomEvent('crm-ready'));
  window.crm.ready = true;
}
