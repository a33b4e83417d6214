// The simulator as a stand-in for real uContact, spoken to as real clients speak to it (raw frames
// and raw postMessage, not the library): where the contract says what a real instance does, the
// simulator must do the same, so that a page developed against it works on a real tenant.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPortal, setup, startServer, waitFor } from './helpers.mjs';
import { heardByPhone, heardFromPhone, inPhone, openBare, phoneFrame } from './uphone-helpers.mjs';

let env;
let dev; // a developer's own dev server (DEV_ORIGINS): their forms and their app, raw or on the library
let forms; // a developer's folder of forms (DEV_FORMS), served on the portal's origin with the framework
before(async () => {
  dev = await startServer(devServer);
  forms = mkdtempSync(join(tmpdir(), 'dev-forms-'));
  for (const [name, files] of Object.entries(FORM_FOLDER)) {
    mkdirSync(join(forms, name));
    for (const [file, html] of Object.entries(typeof files === 'string' ? { 'index.html': files } : files)) {
      writeFileSync(join(forms, name, file), html.replace('http://DEV', dev.origin));
    }
  }
  env = await setup({ devOrigins: [dev.origin], devForms: forms });
});
after(async () => {
  await env?.close();
  await dev?.close();
  if (forms) rmSync(forms, { recursive: true, force: true });
});

