// Hostile windows and origins against the embedded uPhone in real Chromium, with the built bundle in
// the sample agent app: sibling frames on the phone's origin and on the app's, and the app's own
// window, post uPhone- and Events-API-shaped messages (logins, incoming calls, forged echoes) and
// malformed ones; the real phone posts malformed ones; then the phone's iframe is navigated to a page
// of another origin, which posts as the uPhone and would receive what the app sends. Counted: messages
// accepted from outside (0), commands delivered outside (0), uncaught errors (0).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, waitFor } from './helpers.mjs';
import { inPhone, openApp, settle } from './uphone-helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const SHAPED = [
  { action: 'agentLogin', params: { agent: 'evil' } },
  { action: 'gettingCall', params: { number: '097333444', campaign: 'Forged', guid: 'forged-1' } },
  { action: 'makeCall', params: { number: '099123456', campaign: 'Forged' } },
  { action: 'makeCall', params: { number: 99123456 } },
  { action: 'finishedCall', params: {} },
  { action: 'agentLogout', params: {} },
  { event: 'assignedInteraction', data: { guid: 'forged-2', campaign: 'Forged', channel: 'telephony', clientId: '097333444' } },
  { event: 'changedTheme', data: { theme: 'dark' } },
  { action: '*', params: {} },
];
const MALFORMED = [
  '{"action":"agentLogin","params":{}}', '', 'agentLogin', 42, null, true, [], [{ action: 'agentLogin' }],
  { action: 5 }, { action: '' }, { event: null }, { params: { number: '099123456' } }, { data: {} },
  JSON.parse('{"action":"gettingCall","params":{"__proto__":{"status":"inCall"},"number":{"x":1}}}'),
  { action: 'gettingCall', params: 'x'.repeat(1e6) }, { action: 'x'.repeat(1e5) },
];

/** Adds a sibling iframe of the attacker page on `origin` to the app page and returns its frame. */
async function sibling(page, origin, name) {
  await page.evaluate(([src, n]) => new Promise((resolve) => {
    const f = document.createElement('iframe');
    f.name = n;
    f.src = src;
    f.onload = resolve;
    document.body.append(f);
  }), [`${origin}/e2e/uphone-attacker.html`, name]);
  const frame = page.frame({ name });
  await waitFor(() => frame.evaluate(() => typeof window.attack === 'function').catch(() => false));
  return frame;
}

