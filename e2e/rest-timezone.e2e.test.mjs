// Time zones in Chromium with the built bundles: a zone is an IANA name. Chromium's Intl takes UTC
// offsets ('+05:30', '-0300') as zones where Node 20's does not, so the same argument was refused in
// Node and sent from a page: a calls base's `timezone: '+05:30'`, which a server that looks zones up
// by name does not know (Java's TimeZone.getTimeZone answers GMT for it: the base dials in UTC).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openRestPage, useRestEnv } from './helpers.mjs';
import { ENGINE_CHECKS, assertEngineChecks, closedOrigin, engineChecksArg } from './engine-checks.mjs';

const ctx = {};
useRestEnv(ctx);

const USER = { user: 'supervisor', password: 'Sup3r-s3cret' };
const run = (page, code, arg) => page.evaluate(([c, a]) => window.run(c, a), [code, { baseUrl: ctx.env.sim.portalOrigin, credentials: USER, ...arg }]);
const OFFSETS = ['+05:30', '-0300', '+14:00'];

for (const bundle of ['iife', 'esm']) {
  test(`an offset is no time zone: refused before anything is sent, as in Node (${bundle})`, async () => {
    const page = await openRestPage(ctx.env, 'same', bundle);
    const engine = await page.evaluate(() => { try { return new Intl.DateTimeFormat('en-US', { timeZone: '+05:30' }).resolvedOptions().timeZone; } catch { return 'refused'; } });
    assert.equal(engine, '+05:30', 'this Chromium takes offsets as zones: the case the library must refuse itself');
    for (const zone of OFFSETS) {
      const up = await run(page, `const uc = bridge.createUContactClient({ baseUrl: arg.baseUrl, credentials: arg.credentials, log });
        return uc.uploadCallsBase({ campaign: 'Promo->', filename: 'tz', records: [{ phone: '099123456' }], timeZone: arg.zone });`, { zone });
      assert.deepEqual([up.ok, up.code, up.guard], [false, 'INVALID_ARGUMENT', true], `${zone}: ${JSON.stringify(up)}`);
      assert.match(up.message, /timeZone must be local, UTC or an IANA time zone name/);
      const range = await run(page, `const uc = bridge.createUContactClient({ baseUrl: arg.baseUrl, credentials: arg.credentials, log });
        return uc.getRecordings({ from: new Date(0), to: new Date(), timeZone: arg.zone });`, { zone });
      assert.deepEqual([range.ok, range.code], [false, 'INVALID_ARGUMENT'], `${zone}: ${JSON.stringify(range)}`);
    }
    assert.deepEqual(ctx.env.sim.rest.state.bases, []);
    const named = await run(page, `const uc = bridge.createUContactClient({ baseUrl: arg.baseUrl, credentials: arg.credentials, log });
      return uc.getRecordings({ from: new Date(0), to: new Date(), timeZone: 'Asia/Kathmandu' });`);
    assert.equal(named.ok, true, JSON.stringify(named));
    await page.context().close();
  });
}

// The engine checks Firefox and WebKit run too (e2e/engine-checks.mjs): this Chromium's Intl takes
// 'Factory', which the rule refuses as Node 20's Intl does.
test('time zone verdicts, fall-back widening and a NETWORK_ERROR\'s scrubbed cause as in Node (e2e/engine-checks.mjs)', async () => {
  const page = await openRestPage(ctx.env, 'cross', 'iife');
  const result = await page.evaluate(([c, a]) => window.run(c, a), [ENGINE_CHECKS, engineChecksArg(await closedOrigin())]);
  assert.equal(assertEngineChecks(result).intlFactory, 'Factory', 'this Chromium takes Factory as a zone: the case the rule must refuse itself');
  await page.context().close();
});
