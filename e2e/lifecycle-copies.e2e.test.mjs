// Copies of the library in one form, in real Chromium (issue #16, item 1): the full script tag with
// the portal-only script tag, and the script tag with the ES module entry, each pair with calls
// from both copies in flight at once. Replies carry no id, so the copies must queue in one set of
// lanes: each call resolves with its own guid, and the form has one message listener.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPortal } from './helpers.mjs';
import { CALL, copiesCalls, copiesSends } from './scenarios/portal-layouts.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const copiesForm = (origin) => {
  const base = origin === 'cross' ? env.sim.formOrigin : env.sim.portalOrigin;
  return `formUrl=${encodeURIComponent(`${base}/e2e/copies.html?portal=${encodeURIComponent(env.sim.portalOrigin)}`)}`;
};

for (const [first, second] of [['iife', 'portalMin'], ['iife', 'esm'], ['esm', 'portalMin']]) {
  for (const origin of ['same', 'cross']) {
    test(`two copies in one form (${first} + ${second}, ${origin} origin): each call gets its own guid`, async () => {
      const page = await env.page();
      const frame = await openPortal(page, env.sim, `${copiesForm(origin)}&mode.call=late:300&mode.callWithPhone=late:300`);
      // Both in flight at once: the first copy's call, the second copy's callWithPhone.
      const r = await frame.evaluate(copiesCalls, [first, second, CALL]);
      const sim = await page.evaluate(() => ({ received: window.sim.received.map((x) => x.data.action), guids: window.sim.guids }));
      assert.ok(r.distinct, 'two distinct copies of the library');
      assert.deepEqual(r.results.map((x) => x.ok), [true, true], JSON.stringify(r.results));
      assert.deepEqual(sim.received, ['call', 'callWithPhone']);
      assert.equal(sim.guids.length, 2);
      assert.deepEqual(r.results.map((x) => x.v.guid), sim.guids, 'each copy got its own call\'s guid');
      assert.deepEqual([r.listeners, r.after], [1, 0], 'one message listener for both copies');
      await page.context().close();
    });
  }
}

// Not only the calls' lane: a deployment's own action awaited by two copies at once. Each copy
// must get the reply to its own message (the portal echoes what it received).
for (const origin of ['same', 'cross']) {
  test(`two copies in one form (iife + esm, ${origin} origin): a raw send's reply lane is shared, each send gets its own reply`, async () => {
    const page = await env.page();
    const frame = await openPortal(page, env.sim, copiesForm(origin));
    await page.evaluate(() => window.sim.setReply('saveLead', 'action'));
    const r = await frame.evaluate(copiesSends);
    assert.deepEqual(r.map((x) => x.ok), [true, true], JSON.stringify(r));
    assert.deepEqual(r.map((x) => x.v.reply.received.who), ['iife', 'esm'], 'each copy got the reply to its own message');
    assert.deepEqual(await page.evaluate(() => window.sim.received.map((x) => x.data.who)), ['iife', 'esm']);
    await page.context().close();
  });
}