// What a developer's project serves on its own port: its copies of Porthole and the library (their
// node_modules), a portal form written with raw Porthole, one on the library, an Inbox form written
// as the platform's utils/iframe.js, and an app that frames the uPhone and posts to it raw.
const FILES = {
  '/porthole.js': new URL('../node_modules/porthole-proxy/lib/porthole.js', import.meta.url),
  '/bridge.js': new URL('../dist/ucontact-bridge.iife.min.js', import.meta.url),
};
const PAGES = {
  '/porthole-form.html': `<script src="/porthole.js"></script><script>
    window.got = [];
    var proxy = new Porthole.WindowProxy(location.protocol + '//' + location.hostname);
    proxy.addEventListener(function (e) { window.got.push(e.data); });
    window.call = function () { proxy.post({ action: 'call', campaign: 'Sales->', callerid: '', destination: '099123456' }); };
  </script>`,
  '/lib-form.html': `<script src="/bridge.js"></script><script>
    var portal = UContactBridge.connectPortal({ allowedOrigins: [new URLSearchParams(location.search).get('portal')] });
    window.call = function () {
      return portal.call({ campaign: 'Sales->', destination: '099123456' }).then(function (r) { return { guid: r.guid, via: r.via }; },
        function (e) { return { code: e.code }; });
    };
  </script>`,
  '/inbox-form.html': `<script>
    window.got = [];
    window.addEventListener('message', function (e) { if (e.source === parent) window.got.push(e.data); });
    window.parent.postMessage({ action: 'getInteraction' }, '*');
  </script>`,
  '/app.html': `<script>
    window.got = [];
    var src = new URLSearchParams(location.search).get('phone');
    window.addEventListener('message', function (e) { if (e.origin === new URL(src).origin) window.got.push(e.data); });
    var f = document.createElement('iframe');
    f.setAttribute('allow', 'camera;microphone');
    f.src = src;
    document.body.appendChild(f);
    window.makeCall = function () { f.contentWindow.postMessage({ action: 'makeCall', params: { number: '099123456', campaign: 'Sales' } }, new URL(src).origin); };
  </script>`,
};
// Forms as real uContact forms are written (the framework by its relative path, no library), and on
// the library's script tag (the developer's copy, beside the form).
const FRAMEWORK = '<script src="../../uContact/assets/js/framework/integraFramework.js"></script>';
const FORM_FOLDER = {
  classic: `<!doctype html>${FRAMEWORK}<script>
    window.call = function () { return UC_makeCall_async('Sales->', '', Number('099123456')); };
  </script>`,
  library: `<!doctype html>${FRAMEWORK}<script src="${'http://DEV'}/bridge.js"></script><script>
    var portal = UContactBridge.connectPortal();
    window.call = function () { return portal.call({ campaign: 'Sales->', destination: '099123456' }).then(function (r) { return { guid: r.guid, via: r.via }; }); };
  </script>`,
  // uContact's form template, as gmorales254/CRMLite-Manager (CRMLiteManager/CRMLiteManager.html) is
  // written: no jQuery of its own; unless the page defines `modo`, it writes the portal's jQuery in
  // with onload="loadConf()", which loads the form's config.html (the framework and the form's
  // scripts) into the page with $(...).load.
  template: {
    'index.html': `<!doctype html><script>
      // The test's own: how each portal vendor script ended (load, or error on a 404: for jQuery, loadConf never runs).
      window.ended = {};
      ['load', 'error'].forEach(function (type) {
        document.addEventListener(type, function (e) {
          var m = /vendor\\/([a-z]+)\\/[^/]+\\.js$/.exec(e.target.src || '');
          if (m) window.ended[m[1]] = type;
        }, true);
      });
    </script>
    <script src="../../uContact/assets/js/vendor/vue/vue.min.js"></script>
    <span id="greeting" data-i18n="hello"></span><div id="report"></div><div id="scripts"></div><div id="vue-customers"></div><script>
      window.modoSeen = typeof modo;
      if (typeof modo === 'undefined') {
        document.open();
        document.write('<script onload="loadConf()" type="text/javascript" src="../../uContact/assets/js/vendor/jquery/jquery.js"><\\/script>');
        document.close();
      }
      function loadConf() { $.ajaxSetup({ cache: true }); $('#scripts').load('config.html'); $('#vue-customers').load('vue-customers.html'); }
    </script>`,
    // The portal's vendor scripts it calls, in config.html's order: moment (its report's dates),
    // Papa Parse (the CSV of a dialer base it uploads with ajaxUploadBase).
    'config.html': `<script src="../../uContact/assets/js/vendor/bootstrap/moment.js"></script>
    <script src="../../uContact/assets/js/vendor/bootstrap/moment-with-locales.js"></script>
    <script src="../../uContact/assets/js/vendor/papaparse/papaparse.js"></script>
    <script src="../../uContact/assets/js/vendor/i18next/i18next.js"></script>
    ${FRAMEWORK}<script>
      window.call = function () { return UC_makeCall_async('Sales->', '', Number('099123456')); };
      // Its report's schedule, as CRMLite-Manager (Customers.js, scheduleReport) posts it: RESTurl, a
      // global none of its scripts defines, and parent.user; its .fail() toasts NOTIFDANGER.
      window.scheduleReport = function (title) {
        return new Promise(function (done) {
          $.post(RESTurl + 'schedule/addsched', {
            sched: JSON.stringify({ jobname: title, alert: 'notificate user', send: parent.user, cron: '59 23 * * *', classname: 'ExecScript', status: 1, jparameters: 'Script', pvalues: 'x', tipo: 'task' }),
          }, function () { done('done'); }).fail(function (xhr) { parent.notificate('NOTIFDANGER', null, 'error'); done('fail ' + xhr.status); });
        });
      };
    </script>`,
    // Its labels (i18next 1's resGetPath: one file per language, the keys at its top).
    'labels-en.json': '{"hello": "Hello, agent"}',
    // Its report view: Vue 2 components with string templates, mounted on an element of the page.
    'vue-customers.html': `<script>
      Vue.component('vTitle', { props: { label: String }, template: '<b>{{ label }} ready</b>' });
      new Vue({ el: '#report', data: function () { return { name: 'Report' }; }, template: '<div id="report"><vTitle :label="name" /></div>' });
    </script>`,
  },
};
function devServer(req, res) {
  const path = new URL(req.url, 'http://x').pathname;
  if (FILES[path]) return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(FILES[path]));
  if (PAGES[path]) return void res.writeHead(200, { 'content-type': 'text/html' }).end(`<!doctype html><body>${PAGES[path]}</body>`);
  res.writeHead(404).end();
}

// A host page (the other origin) that frames the phone itself, as real hosts do, with or without
// `allow`, and posts the documented command as a plain object to the instance's origin.
async function rawHost(allow, path = '/uphone/', number = '099123456') {
  const page = await env.page();
  await openBare(page, env.sim);
  const origin = env.sim.portalOrigin;
  await page.evaluate(([src, allow]) => {
    window.got = [];
    window.addEventListener('message', (e) => { if (e.origin === new URL(src).origin) window.got.push(e.data); });
    const f = document.createElement('iframe');
    if (allow) f.setAttribute('allow', allow);
    f.setAttribute('scrolling', 'no');
    f.src = src;
    document.getElementById('slot').appendChild(f);
    window.frameEl = f;
  }, [`${origin}${path}?login=auto`, allow]);
  await waitFor(() => page.evaluate(() => window.got.some((m) => m && m.action === 'agentLogin')));
  const phone = page.frames().find((f) => f.parentFrame() === page.mainFrame() && f.url().startsWith(`${origin}/uphone/`));
  const makeCall = () => page.evaluate(([o, n]) => window.frameEl.contentWindow.postMessage({ action: 'makeCall', params: { number: n, campaign: 'Sales' } }, o), [origin, number]);
  return { page, phone, makeCall };
}

