// The simulated agent portal: frames the CRM form in a named iframe and answers the proxy actions
// over the real Porthole 1.0.0, as spec section 3 says (and `closeForm`, our guess: it takes the
// form away). Faults per action (fail, silent, late) are set in the page, by URL parameters
// (`mode.call=late:2000:1`) or by `sim.setMode`; the same goes for the form framework's helpers
// (`mode.UC_makeCall_async=silent`), whose answers the simulator's server gives (demo/framework/).
// A deployment's own actions (a form's raw `send`) are recorded and answered as `reply.<action>=`
// (`guid`, `action`, `fail`; default: no answer, as a real portal ignores what it does not know)
// or `sim.setReply` says. The agent desk around the form is desk.js.
(function () {
  'use strict';
  var ACTIONS = ['call', 'callWithPhone', 'hangup', 'disposition', 'tag', 'respool', 'schedule', 'closeForm'];
  var HELPERS = ['UC_makeCall_async', 'UC_DispositionCall_async', 'UC_TagRecord', 'UC_closeForm', 'UC_pause',
    'UC_get_async', 'UC_exec_async', 'UC_Save_async', 'UC_update_async', 'UC_getMyAgentCampaigns_async',
    'UC_getSystemCampaigns_async', 'UC_audit', 'UC_GM_LoadActions', 'UC_Http_proxy', 'ajaxUploadBase'];
  var MODES = ['answer', 'fail', 'silent', 'late'];
  // The documented data of the two call actions (spec section 3).
  var CALL_FIELDS = { call: ['action', 'campaign', 'callerid', 'destination'], callWithPhone: ['action', 'destination', 'campaign'] };
  var LATE_MS = 3000;
  var params = new URLSearchParams(location.search);
  var SIM = window.SIM;

  var sim = {
    /** Every message received from the form: `{data, origin}` in arrival order. */
    received: [],
    /** Every guid the portal generated (Porthole calls and UC_makeCall_async), in order. */
    guids: [],
    /** Replies posted to the form. */
    replies: [],
    currentCall: null,
    modes: {},
    actions: ACTIONS,
    helpers: HELPERS,
    /**
     * Sets how the portal answers `action` (a Porthole action or a framework helper): mode 'answer' |
     * 'fail' | 'silent' | 'late', `delay` ms for late, `times` answers before answering normally
     * again. For a helper it resolves once the simulator's server has the mode.
     */
    setMode: function (action, mode, delay, times) {
      keepMode(action, mode, delay, times);
      renderModes();
      return HELPERS.indexOf(action) < 0 ? Promise.resolve() : sendModes([action]);
    },
    /** Posts an unsolicited portal message to the form. */
    sendEvent: function (data, targetOrigin) { proxy.post(data, targetOrigin || formOrigin()); },
    /** How the portal answers a deployment's own action, by name: 'guid', 'action', 'fail' or 'none'. */
    customReplies: {},
    setReply: function (action, kind) { sim.customReplies[action] = kind; },
  };
  window.sim = sim;

  // A late mode without a delay (`mode.call=late`, `setMode('call', 'late')`) is the panel's "late (3 s)".
  function keepMode(action, mode, delay, times) {
    var ms = delay === undefined || delay === '' ? (mode === 'late' ? LATE_MS : 0) : Number(delay) || 0;
    sim.modes[action] = { mode: mode, delay: ms, times: times === undefined ? Infinity : Number(times) };
  }
  // The helpers answer from the server: it gets their modes (Infinity travels as null).
  function sendModes(names) {
    var modes = {};
    names.forEach(function (n) {
      var m = sim.modes[n];
      modes[n] = { mode: m.mode, delay: m.delay, times: m.times === Infinity ? null : m.times };
    });
    // dispositionParams=11: the framework declares UC_DispositionCall_async with eleven parameters.
    var body = { modes: modes, dispositionParams: params.get('dispositionParams') === '11' ? 11 : 7 };
    return fetch('/sim/framework/modes', { method: 'POST', body: JSON.stringify(body) }).then(function () {});
  }

  ACTIONS.concat(HELPERS).forEach(function (a) {
    var spec = (params.get('mode.' + a) || 'answer').split(':');
    keepMode(a, MODES.indexOf(spec[0]) >= 0 ? spec[0] : 'answer', spec[1], spec[2]);
  });
  params.forEach(function (value, key) {
    if (key.indexOf('reply.') === 0) sim.setReply(key.slice(6), value);
  });
  var modesSent = sendModes(HELPERS);

  // Layout: the form from this origin (as uContact hosts forms) or from the second origin.
  var cross = params.get('origin') === 'cross';
  var FORMS = { iife: 'crm.html', esm: 'crm-esm.html', classic: 'classic/index.html' };
  var form = FORMS[params.get('form')] ? params.get('form') : 'iife';
  var formBase = cross ? SIM.formOrigin : SIM.portalOrigin;
  // `formUrl` (another form: a test's, or yours) is a page of the simulator's two origins or of those
  // it was started with (DEV_ORIGINS) only: a link's `javascript:` URL would run in the desk's
  // origin, another site would get the desk's replies.
  function simPage(url) {
    var u = url && URL.canParse(url, location.href) ? new URL(url, location.href) : null;
    return u && [SIM.portalOrigin, SIM.formOrigin].concat(SIM.devOrigins).indexOf(u.origin) >= 0 ? u.href : null;
  }
  // `use=porthole` (or `framework`) is handed to the sample form: its portal client's way.
  var formUrl = simPage(params.get('formUrl')) || formBase + '/forms/' + FORMS[form] + '?portal=' + encodeURIComponent(location.origin) +
    (params.get('use') ? '&use=' + encodeURIComponent(params.get('use')) : '');
  function formOrigin() { return params.get('replyOrigin') === '*' ? '*' : new URL(formUrl, location.href).origin; }

  var nav = document.getElementById('layouts');
  [['iife', 'same'], ['iife', 'cross'], ['esm', 'same'], ['esm', 'cross'], ['classic', 'same']].forEach(function (l) {
    var a = document.createElement('a');
    a.href = '/?form=' + l[0] + '&origin=' + l[1];
    a.textContent = l[0] === 'classic' ? 'classic form' : l[0] + ' · ' + (l[1] === 'same' ? 'same origin' : 'cross origin');
    if (l[0] === form && l[1] === (cross ? 'cross' : 'same') && !params.get('formUrl')) { a.className = 'active'; a.setAttribute('aria-current', 'page'); }
    nav.appendChild(a);
  });

  // Frames beside the form for hostile-message tests (e2e only): `attacker=same,cross` adds the
  // frames `attacker-same` (the portal's origin) and `attacker-cross` (the second origin).
  (params.get('attacker') || '').split(',').filter(Boolean).forEach(function (kind) {
    var evil = document.createElement('iframe');
    evil.name = 'attacker-' + kind;
    evil.style.display = 'none';
    evil.src = (kind === 'cross' ? SIM.formOrigin : SIM.portalOrigin) + '/e2e/attacker.html';
    document.body.appendChild(evil);
  });

  var proxy = new Porthole.WindowProxy(null, 'crmForm');
  proxy.addEventListener(onMessage);
  var frame = document.getElementById('crm');
  /** (Re)opens the form, as the portal does for each call: the form loads the framework anew. */
  sim.loadForm = function () {
    // 'Open it again' hides with the notice: the focus, if it was there, goes to the form it opens.
    if (document.getElementById('form-closed').contains(document.activeElement)) frame.focus();
    document.getElementById('form-closed').hidden = true;
    frame.src = formUrl;
  };
  /**
   * Takes the form away (UC_closeForm, or the Porthole closeForm): after 500 ms, as the portal first
   * lets the form finish (a form's pending answer still reaches it).
   */
  sim.closeForm = function () {
    setTimeout(function () {
      // The focus, if it was in the form, goes to the button that opens it again.
      var hadFocus = document.activeElement === frame;
      frame.src = 'about:blank';
      document.getElementById('form-closed').hidden = false;
      if (hadFocus) document.getElementById('reopen-form').focus();
    }, 500);
  };
  // The helpers' fault modes reach the server before the form can call a helper.
  modesSent.catch(function () {}).then(sim.loadForm);
  document.getElementById('passphrase').textContent = SIM.passphrase;

  function uuid() {
    return crypto.randomUUID ? crypto.randomUUID() : 'sim-' + Date.now() + '-' + Math.random().toString(16).slice(2);
  }

  function answer(data) {
    var isCall = data.action === 'call' || data.action === 'callWithPhone';
    var mode = sim.modes[data.action] || { mode: 'answer', delay: 0, times: Infinity };
    var now = mode.times > 0 ? mode.mode : 'answer';
    mode.times--;
    var reply;
    // A schedule is answered once the dialer has taken it or refused it (the desk's server says).
    var stored = null;
    // A call with no number to dial (`number` is the uPhone's key, not the portal's) places nothing:
    // the failed call's answer, as the framework's UC_makeCall_async refuses it (silent: not even that).
    var noDestination = isCall && (data.destination === undefined || data.destination === null || !String(data.destination).trim());
    // The data of a call is exactly the documented fields: a strict portal may reject any other key
    // (spec section 3), so this one does, naming the keys (never their values).
    var extra = isCall ? Object.keys(data).filter(function (k) { return CALL_FIELDS[data.action].indexOf(k) < 0; }) : [];
    if (now === 'fail' || noDestination || extra.length) {
      reply = isCall ? { guid: '0', error: noDestination ? 'destination is required' : extra.length ? 'unexpected field: ' + extra.join(', ') : 'simulated failure' }
        : { action: data.action, result: '0', error: 'simulated failure' };
    } else if (isCall) {
      var guid = uuid();
      sim.guids.push(guid);
      sim.setCall({ guid: guid, campaign: data.campaign, destination: data.destination, via: data.action });
      reply = { guid: guid };
    } else {
      if (data.action === 'hangup') sim.setCall(null);
      if (data.action === 'disposition') sim.portholeDisposition(data);
      // The named call's recording, or the current call's (as the portal tags its current call).
      if (data.action === 'schedule') stored = sim.addSchedule(data.schedule);
      if (data.action === 'tag') sim.addTag({ guid: typeof data.guid === 'string' ? data.guid : sim.currentCall ? sim.currentCall.guid : '', tag: data.tag });
      if (data.action === 'closeForm') sim.closeForm();
      reply = { action: data.action, result: '1' };
      // A Respool must give back the current dialer call's protected fields (spec 4.3: changing them
      // breaks the dialer). What a real portal answers is not known; this one fails it, naming them.
      var dialer = data.action === 'respool' && window.ctiSim.current && window.ctiSim.current.Dialer;
      var changed = dialer ? ['campaign', 'status', 'contact', 'dialerbase'].filter(function (k) {
        return String((data.respool || {})[k]) !== String(dialer[k]);
      }) : [];
      if (changed.length) reply = { action: 'respool', result: '0', error: 'protected fields changed: ' + changed.join(', ') };
    }
    if (now === 'silent') return;
    var send = function () { sim.replies.push(reply); proxy.post(reply, formOrigin()); render(); };
    var go = function () { if (now === 'late') setTimeout(send, mode.delay); else send(); };
    // A Schedule the dialer refuses (ScheduleDialerCall's checks: a calldate not `YYYY-MM-DD HH:mm:ss`,
    // a destination that is no number, …) is not stored: told `result:'1'`, the form would say the
    // callback is booked. What a real portal answers is not known; this one fails it, naming the
    // refusal's field as ScheduleDialerCall's log does (never a value).
    if (!stored) return go();
    stored.then(function (refused) {
      if (refused) reply = { action: 'schedule', result: '0', error: 'schedule not stored: ' + refused };
      go();
    });
  }

  // A deployment's own action: answered as sim.customReplies says (none by default).
  function answerCustom(data) {
    var kind = sim.customReplies[data.action];
    var reply = kind === 'guid' ? { guid: uuid() }
      : kind === 'action' ? { action: data.action, result: '1', received: data }
        : kind === 'fail' ? { action: data.action, result: '0', error: 'simulated failure' } : null;
    if (!reply) return;
    if (reply.guid) sim.guids.push(reply.guid);
    sim.replies.push(reply);
    proxy.post(reply, formOrigin());
  }

  // Per action: how many messages came and the last one, kept as they come. render() runs at every
  // message and reply: counted again from sim.received, each message cost more than the one before.
  var names = ACTIONS.slice();
  // No prototype: an action named __proto__ is counted like any other.
  var counts = Object.create(null);
  var lasts = Object.create(null);
  function onMessage(event) {
    // Porthole hands over every JSON message whose sourceWindowName is 'crmForm', from any origin.
    var data = event.data;
    if (!data || typeof data !== 'object' || typeof data.action !== 'string' || data.action === '') return;
    sim.received.push({ data: data, origin: event.origin });
    if (!(data.action in counts)) {
      counts[data.action] = 0;
      if (names.indexOf(data.action) < 0) names.push(data.action);
    }
    counts[data.action]++;
    lasts[data.action] = data;
    if (ACTIONS.indexOf(data.action) >= 0) answer(data);
    else answerCustom(data);
    render();
  }

  function render() {
    var dl = document.getElementById('received');
    dl.textContent = '';
    names.forEach(function (a) {
      if (!(a in counts)) return;
      var dt = document.createElement('dt');
      dt.textContent = a + ' ×' + counts[a];
      var dd = document.createElement('dd');
      dd.textContent = JSON.stringify(lasts[a], null, 1);
      dd.setAttribute('data-action', a);
      dl.append(dt, dd);
    });
  }

  function renderModes() {
    var table = document.getElementById('modes');
    if (!table) return;
    table.textContent = '';
    ACTIONS.concat(HELPERS).forEach(function (a) {
      var tr = table.insertRow();
      var label = document.createElement('label');
      label.htmlFor = 'mode-' + a;
      label.textContent = a;
      tr.insertCell().appendChild(label);
      tr.insertCell().textContent = HELPERS.indexOf(a) < 0 ? 'Porthole' : 'framework';
      var select = document.createElement('select');
      select.id = 'mode-' + a;
      MODES.forEach(function (m) { select.add(new Option(m === 'late' ? 'late (3 s)' : m, m)); });
      select.value = sim.modes[a] ? sim.modes[a].mode : 'answer';
      select.onchange = function () { sim.setMode(a, select.value, LATE_MS); };
      tr.insertCell().appendChild(select);
    });
  }

  // The REST simulator's state, shown so a person sees REST actions land: each list's count and its
  // last three entries, all this page asks for (the whole state grows with every call of the day).
  function pollRest() {
    fetch('/sim/state?tail=3').then(function (r) { return r.ok ? r.json() : null; }).then(function (state) {
      var dl = document.getElementById('rest-state');
      dl.textContent = '';
      if (!state) { dl.innerHTML = '<dd class="muted">REST simulator not mounted</dd>'; return; }
      ['sessions', 'calls', 'hangups', 'dispositions', 'blacklist', 'dialer', 'schedules', 'deleted', 'bases', 'conversions'].forEach(function (k) {
        var v = state[k];
        if (!v || (Array.isArray(v) && !v.length)) return;
        var dt = document.createElement('dt');
        dt.textContent = k + (Array.isArray(v) ? ' ×' + state.lengths[k] : '');
        var dd = document.createElement('dd');
        dd.setAttribute('data-state', k);
        dd.textContent = JSON.stringify(v);
        dl.append(dt, dd);
      });
      if (!dl.children.length) dl.innerHTML = '<dd class="muted">no REST requests yet</dd>';
    }).catch(function () {}).finally(function () { setTimeout(pollRest, 1000); });
  }
  renderModes();
  render();
  pollRest();
})();
