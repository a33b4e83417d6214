// Several tabs and windows of one browser: what a copy of a tab (a duplicated tab, a popup opened
// with window.open, both of which get a copy of the tab's sessionStorage in Chromium) inherits from
// the form of the tab it was copied from. Only the next document of the same frame may take reload
// slots (docs/correlation.md, section 4).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPortal, waitFor, lifecycleForm as formFor, openPortalPopup } from './helpers.mjs';

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
