// The library in the pages real CRMs run, in real Chromium, through the built bundles (script tag
// and ES module): built-ins changed by legacy libraries (Prototype.js's toJSON on Array.prototype,
// enumerable additions to the prototypes, a Promise polyfill, a replaced bind) and intrinsics frozen
// as SES's lockdown does. Each environment is made by e2e/pages/legacy-env.js before the library
// loads. What goes out must be exactly the contract's wire; what cannot work fails with a BridgeError.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { setup, openPortal, callInForm, waitFor } from './helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const TOKEN = 'ucx-sim-api-token-0001';
const fixture = JSON.parse(readFileSync(new URL('../test/fixtures/cti/spec-example.json', import.meta.url), 'utf8'));

/** The legacy page with `envs` as the form of the simulated portal, on the other origin (or the portal's). */
async function openLegacyForm(page, envs, build, origin = 'cross') {
  const url = `${origin === 'cross' ? env.sim.formOrigin : env.sim.portalOrigin}/e2e/legacy.html?env=${envs}&build=${build}&portal=${encodeURIComponent(env.sim.portalOrigin)}`;
  return openPortal(page, env.sim, `formUrl=${encodeURIComponent(url)}`);
}

/** The legacy page with `envs`, opened alone (not framed) on the REST simulator's origin. */
async function openLegacyPage(envs, build) {
  const page = await env.page();
  await page.goto(`${env.sim.portalOrigin}/e2e/legacy.html?env=${envs}&build=${build}`);
  await waitFor(() => page.evaluate(() => window.crm?.ready === true));
  return page;
}

for (const build of ['iife', 'esm']) {
  test(`Prototype.js's Array.prototype.toJSON changes nothing posted to the portal (${build} build)`, async () => {
    const page = await env.page();
    const frame = await openLegacyForm(page, 'prototype', build);
    await page.evaluate(() => { window.sim.customReplies = { lists: 'action' }; });
    const data = { action: 'lists', labels: ['vip', 'renewal'], nested: { ids: [1, [2, 3]], empty: [] } };
    const r = await callInForm(frame, 'send', data, { reply: 'action' });
    assert.equal(r.ok, true, JSON.stringify(r));
    const received = await page.evaluate(() => window.sim.received.map((x) => x.data));
    assert.deepEqual(received, [data], 'arrays arrive as arrays, not as text');
    assert.deepEqual(await frame.evaluate(() => window.unhandled), []);
    await page.context().close();
  });

  test(`Prototype.js's Array.prototype.toJSON changes no REST body (${build} build)`, async () => {
    env.sim.rest.reset();
    const page = await openLegacyPage('prototype', build);
    const r = await page.evaluate(async ([baseUrl, token]) => {
      const b = window.crm.bridge;
      try {
        const api = b.createApiTokenClient({ baseUrl, token });
        await api.loadList('Sales', { filename: 'november.csv', list: [{ clientIds: ['099123456', '099123457'] }] });
        const rest = b.createUContactClient({ baseUrl, credentials: { user: 'supervisor', password: 'Sup3r-s3cret' } });
        await rest.addBlacklistMultiple([{ phone: '098555123', campaign: 'Sales->' }, { phone: '098555124', campaign: '*' }]);
        return { ok: true };
      } catch (e) {
        return { ok: false, code: e.code, message: e.message };
      }
    }, [env.sim.portalOrigin, TOKEN]);
    assert.deepEqual(r, { ok: true });
    assert.deepEqual(env.sim.rest.state.lists.map((l) => [l.hub, l.contacts]), [['Sales', 1]]);
    assert.deepEqual(env.sim.rest.state.blacklist.map((e) => [e.phone, e.campaign]), [['098555123', 'Sales->'], ['098555124', '*']]);
    await page.context().close();
  });
}

