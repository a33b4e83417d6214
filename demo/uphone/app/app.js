// A sample "agent CRM app" (issue #15): a web app of the integrator's that embeds the uContact phone
// with ucontact-bridge/uphone, screen-pops the customer on an incoming call (`gettingCall`, or the
// Events API's `assignedInteraction`) and on a call the agent starts (`makeCall`), shows the current call from `phone.state`, and places calls
// with `makeCall`. Served by the simulator on both origins; `npm run demo` prints its address.
//   ?api=events      embed the instance in Events API mode       ?login=auto   the agent logs in at once
//   ?numbers=json    the uPhone sends numbers as JSON numbers     ?ancestors=none  this site is not in Frame ancestors
//   ?readyTimeoutMs=N  how long to wait for the agent (default 30000)
// index.html: the ES module entry; iife.html: the uPhone's script-tag bundle; iife-full.html: the full one.
// window.app is what the browser tests read.
window.mountAgentApp = function (lib, build) {
  'use strict';
  var query = new URLSearchParams(location.search);
  var CUSTOMERS = [
    { number: '099123456', name: 'Ana Pérez', account: 'ACME-1042', plan: 'Gold', city: 'Montevideo', note: 'Renewal due in December' },
    { number: '098111222', name: 'Bruno Silva', account: 'ACME-2210', plan: 'Silver', city: 'Salto', note: 'Asked for a callback about billing' },
    { number: '097333444', name: 'Carla Gómez', account: 'ACME-3307', plan: 'Bronze', city: 'Maldonado', note: 'New customer, first order last week' },
  ];
  // Numbers come in several spellings (the uPhone may send 099123456 as the JSON number 99123456).
  var key = function (n) { return String(n == null ? '' : n).replace(/\D/g, '').replace(/^0+/, ''); };
  var find = function (n) { return CUSTOMERS.find(function (c) { return key(c.number) === key(n) && key(n) !== ''; }); };

  document.body.insertAdjacentHTML('beforeend', [
    '<header><h1>Acme CRM</h1> <span class="muted">agent workspace · ' + build + ' build</span>',
    '<span id="agent-status" role="status">Waiting for the agent to log in to the phone…</span></header>',
    '<main><section>',
    '<h2>Current call <span id="call-state" role="status">idle</span> <span id="call-detail" class="muted small"></span></h2>',
    '<div id="card" class="box card" hidden></div>',
    '<h2>Customers</h2><div class="box"><table id="customers"></table>',
    '<div class="small muted">Call and SMS go through the embedded phone (<code>makeCall</code>, <code>makeSms</code>).</div></div>',
    '<h2>Activity</h2><div class="box"><ol id="activity" role="log"></ol></div>',
    '</section><section><div id="phone"></div></section></main>',
  ].join(''));
  var $ = function (id) { return document.getElementById(id); };

  var app = { build: build, lib: lib, pops: [], events: [], results: [], errors: [], logs: [], ready: null };
  window.app = app;
  var capture = function (kind, text) { if (window.__capture) window.__capture(kind, text); };

  // The latest 200 lines (app.* keeps every event for the tests): the app is open for a whole shift.
  function activity(text, cls) {
    var li = document.createElement('li');
    li.textContent = text;
    if (cls) li.className = cls;
    $('activity').prepend(li);
    while ($('activity').children.length > 200) $('activity').lastChild.remove();
  }
  function failed(what, e) {
    var text = lib.isBridgeError(e) ? e.code + ': ' + e.message : String(e);
    app.errors.push({ what: what, code: e && e.code, message: e && e.message });
    capture('error', text);
    activity(what + ' failed: ' + text, 'err');
  }

  var eventsApi = query.get('api') === 'events';
  // The phone's URL is the deployment's (config.js), never the page's query: a link could frame
  // another site as the phone and hand it the customers' numbers.
  var phoneUrl = new URL(window.AGENT_APP.phoneUrl);
  ['api', 'login', 'numbers', 'ancestors'].forEach(function (k) { if (query.has(k)) phoneUrl.searchParams.set(k, query.get(k)); });
  var phone = lib.embedUPhone({
    container: $('phone'),
    url: phoneUrl.href,
    readyTimeoutMs: Number(query.get('readyTimeoutMs') || 30000),
    // An embedded uContact X instance posts nothing until an interaction comes: ready on the frame's load.
    readyOn: query.get('readyOn') || (eventsApi ? 'load' : 'agent'),
    // Redacted events (names and reasons): safe to keep and to send to your own logs.
    log: function (e) { app.logs.push(e); capture('log', JSON.stringify(e)); },
  });
  app.phone = phone;

  phone.ready.then(function () {
    app.ready = 'ready';
    $('agent-status').textContent = phone.loggedIn ? 'Agent logged in' : 'Phone loaded';
    $('agent-status').className = 'ok';
  }, function (e) {
    app.ready = e.code;
    $('agent-status').textContent = e.message;
    $('agent-status').className = 'bad';
    failed('The phone', e);
  });

  // The screen pop: the customer of an incoming call, of a call the agent starts, or of an
  // interaction assigned to the agent (Events API).
  function pop(event) {
    var n = event.params.number || event.params.clientId;
    var c = find(n);
    app.pops.push({ event: event.name, number: n, customer: c ? c.name : null });
    var card = $('card');
    card.hidden = false;
    card.className = 'box card' + (c ? '' : ' unknown');
    card.innerHTML = '';
    var h = document.createElement('h3');
    h.textContent = c ? c.name : 'Unknown caller';
    card.append(h);
    var dl = document.createElement('dl');
    var rows = c ? [['Number', c.number], ['Account', c.account], ['Plan', c.plan], ['City', c.city], ['Note', c.note]]
      : [['Number', String(n || '—')], ['', 'No customer with this number: create one?']];
    rows.push(['Campaign', event.params.campaign || '—'], ['Via', event.name]);
    rows.forEach(function (r) {
      var dt = document.createElement('dt');
      dt.textContent = r[0];
      var dd = document.createElement('dd');
      dd.textContent = r[1];
      dl.append(dt, dd);
    });
    card.append(dl);
  }
  // The agent may log out of the phone and in again: once ready, the header follows (after a
  // logout, commands wait for the next login).
  function showAgent() {
    if (app.ready !== 'ready') return;
    $('agent-status').textContent = phone.loggedIn ? 'Agent logged in' : 'Agent logged out of the phone: calls wait for the next login';
    $('agent-status').className = phone.loggedIn ? 'ok' : 'bad';
  }
  phone.on('agentLogin', showAgent);
  phone.on('agentLogout', showAgent);
  phone.on('gettingCall', pop);
  phone.on('makeCall', pop);
  phone.on('assignedInteraction', pop);
  phone.on('*', function (e) {
    app.events.push({ name: e.name, api: e.api, params: JSON.parse(JSON.stringify(e.params)), problems: e.problems.slice() });
    activity(e.name + ' ' + JSON.stringify(e.params));
  });

  // The call badge from phone.state: status, number, and for how long (a monotonic clock).
  function showState() {
    var s = phone.state;
    // Written only when it changes: it is a live region, and this runs every second.
    var status = { idle: 'idle', ringing: 'ringing', inCall: 'in call' }[s.status];
    if ($('call-state').textContent !== status) $('call-state').textContent = status;
    $('call-state').className = s.status;
    var who = s.number ? (find(s.number) || { name: s.number }).name : s.clientId || '';
    var secs = Math.round((performance.now() - s.since) / 1000);
    $('call-detail').textContent = s.status === 'idle' ? '' : [who, s.direction, s.campaign, secs + ' s'].filter(Boolean).join(' · ');
  }
  phone.onState(showState);
  setInterval(showState, 1000);
  showState();

  CUSTOMERS.forEach(function (c) {
    var tr = document.createElement('tr');
    tr.innerHTML = '<td></td><td></td><td><button data-act="call">Call</button> <button data-act="sms">SMS</button></td>';
    tr.children[0].textContent = c.name;
    tr.children[1].textContent = c.number;
    tr.querySelector('[data-act=call]').setAttribute('aria-label', 'Call ' + c.name);
    tr.querySelector('[data-act=sms]').setAttribute('aria-label', 'SMS ' + c.name);
    tr.querySelector('[data-act=call]').onclick = function () { app.call(c.number); };
    tr.querySelector('[data-act=sms]').onclick = function () { app.sms(c.number, 'Hello ' + c.name.split(' ')[0] + ', your order has shipped.'); };
    $('customers').append(tr);
  });

  /** Places a call through the phone and waits for its echo (the makeCall event). */
  app.call = function (number, campaign) {
    activity('Calling ' + number + '…');
    // The uPhone echoes a makeCall event when the call starts; an instance (Events API) documents no echo.
    return phone.makeCall({ number: number, campaign: campaign || 'Sales->' }, { waitForEcho: !eventsApi, timeoutMs: 15000 }).then(function (r) {
      app.results.push({ action: r.action, echoed: r.echoed, guid: r.event && r.event.params.guid });
      activity(r.echoed ? 'The phone started the call (guid ' + r.event.params.guid + ')' : 'Call request posted (no echo documented)');
      return r;
    }, function (e) { failed('Call', e); throw e; });
  };
  app.sms = function (number, message) {
    return phone.makeSms({ number: number, message: message, campaign: 'SMS' }).then(function (r) {
      app.results.push({ action: r.action, echoed: r.echoed });
      activity('SMS handed to the phone');
      return r;
    }, function (e) { failed('SMS', e); throw e; });
  };
};
