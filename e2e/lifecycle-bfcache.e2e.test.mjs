// The back/forward cache in Chromium. Playwright starts Chromium with --disable-back-forward-cache
// among its default switches; this file's browser is started without it. A stand-in portal page
// (e2e/pages/siblings.html; this Chromium caches it although it is served `no-store`) with the form
// in a frame goes into the cache while a call is in flight, and comes back (`pageshow` with
// `persisted`): the call resolves with its own guid once the portal's answer goes out after the
// restore, and the form's next call gets its own. Each answer (and the uPhone's login) is given
// after the restore by the page itself, never on a timer started before the navigation: how long
// the navigation takes to freeze the page depends on the machine's load. Playwright loses track of
// frames restored from the cache, so the form reports to the page by postMessage (`{report}`), from
// code started before the navigation.
// The Inbox and uPhone entries have no page-lifecycle code: their tests pin that a page restored
// from the cache keeps them working (a getInteraction in flight resolves with the Inbox's answer
// given after the restore; a command queued until the agent logs in is sent and echoed after the
// restore).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { startSimulator } from '../demo/server.mjs';
import { CHROMIUM, CHROMIUM_ARGS, waitFor, openPortalPopup } from './helpers.mjs';

let sim;
let browser;
before(async () => {
  sim = await startSimulator({ testPages: true });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, ignoreDefaultArgs: ['--disable-back-forward-cache'] });
});
after(async () => {
  await browser?.close();
  await sim?.close();
});

const CALL = { campaign: 'Sales->', destination: '099123456' };

// Records every `pageshow` (persisted or not) and the time of the last, in every frame of the context.
async function newRecordingContext() {
  const context = await browser.newContext();
  await context.addInitScript(() => addEventListener('pageshow', (e) => {
    window.shows = (window.shows || []).concat(e.persisted);
    window.shownAt = Date.now();
  }));
  return context;
}

// Leaves `page` for another page and comes back; asserts it came back from the cache.
async function throughTheCache(page) {
  await page.goto(`${sim.portalOrigin}/e2e/rest.html`);
  await page.goBack({ waitUntil: 'commit' });
  await waitFor(() => page.evaluate(() => Array.isArray(window.shows) && window.shows.length === 2).catch(() => false));
  assert.deepEqual(await page.evaluate(() => window.shows), [false, true], 'restored from the back/forward cache, not loaded again');
  return page.evaluate(() => window.shownAt);
}

for (const origin of ['same', 'cross']) {
  test(`a portal page restored from the back/forward cache: the call in flight and the next one get their own guids (${origin} origin)`, async () => {
    const context = await newRecordingContext();
    const page = await context.newPage();
    const form = `${origin === 'cross' ? sim.formOrigin : sim.portalOrigin}/e2e/lifecycle.html`;
    await page.goto(`${sim.portalOrigin}/e2e/siblings.html?frames=crmForm&form=${encodeURIComponent(form)}`);
    let frame;
    await waitFor(async () => {
      frame = page.frame({ name: 'crmForm' });
      return frame?.evaluate(() => window.crm?.ready === true).catch(() => false);
    });
    // The portal keeps its answer to the first call and sends it once the page is restored (below).
    await page.evaluate(() => window.host.setMode('silent', 0, 1));
    // The form calls, reports, calls again when the first has settled, reports.
    await frame.evaluate((args) => {
      const client = window.connect();
      const report = (r) => window.parent.postMessage({ report: r }, '*');
      window.settle(client.call(args, { timeoutMs: 20_000 })).then((first) => {
        report(first);
        return window.settle(client.call(args, { timeoutMs: 20_000 })).then(report);
      });
    }, CALL);
    await waitFor(() => page.evaluate(() => window.host.received.length === 1));
    const shownAt = await throughTheCache(page);
    // The portal answers the call that waited through the cache, with a guid of its own.
    await page.evaluate(() => {
      const guid = crypto.randomUUID();
      window.host.guids.push(guid);
      window.host.send('crmForm', { guid });
    });
    await waitFor(() => page.evaluate(() => window.host.reports.length === 2), 10_000);
    const { reports, guids, replies } = await page.evaluate(() => ({
      reports: window.host.reports, guids: window.host.guids, replies: window.host.replies,
    }));
    assert.ok(replies[0].at >= shownAt, 'the first answer went out after the restore: the call was in flight through the cache');
    assert.equal(guids.length, 2);
    assert.deepEqual(reports.map((r) => [r.ok, r.v?.guid]), [[true, guids[0]], [true, guids[1]]]);
    await context.close();
  });
}