for (const build of ['iife', 'esm']) {
  test(`json.js's and a pollution bug's enumerable prototype keys, a replaced bind and a Promise/A+ polyfill change nothing posted or sent (${build} build)`, async () => {
    env.sim.rest.reset();
    const page = await env.page();
    const frame = await openLegacyForm(page, 'jsonjs,pollution,bind,promise', build);
    assert.deepEqual(await frame.evaluate(() => [typeof Object.prototype.toJSONString, ({}).injected, typeof Promise.prototype.finally]), ['function', 'polluted', 'undefined']);
    await page.evaluate(() => { window.sim.customReplies = { lists: 'action' }; });
    const call = await callInForm(frame, 'call', { campaign: 'Sales->', destination: '099123456' });
    assert.equal(call.ok, true, JSON.stringify(call));
    const data = { action: 'lists', labels: ['vip', 'renewal'], nested: { ids: [1, [2, 3]] } };
    const sent = await callInForm(frame, 'send', data, { reply: 'action' });
    assert.equal(sent.ok, true, JSON.stringify(sent));
    const received = await page.evaluate(() => window.sim.received.map((x) => x.data));
    // Exactly the contract's wire: no inherited key (toJSONString, injected) on any message.
    assert.deepEqual(received.map((m) => Object.keys(m).sort()), [['action', 'callerid', 'campaign', 'destination'], ['action', 'labels', 'nested']]);
    assert.deepEqual(received[1], data);
    const r = await frame.evaluate(async ([baseUrl, token]) => {
      try {
        const api = window.crm.bridge.createApiTokenClient({ baseUrl, token });
        await api.loadList('Sales', { filename: 'november.csv', list: [{ clientIds: ['099123456'] }] });
        return { ok: true };
      } catch (e) {
        return { ok: false, code: e.code };
      }
    }, [env.sim.portalOrigin, TOKEN]);
    assert.deepEqual(r, { ok: true });
    assert.deepEqual(env.sim.rest.state.lists.map((l) => [l.hub, l.contacts]), [['Sales', 1]]);
    assert.deepEqual(await frame.evaluate(() => [window.errors, window.unhandled]), [[], []]);
    await page.context().close();
  });
}

for (const build of ['iife', 'esm']) {
  test(`frozen intrinsics (SES's lockdown): every entry loads, calls, reads the CTI and fails with BridgeErrors (${build} build)`, async () => {
    env.sim.rest.reset();
    const page = await env.page();
    // The portal's origin: a cross-site frame gets no localStorage in this Chromium.
    const frame = await openLegacyForm(page, 'freeze', build, 'same');
    assert.equal(await frame.evaluate(() => Object.isFrozen(Object.prototype) && Object.isFrozen(Error.prototype)), true);
    const call = await callInForm(frame, 'call', { campaign: 'Sales->', destination: '099123456' });
    assert.equal(call.ok, true, JSON.stringify(call));
    const bad = await callInForm(frame, 'call', { campaign: 'Sales->', destination: 'not a number' });
    assert.deepEqual([bad.code, bad.guard], ['INVALID_ARGUMENT', true]);
    const r = await frame.evaluate(async ([ciphertext, passphrase, baseUrl, token]) => {
      const b = window.crm.bridge;
      const outcome = (fn) => { try { return fn(); } catch (e) { return [e.name, e.code, b.isBridgeError(e)]; } };
      localStorage.setItem('CTI', ciphertext);
      const api = b.createApiTokenClient({ baseUrl, token });
      await api.loadList('Sales', { filename: 'november.csv', list: [{ clientIds: ['099123456'] }] });
      return {
        guid: b.readCti({ passphrase }).guid,
        wrong: outcome(() => b.readCti({ passphrase: 'not the passphrase' })),
        inbox: outcome(() => b.connectInbox({ timeout: 1 })),
        uphone: outcome(() => b.embedUPhone({})),
      };
    }, [fixture.ciphertext, fixture.passphrase, env.sim.portalOrigin, TOKEN]);
    assert.deepEqual(r, {
      guid: fixture.expect.cti.guid,
      wrong: ['BridgeError', 'DECRYPT_FAILED', true],
      inbox: ['BridgeError', 'INVALID_ARGUMENT', true],
      uphone: ['BridgeError', 'INVALID_ARGUMENT', true],
    });
    assert.deepEqual(env.sim.rest.state.lists.map((l) => l.contacts), [1]);
    assert.deepEqual(await frame.evaluate(() => [window.errors, window.unhandled]), [[], []]);
    await page.context().close();
  });
}

// A hardened page: no eval of any kind and Trusted Types required for every script sink. The bundles
// must need none (no eval, new Function, string timers, innerHTML): a violation is reported here.
const CSP = "default-src 'self'; script-src 'self' 'unsafe-inline'; connect-src *; frame-src *; " +
  "require-trusted-types-for 'script'; trusted-types 'none'";

/** Serves e2e/pages/legacy*.html of this context with `headers` added. */
const withHeaders = (page, headers) => page.context().route(/\/e2e\/legacy(-iife)?\.html/, async (route) => {
  const response = await route.fetch();
  await route.fulfill({ response, headers: { ...response.headers(), ...headers } });
});

