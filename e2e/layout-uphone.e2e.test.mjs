// Layouts real uPhone host pages have, in Chromium with the built bundles: two phones side by side,
// two copies of the library embedding one phone, the phone's iframe reloaded mid-call or removed
// from the page without destroy(), a command queued before the login and the frame reloaded before
// it. The phone is on 127.0.0.1; the host on the other origin (localhost) or the same one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, waitFor } from './helpers.mjs';
import { hostOrigin, inPhone } from './uphone-helpers.mjs';
import { UP } from './scenarios/embed-layouts.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const phoneUrl = (query = '') => `${env.sim.portalOrigin}/uphone/${query}`;

async function openHost(layout) {
  const page = await env.page();
  await page.goto(`${hostOrigin(env.sim, layout)}/e2e/layout-uphone.html`);
  await waitFor(() => page.evaluate(() => window.libLoaded === true));
  return page;
}

/** The phone frame in `slot` (#slotA or #slotB) once its script ran; `isNew` tells a reloaded one. */
async function phoneIn(page, slot, isNew = async () => true) {
  let frame;
  await waitFor(async () => {
    const el = await page.$(`#${slot} iframe`);
    frame = el && await el.contentFrame();
    // The check again after `isNew`: the first can still see the old document, `isNew` the new one
    // before its scripts ran.
    const ready = () => !!window.uphoneSim;
    return frame ? frame.evaluate(ready).then(async (ok) => ok && await isNew(frame) && frame.evaluate(ready)).catch(() => false) : false;
  });
  return frame;
}

/** Reloads the phone in `slot` (its src set again, `query` its new one) and waits for the new document. */
async function reloadPhone(page, slot, frame, query) {
  await frame.evaluate(() => { window.oldDocument = true; });
  await page.evaluate(([s, src]) => { document.querySelector(`#${s} iframe`).src = src; }, [slot, phoneUrl(query)]);
  return phoneIn(page, slot, async (f) => !(await f.evaluate(() => window.oldDocument)));
}

