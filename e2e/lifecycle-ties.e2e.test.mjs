// This session's portal fixes in real Chromium with the built script tag (the unit tests modelled
// them with stand-in windows): a real reload (pagehide, sessionStorage) keeps a lane's slots in the
// order the old page sent them, and a page whose timers run late (a busy main thread) never posts a
// queued request at or after its deadline, nor while destroy() gives its requests up.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPortal, waitFor, lifecycleForm as formFor } from './helpers.mjs';
import { CALL, assertBusyLate, busyDestroy, busyLate, installBusy } from './scenarios/portal-layouts.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const lifecycleForm = (origin) => formFor(env.sim, origin);
const sleepUntil = (t) => new Promise((r) => setTimeout(r, Math.max(0, t - Date.now())));

// Same origin only: the slots live in sessionStorage, which Chromium denies to a cross-site frame.
// The old page sends two unconfirmed tags (windows closing at 6 s and 9 s after the first) and
// reloads; the new page's confirmed tag waits for both windows. The portal answers both old tags
// late: the first before 6 s, the second between 6 s and 9 s. Restored newest first, the first
// answer took the second tag's slot, the new tag went out at 6 s, and the second answer confirmed it.
test('a real reload keeps its slots oldest first: the old page\'s second late answer never confirms the new page\'s tag (same origin)', async () => {
  const page = await env.page();
  let frame = await openPortal(page, env.sim, `${lifecycleForm('same')}&mode.tag=silent`);
  await frame.evaluate(() => { window.client = window.connect({ lateReplyWindowMs: 6000 }); return window.client.tag({ tag: 'one' }); });
  const t0 = Date.now();
  await sleepUntil(t0 + 3000);
  await frame.evaluate(() => window.client.tag({ tag: 'two' }));
  await frame.evaluate(() => { window.beforeReload = true; location.reload(); });
  frame = await waitFor(async () => {
    const f = page.frame({ name: 'crmForm' });
    return f && (await f.evaluate(() => window.crm?.ready && !window.beforeReload).catch(() => false)) && f;
  });
  const saved = await frame.evaluate(() => Object.keys(sessionStorage).length);
  assert.ok(saved > 0, 'the reload kept its slots in sessionStorage');
  await frame.evaluate(() => {
    window.mine = { settled: false };
    // The hub tells its clients of each answer an old slot swallowed ('stale-reply'): proof that an
    // answer was heard and not taken as this tag's.
    window.swallowed = 0;
    const log = (e) => { if (e.type === 'stale-reply') window.swallowed++; };
    window.settle(window.connect({ log }).tag({ tag: 'three' }, { confirm: true, timeoutMs: 30_000 }))
      .then((r) => Object.assign(window.mine, r, { settled: true }));
  });
  const answer = () => page.evaluate(() => window.sim.sendEvent({ action: 'tag', result: '1' }));
  assert.ok(Date.now() < t0 + 5500, `reloaded too late for the test (${Date.now() - t0} ms)`);
  await answer(); // the portal's late answer to 'one'
  await sleepUntil(t0 + 7000); // 'one's window has closed; 'two's is open until 9 s
  assert.ok(Date.now() < t0 + 8500, `too late for the test (${Date.now() - t0} ms)`);
  const posted = await page.evaluate(() => window.sim.received.map((x) => x.data.tag));
  assert.deepEqual(posted, ['one', 'two'], "the new page's tag went out while the window of the old page's second tag was open");
  await answer(); // the portal's late answer to 'two', within its window
  // Until the form heard it: swallowed by 'two's slot, or taken by the new tag (a fixed pause passed
  // when the answer came after it, and the new tag then settled unnoticed).
  await waitFor(() => frame.evaluate(() => window.swallowed === 2 || window.mine.settled), 5_000);
  assert.equal(await frame.evaluate(() => window.mine.settled), false, "the answer to the old page's second tag confirmed the new page's tag");
  assert.equal(await frame.evaluate(() => window.swallowed), 2, "the old page's slots swallowed both late answers");
  await waitFor(() => page.evaluate(() => window.sim.received.length === 3), 5_000);
  await answer();
  await waitFor(() => frame.evaluate(() => window.mine.settled));
  const mine = await frame.evaluate(() => window.mine);
  assert.equal(mine.ok, true, mine.message);
  assert.equal(mine.v.confirmed, true);
  await page.context().close();
});

// A page with the portal (its calls never answered) and the lifecycle form, which can run `busy`
// (installBusy: a task holding the main thread, as a heavy render or a sync XHR).
/**
 * What the portal received from the form, read once it heard a marker (an unconfirmed tag of a new
 * client) posted after every timer of the form already due: a call the page posted before, late
 * timer or not, came before the marker on the same path (a fixed pause read too early under load).
 */
async function receivedBeforeMarker(page, frame) {
  await frame.evaluate(() => new Promise((res) => setTimeout(() => res(window.connect().tag({ tag: 'marker' })), 1)));
  await waitFor(() => page.evaluate(() => window.sim.received.some((x) => x.data.tag === 'marker')));
  return page.evaluate(() => window.sim.received.map((x) => x.data.action));
}

async function busyPortal(origin) {
  const page = await env.page();
  const frame = await openPortal(page, env.sim, `${lifecycleForm(origin)}&mode.call=silent`);
  await frame.evaluate(installBusy);
  return { page, frame };
}

for (const origin of ['cross', 'same']) {
  // x times out at 200 ms, its late window closes at 500 (the lane's timer); a, queued behind it,
  // is due at 600 (the client's alarm). The page is busy from 350 to 900: both timers run late, the
  // lane's first. It posted a, 300 ms after its deadline, and the alarm gave a up at once "(the
  // request was sent)": the portal dialled a call its caller was told had timed out.
  test(`a page whose timers run late never posts a queued call at or after its deadline (${origin} origin)`, async () => {
    const { page, frame } = await busyPortal(origin);
    assertBusyLate(await frame.evaluate(busyLate, CALL));
    assert.deepEqual(await receivedBeforeMarker(page, frame), ['call', 'tag'], 'a call was posted after its deadline');
    await page.context().close();
  });

  // The same busy page destroys its client at 700: x's window closed at 500, its timer has not run.
  // destroy() gave up a, the lane saw the window closed and posted b, of the client being
  // destroyed, given up at once.
  test(`destroy() on a page whose timers run late posts nothing (${origin} origin)`, async () => {
    const { page, frame } = await busyPortal(origin);
    const r = await frame.evaluate(busyDestroy, CALL);
    assert.ok(r.at >= 700, `destroyed at ${r.at} ms`);
    assert.deepEqual([r.x.code, r.a.code, r.b.code], ['TIMEOUT', 'DESTROYED', 'DESTROYED']);
    assert.deepEqual(await receivedBeforeMarker(page, frame), ['call', 'tag'], 'destroy() posted a request');
    await page.context().close();
  });
}