for (const build of ['iife', 'esm']) {
  test(`CSP without 'unsafe-eval' and with Trusted Types required: no violation, every entry works (${build} build)`, async () => {
    const page = await env.page();
    await withHeaders(page, { 'content-security-policy': CSP });
    const violations = [];
    await page.exposeFunction('__violation', (v) => violations.push(v));
    await page.context().addInitScript(() => document.addEventListener('securitypolicyviolation',
      (e) => window.__violation?.(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`)));
    const frame = await openLegacyForm(page, '', build, 'same');
    const call = await callInForm(frame, 'call', { campaign: 'Sales->', destination: '099123456' });
    assert.equal(call.ok, true, JSON.stringify(call));
    const r = await frame.evaluate(async ([ciphertext, passphrase, baseUrl, token]) => {
      const b = window.crm.bridge;
      const api = b.createApiTokenClient({ baseUrl, token });
      await api.loadList('Sales', { filename: 'november.csv', list: [{ clientIds: ['099123456'] }] });
      const box = document.createElement('div');
      document.body.append(box);
      const phone = b.embedUPhone({ container: box, url: `${location.origin}/uphone/` });
      const inbox = b.connectInbox();
      const out = { guid: b.decryptCti(ciphertext, passphrase).guid, framed: phone.iframe.src, inbox: inbox.embedded };
      phone.destroy();
      inbox.destroy();
      return out;
    }, [fixture.ciphertext, fixture.passphrase, env.sim.portalOrigin, TOKEN]);
    assert.deepEqual(r, { guid: fixture.expect.cti.guid, framed: `${env.sim.portalOrigin}/uphone/`, inbox: true });
    // Every violation of the form reported up to now: the form makes one of its own last (an image of
    // a host img-src, default-src 'self', refuses), and a document reports its violations in order.
    const mark = `order-${Math.random()}`.replace('.', '');
    await frame.evaluate((m) => { new Image().src = `http://${m}.invalid/`; }, mark);
    await waitFor(() => violations.some((v) => v.includes(mark)));
    assert.deepEqual(violations.filter((v) => !v.includes(mark)), []);
    assert.deepEqual(await frame.evaluate(() => [window.errors, window.unhandled]), [[], []]);
    await page.context().close();
  });
}

test('a sandboxed form (allow-scripts, no allow-same-origin: an opaque origin, storage throwing SecurityError): calls work, storage is NO_CTI, nothing throws', async () => {
  const page = await env.page();
  // The page with its scripts inline: an opaque origin may not load scripts from a loopback server.
  const read = (path) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
  await page.context().route(/\/e2e\/legacy-iife\.html/, (route) => route.fulfill({
    status: 200, contentType: 'text/html', headers: { 'content-security-policy': 'sandbox allow-scripts' },
    body: read('e2e/pages/legacy-iife.html').replace(/<script src="\/(dist|e2e)\/([^"]+)"><\/script>/g,
      (_m, dir, file) => `<script>${read(dir === 'dist' ? `dist/${file}` : `e2e/pages/${file}`)}</script>`),
  }));
  const url = `${env.sim.portalOrigin}/e2e/legacy-iife.html?portal=${encodeURIComponent(env.sim.portalOrigin)}`;
  // The portal posts with '*': to a frame whose origin is opaque, nothing else reaches it.
  const frame = await openPortal(page, env.sim, `replyOrigin=*&formUrl=${encodeURIComponent(url)}`);
  assert.equal(await frame.evaluate(() => window.origin), 'null');
  const call = await callInForm(frame, 'call', { campaign: 'Sales->', destination: '099123456' });
  assert.equal(call.ok, true, JSON.stringify(call));
  const r = await frame.evaluate(async () => {
    const b = window.crm.bridge;
    const outcome = (fn) => { try { return fn(); } catch (e) { return [e.code, b.isBridgeError(e)]; } };
    // The default client (the page's own origin) works too; its reload slots cannot be kept.
    const plain = await b.connectPortal().call({ campaign: 'Sales->', destination: '099123456' });
    window.dispatchEvent(new Event('pagehide'));
    return { stored: outcome(() => b.readCti({ passphrase: 'p' })), plain: plain.via };
  });
  assert.deepEqual(r, { stored: ['NO_CTI', true], plain: 'porthole' });
  assert.deepEqual(await frame.evaluate(() => [window.errors, window.unhandled]), [[], []]);
  await page.context().close();
});
