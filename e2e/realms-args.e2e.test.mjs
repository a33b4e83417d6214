// Arguments made in another realm, in real Chromium: a form whose widgets live in a frame of their
// own (an about:blank sibling of the library's realm) or in the portal's page (a same-origin form's
// parent) hands the library that realm's objects. `instanceof` fails across realms, so each check of
// the library must hold for them: plain objects (and ones without a prototype) and arrays are
// options and arguments, a Date is a date, an AbortSignal cancels. The portal client (same origin
// and cross origin, both bundles), the REST client (both bundles) and the uPhone host.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { capture, openPortal, openRestPage, setup, waitFor } from './helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

// Runs in the page: the realm `where` names ('sibling': a new about:blank frame of this document;
// 'parent': window.parent, same origin only), proven another realm.
const REALM = `
  const realmOf = (where) => {
    let R = window.parent;
    if (where === 'sibling') {
      const f = document.createElement('iframe');
      document.body.append(f);
      R = f.contentWindow;
    }
    if (R === window || R.Object === Object || R.Array === Array) throw new Error('not another realm');
    return R;
  };`;

// `code` runs in `frame` with R (the other realm), `bridge` and `arg`; returns {ok, value} or the error.
const inRealm = (frame, where, code, arg) => frame.evaluate(([c, w, a]) => {
  const fn = new Function('where', 'arg', `${c} return (async () => { const R = realmOf(where); ${a.body} })();`);
  return fn(w, a).then((value) => ({ ok: true, value }), (e) => ({ ok: false, code: e && e.code, message: e && e.message }));
}, [REALM, where, { ...arg, body: code }]).then((r) => {
  if (!r.ok) capture('error', r.message);
  return r;
});

for (const [form, origin, where] of [['esm', 'same', 'sibling'], ['iife', 'same', 'parent'], ['esm', 'cross', 'sibling'], ['iife', 'cross', 'sibling']]) {
  describe(`portal client, ${form} form, ${origin} origin, values of the ${where}'s realm`, () => {
    test('options, arguments without a prototype, a label array, a Date and raw data go out exactly as from this realm', async () => {
      const page = await env.page();
      const frame = await openPortal(page, env.sim, `form=${form}&origin=${origin}`);
      const before = await page.evaluate(() => window.sim.received.length);
      const r = await inRealm(frame, where, `
        const portal = window.crm.bridge.connectPortal(R.JSON.parse(JSON.stringify({ use: 'porthole', allowedOrigins: [arg.portal] })));
        try {
          const args = R.Object.create(null);
          Object.assign(args, { campaign: 'Sales->', destination: '099123456' });
          const call = await portal.call(args);
          await portal.tag(R.JSON.parse('{"tag":["vip","callback"]}'), R.JSON.parse('{"confirm":false}'));
          await portal.schedule({ calldate: new R.Date(2026, 11, 24, 10, 0, 0), campaign: 'Sales->', destination: '099123456', data: '' });
          await portal.send(R.JSON.parse('{"action":"saveLead","lead":{"phones":["099123456"],"vip":true}}'));
          return [call.via, typeof call.guid];
        } finally {
          portal.destroy();
        }`, { portal: env.sim.portalOrigin });
      assert.deepEqual(r, { ok: true, value: ['porthole', 'string'] });
      // The unconfirmed tag and the send settle as they are posted: the desk hears them a task later.
      await waitFor(() => page.evaluate((n) => window.sim.received.length >= n + 4, before));
      const got = await page.evaluate((n) => window.sim.received.slice(n).map((m) => m.data), before);
      assert.deepEqual(got, [
        { action: 'call', campaign: 'Sales->', callerid: '', destination: '099123456' },
        { action: 'tag', tag: 'vip|callback' },
        { action: 'schedule', schedule: { calldate: '2026-12-24 10:00:00', campaign: 'Sales->', destination: '099123456', data: '' } },
        { action: 'saveLead', lead: { phones: ['099123456'], vip: true } },
      ]);
      await page.context().close();
    });

    test("an AbortSignal of that realm cancels a call the portal never answers: ABORTED, not TIMEOUT", async () => {
      const page = await env.page();
      const frame = await openPortal(page, env.sim, `form=${form}&origin=${origin}&mode.call=silent`);
      const r = await inRealm(frame, where, `
        const portal = window.crm.bridge.connectPortal({ use: 'porthole', allowedOrigins: arg.portal });
        try {
          const ctl = new R.AbortController();
          const call = portal.call({ campaign: 'Sales->', destination: '099123456' }, { signal: ctl.signal, timeoutMs: 20000 });
          setTimeout(() => ctl.abort(), 50);
          return await call.then(() => 'resolved', (e) => e.code);
        } finally {
          portal.destroy();
        }`, { portal: env.sim.portalOrigin });
      assert.deepEqual(r, { ok: true, value: 'ABORTED' });
      await page.context().close();
    });
  });
}

