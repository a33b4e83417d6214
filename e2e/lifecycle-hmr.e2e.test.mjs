// Hot module replacement in real Chromium: Vite's or webpack's HMR evaluates an app's module again
// (and, for a linked package, the library's entry: a new module instance of the same file, here
// `/dist/index.js?t=2`), and the old instance's client is left as it was, never destroyed. The old
// client is still a client of the page (README: two copies in one page is a layout the library
// supports): it keeps its listener and its request in flight. The new one must work beside it: each
// call gets its own reply, nothing is posted twice, the form keeps one message listener.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPortal, waitFor, lifecycleForm } from './helpers.mjs';
import { openInbox } from './inbox-helpers.mjs';
import { CALL } from './scenarios/portal-layouts.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

for (const origin of ['same', 'cross']) {
  test(`the portal entry evaluated again (HMR) with the old client's call in flight, never destroyed: each call gets its own guid (${origin} origin)`, async () => {
    const page = await env.page();
    const base = origin === 'cross' ? env.sim.formOrigin : env.sim.portalOrigin;
    const form = `${base}/e2e/copies.html?portal=${encodeURIComponent(env.sim.portalOrigin)}`;
    const frame = await openPortal(page, env.sim, `formUrl=${encodeURIComponent(form)}&mode.call=late:800`);
    const r = await frame.evaluate(async (args) => {
      const heard = [];
      const connect = (m, who) => {
        const c = m.connectPortal({ allowedOrigins: window.portalOrigin });
        c.on('message', (d) => heard.push([who, d.action]));
        return c;
      };
      const before = await import('/dist/index.js?t=1');
      window.old = connect(before, 'old');
      const first = window.settle(window.old.call({ ...args, destination: '091111111' }));
      // The module is replaced while the old call waits for its guid (the portal answers after 800 ms).
      const after = await import('/dist/index.js?t=2');
      window.current = connect(after, 'new');
      const second = window.settle(window.current.call({ ...args, destination: '092222222' }));
      window.heard = heard;
      return { distinct: before.connectPortal !== after.connectPortal, results: await Promise.all([first, second]), listeners: window.listenerCount };
    }, CALL);
    const sim = await page.evaluate(() => ({ received: window.sim.received.map((x) => x.data.destination), guids: window.sim.guids }));
    assert.ok(r.distinct, 'two instances of the module');
    assert.deepEqual(r.results.map((x) => x.ok), [true, true], JSON.stringify(r.results));
    assert.deepEqual(sim.received, ['091111111', '092222222'], 'each call posted once');
    assert.deepEqual(r.results.map((x) => x.v.guid), sim.guids, "the new client's call got its own guid, the old one's its own");
    assert.equal(r.listeners, 1, 'one message listener for both');
    // A portal event: the old client, never destroyed, still hears it (as any client of the page);
    // destroyed (what an HMR dispose hook does), only the new one.
    await page.evaluate(() => window.sim.sendEvent({ action: 'ping' }));
    await frame.waitForFunction(() => window.heard.length === 2);
    await frame.evaluate(() => window.old.destroy());
    await page.evaluate(() => window.sim.sendEvent({ action: 'pong' }));
    await frame.waitForFunction(() => window.heard.length === 3);
    assert.deepEqual(await frame.evaluate(() => [window.heard, window.listenerCount]), [[['old', 'ping'], ['new', 'ping'], ['new', 'pong']], 1]);
    await frame.evaluate(() => window.current.destroy());
    assert.equal(await frame.evaluate(() => window.listenerCount), 0);
    assert.deepEqual(env.pageErrors, []);
    await page.context().close();
  });
}

