// The library in real Firefox (Debian's Firefox ESR, headless, WebDriver BiDi through puppeteer-core):
// the built bundles served by the simulator, the form and its portal on different origins
// (127.0.0.1 and localhost) and on the same one. Run: `node --test e2e/engines/firefox.mjs` (or
// `node e2e/engines/firefox.mjs`); FIREFOX_PATH overrides /usr/bin/firefox-esr. Without Firefox it
// prints SKIPPED and exits 0. Needs `npm run build` first.
// About 200 s on 2 cores beside the unit suite. The describes share one Firefox (started once, 3-10 s
// on a loaded machine), but the one that needs a pref of its own: each has its own simulator, and
// each test its own browser context, as when each describe started its own Firefox.
// What Firefox does differently, and the suite pins: ESR 153 tells a frame its ancestors' origins
// (`location.ancestorOrigins`) as Chromium does, but 'null' under referrerpolicy no-referrer (Chromium
// 156 still tells it); older Firefox (94, the README's floor) had none: the same Firefox with
// `dom.location.ancestorOrigins.enabled` off is that engine, for the origin policy's referrer path.
// A cross-site frame's sessionStorage is partitioned, not blocked: reload slots survive there. A page
// served `no-store` (the simulator's) never enters the back/forward cache: a cacheable server of the
// same pages (firefox-helpers.mjs) is used for it. `performance.now()` is clamped to 1 ms and timers
// fire up to 1 ms early by it: deadlines and late windows are checked against that.
import { firefoxOrSkip } from './firefox-helpers.mjs';

firefoxOrSkip('e2e/engines/firefox.mjs');

const { test, before, after, describe } = await import('node:test');
const { default: assert } = await import('node:assert/strict');
const { FORGED, MALFORMED, SEND } = await import('../hostile-corpus.mjs');
const { UNLOAD_ORDERS } = await import('../unload-orders.mjs');
const { demoText } = await import('../../demo/pages.mjs');
const { FOCUSED_CONVERSATION, CURRENT_CONVERSATIONS } = await import('../demo-keyboard.mjs');
const { LAYOUT_PROBLEMS, SIZES, demoPages, unreadyDocuments } = await import('../demo-layout.mjs');
const { launchFirefox, setupFirefox, startCacheableServer, startThirdOrigin, openPortal, readyFrame, waitFor, lifecycleForm } = await import('./firefox-helpers.mjs');
const { readFileSync } = await import('node:fs');
const { receivedByPortal, heardFromPortal, uncaughtUpToNow } = await import('../helpers.mjs');
const { heardFromPhone } = await import('../uphone-helpers.mjs');
const { ENGINE_CHECKS, assertEngineChecks, closedOrigin, engineChecksArg } = await import('../engine-checks.mjs');

// The Firefox of the describes with the default prefs (setupFirefox's `shared`), closed once all ran.
// One that failed to start or went away (a crash) is started again for the next describe, as each
// describe's own Firefox was.
let firefox;
const sharedFirefox = async () => {
  if (firefox && !(await firefox.catch(() => undefined))?.connected) firefox = undefined;
  return (firefox ??= launchFirefox());
};
after(async () => { await (await firefox?.catch(() => undefined))?.close(); });

const CALL = { campaign: 'Sales->', destination: '099123456' };
const RESPOOL = {
  campaign: 'Sales->', destination: '098111222', status: 1, data: 'idcustomer=7:name=Ana',
  alternatives: '099123456:097333444', retries: 0, contact: 15422, dialerbase: 'base-2026-11', priority: 1, agentphone: '1001',
};
const SCHEDULE = { calldate: '2026-12-01 09:30:00', campaign: 'Sales->', destination: '099123456', alternatives: '098111222', agentphone: '', data: 'idcustomer=7' };
const EXPECTED = [
  { action: 'call', campaign: 'Sales->', callerid: '24000000', destination: '099123456' },
  { action: 'callWithPhone', destination: '091000000', campaign: 'Sale->' },
  { action: 'hangup' },
  { action: 'disposition', l1: 'Sale', l2: 'Closed', l3: '', comment: 'ñandú ✓', tag: 'vip|renewal', schedule: '2026-12-01 09:30:00', camptoreschedule: '' },
  { action: 'tag', tag: 'vip' },
  { action: 'tag', guid: 'g-1', tag: 'a|b' },
  { action: 'respool', respool: RESPOOL },
  { action: 'schedule', schedule: { calldate: '2026-12-01 09:30:00', campaign: 'Sales->', destination: '099123456', data: 'idcustomer=7', alternatives: '098111222' } },
];

