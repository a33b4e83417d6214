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