// The dispose hook destroys the last client with a call on the wire, and the portal answers that call
// before the next module's client connects (a remount across frames: HMR, a route change, a
// micro-frontend). The page listened on while the call's late window was open: the reply freed its
// lane, and the next client's first call is posted at once, within call() itself. Before, the
// listener went with the last client, the reply was never heard, and that call waited out the whole
// window (here 60 s: it timed out "never sent").
for (const origin of ['same', 'cross']) {
  test(`HMR dispose with a call on the wire, answered before the next client connects: the next call is posted at once, with its own guid (${origin} origin)`, async () => {
    const page = await env.page();
    const frame = await openPortal(page, env.sim, `${lifecycleForm(env.sim, origin)}&mode.call=silent:0:1`);
    await frame.evaluate((args) => {
      // Every message the form gets, heard by a listener of the page itself (not counted by listenerCount).
      window.heard = [];
      EventTarget.prototype.addEventListener.call(window, 'message', (e) => window.heard.push(String(e.data)));
      window.old = window.connect({ lateReplyWindowMs: 60_000 });
      window.lost = window.settle(window.old.call(args));
    }, { ...CALL, destination: '091111111' });
    await waitFor(() => page.evaluate(() => window.sim.received.length === 1));
    // The dispose hook.
    const disposed = await frame.evaluate(async () => {
      window.old.destroy();
      return [(await window.lost).code, window.listenerCount];
    });
    // The portal's reply to the destroyed call (the guid the silent portal made for it), then a marker
    // event: the form has heard the reply once it has heard the marker.
    await page.evaluate(() => {
      window.sim.sendEvent({ guid: window.sim.guids[0] });
      window.sim.sendEvent({ action: 'marker' });
    });
    await frame.waitForFunction(() => window.heard.some((d) => d.includes('"marker"')));
    // The next module's client.
    const atOnce = await frame.evaluate((args) => {
      const events = [];
      window.current = window.connect({ log: (e) => events.push(`${e.type} ${e.action ?? ''}`.trim()) });
      window.mine = window.settle(window.current.call(args, { timeoutMs: 20_000 }));
      return events;
    }, { ...CALL, destination: '092222222' });
    assert.deepEqual(atOnce, ['sent call'], "posted within call(): the destroyed call's reply freed the lane");
    assert.deepEqual(disposed, ['DESTROYED', 1], 'the page listened on after the dispose: the destroyed call could still be answered');
    const mine = await frame.evaluate(() => window.mine);
    const sim = await page.evaluate(() => ({ received: window.sim.received.map((x) => x.data.destination), guids: window.sim.guids }));
    assert.equal(mine.ok, true, mine.message);
    assert.deepEqual(sim.received, ['091111111', '092222222']);
    assert.equal(mine.v.guid, sim.guids[1], 'its own guid, not the destroyed call\'s');
    await frame.evaluate(() => window.current.destroy());
    assert.equal(await frame.evaluate(() => window.listenerCount), 0, 'nothing left open: the listener goes with the last client');
    assert.deepEqual(env.pageErrors, []);
    await page.context().close();
  });
}

test('the Inbox entry evaluated again (HMR) with the old client waiting, never destroyed: both get the interaction, each request posted once, a second answer is nobody\'s', async () => {
  const page = await env.page();
  const frame = await openInbox(page, env.sim, 'channel=sms&origin=cross');
  // The Inbox answers by hand below: each request is in before the first answer.
  await page.evaluate(() => { window.inbox.setMode('silent'); window.inbox.received.length = 0; });
  await frame.evaluate(async (inboxOrigin) => {
    const logs = window.hmrLogs = [];
    const settle = (p) => p.then((v) => v.channel, (e) => e.code);
    const connect = (m, who) => m.connectInbox({ allowedOrigins: inboxOrigin, log: (e) => logs.push(`${who} ${e.type}${e.reason ? ` ${e.reason}` : ''}`) });
    const first = settle(connect(await import('/dist/inbox.js?t=1'), 'old').getInteraction());
    const second = settle(connect(await import('/dist/inbox.js?t=2'), 'new').getInteraction());
    window.results = Promise.all([first, second]);
  }, env.sim.portalOrigin);
  await page.waitForFunction(() => window.inbox.received.length === 2);
  assert.deepEqual(await page.evaluate(() => window.inbox.received.map((x) => x.data.action)), ['getInteraction', 'getInteraction']);
  await page.evaluate(() => window.inbox.post({ action: 'interaction', interaction: window.inbox.current() }));
  assert.deepEqual(await frame.evaluate(() => window.results), ['sms', 'sms']);
  await page.evaluate(() => window.inbox.post({ action: 'interaction', interaction: window.inbox.current() }));
  await frame.waitForFunction(() => window.hmrLogs.length === 6);
  assert.deepEqual(await frame.evaluate(() => window.hmrLogs), ['old sent', 'new sent', 'old answered', 'new answered', 'old ignored unrequested', 'new ignored unrequested']);
  assert.deepEqual(env.pageErrors, []);
  await page.context().close();
});
