// Lifecycle faults in real Chromium: reloads and remounts with requests in flight, destroy
// mid-flight, two clients in one page, the portal navigating away. Every promise settles, every
// reply reaches its own request, and the form's message listeners are counted.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPortal, waitFor } from './helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const CALL = { campaign: 'Sales->', destination: '099123456' };
const lifecycleForm = (origin) => {
  const base = origin === 'cross' ? env.sim.formOrigin : env.sim.portalOrigin;
  return `formUrl=${encodeURIComponent(`${base}/e2e/lifecycle.html?portal=${encodeURIComponent(env.sim.portalOrigin)}`)}`;
};

// Same origin only: the pending slots live in sessionStorage, which Chromium denies to a cross-site
// frame here (third-party storage blocked); the README states that limit.
for (const origin of ['same']) {
  test(`a form reloaded with a call in flight does not take that call's late reply (${origin} origin)`, async () => {
    const page = await env.page();
    let frame = await openPortal(page, env.sim, `${lifecycleForm(origin)}&mode.call=late:1500:1`);
    await frame.evaluate((args) => { window.connect().call(args).catch(() => {}); }, CALL);
    await waitFor(() => page.evaluate(() => window.sim.received.length === 1));
    await frame.evaluate(() => { window.beforeReload = true; location.reload(); });
    await waitFor(async () => {
      frame = page.frame({ name: 'crmForm' });
      return frame?.evaluate(() => window.crm?.ready && !window.beforeReload).catch(() => false);
    });
    await page.evaluate(() => window.sim.setMode('call', 'late', 2000));
    const r = await frame.evaluate(async (args) => { return window.settle(window.connect().call(args, { timeoutMs: 20_000 })); }, CALL);
    const guids = await page.evaluate(() => window.sim.guids);
    assert.equal(r.ok, true, r.message);
    assert.equal(guids.length, 2);
    assert.equal(r.v.guid, guids[1], 'the reloaded form got its own call\'s guid');
    await page.context().close();
  });
}

test('destroy mid-flight rejects at once and removes the listener', async () => {
  const page = await env.page();
  const frame = await openPortal(page, env.sim, `${lifecycleForm('cross')}&mode.call=silent&mode.tag=silent`);
  const r = await frame.evaluate(async (args) => {
    const client = window.connect();
    const during = window.listenerCount;
    const t0 = performance.now();
    const pending = [window.settle(client.call(args)), window.settle(client.tag({ tag: 'x' }, { confirm: true }))];
    setTimeout(() => client.destroy(), 50);
    const results = await Promise.all(pending);
    return { during, after: window.listenerCount, ms: performance.now() - t0, codes: results.map((x) => x.code) };
  }, CALL);
  assert.deepEqual(r.codes, ['DESTROYED', 'DESTROYED']);
  assert.ok(r.ms < 1000);
  assert.deepEqual([r.during, r.after], [1, 0]);
  await page.context().close();
});

test('two clients in one page: one listener, each reply to its own request', async () => {
  const page = await env.page();
  const frame = await openPortal(page, env.sim, `${lifecycleForm('cross')}&mode.call=late:300`);
  const r = await frame.evaluate(async (args) => {
    const a = window.connect();
    const b = window.connect();
    const count = window.listenerCount;
    const [ra, rb] = await Promise.all([a.call(args), b.callWithPhone(args)]);
    a.destroy();
    const afterOne = window.listenerCount;
    b.destroy();
    return { count, afterOne, afterBoth: window.listenerCount, guids: [ra.guid, rb.guid] };
  }, CALL);
  const received = await page.evaluate(() => window.sim.received.map((x) => x.data.action));
  assert.deepEqual(received, ['call', 'callWithPhone']);
  assert.deepEqual(r.guids, await page.evaluate(() => window.sim.guids));
  assert.deepEqual([r.count, r.afterOne, r.afterBoth], [1, 1, 0]);
  await page.context().close();
});

test('React StrictMode: connect, destroy, connect; the remount gets its own reply', async () => {
  const page = await env.page();
  const frame = await openPortal(page, env.sim, `${lifecycleForm('same')}&mode.call=late:800:1`);
  const r = await frame.evaluate(async (args) => {
    const first = window.connect();
    const lost = window.settle(first.call(args));
    first.destroy();
    const second = window.connect();
    const mine = await window.settle(second.call(args, { timeoutMs: 10_000 }));
    second.destroy();
    const again = window.connect();
    again.destroy();
    return { lost: await lost, mine, listeners: window.listenerCount };
  }, CALL);
  const guids = await page.evaluate(() => window.sim.guids);
  assert.equal(r.lost.code, 'DESTROYED');
  assert.equal(r.mine.v.guid, guids[1]);
  assert.equal(r.listeners, 0);
  await page.context().close();
});

test('every promise settles within its timeout plus a small margin (silent portal)', async () => {
  const page = await env.page();
  const frame = await openPortal(page, env.sim,
    `${lifecycleForm('cross')}&mode.call=silent&mode.hangup=silent&mode.disposition=silent&mode.tag=silent&mode.respool=silent&mode.schedule=silent`);
  const late = await frame.evaluate(async (args) => {
    const client = window.connect({ confirm: true });
    const jobs = [];
    for (let i = 0; i < 24; i++) {
      const timeoutMs = 100 + ((i * 37) % 700);
      const t0 = performance.now();
      const p = [
        () => client.call(args, { timeoutMs }), () => client.hangup({ timeoutMs }), () => client.tag({ tag: 't' }, { timeoutMs }),
        () => client.disposition({ l1: 'x' }, { timeoutMs }),
      ][i % 4]();
      jobs.push(window.settle(p).then((x) => ({ code: x.code, over: performance.now() - t0 - timeoutMs })));
    }
    const results = await Promise.all(jobs);
    client.destroy();
    return results;
  }, CALL);
  assert.ok(late.every((x) => x.code === 'TIMEOUT'));
  const worst = Math.max(...late.map((x) => x.over));
  console.log(`lifecycle: 24 requests on a silent portal, worst settle ${worst.toFixed(1)} ms after its timeout`);
  assert.ok(worst < 250, `worst ${worst}`);
  assert.ok(late.every((x) => x.over > -5), 'none settled early');
  await page.context().close();
});

test('the portal navigates away with requests in flight: no errors, the next portal works', async () => {
  const page = await env.page();
  let frame = await openPortal(page, env.sim, 'origin=cross&mode.call=silent');
  await frame.evaluate((args) => { window.crm.portal.call(args).catch(() => {}); }, CALL);
  frame = await openPortal(page, env.sim, 'origin=cross');
  const r = await frame.evaluate((args) => window.crm.portal.call(args), CALL);
  assert.equal(r.guid, await page.evaluate(() => window.sim.guids[0]));
  assert.deepEqual(env.pageErrors.map(String), []);
  await page.context().close();
});