for (const layout of ['cross', 'same']) {
  test(`two phones side by side: each host gets its own phone's events and commands reach its own phone only (${layout}-origin host)`, async () => {
    const page = await openHost(layout);
    await page.evaluate(UP.twoPhones, phoneUrl('?login=auto'));
    const [pa, pb] = [await phoneIn(page, 'slotA'), await phoneIn(page, 'slotB')];
    await page.evaluate(() => Promise.all([window.a.ready, window.b.ready]));
    await inPhone(pa, (sim) => sim.ring({ number: '091111111', campaign: 'A' }));
    await inPhone(pb, (sim) => sim.ring({ number: '092222222', campaign: 'B' }));
    await waitFor(() => page.evaluate(() => window.seen.a.length === 2 && window.seen.b.length === 2));
    assert.deepEqual(await page.evaluate(() => window.seen), { a: ['agentLogin:', 'gettingCall:091111111'], b: ['agentLogin:', 'gettingCall:092222222'] });
    assert.deepEqual(await page.evaluate(() => [window.a.state.number, window.b.state.number]), ['091111111', '092222222']);
    await inPhone(pa, (sim) => sim.hangup());
    await inPhone(pb, (sim) => sim.hangup());
    const r = await page.evaluate(UP.bothCall);
    assert.deepEqual(r, [{ ok: true, echoed: true }, { ok: true, echoed: true }]);
    const made = async (p) => (await inPhone(p, (sim) => sim.received.filter((m) => m.fromParent).map((m) => m.data.params.number)));
    assert.deepEqual([await made(pa), await made(pb)], [['093333333'], ['094444444']]);
    assert.deepEqual(await page.evaluate(() => [window.unhandled, window.errors]), [[], []]);
    await page.context().close();
  });

  test(`two copies of the library embed one phone: both hear it, each command gets its own echo (${layout}-origin host)`, async () => {
    const page = await openHost(layout);
    await page.evaluate(UP.twoCopies, phoneUrl('?login=auto'));
    const phone = await phoneIn(page, 'slotA');
    assert.deepEqual(await page.evaluate(() => Promise.all([window.a.ready, window.b.ready]).then(() => [window.a.loggedIn, window.b.loggedIn])), [true, true]);
    // Both commands at once, and the phone slow: each resolves with the echo for its own number.
    await inPhone(phone, (sim) => { sim.hold = true; });
    await page.evaluate(UP.bothCallRecorded);
    await waitFor(() => inPhone(phone, (sim) => sim.held.length === 2));
    await inPhone(phone, (sim) => { sim.hold = false; sim.release(); });
    await waitFor(() => page.evaluate(() => window.r.length === 2));
    const r = await page.evaluate(() => Object.fromEntries(window.r));
    assert.deepEqual(r, { a: { ok: true, echoed: true }, b: { ok: true, echoed: true } });
    const echoes = await page.evaluate(() => [window.a.state.number, window.b.state.number]);
    assert.deepEqual(echoes, ['094444444', '094444444'], 'both copies follow the phone');
    // A third embed, by the script tag, after the login: the phone posts its login once, and the
    // iframe remembers it for every copy, so this one is ready at once.
    assert.equal(await page.evaluate(() => window.embed('iife', { iframe: window.a.iframe, readyTimeoutMs: 1000 }).ready.then(() => 'ready', (e) => e.code)), 'ready');
    // One copy destroyed (not removing the iframe it did not create): the other still hears the phone.
    await page.evaluate(() => window.b.destroy());
    await inPhone(phone, (sim) => { sim.hangup(); sim.ring({ number: '095555555', campaign: 'C' }); });
    await waitFor(() => page.evaluate(() => window.a.state.status === 'ringing'));
    assert.equal(await page.evaluate(() => window.b.state.status), 'inCall', 'the destroyed copy heard nothing more');
    assert.deepEqual(await page.evaluate(() => [window.unhandled, window.errors]), [[], []]);
    await page.context().close();
  });

  // The copies share the iframe's echo set, and it keeps each origin's call state under the origin
  // (a key of another origin: the frame held another page, start a set of its own). A page whose
  // Object.prototype carries an enumerable method (an old library's json.js toJSONString) made every
  // embed take that key for another origin's: each started a set of its own, so an echo ended a
  // command of the first copy to hear it only (the other's timed out), and a remount started idle.
  test(`two copies of the library embed one phone in a page whose Object.prototype has an enumerable method: each command gets its own echo, a remount starts from the call (${layout}-origin host)`, async () => {
    const page = await env.page();
    await page.addInitScript(() => { Object.prototype.toJSONString = function () { return JSON.stringify(this); }; });
    await page.goto(`${hostOrigin(env.sim, layout)}/e2e/layout-uphone.html`);
    await waitFor(() => page.evaluate(() => window.libLoaded === true));
    await page.evaluate(UP.twoCopies, phoneUrl('?login=auto'));
    const phone = await phoneIn(page, 'slotA');
    await page.evaluate(() => Promise.all([window.a.ready, window.b.ready]));
    await inPhone(phone, (sim) => { sim.hold = true; });
    await page.evaluate(UP.bothCallRecorded);
    await waitFor(() => inPhone(phone, (sim) => sim.held.length === 2));
    await inPhone(phone, (sim) => { sim.hold = false; sim.release(); });
    await waitFor(() => page.evaluate(() => window.r.length === 2));
    assert.deepEqual(await page.evaluate(() => Object.fromEntries(window.r)), { a: { ok: true, echoed: true }, b: { ok: true, echoed: true } });
    // b unmounted, mounted again during the call.
    const remount = await page.evaluate(() => {
      window.b.destroy();
      const c = window.embed('iife', { iframe: window.a.iframe });
      return [c.state.status, c.state.number];
    });
    assert.deepEqual(remount, await page.evaluate(() => [window.a.state.status, window.a.state.number]));
    assert.equal(remount[1], '094444444');
    assert.deepEqual(await page.evaluate(() => [window.unhandled, window.errors]), [[], []]);
    await page.context().close();
  });

  test(`two copies on one phone call the same number at once: each command gets the echo of its own call, in the order they were sent (${layout}-origin host)`, async () => {
    const page = await openHost(layout);
    await page.evaluate(UP.threeCopies, phoneUrl('?login=auto'));
    const phone = await phoneIn(page, 'slotA');
    await page.evaluate(() => Promise.all([window.a.ready, window.b.ready, window.c.ready]));
    await inPhone(phone, (sim) => { sim.hold = true; });
    // Sent b, a, c: the phone starts the calls in that order and echoes each (its campaign says whose).
    await page.evaluate(UP.sameNumberThrice);
    await waitFor(() => inPhone(phone, (sim) => sim.held.length === 3));
    await inPhone(phone, (sim) => { sim.hold = false; sim.release(); });
    await waitFor(() => page.evaluate(() => Object.keys(window.r).length === 3));
    assert.deepEqual(await page.evaluate(() => window.r), { a: 'a', b: 'b', c: 'c' });
    assert.deepEqual(await page.evaluate(() => [window.unhandled, window.errors]), [[], []]);
    await page.context().close();
  });

  test(`a command queued before the login, the phone reloaded before the agent logs in: sent once, after the login, and echoed (${layout}-origin host)`, async () => {
    const page = await openHost(layout);
    await page.evaluate(UP.queuedBeforeLogin, phoneUrl());
    let phone = await phoneIn(page, 'slotA');
    phone = await reloadPhone(page, 'slotA', phone, '');
    assert.equal(await page.evaluate(() => window.r), null);
    await inPhone(phone, (sim) => sim.login('agent'));
    await waitFor(() => page.evaluate(() => window.r !== null));
    assert.deepEqual(await page.evaluate(() => window.r), { ok: true, echoed: true });
    assert.deepEqual(await inPhone(phone, (sim) => sim.received.filter((m) => m.fromParent).map((m) => m.data.action)), ['makeCall']);
    await page.context().close();
  });

  test(`the phone's iframe removed from the page without destroy(): commands reject NOT_READY, nothing uncaught; put back, it works again (${layout}-origin host)`, async () => {
    const page = await openHost(layout);
    await page.evaluate((url) => {
      window.a = window.embed('iife', { container: document.getElementById('slotA'), url });
    }, phoneUrl('?login=auto'));
    await phoneIn(page, 'slotA');
    await page.evaluate(() => window.a.ready);
    const r = await page.evaluate(UP.removeWithCommand);
    // Sent before the removal: echoed if the phone ran it in time, else no echo within its timeout.
    assert.ok(r[0].ok ? r[0].echoed : r[0].code === 'TIMEOUT', JSON.stringify(r[0]));
    assert.deepEqual(r[1], { ok: false, code: 'NOT_READY' });
    // Put back (a framework moving the node): the frame loads again, the agent logs in again.
    await page.evaluate(() => document.getElementById('slotB').append(window.a.iframe));
    const phone = await phoneIn(page, 'slotB');
    await inPhone(phone, (sim) => sim.ring({ number: '096666666', campaign: 'D' }));
    await waitFor(() => page.evaluate(() => window.a.state.number === '096666666'));
    assert.deepEqual(await page.evaluate(() => window.settle(window.a.makeCall({ number: '097777777', campaign: 'A' }, { waitForEcho: true, timeoutMs: 5000 }))), { ok: true, echoed: true });
    assert.deepEqual(await page.evaluate(() => [window.unhandled, window.errors]), [[], []]);
    await page.context().close();
  });

  test(`the phone reloaded mid-call: the call drops at the frame's load, loggedIn is stale until the agent logs in again; then the next call replaces the old one and a command is echoed (${layout}-origin host)`, async () => {
    const page = await openHost(layout);
    await page.evaluate((url) => {
      window.a = window.embed('esm', { container: document.getElementById('slotA'), url });
    }, phoneUrl('?login=auto'));
    let phone = await phoneIn(page, 'slotA');
    await page.evaluate(() => window.a.ready);
    await inPhone(phone, (sim) => sim.ring({ number: '091111111', campaign: 'A' }));
    await waitFor(() => page.evaluate(() => window.a.state.status === 'ringing'));
    phone = await reloadPhone(page, 'slotA', phone, '');
    // The uPhone posts nothing as it unloads: loggedIn stays as last heard, and a command goes to the
    // phone, which has no agent and ignores it. The frame's load says the page is new: its call is gone.
    await waitFor(() => page.evaluate(() => window.a.state.status === 'idle'));
    assert.equal(await page.evaluate(() => window.a.loggedIn), true);
    assert.deepEqual(await page.evaluate(() => window.settle(window.a.makeCall({ number: '093333333', campaign: 'A' }))), { ok: true, echoed: false });
    await waitFor(() => inPhone(phone, (sim) => sim.received.length === 1));
    assert.equal(await inPhone(phone, (sim) => sim.call), null);
    await inPhone(phone, (sim) => sim.login('agent'));
    await inPhone(phone, (sim) => sim.ring({ number: '092222222', campaign: 'B' }));
    await waitFor(() => page.evaluate(() => window.a.state.number === '092222222'));
    await inPhone(phone, (sim) => sim.hangup());
    await waitFor(() => page.evaluate(() => window.a.state.status === 'idle'));
    const r = await page.evaluate(() => window.settle(window.a.makeCall({ number: '093333333', campaign: 'A' }, { waitForEcho: true, timeoutMs: 5000 })));
    assert.deepEqual(r, { ok: true, echoed: true });
    assert.deepEqual(await page.evaluate(() => [window.unhandled, window.errors]), [[], []]);
    await page.context().close();
  });
}
