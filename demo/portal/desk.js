// The agent desk around the form: agent state (ready / paused, also by UC_pause), the current call
// and its timer, an incoming call to answer (the portal then opens the form again with the new
// call's CTI, and writes the encrypted localStorage copy), the dispositions received, and every
// form framework helper call. The helpers run on the simulator's server for this browser session
// (demo/framework/); its changes arrive here as server-sent events. Also the portal functions real
// forms call on `parent`: notificate, loaderSetVisible, __SendDTMF.
(function () {
  'use strict';
  var sim = window.sim;
  var byId = function (id) { return document.getElementById(id); };
  // The call and the agent state are live regions: written only when they change (every write is said again).
  var say = function (id, text) { if (byId(id).textContent !== text) byId(id).textContent = text; };
  sim.helperCalls = [];
  sim.dispositions = [];
  sim.notifications = [];
  sim.dtmf = [];
  sim.loader = [];
  sim.incoming = null;
  sim.paused = false;

  function post(path, body) {
    return fetch('/sim/framework/' + path, { method: 'POST', body: JSON.stringify(body) }).then(function (r) { return r.json(); });
  }
  var show = function (value) { return JSON.stringify(value); };
  // The latest 200 lines of each list (sim.* keeps them all): a desk is open all day.
  function line(list, text, cls) {
    var li = document.createElement('li');
    li.textContent = text;
    if (cls) li.className = cls;
    list.prepend(li);
    while (list.children.length > 200) list.lastChild.remove();
    return li;
  }

  // ---- current call and timer
  /** Sets the desk's current call (null: idle); `fromServer` changes are not sent back. */
  sim.setCall = function (call, fromServer) {
    sim.currentCall = call ? Object.assign({ startedAt: Date.now() }, call) : null;
    if (!fromServer) post('desk', { call: sim.currentCall }).catch(function () {});
    renderCall();
  };
  function renderCall() {
    var call = sim.currentCall;
    say('current-call', call
      ? call.via + ' ' + call.destination + ' (' + call.campaign + ') guid ' + call.guid : 'No call');
    tick();
  }
  function tick() {
    var call = sim.currentCall;
    var s = call ? Math.max(0, Math.floor((Date.now() - call.startedAt) / 1000)) : -1;
    byId('call-timer').textContent = s < 0 ? '—' : String(Math.floor(s / 60)).padStart(2, '0') + ':' + String(s % 60).padStart(2, '0');
  }
  setInterval(tick, 1000);

  byId('end-call').onclick = function () {
    sim.setCall(null);
    sim.sendEvent({ action: 'hangup' });
  };

  // ---- agent state
  function renderAgent() {
    var status = byId('status');
    say('status', sim.paused ? 'PAUSED' : 'READY');
    status.className = 'state ' + (sim.paused ? 'paused' : 'ready');
    byId('toggle-pause').textContent = sim.paused ? 'Resume' : 'Pause';
  }
  byId('toggle-pause').onclick = function () {
    sim.paused = !sim.paused;
    renderAgent();
    post('desk', { paused: sim.paused }).catch(function () {});
  };

  // ---- incoming call: ring, answer (the form opens again for it), decline
  /** Makes a call of `kind` ('inbound', 'dialer', 'email', 'whatsapp') ring; returns its CTI. */
  // The button that made the call ring: focus goes back to it when the call is declined.
  var ringer = null;
  sim.ring = function (kind, overrides) {
    ringer = byId('ring-' + (kind || 'inbound'));
    sim.incoming = window.ctiSim.make(kind || 'inbound', overrides);
    renderIncoming();
    return sim.incoming;
  };
  /**
   * Answers the ringing call: writes its encrypted CTI to localStorage, makes it the desk's call
   * and the framework's CTI, and opens the form again (resolves when the form starts loading).
   */
  sim.answer = function () {
    var cti = sim.incoming;
    if (!cti) return Promise.reject(new Error('no incoming call'));
    sim.incoming = null;
    // Answered with its button, the focus would go with it: to the form opened for the call.
    if (byId('incoming').contains(document.activeElement)) byId('crm').focus();
    renderIncoming();
    window.ctiSim.write(cti);
    sim.currentCall = { guid: cti.Guid, campaign: cti.Campaign, destination: cti.Callerid, via: 'answered', startedAt: Date.now() };
    renderCall();
    return post('desk', { cti: cti, call: sim.currentCall }).then(function () { sim.loadForm(); return cti; });
  };
  sim.decline = function () {
    sim.incoming = null;
    if (byId('incoming').contains(document.activeElement)) (ringer || byId('ring-inbound')).focus();
    renderIncoming();
  };
  /** Opens the form with no call (the framework's CTI is ''). */
  sim.openWithoutCall = function () {
    return post('desk', { cti: null }).then(function () { sim.loadForm(); });
  };
  function renderIncoming() {
    var box = byId('incoming');
    var cti = sim.incoming;
    box.hidden = !cti;
    byId('incoming-text').textContent = cti
      ? (cti.Channel || 'telephony') + ' · ' + cti.Callerid + ' · ' + cti.Campaign + (cti.Dialer ? ' · dialer' : '') : '';
  }
  window.ctiSim.kinds.forEach(function (kind) { byId('ring-' + kind).onclick = function () { sim.ring(kind); }; });
  byId('answer').onclick = function () { sim.answer(); };
  byId('decline').onclick = sim.decline;
  byId('open-no-call').onclick = function () { sim.openWithoutCall(); };
  byId('reopen-form').onclick = function () { sim.loadForm(); };

  // ---- a new call written in place: the form stays open (only storage events tell it)
  function startInPlace(cti) {
    sim.currentCall = { guid: cti.Guid, campaign: cti.Campaign, destination: cti.Callerid, via: cti.Dialer ? 'dialer' : 'inbound', startedAt: Date.now() };
    renderCall();
    post('desk', { cti: cti, call: sim.currentCall }).catch(function () {});
  }
  byId('start-inbound').onclick = function () { startInPlace(window.ctiSim.startInbound()); };
  byId('start-dialer').onclick = function () { startInPlace(window.ctiSim.startDialer()); };

  // ---- dispositions (framework helper or Porthole message)
  sim.addDisposition = function (d) {
    sim.dispositions.push(d);
    var levels = [d.l1, d.l2, d.l3].filter(Boolean).join(' / ');
    line(byId('dispositions'), d.via + ': ' + levels + (d.comment ? ' · "' + d.comment + '"' : '') + (d.guid ? ' · guid ' + d.guid : '') +
      (d.known === false ? ' · (unknown call)' : '') + (d.schedule ? ' · again at ' + d.schedule : ''));
  };

  /**
   * A Porthole disposition the portal acted on: it disposes the desk's current call, so the entry
   * names that call (`campaign`, `callerid`, `guid`, as UC_DispositionCall_async's do), shown here and
   * recorded by the desk's server beside the framework's.
   */
  sim.portholeDisposition = function (data) {
    var call = sim.currentCall || {};
    var d = { via: 'Porthole disposition', campaign: call.campaign || '', callerid: call.destination || '', guid: call.guid || '' };
    ['l1', 'l2', 'l3', 'comment', 'tag', 'schedule', 'camptoreschedule'].forEach(function (k) { d[k] = data[k]; });
    sim.addDisposition(d);
    return post('desk', { disposition: d }).catch(function () {});
  };

  /**
   * A Porthole Schedule the portal acted on: the desk's server puts it in the dialer's scheduled calls
   * (REST's state), checked as ScheduleDialerCall checks it. Resolves with '' when stored, else why not
   * (ScheduleDialerCall's reason, such as 'bad-calldate'; 'desk-unreachable' when the server did not answer).
   */
  sim.addSchedule = function (schedule) {
    return post('desk', { schedule: schedule }).then(function (answer) {
      return answer.scheduled ? '' : String(answer.reason || 'refused');
    }, function () { return 'desk-unreachable'; });
  };

  // ---- tags over Porthole: recorded by the desk's server beside UC_TagRecord's
  /** Records a Porthole tag `{guid, tag}` the portal acted on (the desk's state, the call's recording). */
  sim.addTag = function (t) {
    return post('desk', { tag: t }).catch(function () {});
  };

  // ---- the framework's helper calls and the portal functions forms call on `parent`
  function logHelper(entry) {
    sim.helperCalls.push(entry);
    if (entry.name === 'UC_makeCall_async' && entry.result && entry.mode !== 'fail') sim.guids.push(entry.result);
    if (entry.name === 'UC_DispositionCall_async' && !entry.error && entry.mode !== 'fail') {
      var a = entry.args;
      // Nine arguments or more: the long form (…, l3, d1, d2, comment, schedule, camptoreschedule).
      var long = a.length > 8;
      var d = { via: 'UC_DispositionCall_async', campaign: a[0], callerid: a[1], guid: a[2], l1: a[3], l2: a[4], l3: a[5], comment: long ? a[8] : a[6] };
      if (long && a[9]) d.schedule = a[9];
      sim.addDisposition(d);
    }
    var args = entry.args.map(show).join(', ');
    var outcome = entry.error ? ' ✗ ' + entry.error : ' → ' + show(entry.result);
    var mode = entry.mode === 'answer' ? '' : ' [' + entry.mode + ']';
    line(byId('framework-log'), entry.name + '(' + args + ')' + outcome + mode, entry.error ? 'err' : '')
      .setAttribute('data-helper', entry.name);
  }
  window.notificate = function (title, message, type) {
    sim.notifications.push(Array.prototype.slice.call(arguments));
    var toast = document.createElement('div');
    toast.className = 'toast ' + (type || '');
    toast.textContent = [title, message].filter(Boolean).join(': ');
    byId('toasts').append(toast);
    setTimeout(function () { toast.remove(); }, 4000);
    line(byId('framework-log'), 'parent.notificate(' + Array.prototype.map.call(arguments, show).join(', ') + ')');
  };
  window.loaderSetVisible = function (visible) {
    sim.loader.push(Boolean(visible));
    byId('loader').hidden = !visible;
    line(byId('framework-log'), 'parent.loaderSetVisible(' + Boolean(visible) + ')');
  };
  window.__SendDTMF = function (digits) {
    sim.dtmf.push(String(digits));
    line(byId('framework-log'), 'parent.__SendDTMF(' + show(String(digits)) + ')');
  };
  // What real forms also read on `parent` (CRMLite and others): the agent (`name` its extension;
  // `fullname` goes into OTCAuto's call script: the simulator's own), the user, the language,
  // whether a call is on, the portal's transfer flag.
  window.agent = { accountcode: 'agent1001', name: '1001', fullname: 'Agent 1001' };
  window.userid = 'agent1001';
  window.language = 'en';
  window.transfering = false;
  window.__isInCall = function () { return !!sim.currentCall; };

  // ---- the simulator's server: this session's changes
  function onEvent(event) {
    var e = JSON.parse(event.data);
    if (e.type === 'hello') {
      sim.paused = e.state.paused;
      renderAgent();
      if (e.state.call && !sim.currentCall) { sim.currentCall = e.state.call; renderCall(); }
    } else if (e.type === 'helper') {
      logHelper(e.entry);
    } else if (e.type === 'call') {
      var mine = sim.currentCall && e.call && sim.currentCall.guid === e.call.guid;
      if (!mine) sim.setCall(e.call, true);
    } else if (e.type === 'agent') {
      sim.paused = e.paused;
      renderAgent();
    } else if (e.type === 'close') {
      sim.closeForm();
    }
  }
  new EventSource('/sim/framework/events').onmessage = onEvent;

  renderAgent();
  renderCall();
  renderIncoming();
})();
