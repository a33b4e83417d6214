// A newcomer's tour of what `npm run demo` prints and docs/simulator.md describes: the printed
// URLs and the documented switches do what they say when a person uses them (not only load).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { demoText } from '../demo/pages.mjs';
import { startRestServer } from '../demo/rest/simulator.mjs';
import { setup, openPortal, waitFor, uncaughtUpToNow } from './helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

test('the printed "?fallback=rest" form outside the portal calls and hangs up over REST, as the line says', async () => {
  env.sim.rest.reset();
  const line = demoText(env.sim).split('\n').find((l) => l.includes('fallback=rest'));
  assert.match(line, /Call and Hang up over REST/);
  const url = line.match(/https?:\/\/\S+/)[0];
  const page = await env.page();
  await page.goto(url);
  await waitFor(() => page.evaluate(() => window.crm?.ready === true));
  assert.equal(await page.textContent('#embedded'), 'false');
  await page.click('#btn-call');
  await waitFor(() => page.evaluate(() => window.crm.results.length > 0));
  const call = await page.evaluate(() => window.crm.results[0]);
  assert.equal(call.error, false, JSON.stringify(call.value));
  assert.equal(call.value.via, 'rest');
  assert.equal(env.sim.rest.state.calls.length, 1);
  await page.click('#btn-hangup');
  await waitFor(() => page.evaluate(() => window.crm.results.length > 1));
  const hang = await page.evaluate(() => window.crm.results.find((r) => r.label === 'hangup'));
  assert.deepEqual(hang.value, { action: 'hangup', confirmed: true, via: 'rest' });
  await page.context().close();
});

// docs/simulator.md: "late (acts, replies after 3 s) ... or URL parameters mode.<name>=..."; the
// desk's select says "late (3 s)". A URL mode without a delay is that same late.
for (const [query, use] of [['mode.call=late', 'porthole'], ['mode.UC_makeCall_async=late', 'framework']]) {
  test(`?${query} without a delay replies after 3 s, as the select's "late (3 s)" (${use})`, async () => {
    const page = await env.page();
    const frame = await openPortal(page, env.sim, `use=${use}&${query}`);
    assert.equal(await page.inputValue(`#mode-${query.slice(5, -5)}`), 'late');
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

test('the classic form in the desk with no call: Tag recording reports the refusal, no uncaught error, no false "tagged"', async () => {
  const page = await env.page();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${env.sim.portalOrigin}/?form=classic`);
  let frame;
  await waitFor(async () => {
    frame = page.frame({ name: 'crmForm' });
    return frame ? frame.evaluate(() => document.body.dataset.ready === 'true').catch(() => false) : false;
  });
  await frame.click('#btnTag');
  await waitFor(async () => /UC_TagRecord/.test(await frame.textContent('#results')));
  const shown = await frame.textContent('#results');
  assert.doesNotMatch(shown, /recording tagged/);
  assert.match(shown, /Error: UC_TagRecord: guid is required/);
  assert.deepEqual(await uncaughtUpToNow(errors, [frame, page.mainFrame()]), []);
  await page.context().close();
});

test('the classic form alone (printed under "the forms alone"): its buttons report what fails outside the portal, with no uncaught error', async () => {
  const page = await env.page();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${env.sim.portalOrigin}/forms/classic/index.html`);
  await waitFor(() => page.evaluate(() => document.body.dataset.ready === 'true'));
  for (const button of ['#btnSave', '#btnDtmf', '#btnTag']) {
    const before = await page.locator('#results > div').count();
    await page.click(button);
    await waitFor(async () => (await page.locator('#results > div').count()) > before);
  }
  const shown = await page.textContent('#results');
  assert.match(shown, /loaderSetVisible/);
  assert.match(shown, /__SendDTMF/);
  assert.deepEqual(await uncaughtUpToNow(errors, [page.mainFrame()]), []);
  await page.context().close();
});

test('a silent desk still places no call for a call without a destination (the uPhone\'s `number` key written by mistake)', async () => {
  const page = await env.page();
  const frame = await openPortal(page, env.sim, 'origin=cross&use=porthole&mode.call=silent');
  const r = await frame.evaluate(() => window.crm.portal.send({ action: 'call', campaign: 'Sales->', callerid: '', number: '099123456' }, { reply: 'guid', timeoutMs: 500 })
    .then(() => 'answered', (e) => e.code));
  assert.equal(r, 'TIMEOUT');
  assert.deepEqual(await page.evaluate(() => [window.sim.currentCall, window.sim.guids.length]), [null, 0], 'no call placed');
  assert.equal(await page.textContent('#current-call'), 'No call');
  await page.context().close();
});

test('a URL with a malformed %-escape (a person types 100% in the address bar) answers 400 on both origins; the simulator keeps running', async () => {
  for (const origin of [env.sim.portalOrigin, env.sim.formOrigin]) {
    for (const path of ['/forms/100%', '/%E0%A4%A']) {
      const r = await fetch(origin + path, { signal: AbortSignal.timeout(3000) });
      assert.equal(r.status, 400, origin + path);
    }
  }
  assert.equal((await fetch(`${env.sim.portalOrigin}/forms/crm.html`)).status, 200);
});

test('a double slash typed after the host (http://127.0.0.1:8080//) gets an answer on both origins; the simulator keeps running', async () => {
  const page = await env.page();
  for (const origin of [env.sim.portalOrigin, env.sim.formOrigin]) {
    const response = await page.goto(`${origin}//`, { timeout: 3000 });
    assert.equal(new URL(page.url()).pathname, '//', 'the browser sent the double slash');
    assert.equal(response.status(), 400, origin);
  }
  assert.equal((await fetch(`${env.sim.portalOrigin}/forms/crm.html`)).status, 200);
  await page.context().close();
});

test('the standalone REST simulator (node demo/rest/start.mjs) answers a double-slash target 404 and keeps running', async () => {
  const rest = await startRestServer({ port: 0 });
  try {
    const r = await fetch(`${rest.url}//`, { signal: AbortSignal.timeout(3000) });
    assert.equal(r.status, 404);
    assert.equal((await fetch(`${rest.url}/sim/state`)).status, 200);
  } finally {
    await rest.close();
  }
});
