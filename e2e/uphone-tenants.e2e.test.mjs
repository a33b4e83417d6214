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

test('a phone URL that redirects to another origin (an http:// address sent on to https://, another host name): its messages are ignored as that origin\'s, ready is NOT_READY; the URL it ends on works (README FAQ)', async () => {
  const { createServer } = await import('node:http');
  const final = `${env.sim.portalOrigin}/uphone/?login=auto`;
  const redirector = createServer((_req, res) => res.writeHead(302, { location: final }).end());
  await new Promise((r) => redirector.listen(0, '127.0.0.1', r));
  try {
    const page = await env.page();
    await openBare(page, env.sim);
    const outcome = (url) => page.evaluate(([url]) => {
      window.logs.length = 0;
      const phone = window.embed({ url, readyTimeoutMs: 2500 });
      return phone.ready.then(() => 'ready', (e) => e.code).finally(() => phone.destroy({ removeIframe: true }));
    }, [url]);
    // The frame loads the phone of the portal's origin, whose agentLogin comes from there, not from the URL's.
    assert.equal(await outcome(`http://127.0.0.1:${redirector.address().port}/uphone/`), 'NOT_READY');
    const ignored = await page.evaluate(() => window.logs.filter((e) => e.type === 'ignored').map((e) => e.reason));
    assert.ok(ignored.includes('origin'), JSON.stringify(ignored));
    assert.equal(await outcome(final), 'ready');
    await page.context().close();
  } finally {
    await new Promise((r) => redirector.close(r));
  }
});

test('an iframe whose src is empty (src="", a framework rendering a URL not known yet) is refused as an iframe with no src, not taken as the page\'s own origin', async () => {
  const page = await env.page();
  await openBare(page, env.sim);
  // The src property of src="" is the page's own URL (the attribute resolved), though the frame loads
  // about:blank: the embed listened to the page's origin and, once the app set the phone's URL, ignored it.
  const outcomes = await page.evaluate((phoneUrl) => ['', null, phoneUrl].map((src) => {
    const f = document.createElement('iframe');
    if (src !== null) f.setAttribute('src', src);
    document.body.append(f);
    try {
      const phone = window.lib.embedUPhone({ iframe: f, readyTimeoutMs: 60000 });
      phone.destroy({ removeIframe: true });
      return `origin ${phone.origin}`;
    } catch (e) {
      return `${e.code}: ${e.message}`;
    }
  }), `${env.sim.portalOrigin}/uphone/`);
  const refused = 'INVALID_ARGUMENT: embedUPhone: iframe src must be an http or https URL without credentials';
  assert.deepEqual(outcomes, [refused, refused, `origin ${env.sim.portalOrigin}`]);
  await page.context().close();
});
