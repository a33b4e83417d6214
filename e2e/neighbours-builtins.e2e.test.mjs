// The library in a CRM page that carries other libraries changing built-ins before ours loads, in
// real Chromium through the built bundles (script tag and ES module). Each environment is made by
// e2e/pages/neighbours-env.js, reproducing the library's own code (named there).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPortal } from './helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

/** The neighbours page with `envs` as the form of the simulated portal, on the other origin. */
async function openForm(page, envs, build) {
  const url = `${env.sim.formOrigin}/e2e/neighbours.html?env=${envs}&build=${build}&portal=${encodeURIComponent(env.sim.portalOrigin)}`;
  return openPortal(page, env.sim, `formUrl=${encodeURIComponent(url)}`);
}

const LIBRARIES = { 'prototype-from': "Prototype.js's Array.from ($A) and Array#map", 'mootools-from': "MooTools 1.4's Array.from" };
for (const [envs, library] of Object.entries(LIBRARIES)) for (const build of ['iife', 'esm']) {
  test(`${library} (no map function): every list is still checked before it goes out (${build} build)`, async () => {
    env.sim.rest.reset();
    const page = await env.page();
    const frame = await openForm(page, envs, build);
    const r = await frame.evaluate(async (origin) => {
      const { bridge, portal } = window.crm;
      const settle = (f) => Promise.resolve().then(f).then(
        (v) => ({ ok: true, v: v === undefined ? null : v }),
        (e) => ({ ok: false, code: bridge.isBridgeError(e) ? e.code : `not a BridgeError: ${e && e.name}`, message: bridge.isBridgeError(e) ? e.message : '' }));
      const api = bridge.createApiTokenClient({ baseUrl: origin, token: 'ucx-sim-api-token-0001' });
      return {
        // JSON has no BigInt (JSON.stringify throws a TypeError) and no function (written as null).
        bigint: await settle(() => portal.send({ action: 'lists', ids: [1, 2n] }, { timeoutMs: 3000 })),
        fn: await settle(() => portal.send({ action: 'lists', ids: [1, () => 2] }, { timeoutMs: 3000 })),
        // A `;` in an alternative would end the Respool's field on the dialer's side.
        respool: await settle(() => bridge.respoolBuilder(bridge.parseCti({ Guid: 'g', Dialer: { campaign: 'C', destination: '099123456', status: 1, contact: 2, dialerbase: 3, data: '' } }).dialer).setAlternatives(['098111222', 'x;y']).build()),
        // A number where the API takes text.
        leads: await settle(() => api.freshLeads('Sales', { leads: [{ clientIds: ['099123456', 98111222] }] }, { timeoutMs: 3000 })),
      };
    }, env.sim.portalOrigin);
    assert.deepEqual(Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v.code ?? 'sent'])), {
      bigint: 'INVALID_ARGUMENT', fn: 'INVALID_ARGUMENT', respool: 'INVALID_ARGUMENT', leads: 'INVALID_ARGUMENT',
    }, JSON.stringify(r));
    assert.match(r.respool.message, /alternatives\[1\]/);
    assert.match(r.bigint.message, /ids\[1\]/);
    assert.match(r.leads.message, /leads\[0\]\.clientIds\[1\]/);
    const received = await page.evaluate(() => window.sim.received.map((x) => x.data.action));
    assert.deepEqual(received.filter((a) => a !== 'ready'), [], 'nothing reached the portal');
    assert.deepEqual(env.sim.rest.state.freshLeads, [], 'no lead reached the REST API');
    await page.context().close();
  });
}