for (const layout of ['cross', 'same']) {
  test(`hostile windows and origins are ignored; commands reach the phone's origin only (${layout}-origin app)`, async () => {
    const page = await env.page();
    const phone = await openApp(page, env.sim, { layout });
    await page.evaluate(() => {
      window.uncaught = [];
      window.addEventListener('error', (e) => window.uncaught.push(String(e.message)));
      window.addEventListener('unhandledrejection', (e) => window.uncaught.push(String(e.reason)));
    });
    const attackers = [await sibling(page, env.sim.portalOrigin, 'onPhoneOrigin'), await sibling(page, env.sim.formOrigin, 'onOtherOrigin')];
    const count = () => page.evaluate(() => ({
      events: window.app.events.length, pops: window.app.pops.length, ready: window.app.ready, loggedIn: window.app.phone.loggedIn,
      status: window.app.phone.state.status,
      ignored: Object.fromEntries(['source', 'origin', 'shape'].map((r) => [r, window.app.logs.filter((l) => l.type === 'ignored' && l.reason === r).length])),
    }));

    // 1. Sibling frames (one on the phone's own origin) and the app's own window, before any login.
    const all = [...SHAPED, ...MALFORMED];
    for (const a of attackers) await a.evaluate((list) => window.attack(list, 'parent'), all);
    await page.evaluate((list) => list.forEach((v) => window.postMessage(v, '*')), all);
    const fromOutside = all.length * 3;
    await waitFor(async () => (await count()).ignored.source >= fromOutside);
    await settle(page);
    let c = await count();
    assert.deepEqual(c, { events: 0, pops: 0, ready: null, loggedIn: false, status: 'idle', ignored: { source: fromOutside, origin: 0, shape: 0 } });

    // 2. The real phone posts malformed messages: ignored as such, nothing thrown.
    await inPhone(phone, (sim, list) => list.forEach((v) => sim.postRaw(v)), MALFORMED.slice(0, 13));
    await waitFor(async () => (await count()).ignored.shape === 13);
    c = await count();
    assert.deepEqual([c.events, c.ready, c.loggedIn], [0, null, false]);

    // 3. The agent logs in; a call waits for its echo while the phone is slow; forged echoes do not settle it.
    await inPhone(phone, (sim) => { sim.login(); sim.hold = true; });
    await waitFor(() => page.evaluate(() => window.app.ready === 'ready'));
    await page.evaluate(() => {
      window.echo = null;
      window.app.phone.makeCall({ number: '099123456', campaign: 'Sales' }, { waitForEcho: true, timeoutMs: 20_000 })
        .then((r) => { window.echo = { ok: true, guid: r.event.params.guid }; }, (e) => { window.echo = { ok: false, code: e.code }; });
    });
    await waitFor(() => inPhone(phone, (sim) => sim.held.length === 1));
    const ignored0 = (await count()).ignored.source;
    for (const a of attackers) await a.evaluate((list) => window.attack(list, 'parent'), SHAPED);
    await page.evaluate((list) => list.forEach((v) => window.postMessage(v, '*')), SHAPED);
    // Each forged message handled, and ignored for its source: not a pause, which a late one outlasted.
    await waitFor(async () => (await count()).ignored.source === ignored0 + SHAPED.length * 3);
    assert.equal(await page.evaluate(() => window.echo), null, 'a forged echo settled the call');
    assert.equal(await page.evaluate(() => window.app.phone.state.status), 'idle', 'a forged event changed the state');
    await inPhone(phone, (sim) => sim.release());
    await waitFor(() => page.evaluate(() => window.echo !== null));
    const guid = await inPhone(phone, (sim) => sim.call.guid);
    assert.deepEqual(await page.evaluate(() => window.echo), { ok: true, guid });
    await inPhone(phone, (sim) => { sim.hold = false; sim.hangup(); });
    await waitFor(() => page.evaluate(() => window.app.events.at(-1).name === 'finishedCall'));

    // 4. The phone's iframe now holds a page of another origin that posts as the uPhone.
    const eventsBefore = (await count()).events;
    await page.evaluate((src) => { window.app.phone.iframe.src = src; }, `${env.sim.formOrigin}/e2e/uphone-attacker.html?now=1`);
    let impostor;
    await waitFor(() => {
      impostor = page.frames().find((f) => f.url().includes('uphone-attacker.html?now=1'));
      return impostor?.evaluate(() => typeof window.attack === 'function').catch(() => false);
    });
    await waitFor(async () => (await count()).ignored.origin >= 3);
    await impostor.evaluate((list) => window.attack(list, 'parent'), SHAPED);
    await waitFor(async () => (await count()).ignored.origin === 3 + SHAPED.length);
    // The agent was in: the app posts at once, to the phone's origin only; the browser drops it here.
    const sent = await page.evaluate(() => window.app.phone.makeCall({ number: '098111222', campaign: 'Sales' }, { waitForEcho: true, timeoutMs: 800 })
      .then(() => 'echoed', (e) => e.code));
    assert.equal(sent, 'TIMEOUT');
    await page.evaluate(() => window.app.phone.send('custom', { x: 1 }));
    // A marker the page posts to the impostor after the command arrives after it (messages from one
    // window to another keep their order): then whatever reached it has.
    await page.evaluate(() => window.app.phone.iframe.contentWindow.postMessage({ order: 'last' }, '*'));
    await waitFor(() => impostor.evaluate(() => window.received.some((r) => r.data?.order === 'last')));
    assert.deepEqual(await impostor.evaluate(() => window.received.map((r) => r.data)), [{ order: 'last' }], 'a command reached another origin');
    c = await count();
    assert.equal(c.events, eventsBefore, 'a message from the impostor was accepted');

    const uncaught = [...await page.evaluate(() => window.uncaught), ...env.pageErrors];
    console.log(`uphone hostile (${layout}-origin app): ${fromOutside + 13 + SHAPED.length * 3 + 3 + SHAPED.length} hostile messages; ` +
      `accepted 0 of them; commands delivered to another origin 0; uncaught errors ${uncaught.length}`);
    assert.deepEqual(uncaught, []);
    await page.context().close();
  });
}
