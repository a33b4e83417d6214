// The uPhone's iframe in real Chromium, navigated by the page: to a page of another origin, to
// about:blank, and back to the phone; and a `url` with credentials, an explicit default port, a path
// and a query. Messages count only from the iframe's window on the URL's origin; commands go to that
// origin only; the call state follows the page the frame holds.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, waitFor } from './helpers.mjs';
import { heardByPhone, heardFromPhone, inPhone, openBare } from './uphone-helpers.mjs';

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

test('a url with an explicit default port, a path and a query: its origin is heard and gets the commands, the same host on another port is not; a url with credentials is refused', async () => {
  const page = await env.page();
  // A phone at http://phone.test (port 80, served by the test): posts its login, keeps what it gets.
  const PHONE = `<!doctype html><script>
    window.received = [];
    addEventListener('message', (e) => window.received.push({ data: e.data, origin: e.origin }));
    window.say = (m) => parent.postMessage(m, '*');
    window.say({ action: 'agentLogin', params: {} });
  </script>`;
  await page.context().route(/^http:\/\/phone\.test(:\d+)?\//, (r) => r.fulfill({ contentType: 'text/html', body: PHONE }));
  await openBare(page, env.sim);
  const refused = await page.evaluate(() => {
    try {
      window.embed({ url: 'https://agent:s3cret@phone.test/uphone/' });
      return 'embedded';
    } catch (e) {
      return { code: e.code, message: e.message, frames: document.querySelectorAll('iframe').length };
    }
  });
  assert.equal(refused.code, 'INVALID_ARGUMENT');
  assert.match(refused.message, /\burl\b/);
  assert.ok(!/agent|s3cret/.test(refused.message), refused.message);
  assert.equal(refused.frames, 0);

  await page.evaluate(() => { window.phone = window.embed({ url: 'http://phone.test:80/uc/uphone/?tenant=acme&x=1#top' }); });
  assert.deepEqual(await page.evaluate(() => [window.phone.origin, window.phone.iframe.getAttribute('src')]),
    ['http://phone.test', 'http://phone.test/uc/uphone/?tenant=acme&x=1#top']);
  await waitFor(() => page.evaluate(() => window.phone.loggedIn));
  const frame = await (await page.$('#slot iframe')).contentFrame();
  const echoed = page.evaluate(() => window.phone.makeCall({ number: '099123456', campaign: 'Sales' }, { waitForEcho: true, timeoutMs: 5000 }).then((r) => r.echoed, (e) => e.code));
  await waitFor(() => frame.evaluate(() => window.received.length === 1));
  assert.deepEqual(await frame.evaluate(() => window.received),
    [{ data: { action: 'makeCall', params: { number: '099123456', campaign: 'Sales' } }, origin: new URL(page.url()).origin }]);
  await frame.evaluate(() => window.say({ action: 'makeCall', params: { number: '099123456', campaign: 'Sales' } }));
  assert.equal(await echoed, true);

  // The same host on another port is another origin: its page in the same iframe is not heard, and
  // gets no command.
  await page.evaluate(() => new Promise((resolve) => {
    window.phone.iframe.addEventListener('load', resolve, { once: true });
    window.phone.iframe.src = 'http://phone.test:8080/uc/uphone/?tenant=acme';
  }));
  await waitFor(() => page.evaluate(() => window.logs.some((l) => l.type === 'ignored' && l.reason === 'origin')));
  const other = await (await page.$('#slot iframe')).contentFrame();
  await other.evaluate(() => window.say({ action: 'gettingCall', params: { number: '097333444', guid: 'x' } }));
  await waitFor(() => page.evaluate(() => window.logs.filter((l) => l.type === 'ignored' && l.reason === 'origin').length === 2));
  assert.equal(await page.evaluate(() => window.phone.state.status), 'idle');
  await page.evaluate(() => window.phone.send('custom', { x: 1 }));
  await page.evaluate(() => window.phone.iframe.contentWindow.postMessage({ order: 'last' }, '*'));
  await waitFor(() => other.evaluate(() => window.received.some((r) => r.data?.order === 'last')));
  assert.deepEqual(await other.evaluate(() => window.received.map((r) => r.data)), [{ order: 'last' }], 'a command reached another port');
  await page.context().close();
});

test('commands queued before readiness, then destroy(): DESTROYED, never sent, not even once the agent logs in; ready, then the iframe removed by the page: a command is NOT_READY, one sent before waits out its timeout', async () => {
  const page = await env.page();
  await openBare(page, env.sim);
  await page.evaluate((url) => {
    const f = Object.assign(document.createElement('iframe'), { id: 'mine', allow: 'camera;microphone', src: url });
    document.body.append(f);
    window.phone = window.lib.embedUPhone({ iframe: f });
    window.out = [];
    for (const n of ['099123456', '098111222']) {
      window.phone.makeCall({ number: n, campaign: 'Sales' }, { waitForEcho: n === '098111222' }).then((r) => window.out.push(r.echoed), (e) => window.out.push(`${e.code}: ${e.message}`));
    }
    window.phone.ready.catch((e) => window.out.push(`ready ${e.code}`));
  }, `${env.sim.portalOrigin}/uphone/`);
  const phone = await (await page.$('#mine')).contentFrame();
  await waitFor(() => inPhone(phone, (sim) => typeof sim.login === 'function').catch(() => false));
  await page.evaluate(() => window.phone.destroy());
  await waitFor(() => page.evaluate(() => window.out.length === 3));
  assert.deepEqual(await page.evaluate(() => window.out.sort()), [
    'DESTROYED: makeCall: the uPhone was destroyed (never sent)', 'DESTROYED: makeCall: the uPhone was destroyed (never sent)', 'ready DESTROYED',
  ]);
  await inPhone(phone, (sim) => sim.login());
  await heardByPhone(phone);
  assert.deepEqual(await inPhone(phone, (sim) => sim.received), [], 'a destroyed embed posted a queued command');

  // A new embed, ready (the agent logs in again: no embed heard the first login), then the page
  // removes the iframe.
  await page.evaluate(() => {
    window.out = [];
    window.second = window.lib.embedUPhone({ iframe: document.getElementById('mine') });
  });
  await inPhone(phone, (sim) => { sim.logout(); sim.login(); });
  await page.evaluate(() => window.second.ready);
  await inPhone(phone, (sim) => { sim.hold = true; });
  await page.evaluate(() => {
    window.second.makeCall({ number: '099123456', campaign: 'Sales' }, { waitForEcho: true, timeoutMs: 1500 }).then((r) => window.out.push(r.echoed), (e) => window.out.push(e.code));
  });
  await waitFor(() => inPhone(phone, (sim) => sim.held.length === 1));
  const after = await page.evaluate(async () => {
    document.getElementById('mine').remove();
    const r = await window.second.makeCall({ number: '098111222', campaign: 'Sales' }).then((x) => x.echoed, (e) => `${e.code}: ${e.message}`);
    return [r, window.second.iframe.contentWindow];
  });
  assert.deepEqual(after, ['NOT_READY: makeCall: not sent: the uPhone frame is not in the page', null]);
  await waitFor(() => page.evaluate(() => window.out.length === 1), 8000);
  assert.deepEqual(await page.evaluate(() => window.out), ['TIMEOUT']);
  assert.deepEqual(env.pageErrors, []);
  await page.context().close();
});