const USER = { user: 'supervisor', password: 'Sup3r-s3cret' };

for (const [origin, bundle] of [['same', 'esm'], ['cross', 'iife']]) {
  describe(`REST client, ${bundle} bundle, ${origin} origin, values of a sibling frame's realm`, () => {
    test('options and arguments of that realm are taken; its Dates are dates; its AbortSignal cancels', async () => {
      env.sim.rest.reset();
      const page = await openRestPage(env, origin, bundle);
      const r = await inRealm(page.mainFrame(), 'sibling', `
        const uc = window.bridge.createUContactClient(R.JSON.parse(JSON.stringify({ baseUrl: arg.baseUrl, credentials: arg.credentials })));
        const guid = await uc.agentCall(R.JSON.parse(JSON.stringify(arg.call)));
        const tagged = await uc.tagRecording({ guid, tag: R.JSON.parse('["vip","callback"]') });
        const range = await uc.getRecordings({ from: new R.Date(2026, 0, 1), to: new R.Date(2026, 0, 2) });
        // A fetch that never settles: only the signal ends the call.
        const hang = (url, init) => (url.includes('getUserToken') ? fetch(url, init) : new Promise(() => {}));
        const stuck = window.bridge.createUContactClient({ baseUrl: arg.baseUrl, credentials: arg.credentials, fetch: hang, timeoutMs: 0 });
        const ctl = new R.AbortController();
        const call = stuck.agentCall(arg.call, { signal: ctl.signal });
        setTimeout(() => ctl.abort(), 50);
        return [typeof guid, typeof tagged, Array.isArray(range), await call.then(() => 'resolved', (e) => e.code)];`,
      { baseUrl: env.sim.portalOrigin, credentials: USER, call: { agent: 'agent1001', phone: '1001', context: 'from-internal', outqueue: 'Sales->', destination: '099123456' } });
      assert.deepEqual(r, { ok: true, value: ['string', 'string', true, 'ABORTED'] });
      const log = env.sim.rest.state.log.map((e) => e.path);
      assert.ok(log.includes('Recordings/TagRecording') && log.includes('Recordings/GetRecordings'), log.join());
      await page.context().close();
    });
  });
}

describe("uPhone host, values of a sibling frame's realm", () => {
  test('options, arguments and an AbortSignal of that realm: the phone gets the commands, the signal cancels', async () => {
    const page = await env.page();
    await page.goto(`${env.sim.formOrigin}/e2e/uphone-bare.html`);
    await page.waitForFunction(() => window.libLoaded === true);
    const r = await inRealm(page.mainFrame(), 'sibling', `
      const options = R.JSON.parse(JSON.stringify({ url: arg.url, readyTimeoutMs: 10000 }));
      options.container = document.getElementById('slot');
      const phone = window.lib.embedUPhone(options);
      window.realmPhone = phone;
      await phone.ready;
      const made = await phone.makeCall(R.JSON.parse('{"number":"099123456","campaign":"Sales"}'), R.JSON.parse('{"waitForEcho":true}'));
      const ctl = new R.AbortController();
      // An action the phone never echoes: only the signal ends the wait.
      const waiting = phone.send('noSuchAction', R.JSON.parse('{"list":[1,2]}'), { waitForEcho: true, timeoutMs: 20000, signal: ctl.signal });
      setTimeout(() => ctl.abort(), 50);
      return [made.echoed, await waiting.then(() => 'resolved', (e) => e.code)];`,
    { url: `${env.sim.portalOrigin}/uphone/?login=auto` });
    assert.deepEqual(r, { ok: true, value: [true, 'ABORTED'] });
    const phone = page.frames().find((f) => /\/uphone\/\?login=auto$/.test(f.url()));
    const got = await phone.evaluate(() => window.uphoneSim.received.map((m) => [m.data, m.fromParent]));
    assert.deepEqual(got, [
      [{ action: 'makeCall', params: { number: '099123456', campaign: 'Sales' } }, true],
      [{ action: 'noSuchAction', params: { list: [1, 2] } }, true],
    ]);
    await page.evaluate(() => window.realmPhone.destroy());
    await page.context().close();
  });
});
