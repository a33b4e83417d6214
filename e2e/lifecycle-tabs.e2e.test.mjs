// Several tabs and windows of one browser: what a copy of a tab (a duplicated tab, a popup opened
// with window.open, both of which get a copy of the tab's sessionStorage in Chromium) inherits from
// the form of the tab it was copied from. Only the next document of the same frame may take reload
// slots (docs/correlation.md, section 4).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPortal, waitFor, lifecycleForm as formFor, openPortalPopup, PARTITIONED_STORAGE } from './helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const CALL = { campaign: 'Sales->', destination: '099123456' };
const lifecycleForm = () => formFor(env.sim);

test('a popup of the portal (a copy of the tab\'s sessionStorage) does not inherit the slots a remounted form saved', async () => {
  const page = await env.page();
  const frame = await openPortal(page, env.sim, lifecycleForm());
  await page.evaluate(() => window.sim.setMode('call', 'silent'));
  // A call on the wire, then a remount (destroy the last client, connect again): the destroy saves
  // the frame's state for a reload that does not come.
  await frame.evaluate(async (args) => {
    const first = window.connect();
    first.call(args, { timeoutMs: 60_000 }).catch(() => {});
    await new Promise((r) => setTimeout(r, 50));
    first.destroy();
    window.again = window.connect();
  }, CALL);
  await waitFor(() => page.evaluate(() => window.sim.received.length === 1));
  // The portal opens itself in a popup: Chromium copies the tab's sessionStorage into it.
  const { popup, copy } = await openPortalPopup(page);
  const r = await copy.evaluate((args) => window.settle(window.connect().call(args, { timeoutMs: 3000 })), CALL);
  assert.equal(r.ok, true, r.message);
  assert.equal(r.v.guid, (await popup.evaluate(() => window.sim.guids))[0], 'the popup\'s form got its own call\'s guid');
  // The remounted form still keeps its slot across a real reload: the pagehide save.
  await frame.evaluate(() => { location.reload(); });
  let reloaded;
  await waitFor(async () => {
    reloaded = page.frame({ name: 'crmForm' });
    return reloaded?.evaluate(() => window.crm?.ready === true && !window.again).catch(() => false);
  });
  assert.match(await reloaded.evaluate(() => sessionStorage.getItem('ucontact-bridge.pending:/0:crmForm') ?? ''), /"guid":\[\[/);
  await page.context().close();
});

/**
 * Chromium's "Duplicate tab", which no driver command does: a new tab of the same page, given a copy
 * of the tab's sessionStorage taken now (a copy of every origin's, set by each document before its
 * own scripts run). The new tab's form frame, once its form is ready.
 */
async function duplicateTab(page) {
  const copied = await page.evaluate(() => JSON.stringify(Object.entries(sessionStorage)));
  const tab = await page.context().newPage();
  await tab.addInitScript((entries) => {
    if (sessionStorage.getItem('e2e.duplicated')) return;
    sessionStorage.setItem('e2e.duplicated', '1');
    for (const [k, v] of JSON.parse(entries)) sessionStorage.setItem(k, v);
  }, copied);
  await tab.goto(page.url());
  let copy;
  await waitFor(async () => {
    copy = tab.frame({ name: 'crmForm' });
    return copy?.evaluate(() => window.crm?.ready === true).catch(() => false);
  });
  return { tab, copy };
}

/** Reloads the form frame; its next document (lifecycle.html) does not connect until a test says so. */
async function reloadForm(page, frame) {
  await frame.evaluate(() => { window.beforeReload = true; location.reload(); });
  return waitFor(async () => {
    const f = page.frame({ name: 'crmForm' });
    return f && (await f.evaluate(() => window.crm?.ready && !window.beforeReload).catch(() => false)) && f;
  });
}

test('a tab duplicated while the form reloads with a call on the wire (same origin): the copy\'s form calls at once and gets its own guid; the reloaded form does not take the old call\'s', async () => {
  const page = await env.page();
  let frame = await openPortal(page, env.sim, `${lifecycleForm()}&mode.call=late:2500:1`);
  await frame.evaluate((args) => { window.connect().call(args, { timeoutMs: 60_000 }).catch(() => {}); }, CALL);
  await waitFor(() => page.evaluate(() => window.sim.received.length === 1));
  frame = await reloadForm(page, frame);
  // Between the reload's pagehide and the next document's first client: the slot is in the copy.
  const { tab, copy } = await duplicateTab(page);
  assert.match(await copy.evaluate(() => sessionStorage.getItem('ucontact-bridge.pending:/0:crmForm') ?? ''), /"guid":\[\[/);
  const [mine, theirs] = await Promise.all([
    frame.evaluate((args) => window.settle(window.connect().call(args, { timeoutMs: 20_000 })), CALL),
    copy.evaluate((args) => window.settle(window.connect().call(args, { timeoutMs: 3000 })), CALL),
  ]);
  assert.equal(theirs.ok, true, theirs.message);
  assert.equal(theirs.v.guid, (await tab.evaluate(() => window.sim.guids))[0], 'the copy\'s form got its own portal\'s guid');
  assert.equal(mine.ok, true, mine.message);
  assert.equal(mine.v.guid, (await page.evaluate(() => window.sim.guids))[1], 'the reloaded form took the old call\'s guid');
  await page.context().close();
});

// A cross-site form, in Chromium with Chrome's default storage (partitioned by the portal's site):
// its reload slots survive the reload, and a popup of the portal gets a copy of that partition.
test('Chrome\'s partitioned storage, a cross-site form reloaded with a call on the wire: it does not take the old call\'s reply, and a popup of the portal made then (a copy of the partition) gets its own', async () => {
  const partitioned = await setup({}, [PARTITIONED_STORAGE]);
  try {
    const page = await partitioned.page();
    let frame = await openPortal(page, partitioned.sim, `${formFor(partitioned.sim, 'cross')}&mode.call=late:2500:1`);
    // The frame has storage of its own: the partition, not the form origin's first-party storage.
    await frame.evaluate(() => sessionStorage.setItem('e2e.partition', '1'));
    const firstParty = await page.context().newPage();
    await firstParty.goto(`${partitioned.sim.formOrigin}/e2e/lifecycle.html`);
    assert.equal(await firstParty.evaluate(() => sessionStorage.getItem('e2e.partition')), null);
    await firstParty.close();

    await frame.evaluate((args) => { window.connect().call(args, { timeoutMs: 60_000 }).catch(() => {}); }, CALL);
    await waitFor(() => page.evaluate(() => window.sim.received.length === 1));
    frame = await reloadForm(page, frame);
    const { popup, copy } = await openPortalPopup(page);
    assert.match(await copy.evaluate(() => sessionStorage.getItem('ucontact-bridge.pending:/0:crmForm') ?? ''), /"guid":\[\[/);
    // Across origins nothing tells the popup's portal from the old one: the copy's first call waits
    // for the old call's late window (10 s), then goes to its own portal.
    const [mine, theirs] = await Promise.all([
      frame.evaluate((args) => window.settle(window.connect().call(args, { timeoutMs: 20_000 })), CALL),
      copy.evaluate((args) => window.settle(window.connect().call(args, { timeoutMs: 20_000 })), CALL),
    ]);
    assert.equal(mine.ok, true, mine.message);
    assert.equal(mine.v.guid, (await page.evaluate(() => window.sim.guids))[1], 'the reloaded form took the old call\'s guid');
    assert.equal(theirs.ok, true, theirs.message);
    assert.equal(theirs.v.guid, (await popup.evaluate(() => window.sim.guids))[0], 'the popup\'s form got its own portal\'s guid');
    assert.deepEqual(partitioned.pageErrors.map(String), []);
  } finally {
    await partitioned.close();
  }
});
