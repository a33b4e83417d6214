// A write the server acted on, then whose kept-alive connection closed before any answer: the
// library sends it once, but Chromium (as Firefox and Deno) resends such a request on a new
// connection by itself. Against the simulator's records: the call is placed twice, the calls-base
// chunk stored twice, and the library, which saw only the resend's answer, reports one success.
// README says so ("Writes are sent once"): this pins what it says to what the browser does.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { openRestPage, useRestEnv } from './helpers.mjs';

const ctx = {};
useRestEnv(ctx);

const USER = { user: 'supervisor', password: 'Sup3r-s3cret' };
const CALL = { agent: 'agent1001', phone: '1001', context: 'from-internal', outqueue: 'Sales->', destination: '099123456' };
const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8').replace(/\s+/g, ' ');
const run = (page, code, arg) => page.evaluate(([c, a]) => window.run(c, a), [code, { baseUrl: ctx.env.sim.portalOrigin, credentials: USER, ...arg }]);
// The client logs in first (campaignsSummary): its connection is kept alive and the write reuses it.
const WARM = 'window.uc = bridge.createUContactClient({ baseUrl: arg.baseUrl, credentials: arg.credentials, log }); await uc.campaignsSummary();';

for (const origin of ['same', 'cross']) {
  describe(`${origin} origin`, () => {
    test('AgentCall reset after the server placed the call: Chromium sends it again, the customer is dialed twice, as README says', async () => {
      const page = await openRestPage(ctx.env, origin, 'iife');
      await run(page, WARM);
      ctx.env.sim.rest.faults.drop({ path: 'Agents/AgentCall', after: true });
      const r = await run(page, 'return uc.agentCall(arg.call);', { call: CALL });
      const { calls, log } = ctx.env.sim.rest.state;
      assert.equal(r.ok, true, JSON.stringify(r));
      assert.deepEqual(log.filter((e) => e.path === 'Agents/AgentCall').map((e) => e.outcome), ['ok+fault:dropped', 'ok']);
      assert.equal(calls.length, 2, 'the browser resent the write');
      assert.equal(r.value, calls[1].guid, "the library saw the resend's answer only");
      assert.ok(/a write can reach uContact twice[^.]*Chromium/.test(README), 'README names Chromium among the resending fetches');
      await page.context().close();
    });

    test('a calls-base chunk reset after it was stored: stored twice, reported stored once', async () => {
      const page = await openRestPage(ctx.env, origin, 'iife');
      await run(page, WARM);
      ctx.env.sim.rest.faults.drop({ path: 'Dialers/uploadbase', after: true });
      const r = await run(page, `return uc.uploadCallsBase({ campaign: 'Sales->', filename: 'nov', records: [{ phone: '099111222' }, { phone: '099333444' }] });`);
      assert.equal(r.ok, true, JSON.stringify(r));
      assert.deepEqual([r.value.stored, r.value.uploaded], [['nov'], 2]);
      assert.deepEqual(ctx.env.sim.rest.state.bases.map((b) => [b.filename, b.lines]), [['nov', 2], ['nov', 2]]);
      assert.ok(/a write can reach uContact twice[^.]*calls-base chunk/.test(README), 'README says a calls-base chunk can be stored twice');
      await page.context().close();
    });
  });
}
