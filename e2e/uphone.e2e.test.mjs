// The sample agent CRM app (demo/uphone/app/) embeds the simulated uPhone with the built bundles (ES
// module entry, the uPhone's script-tag bundle and the full one), with the app on the other origin
// than the phone and on the same one: the agent logs in, an incoming call screen-pops the customer,
// the app places a call with makeCall (resolved by its echo) and an SMS with makeSms; the phone
// receives exactly the contract's {action, params} plain objects, from the app's origin. Then the
// Events API mode.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, waitFor, capture } from './helpers.mjs';
import { heardFromPhone, hostOrigin, inPhone, openApp } from './uphone-helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

for (const build of ['esm', 'iife', 'iife-full']) {
  for (const layout of build === 'iife-full' ? ['cross'] : ['cross', 'same']) {
    test(`the CRM app: login, screen pop, makeCall with echo, makeSms (${build} build, ${layout}-origin app)`, async () => {
      const page = await env.page();
      const phone = await openApp(page, env.sim, { build, layout });
      const appOrigin = hostOrigin(env.sim, layout);
      assert.equal(await page.evaluate(() => location.origin), appOrigin);
      assert.equal(await phone.evaluate(() => location.origin), env.sim.portalOrigin);
      assert.equal(await page.evaluate(() => window.app.build), build);

      // The iframe the library made.
      const attrs = await page.evaluate(() => {
        const f = window.app.phone.iframe;
        return { allow: f.getAttribute('allow'), scrolling: f.getAttribute('scrolling'), overflow: f.style.overflow, border: getComputedStyle(f).borderTopWidth,
          inContainer: f.parentElement.id, origin: window.app.phone.origin, same: f === document.querySelector('#phone iframe') };
      });
      assert.deepEqual(attrs, { allow: 'camera;microphone', scrolling: 'no', overflow: 'hidden', border: '0px', inContainer: 'phone', origin: env.sim.portalOrigin, same: true });

      // Not ready until the agent logs in (read once all the phone posted so far reached the app); then ready.
      await heardFromPhone(page, phone);
      assert.equal(await page.evaluate(() => window.app.ready), null);
      await inPhone(phone, (sim) => sim.login('agent1001'));
      await waitFor(() => page.evaluate(() => window.app.ready === 'ready'));
      assert.equal(await page.evaluate(() => window.app.phone.loggedIn), true);

      // An incoming call: the customer card pops, the state rings.
      await inPhone(phone, (sim) => sim.ring({ number: '099123456', campaign: 'Inbound' }));
      await waitFor(() => page.evaluate(() => window.app.pops.length === 1));
      const popped = await page.evaluate(() => ({
        pop: window.app.pops[0], card: document.getElementById('card').innerText, state: { ...window.app.phone.state, event: undefined, since: undefined },
        badge: document.getElementById('call-state').textContent,
      }));
      assert.deepEqual(popped.pop, { event: 'gettingCall', number: '099123456', customer: 'Ana Pérez' });
      assert.match(popped.card, /Ana Pérez[\s\S]*ACME-1042/);
      const guid = await inPhone(phone, (sim) => sim.call.guid);
      assert.deepEqual(JSON.parse(JSON.stringify(popped.state)), { status: 'ringing', number: '099123456', campaign: 'Inbound', guid, direction: 'inbound' });
      await waitFor(() => page.evaluate(() => document.getElementById('call-state').textContent === 'ringing'));
      // The handle as a value (a store's serialiser): no call in it; the event every handler shares is frozen.
      const asValue = await page.evaluate(() => ({
        json: JSON.stringify({ phone: window.app.phone }), number: window.app.phone.state.number,
        frozen: [window.app.phone.state.event, window.app.phone.state.event.params].every(Object.isFrozen),
      }));
      assert.deepEqual(asValue, {
        json: JSON.stringify({ phone: { iframe: {}, origin: env.sim.portalOrigin, ready: {}, loggedIn: true } }), number: '099123456', frozen: true,
      });

      // The agent answers and hangs up; dispositions.
      await inPhone(phone, (sim) => { sim.answer(); sim.hangup(); sim.dispose({ l1: 'Sale', comment: 'ok' }); });
      await waitFor(() => page.evaluate(() => window.app.events.some((e) => e.name === 'sentDispositions')));
      const events = await page.evaluate(() => window.app.events);
      assert.deepEqual(events.map((e) => e.name), ['agentLogin', 'gettingCall', 'finishedCall', 'sentDispositions']);
      assert.ok(events.every((e) => e.api === 'uphone' && e.problems.length === 0));
      const finished = events[2].params;
      assert.deepEqual([finished.guid, finished.number, finished.needsDispositions, typeof finished.duration], [guid, '099123456', true, 'number']);
      assert.deepEqual(events[3].params.dispositions, { l1: 'Sale', l2: '', l3: '', comment: 'ok' });
      assert.equal(await page.evaluate(() => window.app.phone.state.status), 'idle');

      // The app places a call: the phone gets exactly the contract's plain object, from the app's origin.
      const result = await page.evaluate(() => window.app.call('098111222').then((r) => ({ action: r.action, echoed: r.echoed, number: r.event.params.number })));
      assert.deepEqual(result, { action: 'makeCall', echoed: true, number: '098111222' });
      const received = await inPhone(phone, (sim) => sim.received);
      assert.deepEqual(received, [{ data: { action: 'makeCall', params: { number: '098111222', campaign: 'Sales->' } }, origin: appOrigin, fromParent: true }]);
      const outbound = await page.evaluate(() => ({ state: window.app.phone.state, pop: window.app.pops.at(-1) }));
      assert.deepEqual([outbound.state.status, outbound.state.direction, outbound.state.number], ['inCall', 'outbound', '098111222']);
      assert.deepEqual(outbound.pop, { event: 'makeCall', number: '098111222', customer: 'Bruno Silva' });
      await inPhone(phone, (sim) => sim.hangup());

      // An SMS through the phone.
      await page.evaluate(() => window.app.sms('097333444', 'Your order has shipped'));
      await waitFor(() => page.evaluate(() => window.app.events.some((e) => e.name === 'finishedSms')));
      const sms = await inPhone(phone, (sim) => sim.received.at(-1));
      assert.deepEqual(sms, { data: { action: 'makeSms', params: { number: '097333444', message: 'Your order has shipped', campaign: 'SMS' } }, origin: appOrigin, fromParent: true });
      const smsEvent = await page.evaluate(() => window.app.events.at(-1));
      assert.deepEqual([smsEvent.params.direction, smsEvent.params.number], ['O', '097333444']);

      // The agent logs out: idle, not logged in.
      await inPhone(phone, (sim) => sim.logout());
      await waitFor(() => page.evaluate(() => window.app.phone.loggedIn === false));
      assert.equal(await page.evaluate(() => window.app.errors.length), 0);
      assert.deepEqual(env.pageErrors, []);
      await page.context().close();
    });
  }
}

