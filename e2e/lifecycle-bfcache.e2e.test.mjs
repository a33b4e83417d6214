// The back/forward cache in Chromium. Playwright starts Chromium with --disable-back-forward-cache
// among its default switches; this file's browser is started without it. A stand-in portal page
// (e2e/pages/siblings.html; this Chromium caches it although it is served `no-store`) with the form
// in a frame goes into the cache while a call is in flight, and comes back (`pageshow` with
// `persisted`): the call resolves with its own guid once the portal's frozen answer goes out after
// the restore, and the form's next call gets its own. Playwright loses track of frames restored
// from the cache, so the form reports to the page by postMessage (`{report}`), from code started
// before the navigation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { startSimulator } from '../demo/server.mjs';
import { CHROMIUM, CHROMIUM_ARGS, waitFor } from './helpers.mjs';

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

for (const origin of ['same', 'cross']) {
  test(`a portal page restored from the back/forward cache: the call in flight and the next one get their own guids (${origin} origin)`, async () => {
    const context = await browser.newContext();
    await context.addInitScript(() => addEventListener('pageshow', (e) => {
      window.shows = (window.shows || []).concat(e.persisted);
      window.shownAt = Date.now();
    }));
    const page = await context.newPage();
    const form = `${origin === 'cross' ? sim.formOrigin : sim.portalOrigin}/e2e/lifecycle.html`;
    await page.goto(`${sim.portalOrigin}/e2e/siblings.html?frames=crmForm&form=${encodeURIComponent(form)}`);
    let frame;
    await waitFor(async () => {
      frame = page.frame({ name: 'crmForm' });
      return frame?.evaluate(() => window.crm?.ready === true).catch(() => false);
    });
    await page.evaluate(() => window.host.setMode('late', 1500));
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
    await page.goto(`${sim.portalOrigin}/e2e/rest.html`);
    await page.goBack({ waitUntil: 'commit' });
    await waitFor(() => page.evaluate(() => Array.isArray(window.shows) && window.shows.length === 2).catch(() => false));
    assert.deepEqual(await page.evaluate(() => window.shows), [false, true], 'restored from the back/forward cache, not loaded again');
    await waitFor(() => page.evaluate(() => window.host.reports.length === 2), 10_000);
    const { reports, guids, replies, shownAt } = await page.evaluate(() => ({
      reports: window.host.reports, guids: window.host.guids, replies: window.host.replies, shownAt: window.shownAt,
    }));
    assert.ok(replies[0].at >= shownAt, 'the first answer went out after the restore: the call was in flight through the cache');
    assert.equal(guids.length, 2);
    assert.deepEqual(reports.map((r) => [r.ok, r.v?.guid]), [[true, guids[0]], [true, guids[1]]]);
    await context.close();
  });
}
