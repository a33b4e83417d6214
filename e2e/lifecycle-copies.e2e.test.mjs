// Copies of the library in one form, in real Chromium (issue #16, item 1): the full script tag with
// the portal-only script tag, and the script tag with the ES module entry, each pair with calls
// from both copies in flight at once. Replies carry no id, so the copies must queue in one set of
// lanes: each call resolves with its own guid, and the form has one message listener.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPortal } from './helpers.mjs';
import { CALL, copiesCalls, copiesSends } from './scenarios/portal-layouts.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const copiesForm = (origin) => {
  const base = origin === 'cross' ? env.sim.formOrigin : env.sim.portalOrigin;
  return `formUrl=${encodeURIComponent(`${base}/e2e/copies.html?portal=${encodeURIComponent(env.sim.portalOrigin)}`)}`;
};

for (const [first, second] of [['iife', 'portalMin'], ['iife', 'esm'], ['esm', 'portalMin']]) {
  for (const origin of ['same', 'cross']) {
    test(`two copies in one form (${first} + ${second}, ${origin} origin): each call gets its own guid`, async () => {
      const page = await env.page();
      const frame = await openPortal(page, env.sim, `${copiesForm(origin)}&mode.call=late:300&mode.callWithPhone=late:300`);
      // Both in flight at once: the first copy's call, the second copy's callWithPhone.
      const r = await frame.evaluate(copiesCalls, [first, second, CALL]);
      const sim = await page.evaluate(() => ({ received: window.sim.received.map((x) => x.data.action), guids: window.sim.guids }));
      assert.ok(r.distinct, 'two distinct copies of the library');
      assert.deepEqual(r.results.map((x) => x.ok), [true, true], JSON.stringify(r.results));
      assert.deepEqual(sim.received, ['call', 'callWithPhone']);
      assert.equal(sim.guids.length, 2);
      assert.deepEqual(r.results.map((x) => x.v.guid), sim.guids, 'each copy got its own call\'s guid');
      assert.deepEqual([r.listeners, r.after], [1, 0], 'one message listener for both copies');
      await page.context().close();
    });
  }
}

// Not only the calls' lane: a deployment's own action awaited by two copies at once. Each copy
// must get the reply to its own message (the portal echoes what it received).
for (const origin of ['same', 'cross']) {
  test(`two copies in one form (iife + esm, ${origin} origin): a raw send's reply lane is shared, each send gets its own reply`, async () => {
    const page = await env.page();
    const frame = await openPortal(page, env.sim, copiesForm(origin));
    await page.evaluate(() => window.sim.setReply('saveLead', 'action'));
    const r = await frame.evaluate(copiesSends);
    assert.deepEqual(r.map((x) => x.ok), [true, true], JSON.stringify(r));
    assert.deepEqual(r.map((x) => x.v.reply.received.who), ['iife', 'esm'], 'each copy got the reply to its own message');
    assert.deepEqual(await page.evaluate(() => window.sim.received.map((x) => x.data.who)), ['iife', 'esm']);
    await page.context().close();
  });
}

// Every script-tag file defines the global UContactBridge. A page may load two of them: a CRM
// framed in the portal that embeds the uPhone (the portal-only and the uPhone-only files), a page
// with the full file and a widget that brings the portal-only one. The second file's names join the
// global; the first file's stay (replaced, a page's later calls found `connectPortal` or `readCti`
// gone: "UContactBridge.connectPortal is not a function").
const SCRIPT_FILES = ['ucontact-bridge.iife.min.js', 'ucontact-bridge.portal.iife.min.js', 'ucontact-bridge.uphone.iife.min.js'];
const globalNames = async (files) => {
  const page = await env.page();
  const base = env.sim.portalOrigin;
  await page.setContent(files.map((f) => `<script src="${base}/dist/${f}"></script>`).join(''), { waitUntil: 'load' });
  const names = await page.evaluate(() => Object.keys(window.UContactBridge).sort());
  await page.context().close();
  return names;
};

test('two script-tag files in one page: the global holds the names of both, the later file\'s where both have one', async () => {
  const alone = {};
  for (const f of SCRIPT_FILES) alone[f] = await globalNames([f]);
  assert.ok(alone[SCRIPT_FILES[0]].includes('readCti') && !alone[SCRIPT_FILES[1]].includes('readCti'), 'the files differ');
  for (const a of SCRIPT_FILES) {
    for (const b of SCRIPT_FILES) {
      if (a === b) continue;
      assert.deepEqual(await globalNames([a, b]), [...new Set([...alone[a], ...alone[b]])].sort(), `${a}, then ${b}`);
    }
  }
});

for (const order of ['portal', 'uphone']) {
  test(`a CRM in the portal that embeds the uPhone, with the portal-only and the uPhone-only script tags (${order} first): both work from the global`, async () => {
    const page = await env.page();
    const form = `${env.sim.portalOrigin}/e2e/crm-phone.html?portal=${encodeURIComponent(env.sim.portalOrigin)}&order=${order}`;
    const frame = await openPortal(page, env.sim, `formUrl=${encodeURIComponent(form)}`);
    assert.deepEqual(await frame.evaluate(() => [window.errors, window.names]), [[], [
      'BridgeError', 'ERROR_CODES', 'connectPortal', 'embedUPhone', 'isBridgeError', 'readUPhoneMessage', 'withFallback',
    ]]);
    const r = await frame.evaluate(async () => {
      // Each entry hears its own side only: the phone's `{action, params}` events are no portal
      // message, the portal's Porthole replies no phone event.
      // (After the login: the phone's agentLogin event made it ready.)
      await window.phone.ready;
      const heard = { portal: [], phone: [] };
      window.client.on('message', (data) => heard.portal.push(data));
      window.phone.on('*', (e) => heard.phone.push(e.name));
      return {
        call: await window.client.call({ campaign: 'Sales->', destination: '099123456' }),
        phone: await window.phone.makeCall({ number: '093333333', campaign: 'Sales' }, { waitForEcho: true, timeoutMs: 5000 }),
        heard,
      };
    });
    assert.equal(r.call.guid, await page.evaluate(() => window.sim.guids[0]));
    assert.equal(r.phone.echoed, true);
    assert.deepEqual(r.heard, { portal: [], phone: ['makeCall'] });
    await page.context().close();
  });
}