// The app's header tells the agent's state as the phone tells it: after a logout it no longer says
// "Agent logged in" (a Call then waits for the next login), and a new login says so again.
test('the CRM app\'s agent status follows a logout and a new login in the phone', async () => {
  const page = await env.page();
  const phone = await openApp(page, env.sim);
  const status = () => page.evaluate(() => [document.getElementById('agent-status').textContent, document.getElementById('agent-status').className, window.app.phone.loggedIn]);
  await inPhone(phone, (sim) => sim.login('agent1001'));
  await waitFor(() => page.evaluate(() => window.app.ready === 'ready'));
  assert.deepEqual(await status(), ['Agent logged in', 'ok', true]);
  await inPhone(phone, (sim) => sim.logout());
  await waitFor(() => page.evaluate(() => window.app.phone.loggedIn === false));
  assert.deepEqual(await status(), ['Agent logged out of the phone: calls wait for the next login', 'bad', false]);
  await inPhone(phone, (sim) => sim.login('agent1001'));
  await waitFor(() => page.evaluate(() => window.app.phone.loggedIn === true));
  assert.deepEqual(await status(), ['Agent logged in', 'ok', true]);
  assert.deepEqual(env.pageErrors.map((e) => e.message), []);
  await page.context().close();
});

test('numbers sent as JSON numbers (the documentation example): read as text, the echo still matches, the card still pops', async () => {
  const page = await env.page();
  const phone = await openApp(page, env.sim, { query: 'login=auto&numbers=json' });
  await waitFor(() => page.evaluate(() => window.app.ready === 'ready'));
  await inPhone(phone, (sim) => sim.ring({ number: '099123456', campaign: 'Inbound' }));
  await waitFor(() => page.evaluate(() => window.app.pops.length === 1));
  const raw = await inPhone(phone, (sim) => sim.posted.at(-1).params.number);
  assert.equal(raw, 99123456, 'the simulated uPhone sent a JSON number');
  const pop = await page.evaluate(() => window.app.pops[0]);
  assert.deepEqual(pop, { event: 'gettingCall', number: '99123456', customer: 'Ana Pérez' });
  await inPhone(phone, (sim) => sim.hangup());
  const r = await page.evaluate(() => window.app.call('098111222').then((x) => x.event.params.number));
  assert.equal(r, '98111222', 'echoed as 98111222 and matched to 098111222');
  await page.context().close();
});