test('[doc + seen] uPhone: the host frames it with allow="camera;microphone" (required for calls): with it the call starts and echoes', async () => {
  const { page, phone, makeCall } = await rawHost('camera;microphone');
  await makeCall();
  await waitFor(() => page.evaluate(() => window.got.some((m) => m && m.action === 'makeCall')));
  assert.equal(await inPhone(phone, (sim) => sim.call && sim.call.number), '099123456');
  await page.context().close();
});

// Section 4.2: uContact campaign names end in `->` (outbound) or `<-` (inbound); the Window Proxy
// documentation's makeCall gives `"campaign->"`, and a real host that frames the uPhone strips that
// arrow before matching the campaign to its own (public code, contract 8.1 [seen]). A phone whose
// own Call and Ring buttons post bare names lets a host developed on the demo match "Sales" and
// find nothing on a real tenant.
test('[doc + seen] uPhone: its own Call and Ring buttons post campaign names as uContact spells them, "…->" outbound and "…<-" inbound', async () => {
  const { page, phone } = await rawHost('camera;microphone');
  await phone.click('#dial');
  await phone.click('#hangup');
  await phone.click('#ring');
  await heardFromPhone(page, phone);
  const campaigns = await page.evaluate(() => window.got.filter((m) => m.action === 'makeCall' || m.action === 'gettingCall').map((m) => [m.action, m.params.campaign]));
  assert.equal(campaigns.length, 2, JSON.stringify(campaigns));
  const [[dialed, out], [rang, inbound]] = campaigns;
  assert.deepEqual([dialed, rang], ['makeCall', 'gettingCall']);
  assert.match(out, /.->$/);
  assert.match(inbound, /.<-$/);
  await page.context().close();
});

// Section 8.1 [seen]: which event carries which param is not documented, but a real host's backend
// (a CRM framing https://<tenant>.ucontactcloud.com/uphone/: UphoneCallsController::saveUphoneCalls,
// fed every message that has params) keeps one row per call guid and writes each column from the
// message at hand or '' when the message lacks it, and stores the dispositions only from a message
// that has both needsDispositions and dispositions. Its table shows date, direction and duration: on a
// real uPhone the call's later messages carry them again. The host's rule, replayed on what the
// simulated phone posts for one call (ring, answer, hang up, dispositions):
test('[seen] uPhone: a host that stores each message of a call over its row by guid ends with the call\'s number, campaign, direction, date, duration and dispositions', async () => {
  const { page, phone } = await rawHost('camera;microphone');
  await inPhone(phone, (sim) => { sim.ring({ number: '099555014', campaign: 'Soporte<-' }); sim.answer(); sim.hangup(); sim.dispose({ l1: 'Venta', comment: 'ok' }); });
  await heardFromPhone(page, phone);
  const rows = await page.evaluate(() => {
    const rows = {};
    const has = (p, k) => Object.prototype.hasOwnProperty.call(p, k);
    for (const m of window.got) {
      const p = m && m.params;
      if (!p || !has(p, 'guid')) continue;
      rows[p.guid] = {
        campaign: has(p, 'campaign') ? p.campaign : '', date: has(p, 'date') ? p.date : '', direction: has(p, 'direction') ? p.direction : '',
        duration: has(p, 'duration') ? p.duration : '', number: has(p, 'number') ? p.number : '',
        dispositions: has(p, 'needsDispositions') && has(p, 'dispositions') ? p.dispositions : '',
      };
    }
    return Object.values(rows);
  });
  assert.equal(rows.length, 1, JSON.stringify(rows));
  const [row] = rows;
  assert.deepEqual([row.campaign, row.number, row.direction, typeof row.duration], ['Soporte<-', '099555014', 'I', 'number'], JSON.stringify(row));
  assert.match(row.date, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/, JSON.stringify(row));
  assert.deepEqual(row.dispositions, { l1: 'Venta', l2: '', l3: '', comment: 'ok' });
  // The date is the call's, the same in each of its messages.
  const dates = await page.evaluate(() => [...new Set(window.got.filter((m) => m.params && m.params.guid).map((m) => m.params.date))]);
  assert.deepEqual(dates, [row.date]);
  await page.context().close();
});

