// The REST client from a browser: the CRM form calls the simulator's REST API with an agent
// session (cross-origin through CORS, and same-origin), and the portal shows the change. Outside
// the portal, Call and Hang up go over REST.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPortal, waitFor } from './helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

for (const [form, origin] of [['iife', 'cross'], ['esm', 'same']]) {
  test(`the form blacklists the caller over REST and the portal shows it (${form}, ${origin} origin)`, async () => {
    env.sim.rest.reset();
    const page = await env.page();
    const frame = await openPortal(page, env.sim, `form=${form}&origin=${origin}`);
    await frame.fill('#destination', '098555123');
    await frame.click('#btn-blacklist');
    await waitFor(() => frame.evaluate(() => window.crm.results.length > 0));
    const result = await frame.evaluate(() => window.crm.results[0]);
    assert.deepEqual([result.label, result.value, result.error], ['addBlacklist', 'blacklisted', false]);
    assert.deepEqual(env.sim.rest.state.blacklist.map((b) => [b.phone, b.campaign]), [['098555123', 'Sales->']]);
    await waitFor(async () => /098555123/.test(await page.textContent('[data-state="blacklist"]').catch(() => '')));
    // The page shows each list's count and its last three entries, and asks for no more: the whole
    // state grows with every call of the day, and the page polls it every second.
    const polls = [];
    page.on('request', (r) => { if (new URL(r.url()).pathname === '/sim/state') polls.push(new URL(r.url()).search); });
    for (let i = 0; i < 4; i++) env.sim.rest.state.blacklist.push({ phone: `09800000${i}`, campaign: 'Sales->' });
    await waitFor(async () => (await page.textContent('#rest-state').catch(() => '')).includes('blacklist ×5'));
    assert.deepEqual(JSON.parse(await page.textContent('[data-state="blacklist"]')).map((b) => b.phone), ['098000001', '098000002', '098000003']);
    assert.ok(polls.length > 0 && polls.every((q) => q === '?tail=3'), polls.join(' '));
    const summary = await frame.evaluate(() => window.crm.rest().campaignsSummary());
    assert.ok(Array.isArray(summary) && summary.length > 0);
    await page.context().close();
  });
}

test('a standalone form (not in the portal) calls and hangs up over REST', async () => {
  env.sim.rest.reset();
  const page = await env.page();
  await page.goto(`${env.sim.formOrigin}/forms/crm.html?fallback=rest&portal=${encodeURIComponent(env.sim.portalOrigin)}`);
  await waitFor(() => page.evaluate(() => window.crm?.ready === true));
  assert.equal(await page.textContent('#embedded'), 'false');
  await page.click('#btn-call');
  await waitFor(() => page.evaluate(() => window.crm.results.length > 0));
  const call = await page.evaluate(() => window.crm.results[0]);
  assert.equal(call.error, false, JSON.stringify(call));
  assert.equal(call.value.via, 'rest');
  assert.equal(env.sim.rest.state.calls.length, 1);
  assert.equal(call.value.guid, env.sim.rest.state.calls[0].guid);
  await page.click('#btn-hangup');
  await waitFor(() => page.evaluate(() => window.crm.results.length > 1));
  const hang = await page.evaluate(() => window.crm.results.find((r) => r.label === 'hangup'));
  assert.deepEqual(hang.value, { action: 'hangup', confirmed: true, via: 'rest' });
  assert.equal(env.sim.rest.state.hangups.length, 1);
  await page.context().close();
});

// A page ends its session as it goes: close() from a pagehide listener. Chromium cancels every
// request of a document that goes away, unless the request is keepalive. The server is slow to take
// EndSession: a request the browser cancelled as the page went is never run, whatever the race.
for (const [build, origin] of [['iife', 'cross'], ['esm', 'same']]) {
  test(`close() in a pagehide listener ends the session on the server as the page goes (${build}, ${origin} origin)`, async () => {
    const page = await env.page();
    await page.goto(`${origin === 'same' ? env.sim.portalOrigin : env.sim.formOrigin}/e2e/rest.html${build === 'esm' ? '?esm' : ''}`);
    await waitFor(() => page.evaluate(() => window.ready === true));
    env.sim.rest.reset();
    const summary = await page.evaluate((baseUrl) => {
      const uc = window.bridge.createUContactClient({ baseUrl, credentials: { user: 'supervisor', password: 'Sup3r-s3cret' } });
      addEventListener('pagehide', () => { uc.close().catch(() => {}); });
      return uc.campaignsSummary().then((v) => Array.isArray(v));
    }, env.sim.portalOrigin);
    assert.equal(summary, true);
    assert.deepEqual(env.sim.rest.state.sessions, { userLogins: 1, agentLogins: 0, endSessions: 0, active: 1 });
    // The server reads EndSession a second after it came: a request cancelled meanwhile is never run.
    env.sim.rest.faults.delay({ ms: 1000, path: 'auth/EndSession' });
    await page.goto(`${env.sim.portalOrigin}/e2e/rest.html`);
    await waitFor(() => env.sim.rest.state.sessions.endSessions === 1, 5000).catch(() => {});
    assert.deepEqual(env.sim.rest.state.sessions, { userLogins: 1, agentLogins: 0, endSessions: 1, active: 0 }, 'EndSession reached the server');
    await page.context().close();
  });
}
