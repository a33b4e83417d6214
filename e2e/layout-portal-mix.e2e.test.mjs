// A form of the portal (same origin, the form framework loaded) with a second copy of the library:
// the sample form's ES module client and the full script tag's client, in Chromium with the built
// bundles, mix the framework's helpers (`use: 'framework'`, the default where they exist) and
// Porthole (`use: 'porthole'`) at the same time, each answered late. Every result must be its own
// request's: a framework call's guid from UC_makeCall_async for that number, a Porthole call's guid
// from the portal's reply to that call, never the other's.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPortal } from './helpers.mjs';
import { frameworkLog, mixCalls } from './scenarios/portal-layouts.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

for (const [first, second] of [['framework', 'porthole'], ['porthole', 'framework']]) {
  test(`two copies in a framework form, ${first} and ${second} calls at once, each answered late: every call gets its own guid`, async () => {
    const page = await env.page();
    const frame = await openPortal(page, env.sim, 'form=esm&mode.call=late:300&mode.tag=late:250&mode.UC_makeCall_async=late:200&mode.UC_TagRecord=late:150');
    const r = await frame.evaluate(mixCalls, [first, second]);
    assert.equal(r.framework, 'loaded');
    for (const c of r.calls) assert.equal(c.via, c.use, JSON.stringify(c));
    // Porthole: the portal's replies, in the order its calls were sent.
    const portal = await page.evaluate(() => ({
      calls: window.sim.received.map((x) => x.data).filter((d) => d.action === 'call').map((d) => d.destination),
      guids: window.sim.replies.filter((x) => 'guid' in x).map((x) => x.guid),
    }));
    const byNumber = Object.fromEntries(portal.calls.map((n, i) => [n, portal.guids[i]]));
    // Framework: what UC_makeCall_async returned for each number.
    for (const e of await page.evaluate(frameworkLog)) byNumber[e.args[2]] = e.result;
    assert.equal(Object.keys(byNumber).length, 6, JSON.stringify(byNumber));
    for (const c of r.calls) assert.equal(c.guid, byNumber[c.n], `${c.n} over ${c.use} got its own guid`);
    assert.deepEqual(r.tags.map((t) => [t.t, t.via, t.confirmed]), [['ta', first, true], ['tb', second, true], ['tc', first, true], ['td', second, true]]);
    await page.context().close();
  });
}