// Section 8.1 [seen]: a real CRM's click-to-call (uCRamirez/seguros360, SendCall.vue and its copies)
// posts `{action: "makecall", params: {number, campaign}}`, the action in lower case, with '*' to the
// page's first iframe, its uPhone; nothing else places the call (its backend's make-call-request
// answers success and does nothing), and its screen pop waits for the uPhone's makeCall event. A real
// uPhone places that call: the simulated one must too.
test('[seen] uPhone: a host\'s {action: "makecall"} (lower case, as a real CRM posts it, with \'*\') places the call and is echoed as makeCall', async () => {
  const { page, phone } = await rawHost('camera;microphone');
  await page.evaluate(() => window.frameEl.contentWindow.postMessage({ action: 'makecall', params: { number: '50688887777', campaign: 'Cobros->' } }, '*'));
  await heardByPhone(phone);
  await heardFromPhone(page, phone);
  assert.deepEqual(await inPhone(phone, (sim) => sim.call && [sim.call.number, sim.call.campaign, sim.call.direction]), ['50688887777', 'Cobros->', 'O']);
  const echo = await page.evaluate(() => window.got.filter((m) => m.action === 'makeCall').map((m) => [m.params.number, m.params.campaign]));
  assert.deepEqual(echo, [['50688887777', 'Cobros->']]);
  await page.context().close();
});

// Section 8.1 and 10: the documentation frames `/uphone` (no slash) and its Window Proxy example
// gives `number` as a JSON number. Real hosts copy both; the simulated instance must take them as a
// real one does, or a host developed against it that is right by the docs looks broken.
test('[doc] uPhone: a host that frames /uphone and posts the documentation\'s makeCall with number as a JSON number places the call', async () => {
  const { page, phone, makeCall } = await rawHost('camera;microphone', '/uphone', 99123456);
  await makeCall();
  await waitFor(() => page.evaluate(() => window.got.some((m) => m && m.action === 'makeCall')));
  assert.equal(await inPhone(phone, (sim) => sim.call && sim.call.number), '99123456');
  const echo = await page.evaluate(() => window.got.find((m) => m && m.action === 'makeCall'));
  assert.equal(String(echo.params.number), '99123456');
  await page.context().close();
});

test('[doc + seen] uPhone: a frame without allow="camera;microphone" places no call (a WebRTC phone gets no microphone), in or out', async () => {
  const { page, phone, makeCall } = await rawHost(null);
  await makeCall();
  await inPhone(phone, (sim) => sim.dial({ number: '097333444', campaign: 'Sales' }));
  // Once the host's command has reached the phone and what the phone posted has reached the host
  // (orders, not a pause: a late makeCall would otherwise place its call after the look).
  await heardByPhone(phone);
  await heardFromPhone(page, phone);
  assert.deepEqual(await page.evaluate(() => window.got.filter((m) => !m.order).map((m) => m.action)), ['agentLogin'], 'no makeCall event: no call was placed');
  assert.equal(await inPhone(phone, (sim) => sim.call), null);
  // An inbound call still rings (the switch signals it), but cannot be answered.
  await inPhone(phone, (sim) => sim.ring({ number: '091111111', campaign: 'Inbound' }));
  await inPhone(phone, (sim) => sim.answer());
  assert.equal(await inPhone(phone, (sim) => sim.call && sim.call.status), 'ringing');
  assert.equal(await inPhone(phone, (sim) => sim.microphone), false);
  await page.context().close();
});

// Posts `data` from the form as raw Porthole 1.0.0 does and collects the data of the Porthole
// replies the form receives from then on in window.seen (only those of `action`, when given).
function postRaw(frame, data, action) {
  return frame.evaluate(([d, a]) => {
    const seen = window.seen = [];
    window.removeEventListener('message', window.onReply);
    window.onReply = (e) => {
      let env;
      try { env = JSON.parse(e.data); } catch { return; }
      if (env && env.data && typeof env.data === 'object' && (!a || env.data.action === a)) seen.push(env.data);
    };
    window.addEventListener('message', window.onReply);
    parent.postMessage(JSON.stringify({ data: d, sourceOrigin: location.protocol + '//' + location.host, targetOrigin: '*', sourceWindowName: window.name, targetWindowName: '' }), '*');
  }, [data, action ?? null]);
}

