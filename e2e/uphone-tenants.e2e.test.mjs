// Two tenants' uPhones, one after the other, in one iframe of a CRM page in real Chromium: the app
// switches the agent's instance by changing the iframe's src (127.0.0.1 to localhost, two origins)
// and adopts the iframe again, the first embed still alive with a command awaiting its echo. Each
// embed's commands are echoed by its own origin's phone only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, waitFor } from './helpers.mjs';
import { inPhone, openBare, settle } from './uphone-helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

test("an iframe switched to another instance's uPhone: its echo ends the new embed's command, never the old embed's", async () => {
  const page = await env.page();
  await openBare(page, env.sim);
  const first = env.sim.portalOrigin;
  const second = first.replace('127.0.0.1', 'localhost');
  await page.evaluate((url) => {
    const f = Object.assign(document.createElement('iframe'), { id: 'mine', allow: 'camera;microphone', src: url });
    document.body.append(f);
    window.first = window.lib.embedUPhone({ iframe: f });
  }, `${first}/uphone/?login=auto`);
  await waitFor(() => page.evaluate(() => window.first.loggedIn));
  // A command of the first instance that its phone does not echo (no number: no call starts).
  await page.evaluate(() => {
    window.results = {};
    window.first.send('makeCall', { campaign: 'Sales' }, { waitForEcho: true, timeoutMs: 4000 })
      .then((r) => { window.results.first = `echoed from ${r.event?.origin ?? '?'} ${r.event?.params?.number}`; }, (e) => { window.results.first = e.code; });
  });
  await settle(page);
  await page.evaluate((url) => {
    const f = document.getElementById('mine');
    f.src = url;
    window.second = window.lib.embedUPhone({ iframe: f });
  }, `${second}/uphone/?login=auto`);
  assert.equal(await page.evaluate(() => window.second.origin), second);
  await waitFor(() => page.evaluate(() => window.second.loggedIn), 5000);
  const phone = page.frames().find((f) => f.url().startsWith(`${second}/uphone/`));
  await page.evaluate(() => {
    window.second.makeCall({ number: '099123456', campaign: 'Sales' }, { waitForEcho: true, timeoutMs: 3000 })
      .then((r) => { window.results.second = `echoed ${r.event.params.number}`; }, (e) => { window.results.second = e.code; });
  });
  await waitFor(() => page.evaluate(() => window.results.second !== undefined && window.results.first !== undefined), 8000);
  assert.deepEqual(await page.evaluate(() => window.results), { first: 'TIMEOUT', second: 'echoed 099123456' });
  assert.equal((await inPhone(phone, (sim) => sim.received)).length, 1, "the second instance's phone got its own command only");
  await page.context().close();
});
