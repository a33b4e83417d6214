// The portal client's layouts (copies of the library in one form, sibling frames, reloads, busy
// timers, wall-clock steps, the framework mixed with Porthole, a polluted Object.prototype) as
// in-page functions, shared by the Chromium files (e2e/lifecycle-*.e2e.test.mjs,
// e2e/layout-portal-mix.e2e.test.mjs, e2e/pollution.e2e.test.mjs) and, with the test bodies below,
// by the Firefox and WebKit suites (e2e/engines/*-portal-layouts.mjs).
//
// Each in-page function is self-contained (it is sent as its text) and takes at most one argument:
// Playwright's and puppeteer's `evaluate(fn, arg)` and WebKit's `wd.run(fn, arg)` call it alike.
import assert from 'node:assert/strict';

export const CALL = { campaign: 'Sales->', destination: '099123456' };

// --- in the portal (the simulator's page or e2e/pages/siblings.html) ---

export const portalState = () => ({ received: window.sim.received.map((x) => x.data), guids: window.sim.guids, replies: window.sim.replies });
export const portalEvent = (data) => { window.sim.sendEvent(data); };
export const portalReply = ([action, kind]) => { window.sim.setReply(action, kind); };
export const hostState = () => ({ received: window.host.received.map((x) => x.frame), guids: window.host.guids, replies: window.host.replies });
export const hostMode = ([mode, delay, times]) => { window.host.setMode(mode, delay, times); };
export const hostLoad = ([name, url]) => { window.host.load(name, url ?? undefined); };
/** Takes the frame `name` out of the stand-in portal's page (the frames after it move down an index). */
export const hostRemove = (name) => { window.host.frames[name].remove(); };
/** The stand-in portal answers `name` with a fresh guid (an old call's answer, or a new one's). */
export const hostAnswer = (name) => {
  const guid = crypto.randomUUID();
  window.host.guids.push(guid);
  window.host.send(name, { guid });
};
export const frameworkLog = () => fetch('/sim/framework/state').then((r) => r.json()).then((s) => s.log.filter((e) => e.name === 'UC_makeCall_async'));

// --- in a form ---

/** Marks this document: the frame's next document is told apart by its lack of the mark. */
export const mark = () => { window.marked = true; };
/** Marks and reloads the form (after this script returned: a driver waiting on it is not cut off). */
export const reloadMarked = () => { window.marked = true; setTimeout(() => location.reload(), 0); };
/** The form's reload slots in sessionStorage. */
export const savedSlots = () => Object.keys(sessionStorage).filter((k) => k.startsWith('ucontact-bridge.pending:'));
/** A call of a new client (lifecycle.html's `connect`) left to the portal: nothing waits on it. */
export const callAway = ({ args, options }) => { window.connect(options ?? undefined).call(args).catch(() => {}); };
/** What a new client with `options` gets for a call. */
export const callWith = ({ args, options, callOptions }) => window.settle(window.connect(options ?? undefined).call(args, callOptions ?? undefined));
/** A client with nothing pending, kept. */
export const idleClient = () => { window.client = window.connect(); };
/** A call started now, its result awaited later by `timedResult`. */
export const timedCall = ({ args, timeoutMs }) => {
  window.calledAt = Date.now();
  window.result = window.settle(window.connect().call(args, { timeoutMs }));
};
export const timedResult = async () => ({ calledAt: window.calledAt, r: await window.result });

// Copies (e2e/pages/copies.html): each copy's connectPortal by name (iife, portalMin, esm).

/** The first copy's call and the second copy's callWithPhone at once. */
export const copiesCalls = async ([a, b, args]) => {
  const ca = window.connect(a);
  const cb = window.connect(b);
  const distinct = window.copies[a].connectPortal !== window.copies[b].connectPortal;
  const listeners = window.listenerCount;
  const results = await Promise.all([window.settle(ca.call(args)), window.settle(cb.callWithPhone(args))]);
  ca.destroy();
  cb.destroy();
  return { distinct, listeners, results, after: window.listenerCount };
};
/** Two copies' raw sends of one action at once, each awaiting the action's reply. */
export const copiesSends = async () => {
  const ca = window.connect('iife');
  const cb = window.connect('esm');
  const results = await Promise.all([
    window.settle(ca.send({ action: 'saveLead', who: 'iife' }, { reply: 'action' })),
    window.settle(cb.send({ action: 'saveLead', who: 'esm' }, { reply: 'action' })),
  ]);
  ca.destroy();
  cb.destroy();
  return results;
};