for (const layout of ['cross', 'same']) {
  test(`Events API mode ({event, data}): ready on the frame's load (readyOn 'load', the instance posts nothing at login), screen pop on assignedInteraction, the state follows (${layout}-origin app)`, async () => {
    const page = await env.page();
    const phone = await openApp(page, env.sim, { layout, query: 'api=events' });
    assert.equal(await inPhone(phone, (sim) => sim.api), 'events');
    await waitFor(() => page.evaluate(() => window.app.ready === 'ready'));
    assert.equal(await page.evaluate(() => window.app.phone.loggedIn), false, 'ready before any sign of an agent');
    await inPhone(phone, (sim) => sim.login());
    // Read once all the instance posted so far (at login too) reached the app.
    await heardFromPhone(page, phone);
    assert.deepEqual(await page.evaluate(() => window.app.events), [], 'the instance posts nothing at login: the app heard nothing');
    // A command reaches the instance (posted to its origin), which documents none and runs none.
    await page.evaluate(() => window.app.call('099123456'));
    await waitFor(() => inPhone(phone, (sim) => sim.received.length === 1));
    assert.deepEqual(await inPhone(phone, (sim) => sim.received[0]), {
      data: { action: 'makeCall', params: { number: '099123456', campaign: 'Sales->' } }, origin: hostOrigin(env.sim, layout), fromParent: true,
    });
    assert.deepEqual(await page.evaluate(() => window.app.results.at(-1)), { action: 'makeCall', echoed: false, guid: undefined });
    await inPhone(phone, (sim) => sim.ring({ number: '098111222', campaign: 'Support' }));
    await waitFor(() => page.evaluate(() => window.app.pops.length === 1));
    const guid = await inPhone(phone, (sim) => sim.call.guid);
    assert.deepEqual(await page.evaluate(() => window.app.pops[0]), { event: 'assignedInteraction', number: '098111222', customer: 'Bruno Silva' });
    const state = await page.evaluate(() => ({ ...window.app.phone.state, event: undefined, since: undefined }));
    assert.deepEqual(JSON.parse(JSON.stringify(state)), { status: 'inCall', guid, campaign: 'Support', channel: 'telephony', clientId: '098111222' });
    await inPhone(phone, (sim) => { sim.hangup(); sim.dispose({ l1: 'Sale' }); sim.setTheme('dark'); sim.setLanguage('es'); });
    await waitFor(() => page.evaluate(() => window.app.events.length === 5));
    const events = await page.evaluate(() => window.app.events);
    assert.deepEqual(events.map((e) => [e.name, e.api]), [
      ['assignedInteraction', 'events'], ['finishedInteraction', 'events'],
      ['sentDisposition', 'events'], ['changedTheme', 'events'], ['changedLanguage', 'events'],
    ]);
    assert.deepEqual([events[3].params.theme, events[4].params.language], ['dark', 'es']);
    assert.equal(await page.evaluate(() => window.app.phone.loggedIn), true, 'an Events API event is a sign of an agent');
    assert.equal(await page.evaluate(() => window.app.phone.state.status), 'idle');
    await page.context().close();
  });
}

