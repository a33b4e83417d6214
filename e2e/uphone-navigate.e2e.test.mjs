// The uPhone's iframe in real Chromium, navigated by the page: to a page of another origin, to
// about:blank, and back to the phone; and a `url` with credentials, an explicit default port, a path
// and a query. Messages count only from the iframe's window on the URL's origin; commands go to that
// origin only; the call state follows the page the frame holds.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, waitFor } from './helpers.mjs';
import { heardFromPhone, inPhone, openBare } from './uphone-helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

test('the iframe navigated to another origin, to about:blank, then back: nothing of the others is heard or gets a command', async () => {
  const page = await env.page();
  await openBare(page, env.sim);
  const phoneUrl = `${env.sim.portalOrigin}/uphone/?login=auto`;
  await page.evaluate((url) => {
    const f = Object.assign(document.createElement('iframe'), { id: 'mine', allow: 'camera;microphone', src: url });
    document.body.append(f);
    window.phone = window.lib.embedUPhone({ iframe: f, log: (e) => window.logs.push(e) });
    window.states = [];
    window.phone.onState((s) => window.states.push(s.status));
  }, phoneUrl);
  await waitFor(() => page.evaluate(() => window.phone.loggedIn));
  let phone = await (await page.$('#mine')).contentFrame();
  await inPhone(phone, (sim) => sim.ring({ number: '099123456', campaign: 'Inbound' }));
  await waitFor(() => page.evaluate(() => window.phone.state.status === 'ringing'));

  // Another origin: it posts as the phone at once (?now=1); ignored for its origin.
  const nav = (src) => page.evaluate((s) => new Promise((resolve) => {
    const f = document.getElementById('mine');
    f.addEventListener('load', resolve, { once: true });
    f.src = s;
  }), src);
  await nav(`${env.sim.formOrigin}/e2e/uphone-attacker.html?now=1`);
  await waitFor(() => page.evaluate(() => window.logs.filter((l) => l.type === 'ignored' && l.reason === 'origin').length === 3));
  const other = (await page.$('#mine').then((h) => h.contentFrame()));
  const sentAway = await page.evaluate(() => window.phone.makeCall({ number: '098111222', campaign: 'Sales' }).then((r) => r.echoed, (e) => e.code));
  await page.evaluate(() => window.phone.iframe.contentWindow.postMessage({ order: 'last' }, '*'));
  await waitFor(() => other.evaluate(() => window.received.some((r) => r.data?.order === 'last')));
  assert.deepEqual(await other.evaluate(() => window.received.map((r) => r.data)), [{ order: 'last' }], 'a command reached another origin');

  // about:blank (the page's own origin, here another than the phone's).
  await nav('about:blank');
  const sentBlank = await page.evaluate(() => window.phone.makeCall({ number: '098111222', campaign: 'Sales' }).then((r) => r.echoed, (e) => e.code));

  // Back to the phone: a new page, a new login, no call.
  await nav(phoneUrl);
  phone = await (await page.$('#mine')).contentFrame();
  await waitFor(() => inPhone(phone, (sim) => sim.loggedIn).catch(() => false));
  await heardFromPhone(page, phone);
  const after = await page.evaluate(() => ({ status: window.phone.state.status, loggedIn: window.phone.loggedIn, states: window.states }));
  // The page it held knew a call; the new one knows none, and will never end it.
  assert.equal(await inPhone(phone, (sim) => sim.call), null);
  assert.deepEqual(after, { status: 'idle', loggedIn: true, states: ['ringing', 'idle'] });
  // The commands made meanwhile were posted to the phone's origin, which the frame did not hold: the
  // browser dropped them (resolved, as every command not waiting for its echo once posted).
  assert.deepEqual([sentAway, sentBlank], [false, false]);
  assert.deepEqual(await inPhone(phone, (sim) => sim.received.map((r) => r.data)), []);
  // The new page's calls are heard, and its commands reach it.
  await inPhone(phone, (sim) => sim.ring({ number: '099123457', campaign: 'Inbound' }));
  await waitFor(() => page.evaluate(() => window.phone.state.number === '099123457'));
  const echoed = await page.evaluate(() => window.phone.makeCall({ number: '099000111', campaign: 'Sales' }, { waitForEcho: true, timeoutMs: 5000 }).then((r) => r.echoed, (e) => e.code));
  assert.equal(echoed, true);
  await page.context().close();
});
