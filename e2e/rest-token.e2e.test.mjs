// The API-token client (contract section 9) in Chromium with the built bundles (script tag and ES
// module), on the REST simulator's origin and on the other origin (through CORS: the Bearer header
// and the JSON body make every request preflighted): its methods reach the instance, a webhook gets
// no token, a redirect to a third origin is refused and that origin receives nothing.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openRestPage, useRestEnv } from './helpers.mjs';

const TOKEN = 'ucx-sim-api-token-0001';
// The simulator with Chromium (ctx.env) and a third origin (ctx.third): a followed redirect would reach it.
const ctx = {};
useRestEnv(ctx);

const open = (origin, bundle) => openRestPage(ctx.env, origin, bundle);
const CLIENT = 'const api = bridge.createApiTokenClient({ baseUrl: arg.baseUrl, token: arg.token, log });';
const run = (page, code, arg = {}) => page.evaluate(([c, a]) => window.run(c, a), [code, { baseUrl: ctx.env.sim.portalOrigin, token: TOKEN, ...arg }]);

for (const [origin, bundle] of [['cross', 'iife'], ['cross', 'esm'], ['same', 'iife'], ['same', 'esm']]) {
  describe(`${origin} origin, ${bundle} bundle`, () => {
    test('a list, a fresh lead, the messages and a webhook reach the instance; the webhook gets no token', async () => {
      const page = await open(origin, bundle);
      const r = await run(page, `${CLIENT}
        const list = await api.loadList('Sales', { filename: 'november.csv', list: [{ clientIds: ['099123456'], Name: 'Ana' }] });
        const lead = await api.freshLeads('Sales', { clientIds: ['099123457'], timezone: 'America/Montevideo' });
        const messages = await api.interactionMessages('int-0001', { lastMessage: 2, limit: 2 });
        const hook = await api.webhook('new-lead', { phone: '099123456' });
        return { list: list.result.status, lead, ids: messages.map((m) => m.id), hook };`);
      assert.equal(r.ok, true, JSON.stringify(r));
      assert.deepEqual(r.value, { list: 'loading', lead: { result: { accepted: 1 } }, ids: [3, 4], hook: { result: { result: 'ok' } } });
      const state = ctx.env.sim.rest.state;
      assert.deepEqual(state.lists.map((l) => [l.hub, l.contacts]), [['Sales', 1]]);
      assert.deepEqual(state.webhooks.map((w) => [w.name, w.contentType, w.authorization]), [['new-lead', 'json', false]]);
      if (origin === 'cross') assert.ok(state.log.some((e) => e.method === 'OPTIONS' && e.outcome === 'preflight'), 'preflighted');
      await page.context().close();
    });

    test('a 307 to a third origin is refused: REDIRECT_REFUSED, nothing reaches it, the token least of all', async () => {
      const page = await open(origin, bundle);
      ctx.env.sim.rest.faults.redirect({ status: 307, location: `${ctx.third.url}/steal`, path: '/api/interactions/id/int-0001/messages', count: 3 });
      const r = await run(page, `${CLIENT} return api.interactionMessages('int-0001');`);
      assert.deepEqual([r.ok, r.code, r.guard], [false, 'REDIRECT_REFUSED', true], JSON.stringify(r));
      assert.ok(!r.message.includes(TOKEN));
      const bad = await run(page, `${CLIENT} return api.request('GET', arg.url);`, { url: `${ctx.third.url}/steal` });
      assert.deepEqual([bad.ok, bad.code], [false, 'INVALID_ARGUMENT']);
      assert.deepEqual(ctx.third.hits, []);
      assert.equal(ctx.env.sim.rest.state.log.filter((e) => e.path.startsWith('/api/interactions/') && e.method === 'GET').length, 1, 'not retried');
      await page.context().close();
    });
  });
}