test('the log hook got redacted events only: names and reasons', async () => {
  const page = await env.page();
  const phone = await openApp(page, env.sim, { query: 'login=auto' });
  await waitFor(() => page.evaluate(() => window.app.ready === 'ready'));
  await inPhone(phone, (sim) => sim.ring({ number: '099123456', campaign: 'Inbound' }));
  await page.evaluate(() => window.app.call('097333444'));
  const logs = await page.evaluate(() => window.app.logs);
  for (const l of logs) capture('log', JSON.stringify(l));
  assert.ok(logs.length >= 5);
  for (const l of logs) {
    assert.deepEqual(Object.keys(l).filter((k) => !['type', 'name', 'reason'].includes(k)), []);
    assert.ok(!/\d{5}/.test(JSON.stringify(l)), JSON.stringify(l));
  }
  assert.ok(logs.some((l) => l.type === 'event' && l.name === 'gettingCall'));
  assert.ok(logs.some((l) => l.type === 'sent' && l.name === 'makeCall'));
  await page.context().close();
});

// An agent app open for a shift: every event of the phone added a line to the activity log (a live
// region), never removed: thousands by the evening; so did the simulated phone's wire log.
test("the CRM app keeps the latest 200 lines of its activity log, newest first; the simulated phone its wire log", async () => {
  const page = await env.page();
  const phone = await openApp(page, env.sim, { query: 'api=events' });
  await waitFor(() => page.evaluate(() => window.app.ready === 'ready'));
  await inPhone(phone, (sim) => { for (let i = 0; i < 230; i++) sim.setTheme(i % 2 ? 'dark' : 'light'); });
  await waitFor(() => page.evaluate(() => window.app.events.filter((e) => e.name === 'changedTheme').length === 230));
  const count = await page.evaluate(() => document.querySelectorAll('#activity li').length);
  assert.equal(count, 200);
  assert.match(await page.textContent('#activity li:first-child'), /^changedTheme \{"theme":"dark"\}$/);
  // The simulated phone's own wire log too.
  assert.equal(await phone.evaluate(() => document.querySelectorAll('#wire li').length), 200);
  await page.context().close();
});

// One clock for a call: the phone wrote its events' `date` in UTC (no marker) while the instance
// dates recordings in its own zone. It writes the instance's zone now (the simulator's `timeZone`),
// as real uContact writes offset-less local text: not UTC, not the browser's zone (UTC here).
test('the phone dates gettingCall and finishedSms in the instance\'s zone (the simulator\'s timeZone), YYYY-MM-DD HH:mm:ss with no offset', async () => {
  const kept = env.sim.rest.config.timeZone;
  env.sim.rest.config.timeZone = 'Asia/Kathmandu';
  try {
    const page = await env.page();
    const phone = await openApp(page, env.sim);
    assert.notEqual(await phone.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone), 'Asia/Kathmandu');
    // UTC+05:45 all year, computed apart from the phone's formatter.
    const kathmandu = () => new Date(Date.now() + 345 * 60_000).toISOString().slice(0, 19).replace('T', ' ');
    await inPhone(phone, (sim) => sim.login('agent1001'));
    const from = kathmandu();
    await inPhone(phone, (sim) => { sim.ring({ number: '099123456', campaign: 'Inbound' }); sim.receiveSms({ number: '097333444' }); });
    const to = kathmandu();
    const dated = await inPhone(phone, (sim) => sim.posted.filter((m) => m.params && 'date' in m.params).map((m) => [m.action, m.params.date]));
    assert.deepEqual(dated.map(([action]) => action), ['gettingCall', 'finishedSms']);
    for (const [action, date] of dated) assert.ok(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(date) && date >= from && date <= to, `${action} ${date} within ${from} and ${to}`);
    await page.context().close();
  } finally {
    env.sim.rest.config.timeZone = kept;
  }
});
