// A service worker of the page's origin between the page and the instance, and a browser gone
// offline, in Chromium (e2e/pages/fetch-sw.js). The worker sees every request of the page, to its
// own origin and to another, the Authorization header included: it is the page's own code. One that
// answers a network error or an opaque answer makes each call a typed NETWORK_ERROR naming no
// credential; one that passes requests on changes nothing (EndSession still goes keepalive, every
// request with cache: 'no-store'). Offline: NETWORK_ERROR, nothing hangs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, waitFor } from './helpers.mjs';

const TOKEN = 'ucx-sim-api-token-0001';
let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

async function open(origin, mode) {
  const page = await env.page();
  await page.goto(`${origin === 'same' ? env.sim.portalOrigin : env.sim.formOrigin}/e2e/rest.html`);
  await waitFor(() => page.evaluate(() => window.ready === true));
  if (mode) {
    await page.evaluate(async (m) => {
      window.seen = [];
      navigator.serviceWorker.onmessage = (e) => window.seen.push(e.data.sw);
      await navigator.serviceWorker.register(`/e2e/fetch-sw.js?mode=${m}`);
    }, mode);
    await waitFor(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller)));
  }
  return page;
}

// A supervisor's session (a read, then close()) and the API-token client's read: what each settled with.
const calls = (page) => page.evaluate(([baseUrl, token]) => window.run(`
  const uc = bridge.createUContactClient({ baseUrl: arg.baseUrl, credentials: { user: 'supervisor', password: 'Sup3r-s3cret' } });
  const api = bridge.createApiTokenClient({ baseUrl: arg.baseUrl, token: arg.token });
  const settle = (p) => p.then(() => 'ok', (e) => [e.code, bridge.isBridgeError(e), e.message].join(' | '));
  return [await settle(uc.campaignsSummary()), await settle(api.interactionMessages('int-0001')), await settle(uc.close())];`,
{ baseUrl, token }), [env.sim.portalOrigin, TOKEN]);

for (const origin of ['cross', 'same']) {
  for (const mode of ['error', 'opaque']) {
    test(`a service worker answering ${mode === 'error' ? 'Response.error()' : 'an opaque answer'}: typed NETWORK_ERROR, no credential in it (${origin} origin)`, async () => {
      const page = await open(origin, mode);
      env.sim.rest.reset();
      const r = await calls(page);
      assert.equal(r.ok, true, JSON.stringify(r));
      const [summary, messages, close] = r.value;
      // Same origin, a no-cors fetch is no opaque answer: the worker's bodiless copy of the login is refused.
      assert.match(summary, mode === 'opaque' && origin === 'same' ? /^UNAUTHORIZED \| true \| / : /^NETWORK_ERROR \| true \| /, summary);
      assert.match(messages, mode === 'opaque' && origin === 'same' ? /^UNAUTHORIZED \| true \| / : /^NETWORK_ERROR \| true \| /, messages);
      assert.ok(![summary, messages].some((m) => m.includes(TOKEN) || m.includes('Sup3r-s3cret')));
      assert.equal(close, 'ok', 'no session was opened: close() sends nothing');
      const seen = await page.evaluate(() => window.seen);
      assert.ok(seen.some((s) => s.path.endsWith('/messages') && s.authorization), 'the worker sees the Bearer header, whatever the origin');
      await page.context().close();
    });
  }

  test(`a service worker that passes requests on changes nothing; close() still goes keepalive (${origin} origin)`, async () => {
    const page = await open(origin, 'pass');
    env.sim.rest.reset();
    const r = await calls(page);
    assert.deepEqual(r, { ok: true, value: ['ok', 'ok', 'ok'] });
    assert.deepEqual(env.sim.rest.state.sessions, { userLogins: 1, agentLogins: 0, endSessions: 1, active: 0 });
    const seen = await page.evaluate(() => window.seen);
    assert.deepEqual(seen.map((s) => [s.path.split('/').pop(), s.keepalive, s.cache]),
      [['getUserToken', false, 'no-store'], ['campaignssummary', false, 'no-store'], ['messages', false, 'no-store'], ['EndSession', true, 'no-store']]);
    await page.context().close();
  });
}

test('offline: each call is a typed NETWORK_ERROR, none hangs, no request reaches the instance', async () => {
  const page = await open('cross');
  env.sim.rest.reset();
  await page.context().setOffline(true);
  const r = await calls(page);
  assert.equal(r.ok, true, JSON.stringify(r));
  assert.match(r.value[0], /^NETWORK_ERROR \| true \| /);
  assert.match(r.value[1], /^NETWORK_ERROR \| true \| /);
  // Chromium's offline emulation (DevTools) lets CORS preflights through, made by the network
  // service: only they reach the instance.
  assert.deepEqual(env.sim.rest.state.log.filter((e) => e.method !== 'OPTIONS'), []);
  await page.context().close();
});