// A form speaking raw Porthole 1.0.0 from the portal's named frame: the envelope as JSON text, to
// window.parent with '*' (Porthole's default); the portal's replies read back from raw messages,
// all of them: once the portal has handled the message, it posts a marker to the form after its
// reply (messages between two windows keep their order: an order, not a pause).
async function rawPorthole(page, frame, data) {
  const before = await page.evaluate(() => window.sim.received.length);
  await postRaw(frame, data);
  await waitFor(() => page.evaluate((n) => window.sim.received.length > n, before));
  const mark = `order-${Math.random()}`;
  await page.evaluate((m) => window.sim.sendEvent({ action: m }), mark);
  await waitFor(() => frame.evaluate((m) => window.seen.some((d) => d.action === m), mark));
  return frame.evaluate((m) => window.seen.slice(0, window.seen.findIndex((d) => d.action === m)), mark);
}

test('[doc] Porthole call and callWithPhone: the documented data places the call and answers exactly {guid}', async () => {
  const page = await env.page();
  const frame = await openPortal(page, env.sim, 'origin=cross');
  const call = await rawPorthole(page, frame, { action: 'call', campaign: 'Sales->', callerid: '', destination: '099123456' });
  assert.equal(call.length, 1);
  assert.match(call[0].guid, /^[0-9a-f-]{36}$/);
  const phone = await rawPorthole(page, frame, { action: 'callWithPhone', destination: '091000000', campaign: 'Sale->' });
  assert.match(phone[0].guid, /^[0-9a-f-]{36}$/);
  // Exactly {guid}, as the documented snippets read it: no action, no request id (replies carry none,
  // and a form that leaned on one in the simulator would match no reply of a real portal).
  assert.deepEqual([call, phone].map((r) => Object.keys(r[0])), [['guid'], ['guid']]);
  await page.context().close();
});

test('[doc] Porthole call and callWithPhone with a key the contract does not name: a strict portal may reject it, so the simulated one fails it (guid "0") and places no call', async () => {
  const page = await env.page();
  const frame = await openPortal(page, env.sim, 'origin=cross');
  const call = await rawPorthole(page, frame, { action: 'call', campaign: 'Sales->', callerid: '', destination: '099123456', customerId: '7' });
  assert.deepEqual(call.map((r) => r.guid), ['0']);
  assert.match(call[0].error, /customerId/);
  const phone = await rawPorthole(page, frame, { action: 'callWithPhone', destination: '091000000', campaign: 'Sale->', callerid: '' });
  assert.deepEqual(phone.map((r) => r.guid), ['0']);
  assert.deepEqual(await page.evaluate(() => [window.sim.currentCall, window.sim.guids.length]), [null, 0], 'no call placed');
  await page.context().close();
});

// Spec 3 and 4.4: a Porthole schedule is the dialer's, as ScheduleDialerCall's. One the dialer refuses
// (a calldate as a datetime-local input gives it, 'YYYY-MM-DDTHH:mm') is not stored: answered
// `result:'1'`, the form told the agent the callback was booked. Its reply comes once the desk's
// server has taken or refused it: waited for itself, not ordered before a marker.
test('[profile] Porthole schedule: the dialer\'s refusal is the reply (result "0", the field named, no value), and nothing is stored; one it takes answers result "1"', async () => {
  const page = await env.page();
  const frame = await openPortal(page, env.sim, 'origin=cross');
  const destination = `0992${String(Date.now()).slice(-5)}`;
  const reply = async (schedule) => {
    await postRaw(frame, { action: 'schedule', schedule }, 'schedule');
    await waitFor(() => frame.evaluate(() => window.seen.length > 0));
    return frame.evaluate(() => window.seen[0]);
  };
  const base = { calldate: '2026-12-24 10:00:00', campaign: 'Sales->', destination, data: 'idcustomer=7' };
  const refused = await reply({ ...base, calldate: '2026-12-24T10:00' });
  assert.deepEqual(refused, { action: 'schedule', result: '0', error: 'schedule not stored: bad-calldate' });
  assert.doesNotMatch(refused.error, new RegExp(destination));
  assert.deepEqual(env.sim.rest.state.schedules.filter((x) => x.destination === destination), []);
  assert.deepEqual(await reply(base), { action: 'schedule', result: '1' });
  assert.deepEqual(env.sim.rest.state.schedules.filter((x) => x.destination === destination), [{ ...base, alternatives: '', agentphone: '' }]);
  await page.context().close();
});

