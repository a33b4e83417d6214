// The sample form's CTI part: shows the current call, read with `readCti()` (no options: the
// portal's form framework's global CTI, which the page loads from the portal), or on demand from
// the encrypted localStorage copy with the passphrase (same origin only); for dialer calls it
// offers a small respool editor and a schedule form that send through the portal client.
// `mountCtiPanel(bridge, portal, ui)` is called by crm-ui.js.
/* exported mountCtiPanel */
function mountCtiPanel(bridge, getPortal, ui) {
  'use strict';
  var state = { cti: null, builder: null, source: null };
  window.crm.cti = state;
  ui.container.append(ui.el('<fieldset id="cti-panel"><legend>Current call (CTI)</legend>' +
    '<label>CTI passphrase <input id="passphrase" type="password"></label> ' +
    '<button id="btn-read-cti">Read from localStorage</button> ' +
    '<button id="btn-read-framework">Read from the form framework</button>' +
    '<div id="cti-view" class="muted">No call read yet.</div>' +
    '<div id="respool-editor" hidden>' +
    '<h2>Respool (dialer record)</h2>' +
    '<label>Promote alternative <select id="alt-select"></select></label> <button id="btn-promote">Promote</button><br>' +
    '<label>Priority <input id="priority" type="number" min="1" max="9999" style="width:5em"></label> <button id="btn-priority">Set</button> ' +
    '<label>Data <input id="data-key" placeholder="key" style="width:6em">=<input id="data-value" placeholder="value" aria-label="Data value" style="width:8em"></label> <button id="btn-data">Set</button> ' +
    '<label>Hand to agent phone <input id="agentphone" style="width:5em"></label> <button id="btn-agent">Set</button><br>' +
    '<pre id="respool-preview"></pre>' +
    '<button id="btn-respool">Send respool</button></div>' +
    '<div id="schedule-form" hidden><h2>Schedule a call back</h2>' +
    '<label>When <input id="calldate" type="datetime-local" step="1"></label> <button id="btn-schedule">Schedule</button></div>' +
    '</fieldset>'));
  // The passphrase is per deployment; the simulator's config carries the demo one (same origin only).
  document.getElementById('passphrase').value = (window.SIM && window.SIM.passphrase) || '';

  function byId(id) { return document.getElementById(id); }
  function guard(label, fn) {
    try { return fn(); } catch (e) { ui.show(label, bridge.isBridgeError(e) ? e.code + ' ' + e.message : String(e), true); }
    return undefined;
  }
  function preview() {
    var out = guard('respool', function () { return state.builder.build(); });
    byId('respool-preview').textContent = out ? JSON.stringify(out, null, 1) : '';
    return out;
  }
  function render(cti, source) {
    state.cti = cti;
    state.source = source;
    var d = cti.dialer;
    byId('cti-view').textContent = '(' + source + ') Call ' + cti.guid + ' · campaign ' + cti.campaign + ' · caller ' + cti.callerid +
      ' · channel ' + cti.channel + ' · data ' + JSON.stringify(cti.parAndValues.values) +
      (d ? ' · dialer: main ' + d.destination + ', alternatives ' + d.alternatives.join(', ') + ', priority ' + d.priority : ' · not a dialer call');
    byId('respool-editor').hidden = !d;
    byId('schedule-form').hidden = false;
    state.builder = d ? bridge.respoolBuilder(d) : null;
    listAlternatives(d ? d.alternatives : []);
    if (d) {
      byId('priority').value = d.priority;
      byId('agentphone').value = d.agentphone;
      preview();
    }
  }
  // The alternatives the record being edited has now: a promoted one is the main number.
  function listAlternatives(alternatives) {
    var select = byId('alt-select');
    select.textContent = '';
    alternatives.forEach(function (a) { select.add(new Option(a, a)); });
  }
  // The encrypted copy, chosen explicitly: with the framework present, readCti() would read that.
  function read() {
    var cti = guard('readCti', function () { return bridge.readCti({ source: 'storage', passphrase: byId('passphrase').value }); });
    if (cti) render(cti, 'localStorage');
    return cti;
  }
  byId('btn-read-cti').onclick = read;
  // readCti() with no options: what a form of the portal needs. A form opened without a call, or
  // served from another origin (no framework there), gets NO_CTI, shown as the form's state.
  function readFramework(label) {
    try {
      render(bridge.readCti(), 'form framework');
      return true;
    } catch (e) {
      state.cti = null;
      byId('cti-view').textContent = bridge.isBridgeError(e, 'NO_CTI') ? 'No current call: ' + e.message : e.code + ' ' + e.message;
      if (label) ui.show(label, bridge.isBridgeError(e) ? e.code + ' ' + e.message : String(e), true);
      return false;
    }
  }
  byId('btn-read-framework').onclick = function () { readFramework('readCti (framework)'); };
  window.crm.ctiAtStart = readFramework();
  function edit(label, fn) {
    return function () {
      if (!state.builder || !guard(label, function () { fn(state.builder); return true; })) return;
      var respool = preview();
      if (respool) listAlternatives(respool.alternatives ? respool.alternatives.split(':') : []);
    };
  }
  byId('btn-promote').onclick = edit('promote', function (b) { b.promoteAlternative(byId('alt-select').value); });
  byId('btn-priority').onclick = edit('priority', function (b) { b.setPriority(Number(byId('priority').value)); });
  byId('btn-data').onclick = edit('data', function (b) { b.setData(byId('data-key').value, byId('data-value').value); });
  byId('btn-agent').onclick = edit('agentphone', function (b) { b.setAgentPhone(byId('agentphone').value); });
  byId('btn-respool').onclick = function () {
    var respool = preview();
    if (respool) ui.run('respool', getPortal().respool(respool, { confirm: true }));
  };
  byId('btn-schedule').onclick = function () {
    var when = byId('calldate').value;
    var schedule = guard('schedule', function () {
      return bridge.scheduleBuilder(state.cti.dialer || state.cti).setCalldate(new Date(when)).build();
    });
    if (schedule) ui.run('schedule', getPortal().schedule(schedule, { confirm: true }));
  };
  // A new call written by the portal shows up by itself: the encrypted copy (same origin: storage
  // events and polling) and the framework's global (polled), each watched on its own.
  var onError = function (e) { ui.show('watchCti', e.code + ' ' + e.message, true); };
  if (location.origin === (window.SIM && window.SIM.portalOrigin)) {
    guard('watchCti', function () {
      bridge.watchCti({
        source: 'storage', passphrase: byId('passphrase').value, intervalMs: 500, onError: onError,
        onChange: function (cti) { render(cti, 'localStorage'); },
      });
    });
  }
  if (typeof window.CTI !== 'undefined') {
    guard('watchCti', function () {
      bridge.watchCti({ intervalMs: 500, onError: onError, onChange: function (cti) { render(cti, 'form framework'); } });
    });
  }
}
