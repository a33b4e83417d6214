// What the README's FAQ promises about a form on another origin: without configuration, the portal
// client refuses at once with ORIGIN_REJECTED (Chromium tells the frame its parent's origin through
// location.ancestorOrigins) and posts nothing; with allowedOrigins naming the portal, it works.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPortal, capture, receivedByPortal } from './helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

for (const form of ['iife', 'esm']) {
  test(`a cross-origin form with no options: ORIGIN_REJECTED naming the portal, nothing posted (${form} build)`, async () => {
    const page = await env.page();
    const frame = await openPortal(page, env.sim, `form=${form}&origin=cross`);
    const portalOrigin = env.sim.portalOrigin;
    assert.notEqual(await frame.evaluate(() => location.origin), portalOrigin);
    const before = await page.evaluate(() => window.sim.received.length);
    const results = await frame.evaluate(async () => {
      // Default options: only the form's own origin is trusted; the default call timeout is long,
      // so a TIMEOUT here would mean the client posted and waited instead of refusing.
      const portal = window.crm.bridge.connectPortal();
      const outcome = async (p) => p.then(() => ({ ok: true }), (e) => ({ code: e.code, message: e.message }));
      const out = [
        await outcome(portal.call({ campaign: 'Sales->', destination: '099123456' })),
        await outcome(portal.hangup()),
        await outcome(portal.disposition({ l1: 'Sale' })),
      ];
      portal.destroy();
      return out;
    });
    for (const r of results) {
      capture('error', r.message);
      assert.equal(r.code, 'ORIGIN_REJECTED', r.message);
      assert.ok(r.message.includes(portalOrigin), r.message);
    }
    // Ordered after all the form posted: a message of the form's own, posted last, reached the portal.
    assert.deepEqual(await receivedByPortal(page, frame, before), [], 'nothing reached the portal');
  });
}

test('the same form with allowedOrigins naming the portal: the call goes through, via Porthole', async () => {
  const page = await env.page();
  const frame = await openPortal(page, env.sim, 'form=iife&origin=cross');
  const result = await frame.evaluate(async (origin) => {
    const portal = window.crm.bridge.connectPortal({ allowedOrigins: origin });
    try {
      return await portal.call({ campaign: 'Sales->', destination: '099123456' });
    } finally {
      portal.destroy();
    }
  }, env.sim.portalOrigin);
  assert.equal(result.via, 'porthole');
  assert.equal(result.action, 'call');
});