for (const origin of ['same', 'cross']) {
  test(`an Inbox page restored from the back/forward cache: a getInteraction in flight and the next one resolve (${origin} origin)`, async () => {
    const context = await newRecordingContext();
    // The form reports to the Inbox page by postMessage; the Inbox page keeps the reports and when they came.
    await context.addInitScript(() => addEventListener('message', (e) => {
      if (window === window.top && e.data?.report) (window.reports = window.reports || []).push({ ...e.data.report, at: Date.now() });
    }));
    const page = await context.newPage();
    // The Inbox answers nothing until the page is restored from the cache (below).
    await page.goto(`${sim.portalOrigin}/inbox?channel=webchat&mode=silent&timeoutMs=60000&origin=${origin}`);
    let frame;
    await waitFor(async () => {
      frame = page.frame({ name: 'inboxForm' });
      return frame?.evaluate(() => window.form?.ready === true).catch(() => false);
    });
    // The form asks, reports, asks again when the first has settled, reports.
    await frame.evaluate(() => {
      const report = (r) => window.parent.postMessage({ report: r }, '*');
      const ask = () => window.form.inbox.getInteraction({ timeoutMs: 20_000 })
        .then((i) => ({ ok: true, channel: i.channel, clientName: i.clientName }), (e) => ({ ok: false, code: e.code }));
      ask().then((first) => { report(first); return ask(); }).then(report);
    });
    const asked = () => page.evaluate(() => window.inbox.received.filter((r) => r.data?.action === 'getInteraction').length);
    // The form's own first request on load, then ours.
    await waitFor(async () => (await asked()) === 2);
    const shownAt = await throughTheCache(page);
    // The Inbox answers the requests that waited through the cache, and the next one at once.
    await page.evaluate(() => {
      window.inbox.setMode('answer');
      window.inbox.post({ action: 'interaction', interaction: window.inbox.current() });
    });
    await waitFor(() => page.evaluate(() => window.reports?.length === 2), 10_000);
    const reports = await page.evaluate(() => window.reports);
    assert.ok(reports[0].at >= shownAt, 'the first answer came after the restore: the request was in flight through the cache');
    assert.deepEqual(reports.map((r) => ({ ok: r.ok, channel: r.channel, clientName: r.clientName })), [
      { ok: true, channel: 'webchat', clientName: 'Lucía Gómez' },
      { ok: true, channel: 'webchat', clientName: 'Lucía Gómez' },
    ]);
    assert.equal(await asked(), 3);
    await context.close();
  });

  test(`a uPhone host page restored from the back/forward cache: a command queued before the agent logged in is sent and echoed (${origin} origin)`, async () => {
    const context = await newRecordingContext();
    const page = await context.newPage();
    // The host on the phone's origin, or on the other one.
    await page.goto(`${origin === 'same' ? sim.portalOrigin : sim.formOrigin}/e2e/uphone-bare.html`);
    await waitFor(() => page.evaluate(() => window.libLoaded === true));
    await page.evaluate((url) => {
      window.phone = window.embed({ url, readyTimeoutMs: 30_000 });
      window.results = [];
      const done = (r) => window.results.push({ ...r, at: Date.now() });
      window.phone.makeCall({ number: '099123456', campaign: 'Sales' }, { timeoutMs: 30_000, waitForEcho: true })
        .then((r) => done({ ok: true, echoed: r.echoed }), (e) => done({ ok: false, code: e.code }));
    }, `${sim.portalOrigin}/uphone/`);
    let phone;
    await waitFor(async () => {
      phone = page.frames().find((f) => /\/uphone\/(\?|$)/.test(f.url()));
      return phone ? phone.evaluate(() => !!window.uphoneSim).catch(() => false) : false;
    });
    // The agent logs in once the phone is restored from the cache (Playwright cannot reach a frame
    // restored from the cache, so the phone does it itself, on its own pageshow). A timer started
    // here instead races the navigation: under load the page went into the cache 600 ms later.
    await phone.evaluate(() => addEventListener('pageshow', (e) => { if (e.persisted) window.uphoneSim.login(); }));
    assert.deepEqual(await page.evaluate(() => window.logs.map((l) => l.type)), ['queued']);
    const shownAt = await throughTheCache(page);
    await waitFor(() => page.evaluate(() => window.results.length === 1), 10_000);
    const [first] = await page.evaluate(() => window.results);
    assert.ok(first.at >= shownAt, 'the command was sent after the restore: it was queued through the cache');
    assert.deepEqual([first.ok, first.echoed], [true, true]);
    // A command after the restore goes at once.
    const second = await page.evaluate(() => window.phone.makeCall({ number: '099765432', campaign: 'Sales' }, { waitForEcho: true })
      .then((r) => ({ ok: true, echoed: r.echoed }), (e) => ({ ok: false, code: e.code })));
    assert.deepEqual(second, { ok: true, echoed: true });
    assert.equal(await page.evaluate(() => window.phone.loggedIn), true);
    assert.deepEqual(await page.evaluate(() => window.unhandled), []);
    await context.close();
  });
}

// The form's pagehide saves its reload slots; a page restored from the cache left them in
// sessionStorage, where a copy of the tab (a popup opened with window.open, a duplicated tab) found
// them: the popup's form waited for the original form's call, and its own call timed out "never sent".
test('a portal page restored from the back/forward cache leaves no reload slots for a popup of it to inherit (same origin)', async () => {
  const context = await newRecordingContext();
  const page = await context.newPage();
  await page.goto(`${sim.portalOrigin}/e2e/siblings.html?frames=crmForm&form=${encodeURIComponent(`${sim.portalOrigin}/e2e/lifecycle.html`)}`);
  let frame;
  await waitFor(async () => {
    frame = page.frame({ name: 'crmForm' });
    return frame?.evaluate(() => window.crm?.ready === true).catch(() => false);
  });
  await page.evaluate(() => window.host.setMode('silent', 0, 1));
  await frame.evaluate((args) => { window.connect().call(args, { timeoutMs: 60_000 }).catch(() => {}); }, CALL);
  await waitFor(() => page.evaluate(() => window.host.received.length === 1));
  await throughTheCache(page);
  // The portal opens itself in a popup: Chromium copies the tab's sessionStorage into it.
  const { popup, copy } = await openPortalPopup(page);
  const r = await copy.evaluate((args) => window.settle(window.connect().call(args, { timeoutMs: 3000 })), CALL);
  assert.equal(r.ok, true, r.message);
  assert.equal(await popup.evaluate(() => window.host.received.length), 1, "the popup's form sent its call");
  await context.close();
});