// Section 7: a form project built by the platform talks to the Inbox through its utils/iframe.js: a
// plain object posted to window.parent with '*', the answer read from any message. A raw form of the
// second origin (the platform checks nothing) in the simulated Inbox, asking as that helper does.
async function rawInboxForm(channel) {
  const page = await env.page();
  const form = `${env.sim.formOrigin}/e2e/inbox-attacker.html`;
  await page.goto(`${env.sim.portalOrigin}/inbox?channel=${channel}&formUrl=${encodeURIComponent(form)}`);
  let frame;
  await waitFor(async () => {
    frame = page.frame({ name: 'inboxForm' });
    return !!frame && frame.url() === form && frame.evaluate(() => document.readyState === 'complete').catch(() => false);
  });
  // All the Inbox posted back: once it has the request (it answers at once, or never), it posts a
  // marker after its answer (messages between two windows keep their order: an order, not a pause).
  const ask = async () => {
    const before = await page.evaluate(() => window.inbox.received.length);
    await frame.evaluate(() => {
      const got = window.got = [];
      window.addEventListener('message', (e) => { if (e.source === parent) got.push(e.data); });
      window.parent.postMessage({ action: 'getInteraction' }, '*');
    });
    await waitFor(() => page.evaluate((n) => window.inbox.received.length > n, before));
    const mark = `order-${Math.random()}`;
    await page.evaluate((m) => window.inbox.post({ order: m }), mark);
    await waitFor(() => frame.evaluate((m) => window.got.some((d) => d?.order === m), mark));
    return frame.evaluate((m) => window.got.slice(0, window.got.findIndex((d) => d?.order === m)), mark);
  };
  return { page, frame, ask };
}

test("[seen] Inbox: the platform's getInteraction, a plain object posted with '*', is answered with exactly {action: 'interaction', interaction}", async () => {
  const { page, ask } = await rawInboxForm('whatsapp');
  const got = await ask();
  assert.equal(got.length, 1);
  assert.deepEqual(Object.keys(got[0]), ['action', 'interaction']);
  assert.equal(got[0].action, 'interaction');
  assert.deepEqual(got[0].interaction, await page.evaluate(() => window.inbox.current()));
  assert.equal(got[0].interaction.channel, 'whatsapp');
  await page.context().close();
});

test('[seen] Inbox: a form opened by hand (no interaction) gets no answer at all; its close takes the form away', async () => {
  const { page, frame, ask } = await rawInboxForm('none');
  assert.deepEqual(await ask(), []);
  await frame.evaluate(() => window.parent.postMessage({ action: 'close' }, '*'));
  await waitFor(() => page.isVisible('#form-closed'));
  await page.context().close();
});

// DEV_ORIGINS (devOrigins): a developer points the simulator at the pages of their own dev server, as
// docs/simulator.md says, and their code reaches it as it reaches a real tenant, with nothing edited in demo/.
test('[our default] DEV_ORIGINS: the desk frames a form of the developer\'s own origin (formUrl=); raw Porthole 1.0.0 and the library both get the call\'s guid', async () => {
  const page = await env.page();
  await page.goto(`${env.sim.portalOrigin}/?formUrl=${encodeURIComponent(`${dev.origin}/porthole-form.html`)}`);
  let frame;
  await waitFor(async () => {
    frame = page.frame({ name: 'crmForm' });
    return frame?.url().startsWith(dev.origin) && frame.evaluate(() => typeof window.call === 'function').catch(() => false);
  });
  await frame.evaluate(() => window.call());
  await waitFor(() => frame.evaluate(() => window.got.length > 0));
  const [reply] = await frame.evaluate(() => window.got);
  assert.deepEqual(Object.keys(reply), ['guid']);
  assert.equal(await page.evaluate(() => window.sim.currentCall.guid), reply.guid);

  const portal = encodeURIComponent(env.sim.portalOrigin);
  await page.goto(`${env.sim.portalOrigin}/?formUrl=${encodeURIComponent(`${dev.origin}/lib-form.html?portal=${portal}`)}`);
  await waitFor(async () => {
    frame = page.frame({ name: 'crmForm' });
    return frame?.url().startsWith(dev.origin) && frame.evaluate(() => typeof window.call === 'function').catch(() => false);
  });
  const call = await frame.evaluate(() => window.call());
  assert.equal(call.via, 'porthole', 'another origin than the portal\'s: no form framework, as on a tenant');
  assert.equal(await page.evaluate(() => window.sim.currentCall.guid), call.guid);
  await page.context().close();
});

