// The embedded uPhone's lifecycle in real Chromium, with the built ES module entry on a bare host
// page (e2e/pages/uphone-bare.html) on the other origin than the phone: readiness and its timeout
// (an agent who never logs in; a site the instance does not list in its Frame ancestors), commands
// queued until the agent is in, unsubscribe and throwing handlers, destroy with a created and with
// an adopted iframe, and an adopted iframe embedded again after its agent logged in.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, waitFor, capture } from './helpers.mjs';
import { embedRinging, heardFromPhone, inPhone, openBare, phoneFrame, settle } from './uphone-helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const phoneUrl = (query = '') => `${env.sim.portalOrigin}/uphone/${query}`;

test('an agent who never logs in: ready and the queued command reject NOT_READY with the usual causes; nothing unhandled', async () => {
  const page = await env.page();
  await openBare(page, env.sim);
  await page.evaluate((url) => {
    // Nobody awaits `ready` here: it must not be an unhandled rejection.
    window.phone = window.embed({ url, readyTimeoutMs: 1500 });
    window.queued = null;
    window.phone.makeCall({ number: '099123456', campaign: 'Sales' }, { timeoutMs: 60_000 })
      .then(() => { window.queued = 'sent'; }, (e) => { window.queued = { code: e.code, message: e.message }; });
  }, phoneUrl());
  const phone = await phoneFrame(page);
  await waitFor(() => page.evaluate(() => window.queued !== null), 5000);
  const ready = await page.evaluate(() => window.phone.ready.then(() => 'resolved', (e) => ({ code: e.code, message: e.message })));
  capture('error', ready.message);
  assert.equal(ready.code, 'NOT_READY');
  assert.match(ready.message, /^ready: no sign of a logged-in agent within 1500 ms: usually this site is not in the instance's Frame ancestors, or the agent has not logged in \(a uContact X instance posts nothing before an interaction: use readyOn 'load'\)$/);
  const queued = await page.evaluate(() => window.queued);
  assert.equal(queued.code, 'NOT_READY');
  assert.match(queued.message, /^makeCall: not sent: no sign of a logged-in agent/);
  await settle(page, 200);
  assert.deepEqual(await page.evaluate(() => window.unhandled), []);
  assert.deepEqual(await inPhone(phone, (sim) => sim.received), [], 'nothing was sent');
  assert.deepEqual(await page.evaluate(() => window.logs.map((l) => l.type)), ['queued', 'notReady']);
  // A late login still works.
  await inPhone(phone, (sim) => sim.login());
  await waitFor(() => page.evaluate(() => window.phone.loggedIn));
  await page.evaluate(() => window.phone.makeCall({ number: '099123456', campaign: 'Sales' }, { waitForEcho: true }));
  assert.equal((await inPhone(phone, (sim) => sim.received)).length, 1);
  await page.context().close();
});

test('a host the instance does not list in its Frame ancestors: the browser refuses the frame, ready rejects NOT_READY', async () => {
  const page = await env.page();
  await openBare(page, env.sim);
  const ready = await page.evaluate((url) => window.embed({ url, readyTimeoutMs: 1500 }).ready
    .then(() => 'resolved', (e) => ({ code: e.code, message: e.message })), phoneUrl('?ancestors=none&login=auto'));
  assert.equal(ready.code, 'NOT_READY');
  assert.match(ready.message, /Frame ancestors/);
  const loaded = await Promise.all(page.frames().map((f) => f.evaluate(() => !!window.uphoneSim).catch(() => false)));
  assert.ok(!loaded.includes(true), 'the phone must not have loaded in a frame');
  await page.context().close();
});

test('commands made before the agent is in are queued, then sent in order once the agent logs in', async () => {
  const page = await env.page();
  await openBare(page, env.sim);
  await page.evaluate((url) => {
    window.phone = window.embed({ url });
    window.results = [];
    const keep = (p) => p.then((r) => window.results.push({ action: r.action, echoed: r.echoed }), (e) => window.results.push({ code: e.code }));
    keep(window.phone.makeCall({ number: '099123456', campaign: 'Sales' }, { waitForEcho: true }));
    keep(window.phone.makeSms({ number: '098111222', message: 'On my way' }));
  }, phoneUrl());
  const phone = await phoneFrame(page);
  await settle(page, 500);
  assert.deepEqual(await inPhone(phone, (sim) => sim.received), []);
  assert.deepEqual(await page.evaluate(() => window.results), []);
  await inPhone(phone, (sim) => sim.login());
  await waitFor(() => page.evaluate(() => window.results.length === 2));
  const received = await inPhone(phone, (sim) => sim.received.map((r) => r.data));
  assert.deepEqual(received, [
    { action: 'makeCall', params: { number: '099123456', campaign: 'Sales' } },
    { action: 'makeSms', params: { number: '098111222', message: 'On my way' } },
  ]);
  assert.deepEqual((await page.evaluate(() => window.results)).sort((a, b) => a.action.localeCompare(b.action)),
    [{ action: 'makeCall', echoed: true }, { action: 'makeSms', echoed: false }]);
  const posted = await inPhone(phone, (sim) => sim.posted.map((m) => m.action));
  assert.equal(posted[0], 'agentLogin', 'the login came first, the commands after it');
  await page.context().close();
});

test('unsubscribe; a throwing handler neither stops the others nor escapes, and only the log hook hears of it', async () => {
  const page = await env.page();
  await openBare(page, env.sim);
  await page.evaluate((url) => {
    window.phone = window.embed({ url });
    window.got = [];
    window.off = window.phone.on('gettingCall', (e) => window.got.push(`a:${e.params.campaign}`));
    window.phone.on('gettingCall', () => { throw new Error('bug in a handler'); });
    window.phone.on('gettingCall', (e) => window.got.push(`b:${e.params.campaign}`));
    window.offState = window.phone.onState((s) => window.got.push(`state:${s.status}`));
  }, phoneUrl('?login=auto'));
  const phone = await phoneFrame(page);
  const errorsBefore = env.pageErrors.length;
  await inPhone(phone, (sim) => sim.ring({ number: '099123456', campaign: 'one' }));
  await waitFor(() => page.evaluate(() => window.got.length === 3));
  await page.evaluate(() => { window.off(); window.offState(); });
  await inPhone(phone, (sim) => { sim.hangup(); sim.ring({ number: '099123456', campaign: 'two' }); });
  await waitFor(() => page.evaluate(() => window.got.length === 4));
  await settle(page);
  assert.deepEqual(await page.evaluate(() => window.got), ['state:ringing', 'a:one', 'b:one', 'b:two']);
  // Not reported to the browser (console, window.onerror): a handler's error text may quote the call.
  assert.deepEqual(await page.evaluate(() => window.errors), []);
  assert.equal(env.pageErrors.length - errorsBefore, 0);
  assert.deepEqual(await page.evaluate(() => window.logs.filter((l) => l.type === 'handlerFailed')), [
    { type: 'handlerFailed', name: 'gettingCall' }, { type: 'handlerFailed', name: 'gettingCall' },
  ]);
  await page.context().close();
});

test('destroy(): what waits rejects DESTROYED, the listener is gone, a created iframe is removed, an adopted one kept', async () => {
  const page = await env.page();
  await openBare(page, env.sim);
  await page.evaluate((url) => {
    window.phone = window.embed({ url });
    window.outcome = null;
    window.phone.ready.then(() => {
      window.phone.makeCall({ number: '099123456', campaign: 'Sales' }, { waitForEcho: true, timeoutMs: 60_000 })
        .then(() => { window.outcome = 'echoed'; }, (e) => { window.outcome = e.code; });
    });
  }, phoneUrl());
  let phone = await phoneFrame(page);
  await inPhone(phone, (sim) => { sim.hold = true; sim.login(); });
  await waitFor(() => inPhone(phone, (sim) => sim.held.length === 1));
  await page.evaluate(() => window.phone.destroy());
  await waitFor(() => page.evaluate(() => window.outcome !== null));
  assert.equal(await page.evaluate(() => window.outcome), 'DESTROYED');
  assert.equal(await page.evaluate(() => document.querySelector('#slot iframe')), null, 'the created iframe was removed');
  assert.equal(await page.evaluate(() => window.phone.makeCall({ number: '099123456', campaign: 'S' }).catch((e) => e.code)), 'DESTROYED');

  // An adopted iframe stays; the phone in it can post all it likes: nobody listens any more.
  await page.evaluate((url) => {
    const f = document.createElement('iframe');
    f.id = 'mine';
    f.allow = 'camera;microphone';
    f.src = url;
    document.body.append(f);
    window.adopted = window.lib.embedUPhone({ iframe: f, log: (e) => window.logs.push(e) });
    window.seen = [];
    window.adopted.on('*', (e) => window.seen.push(e.name));
  }, phoneUrl('?login=auto'));
  await waitFor(() => page.evaluate(() => window.seen.includes('agentLogin')));
  phone = page.frames().find((f) => f.parentFrame() === page.mainFrame() && f.url().startsWith(phoneUrl()));
  await page.evaluate(() => window.adopted.destroy());
  const logsBefore = await page.evaluate(() => window.logs.length);
  await inPhone(phone, (sim) => sim.ring({ number: '099123456', campaign: 'Inbound' }));
  await heardFromPhone(page, phone);
  assert.deepEqual(await page.evaluate(() => window.seen), ['agentLogin']);
  assert.equal(await page.evaluate(() => window.logs.length), logsBefore, 'the listener is gone: not even an ignored message');
  assert.equal(await page.evaluate(() => document.getElementById('mine').isConnected), true, 'an adopted iframe is kept');
  assert.equal(await page.evaluate(() => window.adopted.state.status), 'idle');

  // Embedded again (a remount): the uPhone posted its login once, to the first embed. The iframe
  // remembers it, so the new embed is ready at once and its command is sent.
  const again = await page.evaluate(async () => {
    const phone = window.lib.embedUPhone({ iframe: document.getElementById('mine'), readyTimeoutMs: 2000, log: (e) => window.logs.push(e) });
    const ready = await phone.ready.then(() => 'ready', (e) => e.code);
    const sent = await phone.makeCall({ number: '099123456', campaign: 'Sales' }, { waitForEcho: true }).then((r) => r.echoed, (e) => e.code);
    phone.destroy();
    return { ready, loggedIn: phone.loggedIn, sent };
  });
  assert.deepEqual(again, { ready: 'ready', loggedIn: true, sent: true });
  assert.deepEqual(await page.evaluate(() => window.unhandled), []);
  await page.context().close();
});

test('embedded again during a call (a route change, a StrictMode remount): the new embed knows the call, and its end', async () => {
  const page = await env.page();
  await openBare(page, env.sim);
  const phone = await embedRinging(page, phoneUrl('?login=auto'));
  // The component that holds the phone unmounts and mounts again (same iframe), the call still ringing.
  const remounted = await page.evaluate(() => {
    window.first.destroy();
    window.again = window.lib.embedUPhone({ iframe: document.getElementById('mine') });
    window.states = [];
    window.again.onState((s) => window.states.push(s.status));
    const { status, number, campaign, direction } = window.again.state;
    return { status, number, campaign, direction };
  });
  assert.deepEqual(remounted, { status: 'ringing', number: '099123456', campaign: 'Inbound', direction: 'inbound' });
  await inPhone(phone, (sim) => sim.hangup());
  await waitFor(() => page.evaluate(() => window.states.length > 0), 3000);
  assert.deepEqual(await page.evaluate(() => [window.states, window.again.state.status]), [['idle'], 'idle']);
  await page.evaluate(() => window.again.destroy());
  await page.context().close();
});

test('the iframe moved in the page during a call: appended elsewhere (the phone loads again) the state drops the call once the new page speaks; moveBefore keeps the page and the call', async () => {
  const page = await env.page();
  await openBare(page, env.sim);
  await embedRinging(page, phoneUrl('?login=auto'));
  // A layout change re-parents the phone's iframe (a framework moving a component, a dock): the
  // browser discards the frame's page and loads it again, with a new window. The new page knows no
  // call, and never ends the old one: its first message (here its login) says it is a new page.
  await page.evaluate(() => {
    window.states = [];
    window.logins = 0;
    window.first.onState((s) => window.states.push(s.status));
    window.first.on('agentLogin', () => { window.logins += 1; });
    const f = document.getElementById('mine');
    document.body.appendChild(document.createElement('section')).appendChild(f);
  });
  await waitFor(() => page.evaluate(() => window.logins === 1));
  const moved = await phoneFrame(page);
  assert.equal(await inPhone(moved, (sim) => sim.call), null, 'the new page holds no call');
  assert.deepEqual(await page.evaluate(() => [window.first.state.status, window.states, window.first.loggedIn]), ['idle', ['idle'], true]);
  // Its calls are heard, and commands reach it.
  await inPhone(moved, (sim) => sim.ring({ number: '099123457', campaign: 'Inbound' }));
  await waitFor(() => page.evaluate(() => window.first.state.status === 'ringing'));
  const echoed = await page.evaluate(() => window.first.makeCall({ number: '099000111', campaign: 'Sales' }, { waitForEcho: true, timeoutMs: 5000 }).then((r) => r.echoed, (e) => e.code));
  assert.equal(echoed, true);
  assert.equal(await page.evaluate(() => window.first.state.status), 'inCall');
  // moveBefore (Chromium 133) moves it with its page: same window, no load, the call kept.
  const kept = await page.evaluate(() => {
    const f = document.getElementById('mine');
    const w = f.contentWindow;
    window.loads = 0;
    f.addEventListener('load', () => { window.loads += 1; });
    document.body.moveBefore(f, document.body.firstChild);
    return f.contentWindow === w;
  });
  assert.equal(kept, true);
  const after = await page.evaluate(() => window.first.send('answer').then(() => [window.loads, window.first.state.status]));
  assert.deepEqual(after, [0, 'inCall']);
  assert.equal(await inPhone(moved, (sim) => sim.call.number), '099000111');
  await page.context().close();
});

test('the iframe moved into another window (a docked pop-up): the embed hears it no more; embedded again by the library loaded there, it works from its new page on', async () => {
  const page = await env.page();
  await openBare(page, env.sim);
  await embedRinging(page, phoneUrl('?login=auto'));
  // As README says: the embed listens in the window its iframe was in; the phone now posts to the
  // pop-up. A command from this page's library would come from this window, not the phone's parent.
  await page.evaluate(() => new Promise((resolve) => {
    const dock = window.dock = window.open('', 'dock', 'width=400,height=500');
    dock.document.body.append(dock.document.adoptNode(document.getElementById('mine')));
    const s = dock.document.createElement('script');
    s.src = '/dist/ucontact-bridge.uphone.iife.min.js';
    s.onload = resolve;
    dock.document.head.append(s);
  }));
  const popup = page.context().pages().find((p) => p !== page);
  const phone = await phoneFrame(popup);
  await waitFor(() => inPhone(phone, (sim) => sim.loggedIn));
  assert.equal(await inPhone(phone, (sim) => sim.call), null, 'the move discarded the page and its call');
  await inPhone(phone, (sim) => sim.ring({ number: '099123457', campaign: 'Inbound' }));
  await settle(page);
  // The first embed heard nothing of the new page (not its call); the page it knew is gone with its
  // call, which the frame's load there (the element's event, heard wherever it is) said.
  assert.deepEqual(await page.evaluate(() => [window.first.state.status, window.first.state.number]), ['idle', undefined], 'the first embed heard nothing');
  await page.evaluate(() => {
    window.first.destroy();
    window.docked = window.dock.UContactBridge.embedUPhone({ iframe: window.dock.document.querySelector('iframe') });
  });
  await inPhone(phone, (sim) => sim.hangup());
  await inPhone(phone, (sim) => sim.ring({ number: '099123458', campaign: 'Inbound' }));
  await waitFor(() => page.evaluate(() => window.docked.state.number === '099123458'));
  const echoed = await page.evaluate(() => window.docked.makeCall({ number: '099000111', campaign: 'Sales' }, { waitForEcho: true, timeoutMs: 5000 }).then((r) => r.echoed, (e) => e.code));
  assert.equal(echoed, true);
  await page.context().close();
});

test('embedded again during a call by another copy of the library (the script tag, then the ES module): the call state is carried over', async () => {
  const page = await env.page();
  await openBare(page, env.sim);
  // A second copy in the page: the uPhone script-tag bundle (its global UContactBridge).
  await page.addScriptTag({ url: '/dist/ucontact-bridge.uphone.iife.min.js' });
  await embedRinging(page, phoneUrl('?login=auto'), 'UContactBridge');
  const again = await page.evaluate(() => {
    window.first.destroy();
    const other = window.lib.embedUPhone({ iframe: document.getElementById('mine') });
    const { status, number } = other.state;
    other.destroy();
    return { copies: window.lib.embedUPhone !== window.UContactBridge.embedUPhone, status, number };
  });
  assert.deepEqual(again, { copies: true, status: 'ringing', number: '099123456' });
  await page.context().close();
});

test("readyOn 'load' (a uContact X instance): embedded again after the frame loaded (a route change remounts the component), ready at once and its command is sent", async () => {
  const page = await env.page();
  await openBare(page, env.sim);
  await page.evaluate((url) => {
    const f = document.createElement('iframe');
    f.id = 'mine';
    f.src = url;
    document.body.append(f);
    window.first = window.lib.embedUPhone({ iframe: f, readyOn: 'load' });
  }, phoneUrl('?api=events'));
  assert.equal(await page.evaluate(() => window.first.ready.then(() => 'ready', (e) => e.code)), 'ready');
  const phone = page.frames().find((f) => f.parentFrame() === page.mainFrame() && f.url().startsWith(phoneUrl()));
  await waitFor(() => phone.evaluate(() => !!window.uphoneSim).catch(() => false));
  // The instance posts nothing before an interaction; the component unmounts and mounts again.
  const again = await page.evaluate(async () => {
    window.first.destroy();
    const other = window.lib.embedUPhone({ iframe: document.getElementById('mine'), readyOn: 'load', readyTimeoutMs: 1500 });
    const ready = await other.ready.then(() => 'ready', (e) => e.code);
    const sent = await other.send('ping', {}, { timeoutMs: 1500 }).then((r) => r.echoed, (e) => e.code);
    other.destroy();
    return { ready, sent };
  });
  assert.deepEqual(again, { ready: 'ready', sent: false });
  // Posted is not yet received: the message crosses to the phone's process.
  await waitFor(() => inPhone(phone, (sim) => sim.received.length > 0));
  assert.deepEqual(await inPhone(phone, (sim) => sim.received.map((r) => r.data.action)), ['ping']);
  await page.context().close();
});