describe('Firefox ESR (location.ancestorOrigins on, the default)', () => {
  let env;
  before(async () => { env = await setupFirefox({}, await sharedFirefox()); });
  after(async () => { await env?.close(); });

  test('the engine is Firefox, and it tells a cross-origin frame its portal\'s origin', async () => {
    const page = await env.page();
    const frame = await openPortal(page, env.sim, 'origin=cross&use=porthole');
    const seen = await frame.evaluate(() => ({ ua: navigator.userAgent, origin: location.origin, ancestors: [...(location.ancestorOrigins ?? [])] }));
    assert.match(seen.ua, /Firefox\//);
    assert.equal(seen.origin, env.sim.formOrigin);
    assert.deepEqual(seen.ancestors, [env.sim.portalOrigin]);
    await page.context().close();
  });

  for (const form of ['iife', 'esm']) {
    for (const origin of ['same', 'cross']) {
      test(`every action end to end under the real Porthole 1.0.0 portal (${form} build, ${origin} origin)`, async () => {
        const page = await env.page();
        const frame = await openPortal(page, env.sim, `form=${form}&origin=${origin}&use=porthole`);
        const expectedOrigin = origin === 'same' ? env.sim.portalOrigin : env.sim.formOrigin;
        assert.equal(await frame.evaluate(() => location.origin), expectedOrigin);
        assert.equal(await frame.evaluate(() => window.crm.build), form);
        const results = await frame.evaluate(async (respool, schedule) => {
          const p = window.crm.portal;
          const c = { confirm: true };
          return [
            await p.call({ campaign: 'Sales->', destination: '099123456', callerid: '24000000' }),
            await p.callWithPhone({ destination: '091000000', campaign: 'Sale->' }),
            await p.hangup(c),
            await p.disposition({ l1: 'Sale', l2: 'Closed', comment: 'ñandú ✓', tag: ['vip', 'renewal'], schedule: '2026-12-01 09:30:00' }, c),
            await p.tag({ tag: 'vip' }, c),
            await p.tag({ guid: 'g-1', tag: ['a', 'b'] }, c),
            await p.respool(respool, c),
            await p.schedule(schedule, c),
          ];
        }, RESPOOL, SCHEDULE);
        const portal = await page.evaluate(() => ({ received: window.sim.received, guids: window.sim.guids }));
        assert.deepEqual(portal.received.map((r) => r.data), EXPECTED);
        assert.equal(JSON.stringify(portal.received.at(-1).data), JSON.stringify(EXPECTED.at(-1)), 'the schedule in the contract\'s key order');
        assert.ok(portal.received.every((r) => r.origin === expectedOrigin));
        assert.deepEqual(results[0], { action: 'call', guid: portal.guids[0], via: 'porthole' });
        assert.deepEqual(results[1], { action: 'callWithPhone', guid: portal.guids[1], via: 'porthole' });
        for (const r of results.slice(2)) assert.deepEqual([r.confirmed, r.via], [true, 'porthole']);
        await page.context().close();
      });
    }
  }

  test('a cross-origin form with no options: ORIGIN_REJECTED at once naming the portal, nothing posted', async () => {
    const page = await env.page();
    const frame = await openPortal(page, env.sim, 'origin=cross');
    const results = await frame.evaluate(async () => {
      const portal = window.crm.bridge.connectPortal();
      const t0 = performance.now();
      const outcome = (p) => p.then(() => ({ ok: true }), (e) => ({ code: e.code, message: e.message }));
      const out = [
        await outcome(portal.call({ campaign: 'Sales->', destination: '099123456' })),
        await outcome(portal.hangup()),
        await outcome(portal.disposition({ l1: 'Sale' })),
      ];
      portal.destroy();
      return { out, ms: performance.now() - t0 };
    });
    for (const r of results.out) {
      assert.equal(r.code, 'ORIGIN_REJECTED', r.message);
      assert.ok(r.message.includes(env.sim.portalOrigin), r.message);
    }
    assert.ok(results.ms < 1000, `refused at once, not after a wait: ${results.ms} ms`);
    // Ordered after all the form posted: a message of the form's own, posted last, reached the portal.
    assert.deepEqual(await receivedByPortal(page, frame, 0), [], 'nothing reached the portal');
    await page.context().close();
  });

  test('a silent portal: TIMEOUT on time (never early by the clamped clock), abort is ABORTED, and the late reply answers nothing', async () => {
    const page = await env.page();
    const frame = await openPortal(page, env.sim, `${lifecycleForm(env.sim, 'cross')}&mode.call=silent&mode.hangup=silent&mode.tag=silent&mode.disposition=silent`);
    const late = await frame.evaluate(async (args) => {
      const client = window.connect({ confirm: true });
      const jobs = [];
      for (let i = 0; i < 16; i++) {
        const timeoutMs = 50 + ((i * 37) % 300);
        const t0 = performance.now();
        const d0 = Date.now();
        const p = [() => client.call(args, { timeoutMs }), () => client.hangup({ timeoutMs }), () => client.tag({ tag: 't' }, { timeoutMs }),
          () => client.disposition({ l1: 'x' }, { timeoutMs })][i % 4]();
        jobs.push(window.settle(p).then((x) => ({ code: x.code, over: performance.now() - t0 - timeoutMs, wall: Date.now() - d0 - timeoutMs })));
      }
      const results = await Promise.all(jobs);
      const ac = new AbortController();
      const aborted = window.settle(client.call(args, { timeoutMs: 10_000, signal: ac.signal }));
      setTimeout(() => ac.abort(), 30);
      const pre = new AbortController();
      pre.abort();
      const already = await window.settle(client.hangup({ signal: pre.signal }));
      const a = await aborted;
      client.destroy();
      return { results, aborted: a.code, already: already.code };
    }, CALL);
    assert.ok(late.results.every((x) => x.code === 'TIMEOUT'), JSON.stringify(late.results));
    const worst = Math.max(...late.results.map((x) => x.over));
    assert.ok(worst < 250, `worst ${worst} ms after its timeout`);
    // Firefox clamps both clocks to 1 ms and fires timers up to 1 ms early by them: within that (two
    // clamped reads), never before the deadline.
    const earliest = Math.min(...late.results.map((x) => x.over));
    assert.ok(earliest > -3, `a request timed out ${-earliest} ms before its timeoutMs (${JSON.stringify(late.results)})`);
    assert.equal(late.aborted, 'ABORTED');
    assert.equal(late.already, 'ABORTED');
    await page.context().close();
  });

  test('a late reply inside the late window never answers the next call; after the window, calls go on', async () => {
    const page = await env.page();
    // Each call answered 700 ms late; the first times out at 150 ms, its window is 1000 ms.
    const frame = await openPortal(page, env.sim, `${lifecycleForm(env.sim, 'cross')}&mode.call=late:700:1`);
    const r = await frame.evaluate(async (args) => {
      const client = window.connect({ lateReplyWindowMs: 1000 });
      const first = await window.settle(client.call(args, { timeoutMs: 150 }));
      const t0 = performance.now();
      const second = await window.settle(client.call(args, { timeoutMs: 5000 }));
      return { first: first.code, second, waited: performance.now() - t0, events: [] };
    }, CALL);
    const guids = await page.evaluate(() => window.sim.guids);
    assert.equal(r.first, 'TIMEOUT');
    assert.equal(r.second.ok, true, r.second.message);
    assert.equal(guids.length, 2);
    assert.equal(r.second.v.guid, guids[1], 'the second call got its own guid, not the first call\'s late one');
    await page.context().close();
  });
});

/** Points the portal's form iframe at its form again with `referrerpolicy` set; resolves to the new document's frame. */
async function reframe(page, policy) {
  const old = await readyFrame(page);
  await old.evaluate(() => { window.old = true; });
  await page.evaluate((p) => {
    document.getElementById('crm').referrerPolicy = p;
    window.sim.loadForm();
  }, policy);
  return readyFrame(page, 'crmForm', () => window.crm?.ready === true && !window.old);
}

/** What a client with `options` gets for a call, in the lifecycle form `frame`. */
const callWith = (frame, options, callOptions = { timeoutMs: 1500 }) => frame.evaluate(
  (o, args, c) => window.settle(window.connect(o).call(args, c)), options, CALL, callOptions);

// The origin policy as Firefox serves it: with ancestorOrigins (Firefox 153) and without (the
// versions before; the same engine with the feature off), the iframe's referrerpolicy, several origins.
function originTests(env, ancestors) {
  const other = 'https://other-portal.example';
  test(`what the form is told of its portal: ancestorOrigins ${ancestors ? 'as the portal\'s origin' : 'absent'}, referrer the portal's page; with referrerpolicy no-referrer or same-origin, neither`, async () => {
    const page = await env().page();
    const sim = env().sim;
    let frame = await openPortal(page, sim, lifecycleForm(sim, 'cross'));
    const seen = () => frame.evaluate(() => ({ ancestors: location.ancestorOrigins ? [...location.ancestorOrigins] : null, referrer: document.referrer }));
    assert.deepEqual(await seen(), { ancestors: ancestors ? [sim.portalOrigin] : null, referrer: `${sim.portalOrigin}/` });
    frame = await reframe(page, 'no-referrer');
    assert.deepEqual(await seen(), { ancestors: ancestors ? ['null'] : null, referrer: '' });
    // same-origin masks a cross-origin parent too (the README's FAQ); origin does not.
    frame = await reframe(page, 'same-origin');
    assert.deepEqual(await seen(), { ancestors: ancestors ? ['null'] : null, referrer: '' });
    frame = await reframe(page, 'origin');
    assert.deepEqual(await seen(), { ancestors: ancestors ? [sim.portalOrigin] : null, referrer: `${sim.portalOrigin}/` });
    await page.context().close();
  });

  test('one allowed origin, the portal\'s: the call goes through, with referrerpolicy no-referrer too', async () => {
    const page = await env().page();
    const sim = env().sim;
    let frame = await openPortal(page, sim, lifecycleForm(sim, 'cross'));
    const r1 = await callWith(frame, { allowedOrigins: sim.portalOrigin });
    frame = await reframe(page, 'no-referrer');
    const r2 = await callWith(frame, { allowedOrigins: sim.portalOrigin });
    const guids = await page.evaluate(() => window.sim.guids);
    assert.deepEqual([r1.ok, r1.v?.guid], [true, guids[0]], r1.message);
    assert.deepEqual([r2.ok, r2.v?.guid], [true, guids[1]], r2.message);
    await page.context().close();
  });

  test(`several allowed origins: the portal's is picked (${ancestors ? 'ancestorOrigins' : 'document.referrer'}); with no-referrer ORIGIN_REJECTED, nothing posted`, async () => {
    const page = await env().page();
    const sim = env().sim;
    let frame = await openPortal(page, sim, lifecycleForm(sim, 'cross'));
    const r1 = await callWith(frame, { allowedOrigins: [other, sim.portalOrigin] });
    assert.equal(r1.ok, true, r1.message);
    assert.equal(r1.v.guid, (await page.evaluate(() => window.sim.guids))[0]);
    frame = await reframe(page, 'no-referrer');
    const r2 = await callWith(frame, { allowedOrigins: [other, sim.portalOrigin] });
    assert.equal(r2.code, 'ORIGIN_REJECTED', r2.message);
    assert.match(r2.message, /cannot tell which of allowedOrigins/);
    assert.equal(await page.evaluate(() => window.sim.received.length), 1);
    await page.context().close();
  });

  if (ancestors) return;
  test('no ancestorOrigins, no options: the request goes to the form\'s own origin and is dropped: a call TIMEOUT, an unconfirmed action confirmed:false (the README\'s FAQ)', async () => {
    const page = await env().page();
    const sim = env().sim;
    const frame = await openPortal(page, sim, 'origin=cross');
    const r = await frame.evaluate(async () => {
      const portal = window.crm.bridge.connectPortal();
      const outcome = (p) => p.then((v) => ({ ok: true, v }), (e) => ({ code: e.code, message: e.message }));
      const out = [await outcome(portal.call({ campaign: 'Sales->', destination: '099123456' }, { timeoutMs: 800 })), await outcome(portal.disposition({ l1: 'Sale' }))];
      portal.destroy();
      return out;
    });
    assert.equal(r[0].code, 'TIMEOUT', r[0].message);
    assert.deepEqual(r[1].v, { action: 'disposition', confirmed: false, via: 'porthole' });
    assert.equal(await page.evaluate(() => window.sim.received.length), 0, 'nothing reached the portal');
    await page.context().close();
  });

  test('no ancestorOrigins, several allowed origins, the form navigated to its next page: the referrer is the form\'s page, ORIGIN_REJECTED (the README\'s FAQ)', async () => {
    const page = await env().page();
    const sim = env().sim;
    let frame = await openPortal(page, sim, lifecycleForm(sim, 'cross'));
    await frame.evaluate(() => { window.old = true; location.href = `${location.pathname}?portal=${encodeURIComponent(window.portalOrigin)}&next`; });
    frame = await readyFrame(page, 'crmForm', () => window.crm?.ready === true && !window.old);
    assert.equal(await frame.evaluate(() => new URL(document.referrer).origin), sim.formOrigin);
    const r = await callWith(frame, { allowedOrigins: [other, sim.portalOrigin] });
    assert.equal(r.code, 'ORIGIN_REJECTED', r.message);
    assert.equal(await page.evaluate(() => window.sim.received.length), 0);
    await page.context().close();
  });
}

describe('Firefox ESR, origin policy with location.ancestorOrigins', () => {
  let env;
  before(async () => { env = await setupFirefox({}, await sharedFirefox()); });
  after(async () => { await env?.close(); });
  originTests(() => env, true);
});

describe('Firefox ESR without location.ancestorOrigins (as Firefox before it shipped it)', () => {
  let env;
  before(async () => { env = await setupFirefox({ 'dom.location.ancestorOrigins.enabled': false }); });
  after(async () => { await env?.close(); });
  originTests(() => env, false);
});

/** Reloads the form (or sends it to `url`); resolves to the next document's frame. */
async function reloadForm(page, frame, url) {
  await frame.evaluate((to) => {
    window.old = true;
    if (to) location.href = to;
    else location.reload();
  }, url);
  return readyFrame(page, 'crmForm', () => window.crm?.ready === true && !window.old);
}

describe('Firefox ESR: reload protection and the back/forward cache', () => {
  let env;
  let cacheable;
  before(async () => {
    env = await setupFirefox({}, await sharedFirefox());
    cacheable = await startCacheableServer();
  });
  after(async () => {
    await cacheable?.close();
    await env?.close();
  });

  // Firefox partitions a cross-site frame's sessionStorage by the top site instead of blocking it:
  // the slots survive the cross-origin form's reload there too.
  for (const origin of ['same', 'cross']) {
    for (const [how, arm] of [
      ['a plain reload', (args) => { window.connect().call(args).catch(() => {}); }],
      ...UNLOAD_ORDERS,
    ]) {
      test(`${how} with a call in flight: the reloaded form does not take that call's late reply (${origin} origin)`, async () => {
        const page = await env.page();
        let frame = await openPortal(page, env.sim, `${lifecycleForm(env.sim, origin)}&mode.call=late:1500:1`);
        await frame.evaluate(arm, CALL);
        await waitFor(() => page.evaluate(() => window.sim.received.length === 1));
        frame = await reloadForm(page, frame);
        const saved = await frame.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('ucontact-bridge.pending:')));
        const r = await frame.evaluate((args) => window.settle(window.connect().call(args, { timeoutMs: 20_000 })), CALL);
        const guids = await page.evaluate(() => window.sim.guids);
        assert.equal(r.ok, true, r.message);
        assert.equal(guids.length, 2);
        assert.equal(r.v.guid, guids[1], `the reloaded form took the old call's guid (slots seen: ${saved})`);
        await page.context().close();
      });
    }
  }

  test('a form that changed its route, then loaded its next page, does not take its old call\'s reply (cross origin)', async () => {
    const page = await env.page();
    let frame = await openPortal(page, env.sim, `${lifecycleForm(env.sim, 'cross')}&mode.call=late:1500`);
    await frame.evaluate((args) => {
      history.pushState(null, '', '/e2e/customer/42');
      window.connect().call(args).catch(() => {});
    }, CALL);
    await waitFor(() => page.evaluate(() => window.sim.received.length === 1));
    frame = await reloadForm(page, frame, `/e2e/lifecycle.html?portal=${encodeURIComponent(env.sim.portalOrigin)}`);
    const r = await frame.evaluate((args) => window.settle(window.connect().call(args, { timeoutMs: 20_000 })), CALL);
    const guids = await page.evaluate(() => window.sim.guids);
    assert.equal(r.ok, true, r.message);
    assert.equal(r.v.guid, guids[1], "the form's next page took the old call's guid");
    await page.context().close();
  });

  // Firefox gives a window.open popup a copy of the tab's sessionStorage too, for the portal's origin
  // (seen: a same-origin form's key is in the popup's frame); a cross-site frame's partitioned storage is not copied.
  for (const origin of ['same', 'cross']) {
    test(`a popup of the portal does not inherit the slots a remounted form saved; the form keeps them across its own reload (${origin} origin)`, async () => {
      const page = await env.page();
      const frame = await openPortal(page, env.sim, lifecycleForm(env.sim, origin));
      await page.evaluate(() => window.sim.setMode('call', 'silent'));
      await frame.evaluate(async (args) => {
        const first = window.connect();
        first.call(args, { timeoutMs: 60_000 }).catch(() => {});
        await new Promise((r) => setTimeout(r, 50));
        first.destroy();
        window.again = window.connect();
      }, CALL);
      await waitFor(() => page.evaluate(() => window.sim.received.length === 1));
      const key = 'ucontact-bridge.pending:/0:crmForm';
      const [target] = await Promise.all([
        new Promise((r) => page.context().once('targetcreated', r)),
        page.evaluate(() => { window.open(location.href); }),
      ]);
      const popup = await target.page();
      const copy = await readyFrame(popup);
      const copied = await copy.evaluate((k) => sessionStorage.getItem(k), key);
      const r = await copy.evaluate((args) => window.settle(window.connect().call(args, { timeoutMs: 3000 })), CALL);
      assert.equal(r.ok, true, `${r.message} (the popup's copy of the slots: ${copied})`);
      assert.equal(r.v.guid, (await popup.evaluate(() => window.sim.guids))[0], "the popup's form got its own call's guid");
      await frame.evaluate(() => { window.old = true; location.reload(); });
      const reloaded = await readyFrame(page, 'crmForm', () => window.crm?.ready === true && !window.old);
      assert.match(await reloaded.evaluate((k) => sessionStorage.getItem(k) ?? '', key), /"guid":\[\[/);
      await page.context().close();
    });
  }

  // The simulator serves its pages `no-store`, which Firefox never caches: a page framing one is
  // loaded again on back, as a portal that serves its form `no-store` is in Firefox.
  test('a portal page framing a no-store form is not restored from the cache: loaded again, the form starts afresh', async () => {
    const page = await env.page();
    await page.evaluateOnNewDocument(() => addEventListener('pageshow', (e) => { window.shows = (window.shows || []).concat(e.persisted); }));
    await page.goto(`${env.sim.portalOrigin}/e2e/siblings.html?frames=crmForm`);
    await readyFrame(page);
    await page.goto(`${env.sim.portalOrigin}/e2e/rest.html`);
    await page.evaluate(() => history.back());
    await waitFor(() => page.evaluate(() => location.pathname === '/e2e/siblings.html' && Array.isArray(window.shows)).catch(() => false));
    assert.deepEqual(await page.evaluate(() => window.shows), [false]);
    await page.context().close();
  });

  for (const origin of ['same', 'cross']) {
    test(`a (cacheable) portal page restored from the back/forward cache: the call in flight and the next one get their own guids (${origin} origin)`, async () => {
      const page = await env.page();
      const pages = cacheable;
      const form = `${origin === 'cross' ? pages.formOrigin : pages.portalOrigin}/e2e/lifecycle.html`;
      await page.evaluateOnNewDocument(() => addEventListener('pageshow', (e) => {
        window.shows = (window.shows || []).concat(e.persisted);
        window.shownAt = Date.now();
      }));
      await page.goto(`${pages.portalOrigin}/e2e/siblings.html?frames=crmForm&form=${encodeURIComponent(form)}`);
      const frame = await readyFrame(page);
      await page.evaluate(() => window.host.setMode('silent', 0, 1));
      await frame.evaluate((args) => {
        const client = window.connect();
        const report = (r) => window.parent.postMessage({ report: r }, '*');
        window.settle(client.call(args, { timeoutMs: 20_000 })).then((first) => {
          report(first);
          return window.settle(client.call(args, { timeoutMs: 20_000 })).then(report);
        });
      }, CALL);
      await waitFor(() => page.evaluate(() => window.host.received.length === 1));
      await page.goto(`${pages.portalOrigin}/e2e/portal-only.html`);
      await page.evaluate(() => history.back());
      await waitFor(() => page.evaluate(() => Array.isArray(window.shows) && window.shows.length === 2).catch(() => false));
      assert.deepEqual(await page.evaluate(() => window.shows), [false, true], 'restored from the back/forward cache, not loaded again');
      const shownAt = await page.evaluate(() => window.shownAt);
      await page.evaluate(() => {
        const guid = crypto.randomUUID();
        window.host.guids.push(guid);
        window.host.send('crmForm', { guid });
      });
      await waitFor(() => page.evaluate(() => window.host.reports.length === 2), 10_000);
      const { reports, guids, replies } = await page.evaluate(() => ({ reports: window.host.reports, guids: window.host.guids, replies: window.host.replies }));
      assert.ok(replies[0].at >= shownAt);
      assert.equal(guids.length, 2);
      assert.deepEqual(reports.map((r) => [r.ok, r.v?.guid]), [[true, guids[0]], [true, guids[1]]]);
      await page.context().close();
    });
  }
});

describe('Firefox ESR: the REST client in the page (Firefox\'s fetch: opaque redirects, streams, charsets)', () => {
  let env;
  let third;
  before(async () => {
    env = await setupFirefox({}, await sharedFirefox());
    third = await startThirdOrigin();
  });
  after(async () => {
    await third?.close();
    await env?.close();
  });
  const USER = { user: 'supervisor', password: 'Sup3r-s3cret' };
  const AGENT_CALL = { agent: 'agent1001', phone: '1001', context: 'from-internal', outqueue: 'Sales->', destination: '099123456' };
  const CLIENT = 'const uc = bridge.createUContactClient({ baseUrl: arg.baseUrl, credentials: arg.credentials, log, ...(arg.options || {}) });';
  async function open(origin, bundle) {
    env.sim.rest.reset();
    third.hits.length = 0;
    const page = await env.page();
    await page.goto(`${origin === 'same' ? env.sim.portalOrigin : env.sim.formOrigin}/e2e/rest.html${bundle === 'esm' ? '?esm' : ''}`);
    await waitFor(() => page.evaluate(() => window.ready === true));
    return page;
  }
  const run = (page, code, arg) => page.evaluate((c, a) => window.run(c, a), code, { baseUrl: env.sim.portalOrigin, credentials: USER, ...arg });

  for (const [origin, bundle] of [['cross', 'iife'], ['cross', 'esm'], ['same', 'iife'], ['same', 'esm']]) {
    test(`${origin} origin, ${bundle}: a call and a read go through; a 302 is REDIRECT_REFUSED and the other origin gets nothing; a 307 on login keeps the password home`, async () => {
      const page = await open(origin, bundle);
      const ok = await run(page, `${CLIENT} const g = await uc.agentCall(arg.call); const s = await uc.campaignsSummary(); return [typeof g, Array.isArray(s)];`, { call: AGENT_CALL });
      assert.deepEqual(ok, { ok: true, value: ['string', true] }, JSON.stringify(ok));
      env.sim.rest.faults.redirect({ status: 302, location: `${third.url}/guid?token=x`, path: 'Agents/AgentCall' });
      const r = await run(page, `${CLIENT} return uc.agentCall(arg.call);`, { call: AGENT_CALL });
      assert.deepEqual([r.ok, r.code, r.guard], [false, 'REDIRECT_REFUSED', true], JSON.stringify(r));
      assert.match(r.message, /^agentCall: Agents\/AgentCall answered with a redirect/);
      assert.ok(!r.message.includes('token=x'));
      env.sim.rest.faults.redirect({ status: 307, location: `${third.url}/login`, path: 'auth/getUserToken' });
      const login = await run(page, `const uc = bridge.createUContactClient({ baseUrl: arg.baseUrl, credentials: arg.credentials, log }); return uc.campaignsSummary();`);
      assert.equal(login.code, 'REDIRECT_REFUSED', JSON.stringify(login));
      assert.deepEqual(third.hits, []);
      assert.equal(env.sim.rest.state.calls.length, 1);
      await page.context().close();
    });

    test(`${origin} origin, ${bundle}: a followed redirect is still refused; the page's unbound fetch works; deadlines and abort; body caps`, async () => {
      const page = await open(origin, bundle);
      env.sim.rest.faults.redirect({ status: 302, location: `${env.sim.portalOrigin}/Integra/resources/Supervisor/campaignssummary`, path: 'Agents/AgentCall' });
      const followed = await run(page, `const uc = bridge.createUContactClient({ baseUrl: arg.baseUrl, credentials: arg.credentials, log,
        fetch: (url, init) => fetch(url, { ...init, redirect: 'follow' }) });
        return uc.agentCall(arg.call);`, { call: AGENT_CALL });
      assert.equal(followed.code, 'REDIRECT_REFUSED', JSON.stringify(followed));
      const unbound = await run(page, `const uc = bridge.createUContactClient({ baseUrl: arg.baseUrl, credentials: arg.credentials, log, fetch: window.fetch });
        const api = bridge.createApiTokenClient({ baseUrl: arg.baseUrl, token: 'ucx-sim-api-token-0001', log, fetch: window.fetch });
        const summary = await uc.campaignsSummary();
        const messages = await api.interactionMessages('int-0001', { lastMessage: 2, limit: 2 });
        return [Array.isArray(summary), messages.length];`);
      assert.deepEqual([unbound.ok, unbound.value], [true, [true, 2]], JSON.stringify(unbound));
      const deadlines = await run(page, `
        const hang = (url, init) => (url.includes('getUserToken') ? fetch(url, init) : new Promise(() => {}));
        const uc = bridge.createUContactClient({ baseUrl: arg.baseUrl, credentials: arg.credentials, log, fetch: hang });
        const t0 = performance.now();
        const first = await within(uc.campaignsSummary({ timeoutMs: 150 }));
        const ms = performance.now() - t0;
        const ctl = new AbortController();
        setTimeout(() => ctl.abort(), 50);
        const endless = () => new Response(new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode('[')); } }));
        const uc2 = bridge.createUContactClient({ baseUrl: arg.baseUrl, credentials: arg.credentials, log,
          fetch: async (url, init) => (url.includes('getUserToken') ? fetch(url, init) : endless()) });
        return [first, ms >= 147 && ms < 2000, await within(uc.agentCall(arg.call, { signal: ctl.signal, timeoutMs: 0 })), await within(uc2.campaignsSummary({ timeoutMs: 150 }))];`, { call: AGENT_CALL });
      assert.deepEqual(deadlines, { ok: true, value: ['TIMEOUT', true, 'ABORTED', 'TIMEOUT'] });
      env.sim.rest.faults.huge({ bytes: 64 * 1024 * 1024, path: 'Supervisor/campaignstatus', count: 3 });
      const huge = await run(page, `${CLIENT} return uc.campaignStatus();`, { options: { maxResponseBytes: 256 * 1024 } });
      assert.equal(huge.code, 'RESPONSE_TOO_LARGE', JSON.stringify(huge));
      assert.equal(env.sim.rest.state.log.filter((e) => e.path === 'Supervisor/campaignstatus').length, 1, 'not retried');
      env.sim.rest.faults.huge({ bytes: 10 * 1024 * 1024 + 1, contentLength: true, path: 'Supervisor/campaignssummary' });
      const declared = await run(page, `${CLIENT} return uc.campaignsSummary();`);
      assert.equal(declared.code, 'RESPONSE_TOO_LARGE', JSON.stringify(declared));
      await page.context().close();
    });
  }

  for (const bundle of ['iife', 'esm']) {
    test(`${bundle}: answers decoded in their declared charset, UTF-8 chunks joined, text() capped in bytes`, async () => {
      const page = await open('cross', bundle);
      const r = await run(page, `
        const NAME = 'Atención Señor José, São Paulo, ç';
        const latin1 = Uint8Array.from(NAME, (c) => c.charCodeAt(0));
        const utf8 = new TextEncoder().encode(NAME + ' 😀 東京');
        const cut = utf8.indexOf(0xc3) + 1;
        const answers = {
          Latin1: () => new Response(latin1, { headers: { 'Content-Type': 'text/plain; charset=ISO-8859-1' } }),
          Split: () => new Response(new ReadableStream({ start(c) { c.enqueue(utf8.subarray(0, cut)); c.enqueue(utf8.subarray(cut)); c.close(); } })),
          Wide: () => ({ status: 200, headers: new Headers(), body: null, text: async () => '東'.repeat(2000) }),
        };
        const uc = bridge.createUContactClient({ baseUrl: arg.baseUrl, credentials: arg.credentials, log, maxResponseBytes: 4000,
          fetch: async (url, init) => { const k = url.split('/').pop(); return answers[k] ? answers[k]() : fetch(url, init); } });
        const wide = await within(uc.request('Custom/Wide', {}, { kind: 'read' }));
        return [await uc.request('Custom/Latin1', {}, { kind: 'read' }) === NAME,
          await uc.request('Custom/Split', {}, { kind: 'read' }) === NAME + ' 😀 東京', wide];`);
      assert.deepEqual(r, { ok: true, value: [true, true, 'RESPONSE_TOO_LARGE'] });
      await page.context().close();
    });
  }

  for (const [origin, bundle] of [['cross', 'iife'], ['same', 'esm']]) {
    test(`${origin} origin, ${bundle}: time zones are IANA names (an offset, which Firefox's Intl takes, is refused); a Date renders in the zone; a streamed upload aborted while its generator waits settles at once`, async () => {
      const page = await open(origin, bundle);
      const zones = await run(page, `
        const uc = bridge.createUContactClient({ baseUrl: arg.baseUrl, credentials: arg.credentials, log });
        const offsets = [];
        for (const zone of ['+05:30', '-0300', '+14:00']) offsets.push(await within(uc.uploadCallsBase({ campaign: 'Promo->', filename: 'tz', records: [{ phone: '099123456' }], timeZone: zone })));
        let engine;
        try { engine = new Intl.DateTimeFormat('en-US', { timeZone: '+05:30' }).resolvedOptions().timeZone; } catch { engine = 'refused'; }
        const named = await within(uc.getRecordings({ from: new Date(0), to: new Date(), timeZone: 'Asia/Kathmandu' }));
        return { offsets, engine, named };`);
      assert.deepEqual(zones.value.offsets, ['INVALID_ARGUMENT', 'INVALID_ARGUMENT', 'INVALID_ARGUMENT'], JSON.stringify(zones));
      assert.equal(zones.value.named, 'resolved');
      assert.deepEqual(env.sim.rest.state.bases, []);
      // A Date rendered as uContact's text in a zone by Firefox's Intl (midnight is 00, never 24).
      const rendered = await page.evaluate(async () => {
        const { formatDateTime } = await import('/dist/cti.js');
        const d = new Date(Date.UTC(2026, 0, 1, 0, 0, 5));
        return ['UTC', 'Asia/Kathmandu', 'America/Montevideo'].map((z) => formatDateTime(d, z));
      });
      assert.deepEqual(rendered, ['2026-01-01 00:00:05', '2026-01-01 05:45:05', '2025-12-31 21:00:05']);
      const up = await run(page, `
        const uc = bridge.createUContactClient({ baseUrl: arg.baseUrl, credentials: arg.credentials, log });
        const ctl = new AbortController();
        let waiting, release, closed = false;
        const reached = new Promise((r) => { waiting = r; });
        async function* records() {
          try {
            for (let i = 1; i <= 3; i++) yield { phone: '09912345' + i };
            await new Promise((r) => { release = r; waiting(); });
            yield { phone: '099123458' };
          } finally {
            closed = true;
          }
        }
        const upload = uc.uploadCallsBase({ campaign: 'Promo->', filename: 'nov', records: records(), chunkSize: 2 }, { signal: ctl.signal });
        await reached;
        const t0 = performance.now();
        ctl.abort();
        const code = await within(upload);
        const ms = performance.now() - t0;
        release();
        const e = await upload.catch((x) => x);
        await new Promise((r) => setTimeout(r, 200));
        return { code, ms, closed, report: [e.upload.stored, e.upload.sent.length, e.upload.nextRecord] };`);
      assert.equal(up.ok, true, JSON.stringify(up));
      assert.equal(up.value.code, 'ABORTED');
      assert.ok(up.value.ms < 1000, `${up.value.ms} ms`);
      assert.deepEqual(up.value.report, [['nov-1'], 1, 2]);
      assert.equal(up.value.closed, true);
      assert.deepEqual(env.sim.rest.state.bases.map((b) => [b.filename, b.lines]), [['nov-1', 2]]);
      await page.context().close();
    });
  }

  test('time zone verdicts, fall-back widening and a NETWORK_ERROR\'s scrubbed cause as in Node (e2e/engine-checks.mjs; Firefox\'s Intl refuses ICU\'s own ids and Factory itself)', async () => {
    const page = await open('cross', 'iife');
    const result = await page.evaluate((c, a) => window.run(c, a), ENGINE_CHECKS, engineChecksArg(await closedOrigin()));
    assertEngineChecks(result);
    await page.context().close();
  });

  test('a standalone form (not in the portal) calls and hangs up over REST', async () => {
    env.sim.rest.reset();
    const page = await env.page();
    await page.goto(`${env.sim.formOrigin}/forms/crm.html?fallback=rest&portal=${encodeURIComponent(env.sim.portalOrigin)}`);
    await waitFor(() => page.evaluate(() => window.crm?.ready === true));
    assert.equal(await page.$eval('#embedded', (e) => e.textContent), 'false');
    await page.click('#btn-call');
    await waitFor(() => page.evaluate(() => window.crm.results.length > 0));
    const call = await page.evaluate(() => window.crm.results[0]);
    assert.equal(call.error, false, JSON.stringify(call));
    assert.equal(call.value.via, 'rest');
    assert.equal(call.value.guid, env.sim.rest.state.calls[0].guid);
    await page.click('#btn-hangup');
    await waitFor(() => page.evaluate(() => window.crm.results.length > 1));
    assert.deepEqual((await page.evaluate(() => window.crm.results.find((r) => r.label === 'hangup'))).value, { action: 'hangup', confirmed: true, via: 'rest' });
    await page.context().close();
  });

  test('a write reset after the server acted, on the connection the login kept alive: Firefox sends it again (the call placed twice), as README says', async () => {
    const page = await open('cross', 'iife');
    await run(page, 'window.uc = bridge.createUContactClient({ baseUrl: arg.baseUrl, credentials: arg.credentials, log }); await uc.campaignsSummary();');
    env.sim.rest.faults.drop({ path: 'Agents/AgentCall', after: true });
    const r = await run(page, 'return uc.agentCall(arg.call);', { call: AGENT_CALL });
    assert.equal(r.ok, true, JSON.stringify(r));
    assert.deepEqual(env.sim.rest.state.calls.map((c) => c.guid), [env.sim.rest.state.calls[0].guid, r.value]);
    assert.ok(/a write can reach uContact twice[^.]*Firefox/.test(readFileSync(new URL('../../README.md', import.meta.url), 'utf8').replace(/\s+/g, ' ')));
    await page.context().close();
  });
});

const text = (frameOrPage, sel) => frameOrPage.$eval(sel, (e) => e.textContent);
const fill = (frame, sel, value) => frame.$eval(sel, (e, v) => { e.value = v; e.dispatchEvent(new Event('input', { bubbles: true })); e.dispatchEvent(new Event('change', { bubbles: true })); }, value);
const lastReceived = (page, action) => page.evaluate((a) => window.sim.received.filter((r) => r.data.action === a).map((r) => r.data).pop(), action);
/** Clicks a button of the sample form and returns the result it shows under `label`. */
async function clickFor(frame, button, label) {
  const n = await frame.evaluate(() => window.crm.results.length);
  await frame.click(button);
  await waitFor(() => frame.evaluate((l, k) => window.crm.results.slice(k).some((r) => r.label === l), label, n));
  return frame.evaluate((l, k) => window.crm.results.slice(k).find((r) => r.label === l), label, n);
}

describe('Firefox ESR: CTI, the form framework, the script-tag and module builds, hostile messages', () => {
  let env;
  before(async () => { env = await setupFirefox({}, await sharedFirefox()); });
  after(async () => { await env?.close(); });

  for (const form of ['iife', 'esm']) {
    test(`CTI: the form decrypts the portal's dialer call from localStorage (heard by the storage event), and the portal receives the respool and schedule (${form})`, async () => {
      const page = await env.page();
      const frame = await openPortal(page, env.sim, `form=${form}`);
      await page.click('#start-dialer');
      const written = await page.evaluate(() => window.ctiSim.current);
      await waitFor(async () => (await text(frame, '#cti-view')).includes(written.Guid));
      assert.match(await text(frame, '#cti-view'), /dialer: main/);
      await frame.select('#alt-select', '098111222');
      await frame.click('#btn-promote');
      await fill(frame, '#priority', '3');
      await frame.click('#btn-priority');
      await frame.click('#btn-respool');
      await waitFor(() => lastReceived(page, 'respool'));
      const d = written.Dialer;
      assert.deepEqual((await lastReceived(page, 'respool')).respool, {
        campaign: d.campaign, destination: '098111222', status: 1, data: d.data,
        alternatives: '097333444', retries: 0, contact: d.contact, dialerbase: d.dialerbase, priority: 3, agentphone: d.agentphone,
      });
      await fill(frame, '#calldate', '2026-12-24T10:30:00');
      await frame.click('#btn-schedule');
      await waitFor(() => lastReceived(page, 'schedule'));
      assert.deepEqual(Object.keys((await lastReceived(page, 'schedule')).schedule), ['calldate', 'campaign', 'destination', 'data', 'alternatives', 'agentphone']);
      assert.equal((await lastReceived(page, 'schedule')).schedule.calldate, '2026-12-24 10:30:00');
      await page.context().close();
    });
  }

  test('CTI: a wrong passphrase is DECRYPT_FAILED without the passphrase; a cross-origin form gets NO_CTI', async () => {
    const page = await env.page();
    let frame = await openPortal(page, env.sim, '');
    await page.click('#start-dialer');
    await fill(frame, '#passphrase', 'not-the-passphrase');
    const wrong = await clickFor(frame, '#btn-read-cti', 'readCti');
    assert.equal(wrong.error, true);
    assert.match(wrong.value, /^DECRYPT_FAILED /);
    assert.ok(!wrong.value.includes('not-the-passphrase'));
    await page.goto('about:blank');
    frame = await openPortal(page, env.sim, 'origin=cross');
    await page.click('#start-dialer');
    await fill(frame, '#passphrase', env.sim.passphrase);
    const cross = await clickFor(frame, '#btn-read-cti', 'readCti');
    assert.match(cross.value, /^NO_CTI /);
    await page.context().close();
  });

  for (const form of ['iife', 'esm']) {
    test(`the form framework route, same origin (${form}): call, disposition, tag and closeForm through the UC_* helpers, nothing over Porthole`, async () => {
      const page = await env.page();
      let frame = await openPortal(page, env.sim, `form=${form}`);
      assert.equal(await text(frame, '#framework'), 'loaded');
      const cti = await page.evaluate(() => window.sim.ring('inbound'));
      await frame.evaluate(() => { window.old = true; });
      await page.click('#answer');
      frame = await readyFrame(page, 'crmForm', () => window.crm?.ready === true && !window.old);
      assert.equal(await frame.evaluate(() => window.crm.bridge.readCti().guid), cti.Guid);
      const call = await clickFor(frame, '#btn-call', 'call');
      assert.equal(call.error, false, JSON.stringify(call));
      assert.equal(call.value.via, 'framework');
      const state = () => page.evaluate(() => fetch('/sim/framework/state').then((r) => r.json()));
      assert.equal((await state()).call.guid, call.value.guid);
      assert.deepEqual((await clickFor(frame, '#btn-disposition', 'disposition')).value, { action: 'disposition', confirmed: true, via: 'framework' });
      assert.deepEqual((await clickFor(frame, '#btn-tag', 'tag')).value, { action: 'tag', confirmed: true, via: 'framework' });
      const s = await state();
      assert.deepEqual(s.dispositions.map(({ guid, l1, l2 }) => [guid, l1, l2]), [[cti.Guid, 'Sale', 'Closed']]);
      assert.deepEqual(s.tags.map(({ guid, tag }) => [guid, tag]), [[cti.Guid, 'vip']]);
      const closed = await frame.evaluate(() => window.crm.portal.closeForm());
      assert.deepEqual(closed, { action: 'closeForm', confirmed: true, via: 'framework' });
      await waitFor(() => page.evaluate(() => !document.getElementById('form-closed').hidden));
      assert.deepEqual(await page.evaluate(() => window.sim.received), [], 'nothing went over Porthole');
      await page.context().close();
    });
  }

  test('the script-tag files define the global UContactBridge (full, portal-only) and the ES module entries load', async () => {
    const page = await env.page();
    await page.goto(`${env.sim.portalOrigin}/e2e/rest.html`);
    const r = await page.evaluate(async () => {
      const load = (src) => new Promise((res, rej) => {
        const s = document.createElement('script');
        s.src = src;
        s.onload = res;
        s.onerror = rej;
        document.head.append(s);
      });
      const out = {};
      for (const f of ['ucontact-bridge.iife.min.js', 'ucontact-bridge.portal.iife.min.js', 'ucontact-bridge.uphone.iife.min.js']) {
        delete window.UContactBridge;
        await load(`/dist/${f}`);
        out[f] = Object.keys(window.UContactBridge).sort();
      }
      for (const m of ['index', 'cti', 'http', 'inbox', 'uphone']) out[m] = Object.keys(await import(`/dist/${m}.js`)).sort();
      return out;
    });
    for (const name of ['connectPortal', 'readCti', 'createUContactClient', 'connectInbox', 'embedUPhone', 'isBridgeError']) {
      assert.ok(r['ucontact-bridge.iife.min.js'].includes(name), name);
    }
    assert.ok(r['ucontact-bridge.portal.iife.min.js'].includes('connectPortal'));
    assert.ok(!r['ucontact-bridge.portal.iife.min.js'].includes('readCti'));
    assert.ok(r['ucontact-bridge.uphone.iife.min.js'].includes('embedUPhone'));
    assert.ok(r.index.includes('connectPortal') && r.cti.includes('readCti') && r.http.includes('createUContactClient'));
    assert.ok(r.inbox.includes('connectInbox') && r.uphone.includes('embedUPhone'));
    await page.context().close();
  });

  test('the portal-only script tag in a cross-origin form under the real portal', async () => {
    const page = await env.page();
    const form = `${env.sim.formOrigin}/e2e/portal-only.html?portal=${encodeURIComponent(env.sim.portalOrigin)}`;
    await page.goto(`${env.sim.portalOrigin}/?formUrl=${encodeURIComponent(form)}`);
    const frame = await readyFrame(page);
    const r = await frame.evaluate((args) => window.client.call(args), CALL);
    assert.deepEqual(r, { action: 'call', guid: (await page.evaluate(() => window.sim.guids))[0], via: 'porthole' });
    await page.context().close();
  });
});

describe('Firefox ESR: the Inbox bridge and the uPhone host', () => {
  let env;
  before(async () => { env = await setupFirefox({}, await sharedFirefox()); });
  after(async () => { await env?.close(); });

  async function openInbox(page, query) {
    await page.goto(`${env.sim.portalOrigin}/inbox?${query}`);
    const frame = await readyFrame(page, 'inboxForm', () => window.form?.ready === true);
    await waitFor(() => frame.evaluate(() => window.form?.status !== 'waiting'));
    return frame;
  }
  const formState = (frame) => frame.evaluate(() => {
    const f = window.form;
    return { status: f.status, error: f.error, interaction: f.interaction && JSON.parse(JSON.stringify({ ...f.interaction, raw: undefined })), origin: location.origin, build: f.build };
  });

  for (const build of ['esm', 'iife']) {
    for (const origin of ['same', 'cross']) {
      test(`Inbox: the form gets each conversation's interaction, sent and close arrive as plain objects (${build} build, ${origin} origin)`, async () => {
        const page = await env.page();
        let frame = await openInbox(page, `build=${build}&origin=${origin}`);
        const formOrigin = origin === 'same' ? env.sim.portalOrigin : env.sim.formOrigin;
        let state = await formState(frame);
        assert.deepEqual([state.status, state.origin, state.build, state.interaction.channel, state.interaction.clientName], ['interaction', formOrigin, build, 'telephony', 'Ana Pérez']);
        for (const [channel, name] of [['whatsapp', 'Martín Rodríguez'], ['email', 'Jorge Silva']]) {
          await frame.evaluate(() => { window.old = true; });
          await page.click(`#list li[data-channel="${channel}"]`);
          frame = await readyFrame(page, 'inboxForm', () => !window.old && window.form?.status === 'interaction');
          state = await formState(frame);
          assert.deepEqual([state.interaction.channel, state.interaction.clientName, state.interaction.problems], [channel, name, []]);
        }
        await frame.click('#submit');
        await frame.click('#close');
        await waitFor(() => page.evaluate(() => window.inbox.received.some((r) => r.data?.action === 'close')));
        const got = await page.evaluate(() => window.inbox.received);
        assert.deepEqual(got.map((r) => r.data), [{ action: 'getInteraction' }, { action: 'getInteraction' }, { action: 'getInteraction' }, { action: 'sent' }, { action: 'close' }]);
        assert.ok(got.every((r) => r.kind === 'object' && r.plain && r.fromForm && r.origin === formOrigin), JSON.stringify(got));
        await page.context().close();
      });
    }
  }

  test('Inbox: timeouts, abort and destroy; a silent Inbox is NO_INTERACTION on time', async () => {
    const page = await env.page();
    await page.goto(`${env.sim.portalOrigin}/inbox?channel=email&mode=silent&timeoutMs=60000`);
    const frame = await readyFrame(page, 'inboxForm', () => window.form?.ready === true);
    const r = await frame.evaluate(async () => {
      const inbox = window.form.inbox;
      const t0 = performance.now();
      const timeout = await inbox.getInteraction({ timeoutMs: 300 }).catch((e) => ({ code: e.code, message: e.message }));
      const ms = performance.now() - t0;
      const ac = new AbortController();
      setTimeout(() => ac.abort(), 100);
      const aborted = await inbox.getInteraction({ signal: ac.signal }).catch((e) => e.code);
      const pending = inbox.getInteraction().catch((e) => e.code);
      inbox.destroy();
      return { timeout, ms, aborted, destroyed: await pending };
    });
    assert.equal(r.timeout.code, 'NO_INTERACTION');
    assert.match(r.timeout.message, /^getInteraction: no answer from the Inbox within 300 ms/);
    assert.ok(r.ms >= 297 && r.ms < 3000, `${r.ms} ms`);
    assert.deepEqual([r.aborted, r.destroyed], ['ABORTED', 'DESTROYED']);
    await page.context().close();
  });

  test('Inbox: an Inbox whose origin the form does not allow is ORIGIN_REJECTED at once (Firefox tells the frame its parent), nothing posted', async () => {
    const page = await env.page();
    const url = `${env.sim.formOrigin}/inbox-form/index.html?timeoutMs=60000`;
    await page.goto(`${env.sim.portalOrigin}/inbox?formUrl=${encodeURIComponent(url)}`);
    const frame = await readyFrame(page, 'inboxForm', () => window.form?.ready === true);
    await waitFor(() => frame.evaluate(() => window.form?.status !== 'waiting'), 3000);
    assert.deepEqual(await frame.evaluate(() => [window.form.status, window.form.error]), ['error', 'ORIGIN_REJECTED']);
    assert.deepEqual(await page.evaluate(() => window.inbox.received), []);
    await page.context().close();
  });

  test("Inbox: unsafeAllowAnyOrigin under a parent with an opaque origin (a data: page): the request reaches it with '*', no SyntaxError", async () => {
    const page = await env.page();
    const form = `${env.sim.portalOrigin}/inbox-form/index.html?timeoutMs=60000`;
    await page.goto(form);
    await page.evaluate((src) => {
      const f = document.createElement('iframe');
      f.src = `data:text/html,${encodeURIComponent(`<iframe name="opaqueChild" src="${src}"></iframe><script>
        addEventListener('message', (e) => { if (e.data && e.data.action === 'getInteraction') e.source.postMessage({ action: 'interaction', interaction: { channel: 'sms' } }, '*'); });
      </script>`)}`;
      document.body.append(f);
    }, form);
    const frame = await readyFrame(page, 'opaqueChild', () => window.form?.ready === true);
    const r = await frame.evaluate(async () => {
      const client = window.form.bridge.connectInbox({ unsafeAllowAnyOrigin: true, timeoutMs: 5000 });
      try {
        return { ancestor: location.ancestorOrigins[0], channel: (await client.getInteraction()).channel };
      } catch (e) {
        return { ancestor: location.ancestorOrigins[0], error: `${e.name} ${e.code}` };
      }
    });
    assert.deepEqual(r, { ancestor: 'null', channel: 'sms' });
    await page.context().close();
  });

  const phoneFrame = (page) => waitFor(async () => {
    for (const f of page.frames()) {
      if (/^https?:\/\/[^/]+\/uphone\/(\?|$)/.test(f.url()) && await f.evaluate(() => !!window.uphoneSim).catch(() => false)) return f;
    }
    return undefined;
  });
  const inPhone = (frame, fn) => frame.evaluate(`(${fn})(window.uphoneSim)`);

  for (const layout of ['cross', 'same']) {
    test(`uPhone, Events API mode: ready on the frame's load (readyOn 'load'), a command reaches the instance, the screen pop on assignedInteraction (${layout}-origin app)`, async () => {
      const page = await env.page();
      const appOrigin = layout === 'same' ? env.sim.portalOrigin : env.sim.formOrigin;
      await page.goto(`${appOrigin}/agent-app/?api=events`);
      await waitFor(() => page.evaluate(() => !!window.app?.phone));
      const phone = await phoneFrame(page);
      await waitFor(() => page.evaluate(() => window.app.ready === 'ready'));
      assert.equal(await page.evaluate(() => window.app.phone.loggedIn), false);
      await inPhone(phone, (sim) => sim.login());
      await page.evaluate(() => window.app.call('099123456'));
      await waitFor(() => inPhone(phone, (sim) => sim.received.length === 1));
      assert.deepEqual(await inPhone(phone, (sim) => sim.received[0]), { data: { action: 'makeCall', params: { number: '099123456', campaign: 'Sales->' } }, origin: appOrigin, fromParent: true });
      await inPhone(phone, (sim) => sim.ring({ number: '098111222', campaign: 'Support' }));
      await waitFor(() => page.evaluate(() => window.app.pops.length === 1));
      assert.deepEqual(await page.evaluate(() => window.app.pops[0]), { event: 'assignedInteraction', number: '098111222', customer: 'Bruno Silva' });
      await page.context().close();
    });
  }

  for (const [build, layout] of [['esm', 'cross'], ['esm', 'same'], ['iife', 'cross'], ['iife-full', 'cross']]) {
    test(`uPhone: the CRM app embeds the phone, ready at login, a screen pop, makeCall resolved by its echo, makeSms (${build} build, ${layout}-origin app)`, async () => {
      const page = await env.page();
      const appOrigin = layout === 'same' ? env.sim.portalOrigin : env.sim.formOrigin;
      await page.goto(`${appOrigin}/agent-app/${build === 'esm' ? '' : `${build}.html`}`);
      await waitFor(() => page.evaluate(() => !!window.app?.phone));
      const phone = await phoneFrame(page);
      assert.equal(await phone.evaluate(() => location.origin), env.sim.portalOrigin);
      // Read once all the phone posted up to now has reached the app: a marker it posts last arrives
      // last (an order, not a pause).
      await heardFromPhone(page, phone);
      assert.equal(await page.evaluate(() => window.app.ready), null, 'not ready before the agent logs in');
      await inPhone(phone, (sim) => sim.login('agent1001'));
      await waitFor(() => page.evaluate(() => window.app.ready === 'ready'));
      await inPhone(phone, (sim) => sim.ring({ number: '099123456', campaign: 'Inbound' }));
      await waitFor(() => page.evaluate(() => window.app.pops.length === 1));
      assert.deepEqual(await page.evaluate(() => window.app.pops[0]), { event: 'gettingCall', number: '099123456', customer: 'Ana Pérez' });
      await inPhone(phone, (sim) => { sim.answer(); sim.hangup(); });
      const result = await page.evaluate(() => window.app.call('098111222').then((r) => ({ action: r.action, echoed: r.echoed, number: r.event.params.number })));
      assert.deepEqual(result, { action: 'makeCall', echoed: true, number: '098111222' });
      const received = await inPhone(phone, (sim) => sim.received);
      assert.deepEqual(received, [{ data: { action: 'makeCall', params: { number: '098111222', campaign: 'Sales->' } }, origin: appOrigin, fromParent: true }]);
      await inPhone(phone, (sim) => sim.hangup());
      await page.evaluate(() => window.app.sms('097333444', 'Your order has shipped'));
      await waitFor(() => page.evaluate(() => window.app.events.some((e) => e.name === 'finishedSms')));
      assert.deepEqual(await inPhone(phone, (sim) => sim.received.at(-1)), { data: { action: 'makeSms', params: { number: '097333444', message: 'Your order has shipped', campaign: 'SMS' } }, origin: appOrigin, fromParent: true });
      assert.equal(await page.evaluate(() => window.app.errors.length), 0);
      await page.context().close();
    });
  }
});

describe('Firefox ESR: hostile messages (the corpus of e2e/hostile.e2e.test.mjs)', () => {
  let env;
  before(async () => { env = await setupFirefox({}, await sharedFirefox()); });
  after(async () => { await env?.close(); });

  for (const origin of ['same', 'cross']) {
    test(`hostile corpus from sibling frames, the form itself and the portal, with requests in flight (${origin}-origin form)`, async () => {
      const page = await env.page();
      await page.goto(`${env.sim.portalOrigin}/?origin=${origin}&use=porthole&attacker=same,cross&mode.call=silent&mode.hangup=silent&mode.disposition=silent&mode.tag=silent`);
      const frame = await readyFrame(page);
      const attackers = [];
      for (const k of ['same', 'cross']) attackers.push(await readyFrame(page, `attacker-${k}`, () => typeof window.attackRaw === 'function'));
      await frame.evaluate(() => {
        const p = window.crm.portal;
        const h = (window.h = { settled: [], errors: [] });
        window.addEventListener('error', (e) => h.errors.push(String(e.message)));
        window.addEventListener('unhandledrejection', (e) => h.errors.push(String(e.reason)));
        const track = (name, promise) => promise.then((v) => h.settled.push({ name, ok: true, v }), (e) => h.settled.push({ name, ok: false, code: e.code }));
        const long = { timeoutMs: 60_000, confirm: true };
        track('call', p.call({ campaign: 'Sales->', destination: '099123456' }, { timeoutMs: long.timeoutMs }));
        track('hangup', p.hangup(long));
        track('disposition', p.disposition({ l1: 'Sale' }, long));
        track('tag', p.tag({ tag: 'vip' }, long));
        track('lookupLead', p.send({ action: 'lookupLead', id: 7 }, { reply: 'action', timeoutMs: long.timeoutMs }));
      });
      await waitFor(() => page.evaluate(() => window.sim.received.length === 5));
      const counts = () => frame.evaluate(() => ({
        ignored: window.crm.events.filter((e) => e.type === 'ignored').length,
        other: window.crm.events.filter((e) => !['ignored', 'sent'].includes(e.type)).length,
        unsolicited: window.crm.unsolicited.length,
        settled: window.h.settled.length,
      }));
      const outside = [...MALFORMED, ...FORGED];
      const before = await counts();
      for (const expr of outside) {
        for (const a of attackers) await a.evaluate(SEND, [expr, 'sibling']);
        await frame.evaluate(SEND, [expr, 'self']);
      }
      const sentOutside = outside.length * 3;
      await waitFor(async () => (await counts()).ignored - before.ignored >= sentOutside).catch(() => {});
      const afterOutside = await counts();
      const acceptedFromOutside = sentOutside - (afterOutside.ignored - before.ignored) + (afterOutside.other - before.other) + (afterOutside.unsolicited - before.unsolicited);
      for (const expr of MALFORMED) await page.evaluate(SEND, [expr, 'portal']);
      // Read once the portal's marker, posted after them, has reached the form and been handled.
      await heardFromPortal(page, frame);
      const wronglySettled = (await counts()).settled;
      await page.evaluate(() => {
        window.sim.sendEvent({ guid: 'real-guid' });
        for (const action of ['hangup', 'disposition', 'tag']) window.sim.sendEvent({ action, result: '1' });
        window.sim.sendEvent({ action: 'lookupLead', lead: 'real' });
      });
      await waitFor(() => frame.evaluate(() => window.h.settled.length === 5));
      const settled = await frame.evaluate(() => window.h.settled);
      const formErrors = await frame.evaluate(() => window.h.errors);
      assert.equal(wronglySettled, 0);
      assert.equal(acceptedFromOutside, 0);
      assert.deepEqual(formErrors, []);
      assert.deepEqual(settled.map((s) => [s.name, s.ok]).sort(), [['call', true], ['disposition', true], ['hangup', true], ['lookupLead', true], ['tag', true]]);
      assert.equal(settled.find((s) => s.name === 'call').v.guid, 'real-guid');
      assert.deepEqual(settled.find((s) => s.name === 'lookupLead').v.reply, { action: 'lookupLead', lead: 'real' });
      assert.equal(await frame.evaluate(() => ({}).guid), undefined, 'no prototype pollution');
      await page.context().close();
    });
  }
});

// The simulator's demo pages as a developer without a tenant uses them in Firefox (what
// e2e/demo-pages and e2e/demo-tour check in Chromium): every page `npm run demo` prints opens with
// no page error, and the main flows work by real clicks on the pages' own controls.
describe('Firefox ESR: the demo pages (npm run demo)', () => {
  let env;
  before(async () => { env = await setupFirefox({}, await sharedFirefox()); });
  after(async () => { await env?.close(); });
  const EXPECTED_404 = ['/uContact/assets/js/framework/integraFramework.js'];

  test('every page npm run demo prints loads with no page error, no console error and no failed request but the documented ones', async () => {
    const urls = [...demoText(env.sim).matchAll(/https?:\/\/[^\s),;]+/g)].map((m) => m[0]).filter((u) => !u.includes('...') && u !== env.sim.formOrigin);
    assert.ok(urls.length >= 18, `${urls.length} URLs`);
    const documented = (url) => {
      const u = new URL(url);
      return u.origin === env.sim.formOrigin && EXPECTED_404.includes(u.pathname);
    };
    for (const url of urls) {
      const page = await env.page();
      const problems = [];
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.on('requestfailed', (r) => documented(r.url()) || problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
      page.on('response', (r) => r.status() < 400 || (documented(r.url()) && r.status() === 404) || problems.push(`${r.status()} ${r.url()}`));
      page.on('console', (m) => m.type() !== 'error' || documented(m.location()?.url ?? '') || problems.push(`console: ${m.text()} ${m.location()?.url}`));
      // Each document (framed ones too) records its own uncaught errors from its first script on.
      await page.evaluateOnNewDocument(() => {
        window.__errors = [];
        addEventListener('error', (e) => e instanceof ErrorEvent && window.__errors.push(String(e.message)));
        addEventListener('unhandledrejection', (e) => window.__errors.push(`unhandled: ${e.reason}`));
      });
      const response = await page.goto(url, { waitUntil: 'load' });
      assert.ok(response?.ok(), `${url}: ${response?.status()}`);
      await new Promise((r) => setTimeout(r, 400));
      // Every document loaded, framed ones too, then none with an error of its own.
      problems.push(...await unreadyDocuments(page));
      // Errors thrown in framed pages (forms, the uPhone, the Inbox form) too: each frame's own view.
      for (const f of page.frames()) {
        const errors = await f.evaluate(() => window.__errors).catch(() => ['no error log']);
        for (const e of errors ?? ['no error log']) problems.push(`in ${f.url()}: ${e}`);
      }
      assert.deepEqual(problems, [], url);
      await page.context().close();
    }
    assert.deepEqual(env.pageErrors.map((e) => e.message), []);
  });

  for (const origin of ['same', 'cross']) {
    test(`the desk: the sample form's Call button places a call answered with a guid; Ring and Answer open the form again with the call (${origin} origin)`, async () => {
      const page = await env.page();
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      let frame = await openPortal(page, env.sim, origin === 'cross' ? 'origin=cross' : '');
      await frame.click('#btn-call');
      await waitFor(() => frame.evaluate(() => window.crm.results.length > 0));
      const call = await frame.evaluate(() => window.crm.results[0]);
      assert.equal(call.error, false, JSON.stringify(call.value));
      const guids = await page.evaluate(() => window.sim.guids);
      assert.equal(guids.length, 1);
      assert.equal(call.value.guid, guids[0]);
      await page.click('#ring-inbound');
      await waitFor(() => page.evaluate(() => !document.getElementById('incoming').hidden));
      await frame.evaluate(() => { window.beforeAnswer = true; });
      await page.click('#answer');
      frame = await readyFrame(page, 'crmForm', () => !window.beforeAnswer && window.crm?.ready === true);
      const cti = await page.evaluate(() => window.sim.currentCall);
      assert.ok(cti?.guid, JSON.stringify(cti));
      // A form on another origin reads no CTI (neither the portal's localStorage nor its framework): it says so.
      const read = await frame.evaluate(() => {
        try {
          return { guid: window.crm.bridge.readCti().guid, view: document.getElementById('cti-view').textContent };
        } catch (e) {
          return { code: e.code };
        }
      });
      if (origin === 'same') {
        assert.equal(read.guid, cti.guid);
        assert.match(read.view, new RegExp(cti.guid));
      } else assert.deepEqual(read, { code: 'NO_CTI' });
      assert.match(await page.$eval('#current-call', (e) => e.textContent), new RegExp(`guid ${cti.guid}`));
      assert.deepEqual(errors, []);
      await page.context().close();
    });
  }

  for (const origin of ['same', 'cross']) {
    test(`the Inbox: clicking each conversation opens the form with its interaction (${origin} origin)`, async () => {
      const page = await env.page();
      await page.goto(`${env.sim.portalOrigin}/inbox?origin=${origin}`);
      let frame = await readyFrame(page, 'inboxForm', () => window.form?.status === 'interaction');
      for (const channel of ['whatsapp', 'email', 'sms']) {
        await frame.evaluate(() => { window.previousDocument = true; });
        await page.click(`#list li[data-channel="${channel}"]`);
        frame = await readyFrame(page, 'inboxForm', () => !window.previousDocument && window.form?.status === 'interaction');
        assert.equal(await frame.evaluate(() => window.form.interaction.channel), channel);
        assert.match(await frame.$eval('#status', (e) => e.textContent), new RegExp(`Interaction on ${channel}`));
      }
      const got = await page.evaluate(() => window.inbox.received.map((r) => [r.data, r.fromForm]));
      assert.equal(got.length, 4);
      for (const r of got) assert.deepEqual(r, [{ action: 'getInteraction' }, true]);
      assert.deepEqual(env.pageErrors.map((e) => e.message), []);
      await page.context().close();
    });
  }

  test('the agent app: the phone\'s own Log in, Ring and the app\'s Call button (screen pop, makeCall echo) by clicks', async () => {
    const page = await env.page();
    await page.goto(`${env.sim.formOrigin}/agent-app/`);
    await waitFor(() => page.evaluate(() => !!window.app?.phone));
    const phone = await waitFor(async () => {
      for (const f of page.frames()) {
        if (/\/uphone\/(\?|$)/.test(f.url()) && await f.evaluate(() => !!window.uphoneSim).catch(() => false)) return f;
      }
      return undefined;
    });
    await phone.click('#login-btn');
    await waitFor(() => page.evaluate(() => window.app.ready === 'ready'));
    await phone.click('#ring');
    await waitFor(() => page.evaluate(() => window.app.pops.length === 1));
    assert.match(await page.$eval('#card', (e) => e.innerText), /Ana Pérez/);
    await phone.click('#answer');
    await phone.click('#hangup');
    await waitFor(() => page.evaluate(() => window.app.phone.state.status !== 'inCall'));
    await page.click('#customers button[data-act=call]');
    await waitFor(() => phone.evaluate(() => window.uphoneSim.received.length === 1));
    assert.equal(await phone.evaluate(() => window.uphoneSim.received[0].data.action), 'makeCall');
    await waitFor(() => page.evaluate(() => window.app.events.some((e) => e.name === 'makeCall' || e.name === 'dialing')));
    assert.equal(await page.evaluate(() => window.app.errors.length), 0);
    assert.deepEqual(env.pageErrors.map((e) => e.message), []);
    await page.context().close();
  });
  test('the printed "?fallback=rest" form outside the portal calls and hangs up over REST by its buttons', async () => {
    env.sim.rest.reset();
    const url = demoText(env.sim).split('\n').find((l) => l.includes('fallback=rest')).match(/https?:\/\/\S+/)[0];
    const page = await env.page();
    await page.goto(url);
    await waitFor(() => page.evaluate(() => window.crm?.ready === true));
    assert.equal(await page.$eval('#embedded', (e) => e.textContent), 'false');
    await page.click('#btn-call');
    await waitFor(() => page.evaluate(() => window.crm.results.length > 0));
    const call = await page.evaluate(() => window.crm.results[0]);
    assert.equal(call.error, false, JSON.stringify(call.value));
    assert.equal(call.value.via, 'rest');
    assert.equal(env.sim.rest.state.calls.length, 1);
    await page.click('#btn-hangup');
    await waitFor(() => page.evaluate(() => window.crm.results.length > 1));
    assert.deepEqual(await page.evaluate(() => window.crm.results.find((r) => r.label === 'hangup').value), { action: 'hangup', confirmed: true, via: 'rest' });
    await page.context().close();
  });

  for (const [query, use] of [['mode.call=late', 'porthole'], ['mode.UC_makeCall_async=late', 'framework']]) {
    test(`?${query} replies after 3 s, as the desk's "late (3 s)" says (${use})`, async () => {
      const page = await env.page();
      const frame = await openPortal(page, env.sim, `use=${use}&${query}`);
      assert.equal(await page.$eval(`#mode-${query.slice(5, -5)}`, (e) => e.value), 'late');
      const r = await frame.evaluate(async () => {
        const t = performance.now();
        const v = await window.crm.portal.call({ campaign: 'Sales->', destination: '099123456' }, { timeoutMs: 10_000 });
        return { ms: performance.now() - t, via: v.via };
      });
      assert.equal(r.via, use);
      assert.ok(r.ms >= 2900, `replied after ${Math.round(r.ms)} ms`);
      await page.context().close();
    });
  }

  test('the classic form in the desk: Call by its button gets a guid; Tag with no call reports the refusal; no uncaught error', async () => {
    const page = await env.page();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${env.sim.portalOrigin}/?form=classic`);
    const frame = await readyFrame(page, 'crmForm', () => document.body?.dataset.ready === 'true');
    await frame.click('#btnTag');
    await waitFor(async () => /UC_TagRecord/.test(await frame.$eval('#results', (e) => e.textContent)));
    const shown = await frame.$eval('#results', (e) => e.textContent);
    assert.doesNotMatch(shown, /recording tagged/);
    assert.match(shown, /Error: UC_TagRecord: guid is required/);
    await frame.click('#btnCall');
    await waitFor(() => page.evaluate(() => window.sim.guids.length === 1 || window.sim.currentCall !== null));
    assert.deepEqual(await uncaughtUpToNow(errors, [frame, page.mainFrame()]), []);
    await page.context().close();
  });

  test('the simulated uPhone alone (?login=auto): its own buttons (Ring, Answer, Hang up, Call, SMS, theme) by clicks, no page error', async () => {
    const page = await env.page();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${env.sim.portalOrigin}/uphone/?login=auto`);
    await waitFor(() => page.evaluate(() => window.uphoneSim?.loggedIn ?? !!window.uphoneSim));
    for (const id of ['#ring', '#answer', '#hangup', '#dial', '#sms-send', '#sms-receive', '#theme']) {
      await waitFor(() => page.$eval(id, (e) => !e.hidden && !e.closest('[hidden]')).catch(() => false), 3000).catch(() => {});
      if (await page.$eval(id, (e) => !!e.closest('[hidden]'))) continue;
      await page.click(id);
    }
    assert.deepEqual(await uncaughtUpToNow(errors, [page.mainFrame()]), []);
    await page.context().close();
  });
  test('the desk\'s toasts never take the click meant for "Open it again" after the form closes itself', async () => {
    const page = await env.page();
    await page.goto(`${env.sim.portalOrigin}/?form=classic`);
    const frame = await readyFrame(page, 'crmForm', () => document.body?.dataset.ready === 'true');
    // Three toasts (a save, two refusals), then the form closes itself (UC_closeForm) within their 4 s.
    for (const b of ['#btnSave', '#btnDispose', '#btnTag', '#btnClose']) await frame.click(b);
    await waitFor(() => page.evaluate(() => !document.getElementById('form-closed').hidden));
    assert.ok(await page.evaluate(() => document.querySelectorAll('#toasts .toast').length >= 3), 'the toasts still show');
    await page.click('#reopen-form'); // a click at the button's place: a toast there takes it
    await readyFrame(page, 'crmForm', () => document.body?.dataset.ready === 'true', 3000);
    await page.context().close();
  });
  test('the desk and the Inbox refuse to be framed by another site (clickjacking: frame-ancestors \'self\')', async () => {
    // The sample form (framable) is the control: the same probe sees it load.
    for (const path of ['/forms/crm.html', '/', '/inbox']) {
      const page = await env.page();
      await page.goto(`${env.sim.formOrigin}/forms/crm.css`);
      await page.evaluate((src) => new Promise((r) => {
        const f = document.createElement('iframe');
        f.src = src;
        document.body.append(f);
        // Fired for a refused frame too (its error page); a framed page's scripts have run by then.
        f.onload = r;
      }), env.sim.portalOrigin + path);
      const loaded = await Promise.all(page.frames().filter((f) => f !== page.mainFrame()).map((f) => f.evaluate(() => !!(window.sim || window.inbox || window.crm)).catch(() => false)));
      assert.equal(loaded.includes(true), path === '/forms/crm.html', `${path} framed: ${loaded}`);
      await page.context().close();
    }
  });
  test('the desk\'s "Inbound call" / "Dialer call" (a call started in place): the open form shows it by itself (localStorage watch, the framework\'s CTI)', async () => {
    const page = await env.page();
    const frame = await openPortal(page, env.sim, '');
    await frame.evaluate(() => { window.sameDocument = true; });
    for (const button of ['#start-inbound', '#start-dialer']) {
      await page.click(button);
      const guid = await waitFor(() => page.evaluate(() => window.sim.currentCall?.guid));
      await waitFor(() => frame.evaluate((g) => window.sameDocument && document.getElementById('cti-view').textContent.includes(g), guid), 5000);
    }
    await page.context().close();
  });
  test('the Inbox\'s "late" mode by its radio: 3 s late, the form shows the interaction then; 6 s late, past its 5 s wait, manual mode', async () => {
    const page = await env.page();
    await page.goto(`${env.sim.portalOrigin}/inbox`);
    let frame = await readyFrame(page, 'inboxForm', () => window.form?.status === 'interaction');
    await page.click('#modes input[value="late"]');
    for (const [ms, status] of [[3000, 'interaction'], [6000, 'manual']]) {
      await page.evaluate((v) => {
        const i = document.getElementById('late-ms');
        i.value = String(v);
        i.dispatchEvent(new Event('change'));
      }, ms);
      await frame.evaluate(() => { window.previousDocument = true; });
      const t0 = Date.now();
      await page.click('#list li[data-channel="sms"]');
      frame = await readyFrame(page, 'inboxForm', () => !window.previousDocument && window.form?.ready && window.form.status !== 'waiting');
      const elapsed = Date.now() - t0;
      assert.equal(await frame.evaluate(() => window.form.status), status);
      assert.ok(elapsed >= Math.min(ms, 5000) - 150, `settled after ${elapsed} ms`);
    }
    await page.context().close();
  });
  test('the Inbox\'s toast never takes the click meant for "Open it again" after the form submits and closes', async () => {
    const page = await env.page();
    await page.goto(`${env.sim.portalOrigin}/inbox`);
    const frame = await readyFrame(page, 'inboxForm', () => window.form?.status === 'interaction');
    await frame.click('#submit');
    await frame.click('#close');
    await waitFor(() => page.evaluate(() => !document.getElementById('form-closed').hidden));
    assert.ok(await page.evaluate(() => document.querySelectorAll('#toasts .toast').length >= 1), 'the toast still shows');
    await page.click('#reopen'); // a click at the button's place: a toast there takes it
    await readyFrame(page, 'inboxForm', () => window.form?.status === 'interaction', 3000);
    await page.context().close();
  });

  // Keyboard only, as e2e/demo-a11y.e2e.test.mjs does in Chromium: Firefox's own focus order and
  // key handling (Space and Enter on a button, focus of a hidden element's button).
  test('the Inbox by keyboard alone: Tab reaches the conversations, Enter and Space pick one, focus stays on it', async () => {
    const page = await env.page();
    await page.goto(`${env.sim.portalOrigin}/inbox`);
    await waitFor(() => page.evaluate(() => window.inbox?.loads >= 1));
    const focused = () => page.evaluate(FOCUSED_CONVERSATION);
    let channel = null;
    for (let i = 0; i < 20 && !channel; i++) {
      await page.keyboard.press('Tab');
      channel = await focused();
    }
    assert.equal(channel, 'telephony', 'a conversation is reachable with Tab');
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'whatsapp');
    await page.keyboard.press('Enter');
    await waitFor(() => page.evaluate(() => window.inbox.selected === 'whatsapp'));
    assert.equal(await focused(), 'whatsapp', 'focus stays on the picked conversation');
    await page.keyboard.press('Tab');
    await page.keyboard.press(' ');
    await waitFor(() => page.evaluate(() => window.inbox.selected === 'webchat'));
    assert.deepEqual(await page.evaluate(CURRENT_CONVERSATIONS), ['webchat']);
    await readyFrame(page, 'inboxForm', () => window.form?.status === 'interaction' && window.form.interaction?.channel === 'webchat');
    await page.context().close();
  });

  test('the desk by keyboard alone: a ringing call answered with Enter puts the focus in the form; declined, back on the button that rang', async () => {
    const page = await env.page();
    await openPortal(page, env.sim);
    await page.focus('#ring-whatsapp');
    await page.keyboard.press('Enter');
    await waitFor(() => page.evaluate(() => !document.getElementById('incoming').hidden));
    await page.focus('#answer');
    await page.keyboard.press('Enter');
    await waitFor(() => page.evaluate(() => window.sim.currentCall?.via === 'answered'));
    await waitFor(() => page.evaluate(() => document.activeElement?.id === 'crm'), 3000);
    await page.focus('#ring-inbound');
    await page.keyboard.press(' ');
    await waitFor(() => page.evaluate(() => !document.getElementById('incoming').hidden));
    await page.focus('#decline');
    await page.keyboard.press('Enter');
    await waitFor(() => page.evaluate(() => document.getElementById('incoming').hidden));
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'ring-inbound', 'focus goes back to the button that rang');
    await page.context().close();
  });

  // The layout check of e2e/demo-layout.e2e.test.mjs, with Firefox's own fonts, scroll bars and grid.
  const layoutProblems = async (page, what) => {
    const found = [];
    for (const frame of page.frames()) {
      const where = frame === page.mainFrame() ? '' : `[frame ${new URL(frame.url()).pathname}] `;
      for (const p of await frame.evaluate(LAYOUT_PROBLEMS).catch((e) => [`unreadable: ${e.message}`])) found.push(`${what} ${where}${p}`);
    }
    return found;
  };
  test('every page npm run demo prints, at each desk size: no covered control, none out of reach, no horizontal scroll', async () => {
    const urls = demoPages(env.sim);
    const problems = [];
    for (const [width, height] of SIZES) {
      const page = await env.page();
      await page.setViewport({ width, height });
      for (const url of urls) {
        await page.goto(url, { waitUntil: 'load' });
        problems.push(...(await unreadyDocuments(page, { started: true })).map((p) => `${width}x${height} ${url} ${p}`));
        problems.push(...await layoutProblems(page, `${width}x${height} ${url}`));
      }
      await page.context().close();
    }
    assert.deepEqual(problems, []);
  });

  test('the desk ringing, the desk and the Inbox with their form closed and toasts showing, at each desk size: nothing covered; "Open it again" takes a real click', async () => {
    const problems = [];
    for (const [width, height] of SIZES) {
      const page = await env.page();
      await page.setViewport({ width, height });
      await openPortal(page, env.sim);
      await page.click('#ring-inbound');
      await waitFor(() => page.evaluate(() => !document.getElementById('incoming').hidden));
      problems.push(...await layoutProblems(page, `${width}x${height} desk ringing`));
      await page.click('#decline');
      await page.goto(`${env.sim.portalOrigin}/?form=classic`);
      const classic = await readyFrame(page, 'crmForm', () => document.body?.dataset.ready === 'true');
      for (const b of ['#btnSave', '#btnDispose', '#btnTag', '#btnClose']) await classic.click(b);
      await waitFor(() => page.evaluate(() => !document.getElementById('form-closed').hidden));
      assert.ok(await page.evaluate(() => document.querySelectorAll('#toasts .toast').length >= 3), 'the toasts show');
      problems.push(...await layoutProblems(page, `${width}x${height} desk, form closed`));
      await page.click('#reopen-form');
      await readyFrame(page, 'crmForm', () => document.body?.dataset.ready === 'true', 3000);
      await page.goto(`${env.sim.portalOrigin}/inbox`);
      const form = await readyFrame(page, 'inboxForm', () => window.form?.status === 'interaction');
      await form.click('#submit');
      await form.click('#close');
      await waitFor(() => page.evaluate(() => !document.getElementById('form-closed').hidden));
      problems.push(...await layoutProblems(page, `${width}x${height} Inbox, form closed`));
      await page.click('#reopen');
      await readyFrame(page, 'inboxForm', () => window.form?.status === 'interaction', 3000);
      await page.context().close();
    }
    assert.deepEqual(problems, []);
  });
});
