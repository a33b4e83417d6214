// readCti() with no options in real Chromium, through the built bundles (script tag and ES module):
// in a form the simulated portal opened for a call (same origin: the form framework's global CTI,
// served by the simulator), and from a CTI global that a page on the other origin defines itself
// (with var, and with let: a global binding that is no window property). watchCti on the global.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { capture, setup, openPortal, waitFor } from './helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

// Answers the ringing call and waits for the sample form the desk opens again for it. The old
// document is marked first: its storage watcher sees the new call too, before it goes away.
async function answerAndReload(page, frame, guid) {
  await frame.evaluate(() => { window.beforeAnswer = true; });
  await page.click('#answer');
  let next;
  await waitFor(async () => {
    next = page.frame({ name: 'crmForm' });
    return next?.evaluate((g) => !window.beforeAnswer && window.crm?.ready === true && window.crm.ctiAtStart === true &&
      window.crm.cti.cti?.guid === g, guid).catch(() => false);
  });
  return next;
}

for (const form of ['iife', 'esm']) {
  test(`readCti() with no options returns the call the portal opened the form for (${form} build, same origin)`, async () => {
    const page = await env.page();
    let frame = await openPortal(page, env.sim, `form=${form}`);
    // Opened without a call: the framework's CTI is '' and the form says so.
    const start = await frame.evaluate(() => {
      try { return window.crm.bridge.readCti(); } catch (e) { return { code: e.code, message: e.message }; }
    });
    assert.equal(start.code, 'NO_CTI');
    assert.match(start.message, /without a call/);
    assert.match(await frame.textContent('#cti-view'), /^No current call/);

    const cti = await page.evaluate(() => window.sim.ring('dialer'));
    frame = await answerAndReload(page, frame, cti.Guid);
    const read = await frame.evaluate(() => {
      const c = window.crm.bridge.readCti();
      return { guid: c.guid, campaign: c.campaign, callerid: c.callerid, channel: c.channel, form: c.form, values: { ...c.parAndValues.values },
        dialer: { contact: c.dialer.contact, destination: c.dialer.destination, alternatives: [...c.dialer.alternatives], priority: c.dialer.priority },
        global: typeof window.CTI };
    });
    assert.deepEqual(read, {
      guid: cti.Guid, campaign: 'Sales->', callerid: cti.Callerid, channel: 'telephony', form: 'salesForm',
      values: Object.fromEntries(cti.ParAndValues.split(':').map((kv) => kv.split('='))),
      dialer: { contact: cti.Dialer.contact, destination: cti.Dialer.destination, alternatives: ['098111222', '097333444'], priority: 5 },
      global: 'string',
    });
    assert.match(await frame.textContent('#cti-view'), new RegExp(`^\\(form framework\\) Call ${cti.Guid}`));
    // The storage copy was written too: the passphrase way reads the same call.
    const stored = await frame.evaluate((p) => window.crm.bridge.readCti({ source: 'storage', passphrase: p }).guid, env.sim.passphrase);
    assert.equal(stored, cti.Guid);
    await page.context().close();
  });
}

const VOICE = { Guid: 'xo-1', Campaign: 'SalienteTest->', Callerid: '17410632', Form: 'testCapacitacion', ParAndValues: '', Screen: 'FALSE', Beep: 'FALSE', Answer: 'FALSE' };

async function globalPage(page, cti, decl = 'var') {
  const url = `${env.sim.formOrigin}/e2e/cti-global.html?decl=${decl}&cti=${encodeURIComponent(cti)}`;
  const frame = await openPortal(page, env.sim, `formUrl=${encodeURIComponent(url)}`);
  assert.equal(await frame.evaluate(() => location.origin), env.sim.formOrigin, 'the page is on the other origin');
  return frame;
}