test('[our default] DEV_ORIGINS: the Inbox frames an Inbox form of the developer\'s own origin; its utils/iframe.js getInteraction is answered', async () => {
  const page = await env.page();
  await page.goto(`${env.sim.portalOrigin}/inbox?channel=whatsapp&formUrl=${encodeURIComponent(`${dev.origin}/inbox-form.html`)}`);
  let frame;
  await waitFor(async () => {
    frame = page.frame({ name: 'inboxForm' });
    return frame?.url().startsWith(dev.origin) && frame.evaluate(() => window.got.length > 0).catch(() => false);
  });
  const [got] = await frame.evaluate(() => window.got);
  assert.equal(got.action, 'interaction');
  assert.deepEqual(got.interaction, await page.evaluate(() => window.inbox.current()));
  await page.context().close();
});

test('[our default] DEV_ORIGINS: an app of the developer\'s own origin frames the uPhone (its Frame ancestors) and places a call with a raw makeCall; the REST API answers it through CORS', async () => {
  const page = await env.page();
  await page.goto(`${dev.origin}/app.html?phone=${encodeURIComponent(`${env.sim.portalOrigin}/uphone/?login=auto`)}`);
  const phone = await phoneFrame(page);
  await waitFor(() => page.evaluate(() => window.got.some((m) => m && m.action === 'agentLogin')));
  await page.evaluate(() => window.makeCall());
  await waitFor(() => page.evaluate(() => window.got.some((m) => m && m.action === 'makeCall')));
  assert.equal(await inPhone(phone, (sim) => sim.call && sim.call.number), '099123456');
  // A preflighted request (Authorization) from that origin: allowed, as for the simulator's own.
  const status = await page.evaluate((url) => fetch(`${url}/api/interactions/id/int-0001/messages?lastMessage=-1&limit=1`, {
    headers: { Authorization: 'Bearer ucx-sim-api-token-0001' },
  }).then((r) => r.status, (e) => e.message), env.sim.portalOrigin);
  assert.equal(status, 200);
  await page.context().close();
});

test('[our default] DEV_FORMS: a folder of the developer\'s forms is served on the portal\'s origin at /dev-forms/, framework included: a classic form\'s UC_makeCall_async and the library\'s call (via the framework) place the desk\'s call', async () => {
  const page = await env.page();
  const open = async (name) => {
    await page.goto(`${env.sim.portalOrigin}/?formUrl=${encodeURIComponent(`/dev-forms/${name}/index.html`)}`);
    let frame;
    await waitFor(async () => {
      frame = page.frame({ name: 'crmForm' });
      return frame?.url().includes(`/dev-forms/${name}/`) && frame.evaluate(() => typeof window.call === 'function').catch(() => false);
    });
    return frame;
  };
  const classic = await open('classic');
  const guid = await classic.evaluate(() => window.call());
  assert.equal(await page.evaluate(() => window.sim.currentCall.guid), guid);
  const library = await open('library');
  const call = await library.evaluate(() => window.call());
  assert.equal(call.via, 'framework');
  assert.equal(await page.evaluate(() => window.sim.currentCall.guid), call.guid);
  await page.context().close();
});