// Ties: an unconfirmed tag of the kept client (made with `lateReplyWindowMs` on the first).
export const keptTag = ({ tag, lateReplyWindowMs }) => {
  if (lateReplyWindowMs) window.client = window.connect({ lateReplyWindowMs });
  return window.client.tag({ tag });
};
/** A confirmed tag of a new client, its outcome in window.mine once settled. */
export const confirmedTag = (tag) => {
  window.mine = { settled: false };
  window.settle(window.connect().tag({ tag }, { confirm: true, timeoutMs: 30_000 }))
    .then((r) => Object.assign(window.mine, r, { settled: true }));
};
export const mine = () => window.mine;

/**
 * `busy(t0, fromMs, toMs, then)`: a task that holds the main thread from `fromMs` to `toMs` after
 * t0 (a heavy render, a sync XHR), then runs `then`. Timers due meanwhile run after it, in the
 * order they came due.
 */
export const installBusy = () => {
  window.busy = (t0, from, to, then) => setTimeout(() => { while (performance.now() - t0 < to); then?.(); }, from);
};
// x times out at 200 ms, its late window closes at 500 (the lane's timer); a, queued behind it, is
// due at 600 (the client's alarm). The page is busy from 350 to 900: both timers run late.
export const busyLate = async (args) => {
  const client = window.connect({ lateReplyWindowMs: 300 });
  const t0 = performance.now();
  const x = window.settle(client.call(args, { timeoutMs: 200 }));
  const a = window.settle(client.call(args, { timeoutMs: 600 }));
  let ran;
  window.busy(t0, 350, 900, () => { ran = performance.now() - t0; });
  const out = { x: await x, a: await a, ran, ms: performance.now() - t0 };
  client.destroy();
  return out;
};
/** What busyLate must find: both calls TIMEOUT on the busy page, the queued one never sent. */
export function assertBusyLate(r) {
  assert.ok(r.ran >= 900, `the page was busy until ${r.ran} ms`);
  assert.equal(r.x.code, 'TIMEOUT');
  assert.equal(r.a.code, 'TIMEOUT');
  assert.match(r.a.message, /no reply within 600 ms \(never sent/);
}
// The same busy page destroys its client at 700: x's window closed at 500, its timer has not run.
export const busyDestroy = async (args) => {
  const client = window.connect({ lateReplyWindowMs: 300 });
  const t0 = performance.now();
  const x = window.settle(client.call(args, { timeoutMs: 200 }));
  const a = window.settle(client.call(args, { timeoutMs: 5000 }));
  const b = window.settle(client.callWithPhone(args, { timeoutMs: 5000 }));
  let at;
  window.busy(t0, 350, 700, () => { at = performance.now() - t0; client.destroy(); });
  return { x: await x, a: await a, b: await b, at };
};

// Clock.
export const clocks = () => ({ wall: Date.now(), mono: performance.now() });
/**
 * Steps this window's wall clock by `ms`, in the page: `Date` (its constructor and `Date.now`)
 * runs `ms` ahead of the system's from now on; `performance.now()` and the timers are untouched, as
 * in a real step. For engines whose driver has no clock control (Firefox over BiDi, WebKit over
 * classic WebDriver): it moves the `Date` every script of the page reads at the time it reads it
 * (the library reads it so, never keeping a copy), not the engine's own wall clock.
 */
export const stepDate = (ms) => {
  if (!window.stepWallClock) {
    const Real = Date;
    let offset = 0;
    const Stepped = function Date(...a) {
      if (!new.target) return new Real(Real.now() + offset).toString();
      return a.length ? new Real(...a) : new Real(Real.now() + offset);
    };
    Object.setPrototypeOf(Stepped, Real);
    Stepped.prototype = Real.prototype;
    Stepped.now = () => Real.now() + offset;
    window.Date = Stepped;
    window.stepWallClock = (d) => { offset += d; };
  }
  window.stepWallClock(ms);
};
/**
 * A call of a client with `lateReplyWindowMs`, to a portal that never answers it: after its TIMEOUT
 * its window stays open. `closes`: the earliest the window can close, in epoch ms of the monotonic
 * clock (timeOrigin + now(), comparable across the frame's documents, whatever `Date` says).
 */
export const staleCall = async ({ args, timeoutMs, lateReplyWindowMs }) => {
  const closes = performance.timeOrigin + performance.now() + timeoutMs + lateReplyWindowMs;
  const r = await window.settle(window.connect({ lateReplyWindowMs }).call(args, { timeoutMs }));
  return { code: r.code, closes };
};
/** A pagehide listener of the page's own, added before the library's: it holds the thread `ms` (a draft saved by a sync XHR). */
export const slowPagehide = (ms) => {
  addEventListener('pagehide', () => { const t = performance.now(); while (performance.now() - t < ms); });
};
/** A call; its outcome and when it came, in epoch ms of the monotonic clock. */
export const monotonicCall = async ({ args, timeoutMs }) => {
  const r = await window.settle(window.connect().call(args, { timeoutMs }));
  return { ...r, at: performance.timeOrigin + performance.now() };
};
export const secondCall = ({ args, timeoutMs }) => { window.second = window.settle(window.connect().call(args, { timeoutMs })); };
export const awaitSecond = () => window.second;
/** A call and a confirmed tag of one client, both `timeoutMs`; their outcomes (and when) in window.results. */
export const bothWaiting = ({ args, timeoutMs }) => {
  const client = window.connect();
  window.t0 = performance.now();
  window.results = [];
  const keep = (r) => window.results.push({ ...r, ms: performance.now() - window.t0 });
  window.settle(client.call(args, { timeoutMs })).then(keep);
  window.settle(client.tag({ tag: 'x' }, { confirm: true, timeoutMs })).then(keep);
};
export const results = () => window.results;

/** The sample ES module form's client and a second copy's (the full script tag), framework and Porthole calls mixed. */
export const mixCalls = async ([a, b]) => {
  const framework = document.querySelector('#framework').textContent;
  await new Promise((resolve, reject) => {
    const s = Object.assign(document.createElement('script'), { src: '/dist/ucontact-bridge.iife.min.js', onload: resolve, onerror: reject });
    document.head.append(s);
  });
  const mineClient = window.crm.portal;
  const other = window.UContactBridge.connectPortal({ allowedOrigins: location.origin });
  const call = (client, n, use) => client.call({ campaign: 'Sales->', destination: n }, { use, timeoutMs: 8000 })
    .then((v) => ({ n, use, via: v.via, guid: v.guid }), (e) => ({ n, use, code: e.code }));
  const tag = (client, t, use) => client.tag({ tag: t, guid: 'g-tag' }, { use, confirm: true, timeoutMs: 8000 })
    .then((v) => ({ t, via: v.via, confirmed: v.confirmed }), (e) => ({ t, code: e.code }));
  const calls = Promise.all([
    call(mineClient, '091000001', a), call(other, '091000002', b), call(mineClient, '091000003', b), call(other, '091000004', a),
    call(other, '091000005', a), call(mineClient, '091000006', b),
  ]);
  const tags = Promise.all([tag(other, 'ta', a), tag(mineClient, 'tb', b), tag(mineClient, 'tc', a), tag(other, 'td', b)]);
  return { framework, calls: await calls, tags: await tags };
};

/** The sample form's call with Object.prototype polluted (a deep-merge bug of the page) after its client was made. */
export const pollutedCall = async () => {
  Object.assign(Object.prototype, { action: 'hangup', error: 'from the page' });
  try {
    const call = await window.crm.portal.call({ campaign: 'Sales->', destination: '099123456' }, { timeoutMs: 3000 });
    return { ok: true, call };
  } catch (e) {
    return { ok: false, code: e.code, message: e.message };
  } finally {
    delete Object.prototype.action;
    delete Object.prototype.error;
  }
};

// --- the test bodies, for an engine's driver ---

/**
 * The portal layouts as node:test tests on a driver `d` of an engine (its glue stays in the engine's
 * file): `d.sim` the simulator (read once started); `d.test` node:test's `test`, called from the
 * engine's file (the runner counts a test under the file that calls it); `d.group(name, fn, parallel)` a describe, whose
 * tests may run at once when `parallel` (they assert no timing) and the driver can; `d.waitFor(fn,
 * ms)`; `d.fresh(url, frames, clean)` a fresh page at `url` with the frames named each ready
 * (`clean`: this test and the one before it leave no request pending, so a driver may reuse the
 * tab before, its sessionStorage holding no slot), resolving to the page `p`: `p.top(fn, arg)` and
 * `p.in(name, fn, arg)` run an in-page function in the portal or in the frame `name`;
 * `p.ready(name)` waits for the frame's unmarked document to be ready; `p.done()` closes the page.
 */
export function portalLayoutTests(d) {
  // The simulator is read when a test runs (a driver starts it in its `before`).
  const base = (origin) => (origin === 'cross' ? d.sim.formOrigin : d.sim.portalOrigin);
  const fresh = async (url, frames, clean) => {
    const p = await d.fresh(url, frames, clean);
    // In the frame 'crmForm', where the portal (or the stand-in) frames the form.
    p.form = (fn, arg) => p.in('crmForm', fn, arg);
    return p;
  };
  // The simulator's portal with `query`, its form ready.
  const open = (query, clean) => fresh(`${d.sim.portalOrigin}/?${query}`, ['crmForm'], clean);
  // The stand-in portal e2e/pages/siblings.html with the frames named, each the form at URL `form`.
  const openHost = (names, form) => fresh(`${d.sim.portalOrigin}/e2e/siblings.html?frames=${names.join(',')}&form=${encodeURIComponent(form)}`, names);
  const formUrl = (origin, page) => `formUrl=${encodeURIComponent(`${base(origin)}/e2e/${page}?portal=${encodeURIComponent(d.sim.portalOrigin)}`)}`;
  const sleepUntil = (t) => new Promise((r) => setTimeout(r, Math.max(0, t - Date.now())));

  // Copies: e2e/lifecycle-copies.e2e.test.mjs.
  d.group('two copies of the library in one form: one hub, one set of lanes', () => {
    for (const [first, second] of [['iife', 'portalMin'], ['iife', 'esm'], ['esm', 'portalMin']]) {
      for (const origin of ['same', 'cross']) {
        d.test(`two copies in one form (${first} + ${second}, ${origin} origin): each call gets its own guid, one message listener`, async () => {
          const p = await open(`${formUrl(origin, 'copies.html')}&mode.call=late:300&mode.callWithPhone=late:300`, true);
          const r = await p.form(copiesCalls, [first, second, CALL]);
          const portal = await p.top(portalState);
          assert.ok(r.distinct, 'two distinct copies of the library');
          assert.deepEqual(r.results.map((x) => x.ok), [true, true], JSON.stringify(r.results));
          assert.deepEqual(portal.received.map((x) => x.action), ['call', 'callWithPhone']);
          assert.equal(portal.guids.length, 2);
          assert.deepEqual(r.results.map((x) => x.v.guid), portal.guids, 'each copy got its own call\'s guid');
          assert.deepEqual([r.listeners, r.after], [1, 0], 'one message listener for both copies');
          await p.done();
        });
      }
    }
    for (const origin of ['same', 'cross']) {
      d.test(`two copies in one form (iife + esm, ${origin} origin): a raw send's reply lane is shared, each send gets its own reply`, async () => {
        const p = await open(formUrl(origin, 'copies.html'), true);
        await p.top(portalReply, ['saveLead', 'action']);
        const r = await p.form(copiesSends);
        assert.deepEqual(r.map((x) => x.ok), [true, true], JSON.stringify(r));
        assert.deepEqual(r.map((x) => x.v.reply.received.who), ['iife', 'esm'], 'each copy got the reply to its own message');
        assert.deepEqual((await p.top(portalState)).received.map((x) => x.who), ['iife', 'esm']);
        await p.done();
      });
    }
  }, true);

  // Siblings: e2e/lifecycle-siblings.e2e.test.mjs (same-origin sibling forms share sessionStorage).
  // Cross origin too here (forms of one origin beside each other in a portal of another): Firefox
  // and WebKit partition the forms' sessionStorage by the top site, not per frame, so the sibling
  // forms share it there as well (Chromium blocks it: its file runs same origin only).
  const openSiblings = (origin, names) => openHost(names, `${base(origin)}/e2e/lifecycle.html`);
  // The reloaded form `name` calls; the stand-in portal then answers the old call (before the reload),
  // then the new one. The new call must get the second answer: the old one is its slot's.
  const oldAnswerThenNew = async (p, name) => {
    await p.in(name, timedCall, { args: CALL, timeoutMs: 20_000 });
    await p.top(hostAnswer, name); // the old call's
    await d.waitFor(async () => (await p.top(hostState)).received.length === 2);
    await p.top(hostAnswer, name); // the new call's
    const r = await p.in(name, timedResult);
    const host = await p.top(hostState);
    assert.ok(r.calledAt < host.replies[0].at, 'precondition: the new call was made before the old answer came');
    assert.equal(r.r.ok, true, r.r.message);
    assert.equal(host.guids.length, 2);
    assert.equal(r.r.v.guid, host.guids[1], "the reloaded form took its old call's guid");
  };
  d.group('sibling forms of one portal', () => {
    for (const origin of ['same', 'cross']) {
      d.test(`a sibling form's unload does not overwrite the reloading form's slots (${origin} origin)`, async () => {
        const p = await openSiblings(origin, ['formA', 'formB']);
        // The stand-in portal answers nothing by itself: the test gives the old call's answer once the
        // reloaded form has called, then the new call's.
        await p.top(hostMode, ['silent']);
        await p.in('formB', idleClient);
        await p.in('formA', callAway, { args: CALL });
        await d.waitFor(async () => (await p.top(hostState)).received.length === 1);
        // Form A goes away (its pagehide saves its slots), then form B reloads (its pagehide runs after).
        await p.in('formA', mark);
        await p.top(hostLoad, ['formA', 'about:blank']);
        await p.in('formB', reloadMarked);
        await p.ready('formB');
        // Form A comes back and calls before the old call's answer has come.
        await p.top(hostLoad, ['formA']);
        await p.ready('formA');
        await oldAnswerThenNew(p, 'formA');
        await p.done();
      });

      d.test(`a sibling's first call is not held back by another frame's slot (${origin} origin)`, async () => {
        const p = await openSiblings(origin, ['formA', 'formB']);
        await p.top(hostMode, ['late', 3000, 1]);
        await p.in('formA', callAway, { args: CALL, options: { lateReplyWindowMs: 30_000 } });
        await d.waitFor(async () => (await p.top(hostState)).received.length === 1);
        await p.top(hostLoad, ['formA', 'about:blank']); // form A's slot is saved
        const r = await p.in('formB', callWith, { args: CALL, callOptions: { timeoutMs: 1500 } });
        const host = await p.top(hostState);
        assert.equal(r.ok, true, `form B's first call: ${r.code} ${r.message}`);
        assert.deepEqual(host.received, ['formA', 'formB']);
        assert.equal(r.v.guid, host.guids[1]);
        await p.done();
      });

      // The key names the frame by its index: a sibling removed before the reload moves it. Saved
      // under the old index, the slot was lost to the next document.
      d.test(`a sibling frame removed, then the form reloads: its next document still finds its slot (${origin} origin)`, async () => {
        const p = await openSiblings(origin, ['formA', 'formB']);
        // The stand-in portal answers by hand: the old call's answer once the reloaded form has
        // called, then the new call's. A call sent at once (no slot found) took the old answer.
        await p.top(hostMode, ['silent']);
        await p.in('formB', callAway, { args: CALL });
        await d.waitFor(async () => (await p.top(hostState)).received.length === 1);
        await p.top(hostRemove, 'formA');
        await p.in('formB', reloadMarked);
        await p.ready('formB');
        await oldAnswerThenNew(p, 'formB');
        await p.done();
      });
    }
  });

  // Ties: e2e/lifecycle-ties.e2e.test.mjs. The old page sends two unconfirmed tags (windows closing
  // at W and 1.5 W after the first) and reloads; the new page's confirmed tag waits for both. The
  // portal answers both old tags late: the first before W, the second between W and 1.5 W. Cross
  // origin too here: Firefox and WebKit partition a cross-site frame's sessionStorage (Chromium
  // blocks it, so its file runs same origin only).
  const W = 3000;
  d.group('a real reload, and a busy main thread', () => {
    for (const origin of ['same', 'cross']) {
      d.test(`a real reload keeps its slots oldest first: the old page's second late answer never confirms the new page's tag (${origin} origin)`, async () => {
        const p = await open(`${formUrl(origin, 'lifecycle.html')}&mode.tag=silent`);
        await p.form(keptTag, { tag: 'one', lateReplyWindowMs: W });
        const t0 = Date.now();
        await sleepUntil(t0 + W / 2);
        await p.form(keptTag, { tag: 'two' });
        await p.form(reloadMarked);
        await p.ready('crmForm');
        assert.ok((await p.form(savedSlots)).length > 0, 'the reload kept its slots in sessionStorage');
        await p.form(confirmedTag, 'three');
        const answer = () => p.top(portalEvent, { action: 'tag', result: '1' });
        assert.ok(Date.now() < t0 + W * 0.9, `reloaded too late for the test (${Date.now() - t0} ms)`);
        await answer(); // the portal's late answer to 'one'
        await sleepUntil(t0 + W * 7 / 6); // 'one's window has closed; 'two's is open until 1.5 W
        assert.ok(Date.now() < t0 + W * 17 / 12, `too late for the test (${Date.now() - t0} ms)`);
        const posted = (await p.top(portalState)).received.map((x) => x.tag);
        assert.deepEqual(posted, ['one', 'two'], "the new page's tag went out while the window of the old page's second tag was open");
        await answer(); // the portal's late answer to 'two', within its window
        await new Promise((r) => setTimeout(r, 300));
        assert.equal((await p.form(mine)).settled, false, "the answer to the old page's second tag confirmed the new page's tag");
        await d.waitFor(async () => (await p.top(portalState)).received.length === 3, 5_000);
        await answer();
        await d.waitFor(async () => (await p.form(mine)).settled);
        const m = await p.form(mine);
        assert.equal(m.ok, true, m.message);
        assert.equal(m.v.confirmed, true);
        await p.done();
      });
    }

    for (const origin of ['cross', 'same']) {
      const busyPortal = async () => {
        const p = await open(`${formUrl(origin, 'lifecycle.html')}&mode.call=silent`);
        await p.form(installBusy);
        return p;
      };
      d.test(`a page whose timers run late never posts a queued call at or after its deadline (${origin} origin)`, async () => {
        const p = await busyPortal();
        assertBusyLate(await p.form(busyLate, CALL));
        await new Promise((res) => setTimeout(res, 200));
        assert.equal((await p.top(portalState)).received.length, 1, 'a call was posted after its deadline');
        await p.done();
      });
      d.test(`destroy() on a page whose timers run late posts nothing (${origin} origin)`, async () => {
        const p = await busyPortal();
        const r = await p.form(busyDestroy, CALL);
        assert.ok(r.at >= 700, `destroyed at ${r.at} ms`);
        assert.deepEqual([r.x.code, r.a.code, r.b.code], ['TIMEOUT', 'DESTROYED', 'DESTROYED']);
        await new Promise((res) => setTimeout(res, 200));
        assert.deepEqual((await p.top(portalState)).received.map((x) => x.action), ['call'], 'destroy() posted a request');
        await p.done();
      });
    }
  });

  // Clock: e2e/lifecycle-clock.e2e.test.mjs, with the step made in the page (stepDate: these
  // drivers have no clock control), in the portal and the form.
  const HOUR = 3_600_000;
  const stepWall = async (p, ms) => {
    const before = await p.form(clocks);
    await p.top(stepDate, ms);
    await p.form(stepDate, ms);
    const after = await p.form(clocks);
    return { wall: after.wall - before.wall, mono: after.mono - before.mono };
  };
  d.group('the wall clock stepped while requests wait', () => {
    for (const origin of ['cross', 'same']) {
      d.test(`the wall clock stepped an hour forward: a timed-out call's late reply still never answers the next call (${origin} origin)`, async () => {
        // The first call is not answered; its late reply comes when the test sends it, after the step
        // and the second call. (The portal answered every call 1.5 s late: the step and the second
        // call, six driver round trips, took 1.7 to 3.8 s beside busy loops, and the late reply went
        // out first.) The next calls are answered at once.
        const p = await open(`${formUrl(origin, 'lifecycle.html')}&mode.call=silent:0:1`);
        const first = await p.form(callWith, { args: CALL, callOptions: { timeoutMs: 400 } });
        assert.equal(first.code, 'TIMEOUT');
        const moved = await stepWall(p, HOUR);
        assert.ok(moved.wall >= HOUR && moved.mono >= 0 && moved.mono < 5_000, `the step is a wall-clock step: ${JSON.stringify(moved)}`);
        // Sent at once, this call would get the first one's late reply: the late window (10 s of
        // performance.now(), not an hour of Date) holds it until that reply has come and gone.
        await p.form(secondCall, { args: CALL, timeoutMs: 12_000 });
        assert.equal((await p.top(portalState)).received.length, 1, 'the second call was sent before the first one\'s late reply');
        await p.top(portalEvent, { guid: 'late-guid' });
        const second = await p.form(awaitSecond);
        const { guids, received } = await p.top(portalState);
        assert.equal(second.ok, true, second.message);
        assert.equal(received.length, 2);
        assert.equal(second.v.guid, guids.at(-1), 'the second call got its own guid, not the late one');
        await p.done();
      });

      // The next document's performance.now() starts at its navigation's start, before the old
      // page's pagehide: the window a reload saved must be counted from the save, not from there.
      // A page's own pagehide work (300 ms here) ran before the save; the restored window closed
      // that much early, and the late reply it was kept for could answer the reloaded form's call.
      if (origin === 'cross') d.test(`a reload keeps the old call's whole late window, however long the page's own pagehide work took (${origin} origin)`, async () => {
        const p = await open(`${formUrl(origin, 'lifecycle.html')}&mode.call=silent:0:1`);
        await p.form(slowPagehide, 300);
        const old = await p.form(staleCall, { args: CALL, timeoutMs: 300, lateReplyWindowMs: 2000 });
        assert.equal(old.code, 'TIMEOUT');
        await p.form(reloadMarked);
        await p.ready('crmForm');
        const next = await p.form(monotonicCall, { args: CALL, timeoutMs: 5000 });
        assert.equal(next.ok, true, `${next.code} ${next.message}`);
        assert.ok(next.at >= old.closes - 5, `the next call went out ${old.closes - next.at} ms before the old window closed`);
        await p.done();
      });

      // The one place the portal client reads `Date`: a reload saves each open window as its end in
      // epoch ms and the ms it had left. The old document's wall clock an hour ahead of the next
      // one's (a step back during the reload) must not stretch the window by an hour: the reloaded
      // form's call waits for the old window (the time it had left, from the page's start), no
      // longer. Cross origin only (the saved record then has no portal document to match: the path a
      // partitioned cross-site form takes).
      if (origin === 'cross') d.test(`the wall clock stepped an hour back across a reload: the saved window holds the next call as long as it had left, not an hour more (${origin} origin)`, async () => {
        const p = await open(`${formUrl(origin, 'lifecycle.html')}&mode.call=silent:0:1`);
        const old = await p.form(staleCall, { args: CALL, timeoutMs: 300, lateReplyWindowMs: 2000 });
        assert.equal(old.code, 'TIMEOUT');
        await p.form(stepDate, HOUR);
        await p.form(reloadMarked);
        await p.ready('crmForm');
        assert.ok((await p.form(savedSlots)).length > 0, 'the reload kept its slot in sessionStorage');
        const next = await p.form(monotonicCall, { args: CALL, timeoutMs: 5000 });
        const { guids } = await p.top(portalState);
        assert.equal(next.ok, true, `${next.code} ${next.message}`);
        assert.equal(next.v.guid, guids[1]);
        // Counted from the page's start after a step back: short by the time from the reload's start
        // to the old page's pagehide (a few ms here), never dropped (the call would go at once).
        assert.ok(next.at >= old.closes - 500, `the next call went out ${old.closes - next.at} ms before the old window closed`);
        assert.ok(next.at < old.closes + 2000, `the next call waited ${next.at - old.closes} ms past the old window`);
        await p.done();
      });

      d.test(`the wall clock stepped an hour back: a call to a silent portal still times out on time (${origin} origin)`, async () => {
        const p = await open(`${formUrl(origin, 'lifecycle.html')}&mode.call=silent&mode.tag=silent`);
        const T = 2000;
        await p.form(bothWaiting, { args: CALL, timeoutMs: T });
        const moved = await stepWall(p, -HOUR);
        assert.ok(moved.wall <= -HOUR + 5_000 && moved.mono >= 0, `the step is a wall-clock step back: ${JSON.stringify(moved)}`);
        assert.equal((await p.form(results)).length, 0, 'stepped while both waited');
        await d.waitFor(async () => (await p.form(results)).length === 2, 9_000);
        const done = await p.form(results);
        assert.deepEqual(done.map((r) => r.code).sort(), ['TIMEOUT', 'TIMEOUT']);
        // Firefox's clamped clock and WebKit's whole-ms one: a timer up to 1 ms early by them.
        for (const r of done) assert.ok(r.ms >= T - 10 && r.ms < T + 3_200, `settled after ${r.ms} ms`);
        await p.done();
      });
    }
  });

  // Framework and Porthole from two copies: e2e/layout-portal-mix.e2e.test.mjs.
  d.group('a framework form and a second copy: framework and Porthole calls at once', () => {
    // One after the other: the framework's answers and their log are the simulator's server's.
    for (const [first, second] of [['framework', 'porthole'], ['porthole', 'framework']]) {
      d.test(`two copies in a framework form, ${first} and ${second} calls at once, each answered late: every call gets its own guid`, async () => {
        const p = await open('form=esm&mode.call=late:300&mode.tag=late:250&mode.UC_makeCall_async=late:200&mode.UC_TagRecord=late:150');
        // The framework's log is the simulator's session's (its cookie), which a driver's earlier
        // pages may share (WebKit's one session): this test's calls are the entries after these.
        const earlier = (await p.top(frameworkLog)).length;
        const r = await p.form(mixCalls, [first, second]);
        assert.equal(r.framework, 'loaded');
        for (const c of r.calls) assert.equal(c.via, c.use, JSON.stringify(c));
        // Porthole: the portal's replies, in the order its calls were sent.
        const portal = await p.top(portalState);
        const calls = portal.received.filter((x) => x.action === 'call').map((x) => x.destination);
        const guids = portal.replies.filter((x) => 'guid' in x).map((x) => x.guid);
        const byNumber = Object.fromEntries(calls.map((n, i) => [n, guids[i]]));
        // Framework: what UC_makeCall_async returned for each number.
        for (const e of (await p.top(frameworkLog)).slice(earlier)) byNumber[e.args[2]] = e.result;
        assert.equal(Object.keys(byNumber).length, 6, JSON.stringify(byNumber));
        for (const c of r.calls) assert.equal(c.guid, byNumber[c.n], `${c.n} over ${c.use} got its own guid`);
        assert.deepEqual(r.tags.map((t) => [t.t, t.via, t.confirmed]), [['ta', first, true], ['tb', second, true], ['tc', first, true], ['td', second, true]]);
        await p.done();
      });
    }
  });

  // Pollution, the portal part: e2e/pollution.e2e.test.mjs.
  d.group('Object.prototype polluted in the form', () => {
    for (const build of ['iife', 'esm']) {
      for (const origin of ['same', 'cross']) {
        d.test(`Object.prototype polluted in the form after the portal client was made: the portal's {guid} answers the call (${build} build, ${origin} origin)`, async () => {
          const p = await open(`form=${build}&origin=${origin}&use=porthole`, true);
          const r = await p.form(pollutedCall);
          const { guids } = await p.top(portalState);
          assert.deepEqual(r, { ok: true, call: { action: 'call', guid: guids[0], via: 'porthole' } });
          await p.done();
        });
      }
    }
  }, true);
}
