// Same-origin sibling forms in one portal, in real Chromium (issue #16, item 4): sessionStorage is
// shared by every same-origin frame of the tab, so the reload slots must be the frame's own. A
// sibling's unload must not overwrite the reloading form's slots, and a sibling's first call must
// not wait on another frame's slot. The host is e2e/pages/siblings.html (a stand-in portal
// answering in Porthole envelopes); the forms are e2e/pages/lifecycle.html on the same origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, waitFor } from './helpers.mjs';
import { CALL, hostAnswer, timedCall, timedResult } from './scenarios/portal-layouts.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });


async function openHost(page, frames = 'formA,formB') {
  await page.goto(`${env.sim.portalOrigin}/e2e/siblings.html?frames=${frames}`);
  for (const name of frames.split(',')) await ready(page, name);
}
/** Waits for the form in frame `name` to be ready: a new document when the old one was `marked`. */
async function ready(page, name) {
  return waitFor(async () => {
    const f = page.frame({ name });
    return f && (await f.evaluate(() => window.crm?.ready === true && !window.marked).catch(() => false)) && f;
  });
}

test("a sibling form's unload does not overwrite the reloading form's slots (same origin)", async () => {
  const page = await env.page();
  await openHost(page);
  // The portal answers nothing by itself: the test gives the old call's answer once the reloaded
  // form has called, then the new call's (a 3 s late answer raced the reloads below, which took up
  // to 730 ms on a loaded machine). A call made right after a reload must not get the old one's.
  await page.evaluate(() => window.host.setMode('silent'));
  const b = page.frame({ name: 'formB' });
  await b.evaluate(() => { window.client = window.connect(); }); // a form with nothing pending
  const a = page.frame({ name: 'formA' });
  await a.evaluate((args) => { window.connect().call(args).catch(() => {}); }, CALL);
  await waitFor(() => page.evaluate(() => window.host.received.length === 1));
  // Form A goes away (its pagehide saves its slots), then form B reloads (its pagehide runs after).
  await a.evaluate(() => { window.marked = true; });
  await page.evaluate(() => window.host.load('formA', 'about:blank'));
  await b.evaluate(() => { window.marked = true; location.reload(); });
  await ready(page, 'formB');
  // Form A comes back and calls before the old call's answer has come.
  await page.evaluate(() => window.host.load('formA'));
  const a2 = await ready(page, 'formA');
  await a2.evaluate(timedCall, { args: CALL, timeoutMs: 20_000 });
  const answer = () => page.evaluate(hostAnswer, 'formA');
  await answer(); // the old call's
  await waitFor(() => page.evaluate(() => window.host.received.length === 2));
  await answer(); // the new call's
  const r = await a2.evaluate(timedResult);
  const host = await page.evaluate(() => ({ guids: window.host.guids, replies: window.host.replies }));
  assert.ok(r.calledAt < host.replies[0].at, 'precondition: the new call was made before the old answer came');
  assert.equal(r.r.ok, true, r.r.message);
  assert.equal(host.guids.length, 2);
  assert.equal(r.r.v.guid, host.guids[1], "the reloaded form took its old call's guid");
  await page.context().close();
});

test("a sibling's first call is not held back by another frame's slot (same origin)", async () => {
  const page = await env.page();
  await openHost(page);
  await page.evaluate(() => window.host.setMode('late', 3000, 1));
  const a = page.frame({ name: 'formA' });
  await a.evaluate((args) => { window.connect({ lateReplyWindowMs: 30_000 }).call(args).catch(() => {}); }, CALL);
  await waitFor(() => page.evaluate(() => window.host.received.length === 1));
  await page.evaluate(() => window.host.load('formA', 'about:blank')); // form A's slot is saved
  const b = page.frame({ name: 'formB' });
  const r = await b.evaluate((args) => window.settle(window.connect().call(args, { timeoutMs: 1500 })), CALL);
  const host = await page.evaluate(() => ({ guids: window.host.guids, received: window.host.received.map((x) => x.frame) }));
  assert.equal(r.ok, true, `form B's first call: ${r.code} ${r.message}`);
  assert.deepEqual(host.received, ['formA', 'formB']);
  assert.equal(r.v.guid, host.guids[1]);
  await page.context().close();
});