test('[seen] a form written as uContact\'s form template (gmorales254/CRMLite-Manager CRMLiteManager.html, config.html): it loads the portal\'s Vue (../../uContact/assets/js/vendor/vue/vue.min.js) and, with no `modo`, writes in the portal\'s jQuery (vendor/jquery/jquery.js), whose onload loads its config.html (the portal\'s moment, Papa Parse, i18next and framework) and its Vue view: each library works there, the view renders, its UC_makeCall_async places the desk\'s call', async () => {
  const page = await env.page();
  await page.goto(`${env.sim.portalOrigin}/?formUrl=${encodeURIComponent('/dev-forms/template/index.html')}`);
  let frame;
  await waitFor(async () => {
    frame = page.frame({ name: 'crmForm' });
    return frame?.url().includes('/dev-forms/template/') && frame.evaluate(() => !!window.ended.jquery).catch(() => false);
  });
  assert.equal(await frame.evaluate(() => window.modoSeen), 'undefined', 'the desk and the framework define no `modo`: the template takes its own-page branch');
  assert.deepEqual(await frame.evaluate(() => window.ended), { vue: 'load', jquery: 'load' }, 'the portal serves Vue and jQuery at the paths the template loads');
  assert.equal(await frame.evaluate(() => typeof window.jQuery), 'function');
  // Its Vue view, loaded with $(...).load as the template loads vue-customers.html.
  await waitFor(() => frame.evaluate(() => document.getElementById('report').textContent === 'Report ready'));
  await waitFor(() => frame.evaluate(() => typeof window.call === 'function'));
  // config.html's scripts ran in order: the vendor ones before its own.
  assert.deepEqual(await frame.evaluate(() => [typeof window.moment, typeof window.Papa]), ['function', 'object'], 'the portal serves moment and Papa Parse at the paths config.html loads');
  assert.equal(await frame.evaluate(() => window.moment('2026-12-07T10:30:00').format('yyyy-MM-DD 23:59:59')), '2026-12-07 23:59:59');
  assert.ok(await frame.evaluate(() => window.moment.locales().includes('es')), 'moment-with-locales: the locales too');
  assert.deepEqual(await frame.evaluate(() => window.Papa.parse('phone,name\n099123456,Ana', { header: true }).data), [{ phone: '099123456', name: 'Ana' }]);
  // i18next 1 (`i18n`, and its jQuery plugin), as CRMLiteManager.js translates the page when it loads:
  // i18n.init({lng: parent.language, resGetPath: 'CRMLiteManager-' + language + '.json'}, () => $('body').i18n()).
  assert.equal(await frame.evaluate(() => typeof window.i18n), 'object', 'the portal serves i18next at the path config.html loads');
  assert.equal(await frame.evaluate(() => new Promise((done) => {
    window.i18n.init({ lng: parent.language, resGetPath: `labels-${parent.language}.json` }, () => {
      window.$('body').i18n();
      done(document.getElementById('greeting').textContent);
    });
  })), 'Hello, agent');
  const guid = await frame.evaluate(() => window.call());
  assert.equal(await page.evaluate(() => window.sim.currentCall.guid), guid);
  await page.context().close();
});

test('[seen] RESTurl, as a form written as uContact\'s form template (gmorales254/CRMLite-Manager Customers.js, scheduleReport) posts RESTurl + "schedule/addsched" with jQuery: the request reaches the instance\'s /Integra/resources/ (not simulated there: a 404), and the form\'s .fail() runs', async () => {
  const page = await env.page();
  const asked = [];
  page.on('request', (r) => { if (r.url().includes('/schedule/addsched')) asked.push([r.method(), r.url()]); });
  await page.goto(`${env.sim.portalOrigin}/?formUrl=${encodeURIComponent('/dev-forms/template/index.html')}`);
  let frame;
  await waitFor(async () => {
    frame = page.frame({ name: 'crmForm' });
    return frame?.url().includes('/dev-forms/template/') && frame.evaluate(() => typeof window.scheduleReport === 'function').catch(() => false);
  });
  assert.equal(await frame.evaluate(() => window.RESTurl), `${env.sim.portalOrigin}/Integra/resources/`);
  assert.equal(await frame.evaluate(() => window.scheduleReport('Daily report')), 'fail 404');
  assert.deepEqual(asked, [['POST', `${env.sim.portalOrigin}/Integra/resources/schedule/addsched`]]);
  assert.deepEqual(await page.evaluate(() => window.sim.notifications), [['NOTIFDANGER', null, 'error']], 'the desk shows the form\'s failure toast');
  await page.context().close();
});

test('[our default] DEV_ORIGINS names the origins taken, and no other: another port of the same host, a javascript: URL are still refused by the desk and the Inbox', async () => {
  const other = new URL(dev.origin);
  other.port = String(Number(other.port) === 65535 ? 1 : Number(other.port) + 1);
  for (const [path, id] of [['/', 'crm'], ['/inbox', 'form']]) {
    for (const url of [`${other.origin}/form.html`, 'javascript:parent.__pwned=1']) {
      const page = await env.page();
      await page.goto(`${env.sim.portalOrigin}${path}?formUrl=${encodeURIComponent(url)}`);
      await waitFor(() => page.evaluate((i) => document.getElementById(i).getAttribute('src') !== null, id));
      const framed = await page.evaluate((i) => new URL(document.getElementById(i).src).origin, id);
      assert.equal(framed, env.sim.portalOrigin, `${path} ${url}`);
      assert.equal(await page.evaluate(() => window.__pwned), undefined);
      await page.context().close();
    }
  }
});