for (const decl of ['var', 'let']) {
  test(`readCti() reads a CTI global defined by a page on the other origin (declared with ${decl}), both builds`, async () => {
    const page = await env.page();
    const frame = await globalPage(page, JSON.stringify({ ...VOICE, Channel: 'WhatsApp', Callerid: '59899123456' }), decl);
    const results = await frame.evaluate(() => Object.fromEntries(Object.entries(window.builds).map(([name, b]) => [name,
      window.outcome(() => { const c = b.readCti(); return { guid: c.guid, channel: c.channel, campaign: c.campaign, answer: c.answer }; })])));
    for (const build of ['iife', 'esm']) {
      assert.deepEqual(results[build], { ok: true, value: { guid: 'xo-1', channel: 'whatsapp', campaign: 'SalienteTest->', answer: false } }, build);
    }
    assert.equal(await frame.evaluate(() => Object.hasOwn(window, 'CTI')), decl === 'var');
    await page.context().close();
  });
}

test('readCti and watchCti given the page\'s own window read a CTI global declared with let, as with no window option (both builds)', async () => {
  const page = await env.page();
  const frame = await globalPage(page, JSON.stringify(VOICE), 'let');
  const results = await frame.evaluate(() => Object.fromEntries(Object.entries(window.builds).map(([name, b]) => [name,
    window.outcome(() => b.readCti({ window }).guid)])));
  assert.deepEqual(results, { iife: { ok: true, value: 'xo-1' }, esm: { ok: true, value: 'xo-1' } });
  await frame.evaluate(() => {
    window.seen = [];
    for (const [name, b] of Object.entries(window.builds)) b.watchCti({ window, intervalMs: 20, onChange: (c) => window.seen.push(`${name}:${c.guid}`) });
  });
  await frame.evaluate((v) => window.setCti(JSON.stringify({ ...v, Guid: 'xo-2' })), VOICE);
  await waitFor(() => frame.evaluate(() => window.seen.length === 2));
  assert.deepEqual((await frame.evaluate(() => window.seen)).sort(), ['esm:xo-2', 'iife:xo-2']);
  await page.context().close();
});

test('the other origin: an empty global is NO_CTI (no call), a malformed one INVALID_CTI, no global at all NO_CTI', async () => {
  const page = await env.page();
  let frame = await globalPage(page, '');
  const read = () => frame.evaluate(() => Object.fromEntries(Object.entries(window.builds).map(([n, b]) => [n, window.outcome(() => b.readCti())])));
  for (const r of Object.values(await read())) assert.deepEqual([r.code, /without a call/.test(r.message)], ['NO_CTI', true]);
  await frame.evaluate(() => window.setCti('{"Guid":"x","Callerid":"099123456"'));
  for (const r of Object.values(await read())) {
    assert.equal(r.code, 'INVALID_CTI');
    assert.equal(r.message.includes('099123456'), false);
  }
  // The sample form on the other origin has no framework (the portal's instance serves it).
  await page.goto(`${env.sim.portalOrigin}/?origin=cross`);
  await waitFor(async () => {
    frame = page.frame({ name: 'crmForm' });
    return frame?.evaluate(() => window.crm?.ready === true).catch(() => false);
  });
  const r = await frame.evaluate(() => window.outcome?.(() => 0) ?? (() => {
    try { return window.crm.bridge.readCti(); } catch (e) { return { code: e.code, message: e.message }; }
  })());
  assert.equal(r.code, 'NO_CTI');
  assert.match(r.message, /integraFramework/);
  capture('error', r.message);
  await page.context().close();
});

test('watchCti on the global: a new call is reported once; a throwing onChange goes to onError, never uncaught', async () => {
  const page = await env.page();
  const frame = await globalPage(page, JSON.stringify(VOICE));
  await frame.evaluate(() => {
    window.seen = [];
    window.errors = [];
    // Each watcher's polls, counted once each has run (a watcher polls with the page's setInterval,
    // started in watchCti: the four below, one each).
    window.polls = [];
    const setInterval = window.setInterval;
    window.setInterval = (fn, ms) => {
      const i = window.polls.push(0) - 1;
      return setInterval(() => { fn(); window.polls[i]++; }, ms);
    };
    for (const [name, b] of Object.entries(window.builds)) {
      b.watchCti({ intervalMs: 20, onChange: (c) => window.seen.push(`${name}:${c.guid}`) });
      b.watchCti({ intervalMs: 20, onChange: () => { throw new Error('form code failed'); }, onError: (e) => window.errors.push(`${name}:${e.code}`) });
    }
  });
  // Read once each of the four watchers has polled the unchanged call (not after a pause: a late
  // first poll would come after the new call below, and report it whether or not it kept a baseline).
  await waitFor(() => frame.evaluate(() => window.polls.length === 4 && window.polls.every((n) => n >= 1)));
  assert.deepEqual(await frame.evaluate(() => [window.seen, window.errors]), [[], []], 'the call at start is the baseline');
  await frame.evaluate((v) => window.setCti(JSON.stringify({ ...v, Guid: 'xo-2' })), VOICE);
  await waitFor(() => frame.evaluate(() => window.seen.length === 2 && window.errors.length === 2));
  assert.deepEqual((await frame.evaluate(() => window.seen)).sort(), ['esm:xo-2', 'iife:xo-2']);
  assert.deepEqual((await frame.evaluate(() => window.errors)).sort(), ['esm:CALLBACK_FAILED', 'iife:CALLBACK_FAILED']);
  await page.context().close();
});

