// Every URL `npm run demo` prints opens in Chromium without an uncaught error or a failed request.
// The one expected failure is documented in the sample form: served from the second origin, it asks
// that origin for the portal's form framework, which only the portal's instance serves (a form on
// another origin goes without it), so it answers 404 there.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { demoText } from '../demo/pages.mjs';
import { demoPages, unreadyDocuments } from './demo-layout.mjs';
import { setup } from './helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const EXPECTED_404 = ['/uContact/assets/js/framework/integraFramework.js'];

test('every page npm run demo prints loads with no page error and no failed request but the documented ones', async () => {
  const text = demoText(env.sim);
  // Every URL in the text but the REST roots written with "..." and the second origin named in a
  // description (not pages); a closing parenthesis, comma or semicolon is the text's.
  const urls = [...text.matchAll(/https?:\/\/[^\s),;]+/g)].map((m) => m[0]).filter((u) => !u.includes('...') && u !== env.sim.formOrigin);
  assert.ok(urls.length >= 18, `the demo prints its pages (${urls.length} URLs found)`);
  // Its pages (not its scripts, state or REST roots): their scripts must have run.
  const pages = demoPages(env.sim);
  for (const url of urls) {
    const page = await env.page();
    const problems = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    const documented = (r) => {
      const u = new URL(r.url());
      return u.origin === env.sim.formOrigin && EXPECTED_404.includes(u.pathname);
    };
    // Chromium also reports such a script's request as aborted.
    page.on('requestfailed', (r) => documented(r) || problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
    page.on('response', (r) => r.status() < 400 || (documented(r) && r.status() === 404) || problems.push(`${r.status()} ${r.url()}`));
    // What the console shows a newcomer, the browser's own requests (the page icon) included.
    page.on('console', (m) => m.type() !== 'error' || documented({ url: () => m.location().url }) || problems.push(`console: ${m.text()} ${m.location().url}`));
    const response = await page.goto(url);
    assert.ok(response?.ok(), `${url}: ${response?.status()}`);
    // Let the framed pages load and start (forms, the uPhone, the Inbox's first interaction).
    await page.waitForLoadState('load');
    await page.waitForTimeout(300);
    // Every document loaded, framed ones too (a page frames its form after its own load: on a loaded
    // machine the pause alone checked a frame before its scripts ran).
    problems.push(...await unreadyDocuments(page, { started: pages.includes(url) }));
    assert.deepEqual(problems, [], url);
    await page.context().close();
  }
  assert.deepEqual(env.pageErrors.map((e) => e.message), []);
  // The page icon browsers ask both origins for (Playwright reports no event for it).
  for (const origin of [env.sim.portalOrigin, env.sim.formOrigin]) assert.equal((await fetch(`${origin}/favicon.ico`)).status, 204, origin);
});
