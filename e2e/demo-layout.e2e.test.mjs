// The demo at the window sizes an agent's desk has: every page `npm run demo` prints, in each of its
// documents (the page and its frames), has no control that another element covers or that cannot be
// scrolled into the window, and no horizontal scroll bar (in Chromium with the built bundles; the
// engine suites run the same check in Firefox and WebKit).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { LAYOUT_PROBLEMS, SIZES, demoPages, unreadyDocuments } from './demo-layout.mjs';
import { setup, openPortal, waitFor } from './helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

test('every page npm run demo prints: no covered control, none out of reach, no horizontal scroll, at each desk size', async () => {
  const urls = demoPages(env.sim);
  const problems = [];
  for (const [width, height] of SIZES) {
    const page = await env.page();
    await page.setViewportSize({ width, height });
    for (const url of urls) {
      await page.goto(url);
      await page.waitForLoadState('load');
      // No pause: the wait below is for what it stood for (every document loaded, its script run).
      for (const p of await unreadyDocuments(page, { started: true })) problems.push(`${width}x${height} ${url} ${p}`);
      for (const frame of page.frames()) {
        const found = await frame.evaluate(LAYOUT_PROBLEMS).catch((e) => [`unreadable: ${e.message}`]);
        for (const p of found) problems.push(`${width}x${height} ${url} ${frame === page.mainFrame() ? '' : `[frame ${new URL(frame.url()).pathname}] `}${p}`);
      }
    }
    await page.context().close();
  }
  assert.deepEqual(problems, []);
});

test('the desk ringing, the desk and the Inbox with their form closed and a toast showing: no covered control, at each desk size', async () => {
  const problems = [];
  const check = async (page, what) => {
    for (const frame of page.frames()) {
      for (const p of await frame.evaluate(LAYOUT_PROBLEMS)) problems.push(`${what} ${frame === page.mainFrame() ? '' : `[frame ${new URL(frame.url()).pathname}] `}${p}`);
    }
  };
  for (const [width, height] of SIZES) {
    const page = await env.page();
    await page.setViewportSize({ width, height });
    const desk = await openPortal(page, env.sim);
    await page.click('#ring-inbound');
    await page.waitForSelector('#incoming', { state: 'visible' });
    await check(page, `${width}x${height} desk ringing`);
    await page.click('#decline');
    await desk.evaluate(() => window.crm.ready);
    // The classic form: three toasts (a save, two refusals), then it closes itself (UC_closeForm).
    await page.goto(`${env.sim.portalOrigin}/?form=classic`);
    await waitFor(() => page.frame({ name: 'crmForm' })?.evaluate(() => document.body?.dataset.ready === 'true').catch(() => false));
    const classic = page.frame({ name: 'crmForm' });
    for (const b of ['#btnSave', '#btnDispose', '#btnTag', '#btnClose']) await classic.click(b);
    await page.waitForSelector('#form-closed', { state: 'visible' });
    assert.ok(await page.locator('#toasts .toast').count() >= 3, 'the toasts show');
    await check(page, `${width}x${height} desk, form closed`);
    // A real click at the button's place, while the toasts show: a toast there takes it.
    await page.click('#reopen-form', { timeout: 2000 });
    await waitFor(() => page.frame({ name: 'crmForm' })?.evaluate(() => document.body?.dataset.ready === 'true').catch(() => false), 3000);
    await page.goto(`${env.sim.portalOrigin}/inbox`);
    await waitFor(() => page.frame({ name: 'inboxForm' })?.evaluate(() => window.form?.status === 'interaction').catch(() => false));
    const form = page.frame({ name: 'inboxForm' });
    await form.click('#submit');
    await form.click('#close');
    await page.waitForSelector('#form-closed', { state: 'visible' });
    await check(page, `${width}x${height} Inbox, form closed`);
    await page.click('#reopen', { timeout: 2000 });
    await waitFor(() => page.frame({ name: 'inboxForm' })?.evaluate(() => window.form?.status === 'interaction').catch(() => false), 3000);
    await page.context().close();
  }
  assert.deepEqual(problems, []);
});

test('the check sees a covered control and a page wider than the window', async () => {
  const page = await env.page();
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto(`${env.sim.portalOrigin}/`);
  assert.deepEqual(await page.evaluate(LAYOUT_PROBLEMS), []);
  await page.evaluate(() => {
    const cover = Object.assign(document.createElement('div'), { id: 'cover', textContent: 'toast' });
    Object.assign(cover.style, { position: 'fixed', inset: '0', zIndex: '9' });
    document.body.append(cover, Object.assign(document.createElement('div'), { style: 'width: 3000px; height: 1px' }));
  });
  const found = await page.evaluate(LAYOUT_PROBLEMS);
  assert.ok(found.some((p) => /^button#ring-inbound .*: covered by div#cover "toast"$/.test(p)), found.join('\n'));
  assert.ok(found.some((p) => /^the page is \d+ px wide in a 1024 px window$/.test(p)), found.join('\n'));
  await page.context().close();
});
