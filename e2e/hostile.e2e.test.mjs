// Hostile messages in real Chromium: a corpus of forged and malformed messages is posted to a form
// with requests in flight, from a cross-origin sibling frame, a same-origin sibling frame, the form's
// own window (same origin, not the portal) and the portal window itself (a raw send waiting in the
// lane of a deployment's own action among the requests). Counted and printed:
// requests wrongly settled, uncaught errors, messages accepted from outside the portal (all 0).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPortal, waitFor, heardFromPortal } from './helpers.mjs';
import { FORGED, MALFORMED, SEND } from './hostile-corpus.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

for (const origin of ['same', 'cross']) {
  test(`hostile corpus against a form with requests in flight (${origin}-origin form)`, async () => {
    const page = await env.page();
    const frame = await openPortal(page, env.sim,
      `origin=${origin}&use=porthole&attacker=same,cross&mode.call=silent&mode.hangup=silent&mode.disposition=silent&mode.tag=silent`);
    const attackers = ['same', 'cross'].map((k) => page.frame({ name: `attacker-${k}` }));
    for (const a of attackers) await waitFor(() => a.evaluate(() => typeof window.attackRaw === 'function').catch(() => false));

    await frame.evaluate(() => {
      const p = window.crm.portal;
      const h = (window.h = { settled: [], errors: [] });
      window.addEventListener('error', (e) => h.errors.push(String(e.message)));
      window.addEventListener('unhandledrejection', (e) => h.errors.push(String(e.reason)));
      const track = (name, promise) => promise.then(
        (v) => h.settled.push({ name, ok: true, v }), (e) => h.settled.push({ name, ok: false, code: e.code }));
      const long = { timeoutMs: 60_000, confirm: true };
      track('call', p.call({ campaign: 'Sales->', destination: '099123456' }, { timeoutMs: long.timeoutMs }));
      track('hangup', p.hangup(long));
      track('disposition', p.disposition({ l1: 'Sale' }, long));
      track('tag', p.tag({ tag: 'vip' }, long));
      track('lookupLead', p.send({ action: 'lookupLead', id: 7 }, { reply: 'action', timeoutMs: long.timeoutMs }));
    });
    await waitFor(() => page.evaluate(() => window.sim.received.length === 5));
    const counts = () => frame.evaluate(() => ({
      ignored: window.crm.events.filter((e) => e.type === 'ignored').length,
      other: window.crm.events.filter((e) => !['ignored', 'sent'].includes(e.type)).length,
      unsolicited: window.crm.unsolicited.length,
      settled: window.h.settled.length,
    }));

    // 1. From outside the portal: two sibling frames and the form's own window.
    const outside = [...MALFORMED, ...FORGED];
    const before = await counts();
    for (const expr of outside) {
      for (const a of attackers) await a.evaluate(SEND, [expr, 'sibling']);
      await frame.evaluate(SEND, [expr, 'self']);
    }
    const sentOutside = outside.length * 3;
    await waitFor(async () => (await counts()).ignored - before.ignored >= sentOutside).catch(() => {});
    const afterOutside = await counts();
    const acceptedFromOutside = sentOutside - (afterOutside.ignored - before.ignored)
      + (afterOutside.other - before.other) + (afterOutside.unsolicited - before.unsolicited);

    // 2. From the portal window itself, with bad data and answers nobody asked for.
    for (const expr of MALFORMED) await page.evaluate(SEND, [expr, 'portal']);
    await heardFromPortal(page, frame);
    const wronglySettled = (await counts()).settled;

    // 3. The real answers: every request settles with its own.
    await page.evaluate(() => {
      window.sim.sendEvent({ guid: 'real-guid' });
      for (const action of ['hangup', 'disposition', 'tag']) window.sim.sendEvent({ action, result: '1' });
      window.sim.sendEvent({ action: 'lookupLead', lead: 'real' });
    });
    await waitFor(() => frame.evaluate(() => window.h.settled.length === 5));
    const settled = await frame.evaluate(() => window.h.settled);
    const formErrors = await frame.evaluate(() => window.h.errors);

    // 4. Replays: the portal sends the answered call's guid again while a new call waits.
    await frame.evaluate(() => {
      window.h.next = null;
      window.crm.portal.call({ campaign: 'Sales->', destination: '099123456' }, { timeoutMs: 60_000 })
        .then((v) => { window.h.next = { ok: true, v }; }, (e) => { window.h.next = { ok: false, code: e.code }; });
    });
    await waitFor(() => page.evaluate(() => window.sim.received.length === 6));
    const REPLAYS = [{ guid: 'real-guid' }, { guid: 'real-guid', result: '1' }, { action: 'call', guid: 'real-guid' }, { action: 'callWithPhone', guid: 'real-guid' }];
    await page.evaluate((list) => list.forEach((d) => window.sim.sendEvent(d)), REPLAYS);
    await heardFromPortal(page, frame);
    const replaySettled = (await frame.evaluate(() => window.h.next)) === null ? 0 : 1;
    await page.evaluate(() => window.sim.sendEvent({ guid: 'real-guid-2' }));
    await waitFor(() => frame.evaluate(() => window.h.next !== null));
    const next = await frame.evaluate(() => window.h.next);

    const total = sentOutside + MALFORMED.length + REPLAYS.length;
    const uncaught = formErrors.length + env.pageErrors.length;
    console.log(`hostile (${origin}-origin form): ${total} messages; wrongly settled ${wronglySettled + replaySettled}; ` +
      `uncaught errors ${uncaught}; accepted from outside ${acceptedFromOutside}`);

    assert.ok(total >= 60);
    assert.equal(wronglySettled, 0);
    assert.equal(replaySettled, 0, 'a replayed guid answered the next call');
    assert.deepEqual(next, { ok: true, v: { action: 'call', guid: 'real-guid-2', via: 'porthole' } });
    assert.equal(uncaught, 0, formErrors.join('\n'));
    assert.equal(acceptedFromOutside, 0);
    assert.deepEqual(settled.map((s) => [s.name, s.ok]).sort(), [['call', true], ['disposition', true], ['hangup', true], ['lookupLead', true], ['tag', true]]);
    assert.deepEqual(settled.find((s) => s.name === 'lookupLead').v.reply, { action: 'lookupLead', lead: 'real' });
    assert.equal(settled.find((s) => s.name === 'call').v.guid, 'real-guid');
    assert.ok(settled.filter((s) => s.name !== 'call').every((s) => s.v.confirmed === true));
    assert.equal(await frame.evaluate(() => ({}).guid), undefined, 'no prototype pollution');
    await page.context().close();
  });
}