test('a CTI binding that can never be read (its script failed before it): NO_CTI from readCti, and the portal client asks for the guid (typed errors, no ReferenceError)', async () => {
  const page = await env.page();
  const frame = await globalPage(page, JSON.stringify(VOICE), 'dead');
  assert.equal(await frame.evaluate(() => { try { return typeof CTI; } catch (e) { return e.name; } }), 'ReferenceError', 'the binding is dead');
  const read = await frame.evaluate(() => Object.fromEntries(Object.entries(window.builds).map(([n, b]) => [n, window.outcome(() => b.readCti())])));
  for (const r of Object.values(read)) assert.equal(r.code, 'NO_CTI');
  // The form framework's tag helper is there: the portal client goes through it, the guid is not in a CTI it can read.
  const tagged = await frame.evaluate(async () => {
    const called = [];
    window.UC_TagRecord = async (guid, tag) => { called.push([guid, tag]); return 'OK'; };
    const portal = UContactBridge.connectPortal();
    const outcome = await portal.tag({ tag: 'vip' }).then(() => 'sent', (e) => [e.name, e.code, /guid needed by UC_TagRecord/.test(e.message)]);
    const withGuid = await portal.tag({ tag: 'vip', guid: 'xo-1' });
    portal.destroy();
    return { outcome, via: withGuid.via, called };
  });
  assert.deepEqual(tagged, { outcome: ['BridgeError', 'INVALID_ARGUMENT', true], via: 'framework', called: [['xo-1', 'vip']] });
  await page.context().close();
  // The page's own failing script was meant to fail: the only uncaught error it leaves.
  const intended = env.pageErrors.filter((e) => /intended: a framework script failing/.test(e.message));
  assert.equal(intended.length, 1);
  env.pageErrors.splice(0, env.pageErrors.length, ...env.pageErrors.filter((e) => !intended.includes(e)));
});

test('no uncaught errors in any page or frame', () => {
  assert.deepEqual(env.pageErrors.map(String), []);
});

// The portal client's framework tag (and disposition) in both builds of a page globalPage made: what
// the helpers were called with, or the error, and readCti's guid beside it. `polluted`: a CTI put on
// Object.prototype while the clients work (and taken away after).
async function frameworkActions(frame, { disposition = true, readCti = true, polluted } = {}) {
  return frame.evaluate(async ({ portalOrigin, disposition, readCti, polluted }) => {
    const esm = await import('/dist/index.js');
    const calls = [];
    window.UC_TagRecord = async (...args) => { calls.push(['tag', ...args]); return 'OK'; };
    if (disposition) window.UC_DispositionCall_async = async (...args) => { calls.push(['disposition', ...args]); return 'OK'; };
    const out = {};
    if (polluted) Object.prototype.CTI = polluted;
    try {
      for (const [name, b] of [['iife', window.UContactBridge], ['esm', esm]]) {
        const portal = b.connectPortal({ allowedOrigins: portalOrigin });
        try {
          await portal.tag({ tag: 'vip' });
          if (disposition) await portal.disposition({ l1: 'Sale' });
          out[name] = calls.splice(0);
        } catch (e) {
          out[name] = { code: e.code, message: e.message };
        } finally {
          portal.destroy();
        }
        if (readCti) out[`${name}-readCti`] = window.builds[name].readCti().guid;
      }
    } finally {
      if (polluted) delete Object.prototype.CTI;
    }
    return out;
  }, { portalOrigin: env.sim.portalOrigin, disposition, readCti, polluted });
}

