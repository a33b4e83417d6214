// The simulated uPhone (contract section 8): what an instance serves at /uphone/. It posts exactly
// the contract's messages to the page that frames it, as plain objects, with the target origin '*'
// like real uPhones (they cannot know the host's origin); it takes makeCall (in any letter case, as
// real hosts post it) and makeSms from its parent window only and echoes a makeCall event when the
// call starts.
//   ?api=events     the uContact X instance instead: {event, data} messages (Events API); it posts
//                   nothing at login and runs no command (none is documented)
//   ?login=auto     log the agent in at once
//   ?numbers=json   send numbers as JSON numbers, as the documentation's example does (099… arrives as 99…)
// window.uphoneSim drives it from tests.
(function () {
  'use strict';
  var query = new URLSearchParams(location.search);
  var eventsApi = query.get('api') === 'events';
  var numbersAsJson = query.get('numbers') === 'json';
  var $ = function (id) { return document.getElementById(id); };
  var sim = {
    api: eventsApi ? 'events' : 'uphone',
    loggedIn: false,
    agent: '',
    call: null,        // { number, campaign, guid, direction, date, status: 'ringing' | 'talking', started, duration (once finished) }
    lastCall: null,    // the call awaiting dispositions
    posted: [],        // what this page posted to its parent
    received: [],      // what it received: { data, origin, fromParent }
    theme: 'light',
    language: 'en',
    // A WebRTC phone needs the microphone, and a cross-origin frame gets it only from the host's
    // `allow="camera;microphone"` (contract 8.1: required for calls). Without it no call is placed
    // or answered; a ringing call still shows (the switch signals it). Browsers without the policy
    // API: allowed.
    microphone: (function () {
      var policy = document.permissionsPolicy || document.featurePolicy;
      return !policy || typeof policy.allowsFeature !== 'function' || policy.allowsFeature('microphone');
    })(),
  };
  window.uphoneSim = sim;
  var seq = 0;
  var guid = function () { seq += 1; return 'sim-' + Date.now().toString(36) + '-' + seq; };
  // As the documentation's example: a JSON number (a leading 0 is lost on the way).
  var number = function (n) { return numbersAsJson && /^\d{1,15}$/.test(n) ? Number(n) : n; };
  // An event's date as uContact writes dates: `YYYY-MM-DD HH:mm:ss` in the instance's zone, no offset
  // (the simulator's `timeZone`, in which it also dates recordings: one clock for a call). A browser
  // that does not know that zone: its own.
  var zone = window.SIM && window.SIM.timeZone;
  var stamp = function () {
    var format;
    var options = { hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' };
    try {
      format = new Intl.DateTimeFormat('en-US', Object.assign({ timeZone: zone }, options));
    } catch (e) {
      format = new Intl.DateTimeFormat('en-US', options);
    }
    var p = {};
    format.formatToParts(new Date()).forEach(function (part) { p[part.type] = part.value; });
    return p.year + '-' + p.month + '-' + p.day + ' ' + p.hour + ':' + p.minute + ':' + p.second;
  };

  // The latest 200 lines (sim.posted and sim.received keep every message): open for a whole shift.
  function wire(text, cls) {
    var li = document.createElement('li');
    li.textContent = text;
    if (cls) li.className = cls;
    $('wire').prepend(li);
    while ($('wire').children.length > 200) $('wire').lastChild.remove();
  }

  // Real uPhones post to their parent with '*'.
  function post(message) {
    sim.posted.push(message);
    wire('→ ' + JSON.stringify(message));
    if (window.parent !== window) window.parent.postMessage(message, '*');
  }
  function uphone(action, params) { if (!eventsApi) post({ action: action, params: params }); }
  function events(event, data) { if (eventsApi) post({ event: event, data: data }); }

  function render() {
    $('api').textContent = eventsApi ? 'Events API ({event, data})' : 'Window Proxy ({action, params})';
    $('agent-state').textContent = sim.loggedIn ? sim.agent : 'logged out';
    $('agent-state').className = 'pill ' + (sim.loggedIn ? 'on' : 'off');
    $('login').hidden = sim.loggedIn;
    $('desk').hidden = !sim.loggedIn;
    $('events-only').hidden = !eventsApi;
    var c = sim.call;
    $('call').className = 'call' + (c ? ' ' + c.status : '');
    $('call').textContent = !c ? 'No call'
      : (c.status === 'ringing' ? 'Ringing: ' : (c.direction === 'O' ? 'Calling ' : 'Talking with ')) + c.number + ' · ' + c.campaign;
    var focused = document.activeElement;
    $('answer').hidden = !c || c.status !== 'ringing';
    $('hangup').hidden = !c;
    $('dispositions').hidden = !sim.lastCall;
    // A button that hid itself (Answer, Hang up) took the focus with it: to what comes next.
    if (focused && focused !== document.body && !focused.offsetParent) {
      var next = ['hangup', 'l1', 'dial-number', 'agent'].map($).find(function (e) { return e.offsetParent; });
      if (next) next.focus();
    }
    document.body.classList.toggle('dark', sim.theme === 'dark');
  }

  sim.login = function (agent) {
    if (sim.loggedIn) return;
    sim.loggedIn = true;
    sim.agent = agent || $('agent').value;
    // The Events API documents no login event: an instance says nothing until an interaction comes
    // (a host waits for the frame's load instead: readyOn 'load').
    uphone('agentLogin', { agent: sim.agent });
    render();
  };
  sim.logout = function () {
    if (!sim.loggedIn) return;
    if (sim.call) sim.hangup();
    sim.loggedIn = false;
    uphone('agentLogout', { agent: sim.agent });
    render();
  };
  var NO_MICROPHONE = 'No microphone: the host page must frame the phone with allow="camera;microphone".';
  // What the agent tried and could not do: said in the live region beside the call (a person with a
  // screen reader pressed Call or Answer and heard nothing), and kept in the wire log. Cleared by the
  // next call that starts or is answered.
  function notice(text) {
    $('notice').textContent = text;
    if (text) wire('  (' + text + ')', 'odd');
  }
  function start(direction, n, campaign) {
    if (direction === 'O' && !sim.microphone) return notice(NO_MICROPHONE + ' No call was placed.');
    notice('');
    sim.lastCall = null;
    sim.call = { number: String(n), campaign: campaign, guid: guid(), direction: direction, date: stamp(), status: direction === 'I' ? 'ringing' : 'talking', started: Date.now() };
    var c = sim.call;
    var params = { number: number(c.number), campaign: c.campaign, guid: c.guid, date: c.date };
    if (direction === 'I') uphone('gettingCall', params);
    else uphone('makeCall', params);
    events('assignedInteraction', { guid: c.guid, campaign: c.campaign, channel: 'telephony', clientId: c.number });
    render();
  }
  sim.ring = function (o) { if (sim.loggedIn) start('I', (o && o.number) || $('ring-number').value, (o && o.campaign) || $('ring-campaign').value); };
  sim.dial = function (o) { if (sim.loggedIn) start('O', (o && o.number) || $('dial-number').value, (o && o.campaign) || $('dial-campaign').value); };
  // The uPhone reports no answer: only the sim's own display changes.
  sim.answer = function () {
    if (sim.call && sim.call.status === 'ringing' && !sim.microphone) return notice(NO_MICROPHONE + ' The call was not answered.');
    if (sim.call && sim.call.status === 'ringing') { notice(''); sim.call.status = 'talking'; sim.call.started = Date.now(); render(); }
  };
  sim.hangup = function () {
    var c = sim.call;
    if (!c) return;
    sim.call = null;
    sim.lastCall = c;
    c.duration = Math.round((Date.now() - c.started) / 1000);
    uphone('finishedCall', callParams(c));
    events('finishedInteraction', { guid: c.guid, campaign: c.campaign, channel: 'telephony', clientId: c.number });
    render();
  };
  // A finished call's messages (finishedCall, then sentDispositions) each carry the call's whole
  // record, its date the one it started with: a real host stores each message of a call over the
  // call's row by guid, a column the message lacks written empty, and keeps the dispositions only from
  // a message that also has needsDispositions (contract 8.1 [seen]; docs/simulator.md).
  function callParams(c) {
    return { number: number(c.number), campaign: c.campaign, guid: c.guid, direction: c.direction, date: c.date, duration: c.duration, needsDispositions: true };
  }
  sim.dispose = function (o) {
    var c = sim.lastCall;
    if (!c) return;
    sim.lastCall = null;
    var d = { l1: (o && o.l1) || $('l1').value, l2: '', l3: '', comment: (o && o.comment) || $('comment').value };
    uphone('sentDispositions', Object.assign(callParams(c), { dispositions: d }));
    events('sentDisposition', { guid: c.guid, campaign: c.campaign, disposition: d });
    render();
  };
  function sms(direction, n, campaign) {
    if (!sim.loggedIn) return;
    uphone('finishedSms', { number: number(String(n)), campaign: campaign || 'SMS', guid: guid(), direction: direction, date: stamp() });
    render();
  }
  sim.sendSms = function (o) { sms('O', (o && o.number) || $('sms-number').value, o && o.campaign); };
  sim.receiveSms = function (o) { sms('I', (o && o.number) || $('sms-number').value, o && o.campaign); };
  sim.setTheme = function (theme) { sim.theme = theme; events('changedTheme', { theme: theme }); render(); };
  sim.setLanguage = function (language) { sim.language = language; events('changedLanguage', { language: language }); render(); };
  /** Posts any value to the parent, as it is (tests of what the host accepts). */
  sim.postRaw = function (value) { sim.posted.push(value); window.parent.postMessage(value, '*'); };

  // Commands of the host: from the parent window only (the origin is recorded, not checked: the
  // uPhone cannot know its host's origin).
  window.addEventListener('message', function (event) {
    var fromParent = event.source === window.parent && window.parent !== window;
    sim.received.push({ data: event.data, origin: event.origin, fromParent: fromParent });
    var d = event.data;
    var ok = fromParent && d !== null && typeof d === 'object' && typeof d.action === 'string';
    wire('← ' + (ok ? JSON.stringify(d) : 'ignored message'), ok ? 'in' : 'odd');
    if (!ok) return;
    if (!sim.loggedIn) return wire('  (no agent logged in: ignored)', 'odd');
    // uContact X documents no action names for its Events API: the simulated instance runs none.
    if (eventsApi) return wire('  (the Events API documents no actions: ignored)', 'odd');
    if (sim.hold) return sim.held.push(d);
    run(d);
  });
  function run(d) {
    var p = d.params && typeof d.params === 'object' ? d.params : {};
    // makeCall in any letter case: a real CRM posts it as 'makecall' and a real uPhone places that
    // call (contract 8.1 [seen]; docs/simulator.md). makeSms only as documented: no other seen.
    if (d.action.toLowerCase() === 'makecall' && p.number) start('O', p.number, p.campaign || '');
    else if (d.action === 'makeSms' && p.number) sms('O', p.number, p.campaign);
  }
  /** Tests: `hold = true` keeps the parent's commands in `held` (a slow phone) until `release()`. */
  sim.hold = false;
  sim.held = [];
  sim.release = function () { sim.held.splice(0).forEach(run); };

  $('login').onsubmit = function (e) { e.preventDefault(); sim.login(); };
  $('logout').onclick = sim.logout;
  $('dial').onclick = function () { sim.dial(); };
  $('ring').onclick = function () { sim.ring(); };
  $('answer').onclick = sim.answer;
  $('hangup').onclick = sim.hangup;
  $('dispose').onclick = function () { sim.dispose(); };
  $('sms-send').onclick = function () { sim.sendSms(); };
  $('sms-receive').onclick = function () { sim.receiveSms(); };
  $('theme').onclick = function () { sim.setTheme(sim.theme === 'dark' ? 'light' : 'dark'); };
  $('language').onchange = function () { sim.setLanguage($('language').value); };
  render();
  if (query.get('login') === 'auto') sim.login();
})();