const TAGGED = ['tag', 'xo-1', 'vip'];
const DISPOSED = ['disposition', 'SalienteTest->', '17410632', 'xo-1', 'Sale', '', '', ''];

// The portal client's framework route reads the same global: a CTI a pollution bug put on
// Object.prototype (`?__proto__[CTI]=…`) is no call, and never hides a framework's `let CTI` (a global
// binding that is no window property, so `window.CTI` reached the prototype's): before, a tag or a
// disposition through the framework's helper went to the call the polluted value named.
test("the portal's framework tag and disposition read a let CTI, not the one a pollution bug put on Object.prototype (both builds)", async () => {
  const page = await env.page();
  const frame = await globalPage(page, JSON.stringify(VOICE), 'let');
  const results = await frameworkActions(frame, {
    readCti: false, polluted: JSON.stringify({ Guid: 'g-other', Campaign: 'Other->', Callerid: '098000000' }) });
  assert.deepEqual(results, { iife: [TAGGED, DISPOSED], esm: [TAGGED, DISPOSED] });
  await page.context().close();
});

// A form element whose id is CTI is a property of the window by its named access (on its
// prototype chain, not its own): with a framework's `let CTI`, `window.CTI` is that element. The
// portal client read it and asked for the guid; readCti reads the binding (both builds).
test("an element with id CTI does not hide the framework's let CTI from the portal's framework tag and disposition (both builds)", async () => {
  const page = await env.page();
  const frame = await globalPage(page, JSON.stringify(VOICE), 'let');
  const seen = await frame.evaluate(() => {
    document.body.append(Object.assign(document.createElement('div'), { id: 'CTI' }));
    return { element: window.CTI instanceof HTMLElement, binding: typeof CTI };
  });
  const results = { ...seen, ...await frameworkActions(frame) };
  assert.deepEqual(results, { element: true, binding: 'string', iife: [TAGGED, DISPOSED], 'iife-readCti': 'xo-1',
    esm: [TAGGED, DISPOSED], 'esm-readCti': 'xo-1' });
  await page.context().close();
});

// A page script's `window.CTI = …` is a configurable own property of the window: a framework's
// `let CTI` may sit beside it (no SyntaxError), and the bare name is then the binding. readCti reads
// the binding; the portal client read the window's own property and named no call (both builds).
test("a window.CTI set beside the framework's let CTI: the portal's framework tag reads the binding, as readCti (both builds)", async () => {
  const page = await env.page();
  const frame = await globalPage(page, JSON.stringify(VOICE), 'let');
  const seen = await frame.evaluate(() => {
    window.CTI = '';
    return { own: Object.hasOwn(window, 'CTI'), binding: typeof CTI };
  });
  const results = { ...seen, ...await frameworkActions(frame, { disposition: false }) };
  assert.deepEqual(results, { own: true, binding: 'string', iife: [TAGGED], 'iife-readCti': 'xo-1', esm: [TAGGED], 'esm-readCti': 'xo-1' });
  await page.context().close();
});

// A getter a page script defined on the window (configurable: a later `let CTI` still declares the
// binding) that throws: readCti reads the binding and names the call; the portal client read the
// window's property first, threw, and asked for the guid (both builds).
test("a throwing window.CTI getter beside the framework's let CTI: the portal's framework tag reads the binding, as readCti (both builds)", async () => {
  const page = await env.page();
  const frame = await globalPage(page, JSON.stringify(VOICE), 'let');
  const seen = await frame.evaluate(() => {
    Object.defineProperty(window, 'CTI', { configurable: true, get() { throw new Error('torn down'); } });
    let threw = false;
    try { void window.CTI; } catch { threw = true; }
    return { threw, binding: typeof CTI };
  });
  const results = { ...seen, ...await frameworkActions(frame, { disposition: false }) };
  assert.deepEqual(results, { threw: true, binding: 'string', iife: [TAGGED], 'iife-readCti': 'xo-1', esm: [TAGGED], 'esm-readCti': 'xo-1' });
  await page.context().close();
});

test('no uncaught errors in any page or frame, after the last test', () => {
  assert.deepEqual(env.pageErrors.map(String), []);
});
