// The portal client in real Chromium with the built bundles (script tag and ES module), the way a
// form of the portal uses it: same origin, the form framework loaded, call / disposition / tag /
// closeForm go through its helpers (`via: 'framework'`) and the desk shows each; cross origin, no
// framework, the same calls go over Porthole and say so (`via: 'porthole'`). Raw sends with each
// reply mode, closeForm both ways, helper faults through the library, REST with the form's session.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { capture, setup, openPortal, waitFor } from './helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const state = (page) => page.evaluate(() => fetch('/sim/framework/state').then((r) => r.json()));
const received = (page) => page.evaluate(() => window.sim.received.map((r) => r.data));

// Runs `fn(portal, arg)` in the form; returns {ok, value} or {ok: false, code, message, detail}.
const inForm = (frame, fn, arg) => frame.evaluate(async ([src, a]) => {
  try {
    return { ok: true, value: await new Function('portal', 'arg', 'bridge', `return (${src})(portal, arg, bridge)`)(window.crm.portal, a, window.crm.bridge) };
  } catch (e) {
    return { ok: false, code: e.code, message: e.message, detail: e.detail };
  }
}, [fn.toString(), arg]).then((r) => {
  if (!r.ok) capture('error', r.message);
  return r;
});

// Rings a call, answers it in the desk and waits for the sample form opened again for it.
async function answerCall(page, frame, kind) {
  const cti = await page.evaluate((k) => window.sim.ring(k), kind);
  await frame.evaluate(() => { window.beforeAnswer = true; });
  await page.click('#answer');
  let next;
  await waitFor(async () => {
    next = page.frame({ name: 'crmForm' });
    return next?.evaluate(() => !window.beforeAnswer && window.crm?.ready === true).catch(() => false);
  });
  return { cti, frame: next };
}

// Clicks a button of the sample form and returns the result it shows (label `label`).
async function click(frame, button, label) {
  const n = await frame.evaluate(() => window.crm.results.length);
  await frame.click(button);
  await waitFor(() => frame.evaluate(([l, k]) => window.crm.results.slice(k).some((r) => r.label === l), [label, n]));
  return frame.evaluate(([l, k]) => window.crm.results.slice(k).find((r) => r.label === l), [label, n]);
}

for (const form of ['iife', 'esm']) {
  test(`same origin (${form}): the sample form reads the call, calls, disposes, tags and closes through the framework`, async () => {
    const page = await env.page();
    let frame = await openPortal(page, env.sim, `form=${form}`);
    assert.equal(await frame.textContent('#framework'), 'loaded');
    const answered = await answerCall(page, frame, 'inbound');
    frame = answered.frame;
    const { cti } = answered;
    assert.equal(await frame.evaluate(() => window.crm.bridge.readCti().guid), cti.Guid, 'readCti() reads the current call');

    const call = await click(frame, '#btn-call', 'call');
    assert.equal(call.error, false, JSON.stringify(call));
    assert.equal(call.value.via, 'framework');
    assert.match(call.value.guid, UUID);
    assert.equal(await frame.textContent('#last-via'), 'framework');
    await waitFor(async () => (await page.textContent('#current-call')).includes(call.value.guid));
    assert.equal((await state(page)).call.guid, call.value.guid, "the helper's call is the desk's current call");

    const disposition = await click(frame, '#btn-disposition', 'disposition');
    assert.deepEqual(disposition.value, { action: 'disposition', confirmed: true, via: 'framework' });
    const tag = await click(frame, '#btn-tag', 'tag');
    assert.deepEqual(tag.value, { action: 'tag', confirmed: true, via: 'framework' });
    const s = await state(page);
    // Campaign, caller and guid came from the framework's CTI: the call the form was opened for.
    assert.deepEqual(s.dispositions.map(({ campaign, callerid, guid, l1, l2, l3, comment, known }) => ({ campaign, callerid, guid, l1, l2, l3, comment, known })), [
      { campaign: cti.Campaign, callerid: cti.Callerid, guid: cti.Guid, l1: 'Sale', l2: 'Closed', l3: '', comment: 'Happy customer', known: true },
    ]);
    assert.deepEqual(s.tags.map(({ guid, tag: t }) => [guid, t]), [[cti.Guid, 'vip']]);
    assert.match(await page.textContent('#dispositions'), new RegExp(`UC_DispositionCall_async: Sale / Closed · "Happy customer" · guid ${cti.Guid}`));

    const closed = await inForm(frame, (p) => p.closeForm());
    assert.deepEqual(closed, { ok: true, value: { action: 'closeForm', confirmed: true, via: 'framework' } });
    await waitFor(() => page.isVisible('#form-closed'));
    assert.equal((await state(page)).closes, 1);
    for (const name of ['UC_makeCall_async', 'UC_DispositionCall_async', 'UC_TagRecord', 'UC_closeForm']) {
      assert.equal(await page.locator(`#framework-log li[data-helper="${name}"]`).count(), 1, name);
    }
    assert.deepEqual(await received(page), [], 'nothing went over Porthole');
    await page.context().close();
  });
}

test('the sample form opened without a call: it disposes and tags the call it placed itself (the framework\'s CTI stays empty)', async () => {
  const page = await env.page();
  const frame = await openPortal(page, env.sim, 'form=esm');
  assert.equal(await frame.textContent('#framework'), 'loaded');
  const call = await click(frame, '#btn-call', 'call');
  assert.equal(call.value.via, 'framework', JSON.stringify(call));
  const disposition = await click(frame, '#btn-disposition', 'disposition');
  assert.deepEqual(disposition.value, { action: 'disposition', confirmed: true, via: 'framework' }, JSON.stringify(disposition));
  const tag = await click(frame, '#btn-tag', 'tag');
  assert.deepEqual(tag.value, { action: 'tag', confirmed: true, via: 'framework' }, JSON.stringify(tag));
  const s = await state(page);
  assert.deepEqual(s.dispositions.map(({ campaign, callerid, guid, l1 }) => ({ campaign, callerid, guid, l1 })), [
    { campaign: 'Sales->', callerid: '099123456', guid: call.value.guid, l1: 'Sale' },
  ]);
  assert.deepEqual(s.tags.map(({ guid, tag: t }) => [guid, t]), [[call.value.guid, 'vip']]);
  await page.context().close();
});

test('a framework whose UC_DispositionCall_async declares eleven parameters (as newer real forms call it): the comment, the agent and a reschedule land in their places', async () => {
  const page = await env.page();
  let frame = await openPortal(page, env.sim, 'form=esm&dispositionParams=11');
  const answered = await answerCall(page, frame, 'inbound');
  frame = answered.frame;
  const { cti } = answered;
  assert.equal(await frame.evaluate(() => window.UC_DispositionCall_async.length), 11);
  const r = await inForm(frame, (p) => p.disposition({ l1: 'Callback', comment: 'call after lunch', schedule: '2026-12-05 14:00:00' }));
  assert.deepEqual(r, { ok: true, value: { action: 'disposition', confirmed: true, via: 'framework' } });
  const s = await state(page);
  assert.deepEqual(s.dispositions.map(({ guid, l1, d1, d2, comment, schedule, camptoreschedule }) => ({ guid, l1, d1, d2, comment, schedule, camptoreschedule })), [
    { guid: cti.Guid, l1: 'Callback', d1: 'agent1001', d2: '', comment: 'call after lunch', schedule: '2026-12-05 14:00:00', camptoreschedule: '' },
  ]);
  assert.match(await page.textContent('#dispositions'), /UC_DispositionCall_async: Callback · "call after lunch" · guid .* · again at 2026-12-05 14:00:00/);
  // A form written for the contract's seven arguments still works in this simulator: its comment is the seventh.
  const seven = await frame.evaluate((guid) => window.UC_DispositionCall_async('Support<-', '099', guid, 'Sale', '', '', 'seven'), cti.Guid);
  assert.equal(seven, 'OK');
  assert.equal((await state(page)).dispositions[1].comment, 'seven');
  assert.deepEqual(await received(page), [], 'nothing went over Porthole');
  await page.context().close();
});

for (const form of ['iife', 'esm']) {
  test(`cross origin (${form}): no framework, so every call goes over Porthole and every result says so`, async () => {
    const page = await env.page();
    const frame = await openPortal(page, env.sim, `form=${form}&origin=cross`);
    assert.equal(await frame.textContent('#framework'), 'absent');
    const results = [];
    for (const [button, label] of [['#btn-call', 'call'], ['#btn-disposition', 'disposition'], ['#btn-tag', 'tag']]) {
      results.push((await click(frame, button, label)).value);
    }
    assert.equal(await frame.textContent('#last-via'), 'porthole (only posted: a portal may ignore it)');
    const close = await inForm(frame, (p) => p.closeForm());
    results.push(close.value);
    assert.deepEqual(results.map((r) => [r.action, r.via, r.confirmed ?? 'guid']), [
      ['call', 'porthole', 'guid'], ['disposition', 'porthole', false], ['tag', 'porthole', false], ['closeForm', 'porthole', false],
    ]);
    // An unconfirmed action resolves once posted: the portal may not have its message yet.
    await waitFor(async () => (await received(page)).length >= 4);
    assert.deepEqual((await received(page)).map((d) => d.action), ['call', 'disposition', 'tag', 'closeForm']);
    assert.deepEqual((await received(page))[3], { action: 'closeForm' });
    const events = await frame.evaluate(() => window.crm.events.filter((e) => e.type === 'unconfirmed'));
    assert.deepEqual(events, [
      { type: 'unconfirmed', action: 'disposition', via: 'porthole' }, { type: 'unconfirmed', action: 'tag', via: 'porthole' },
      { type: 'unconfirmed', action: 'closeForm', via: 'porthole', reason: 'guessed' },
    ]);
    // The simulator acts on the guessed closeForm message: the form goes away.
    await waitFor(() => page.isVisible('#form-closed'));
    await page.context().close();
  });
}

test("cross origin: use: 'framework' is NO_FRAMEWORK; closeForm with confirm waits for the portal's reply", async () => {
  const page = await env.page();
  let frame = await openPortal(page, env.sim, 'origin=cross&use=framework');
  for (const run of [(p) => p.call({ campaign: 'Sales->', destination: '099123456' }), (p) => p.tag({ tag: 'x' }), (p) => p.closeForm()]) {
    const r = await inForm(frame, run);
    assert.deepEqual([r.ok, r.code], [false, 'NO_FRAMEWORK']);
    assert.match(r.message, /integraFramework\.js/);
  }
  const rest = await inForm(frame, (_p, _a, b) => b.fromFormFramework());
  assert.equal(rest.code, 'NO_FRAMEWORK');
  assert.deepEqual(await received(page), []);

  frame = await openPortal(page, env.sim, 'origin=cross');
  const confirmed = await inForm(frame, (p) => p.closeForm({ confirm: true }));
  assert.deepEqual(confirmed.value, { action: 'closeForm', confirmed: true, via: 'porthole' });
  await waitFor(() => page.isVisible('#form-closed'));
  await page.context().close();
});

test("same origin: use: 'porthole' keeps the Porthole wire with the framework there", async () => {
  const page = await env.page();
  const frame = await openPortal(page, env.sim, 'form=esm&use=porthole');
  assert.equal(await frame.textContent('#framework'), 'loaded');
  const r = await inForm(frame, async (p) => [
    await p.call({ campaign: 'Sales->', destination: '099123456' }),
    await p.tag({ tag: 'vip' }, { confirm: true }),
    await p.tag({ tag: 'vip', guid: 'g-1' }, { use: 'framework' }),
  ]);
  assert.deepEqual(r.value.map((x) => x.via), ['porthole', 'porthole', 'framework']);
  assert.deepEqual((await received(page)).map((d) => d.action), ['call', 'tag']);
  // The helper tagged g-1 only; the Porthole tag is the desk's current call's (the one placed over Porthole).
  await waitFor(async () => (await state(page)).tags.length === 2);
  assert.deepEqual((await state(page)).tags.map((t) => [t.via, t.guid]).sort(), [['Porthole tag', r.value[0].guid], ['UC_TagRecord', 'g-1']]);
  await page.context().close();
});

test('helper faults reach the form as typed errors: a failing helper is PORTAL_FAILED, a silent one TIMEOUT', async () => {
  const page = await env.page();
  let frame = await openPortal(page, env.sim, 'form=iife&mode.UC_DispositionCall_async=fail&mode.UC_TagRecord=silent&mode.UC_makeCall_async=late:1500:1');
  frame = (await answerCall(page, frame, 'dialer')).frame;
  const failed = await inForm(frame, (p) => p.disposition({ l1: 'Sale' }));
  assert.deepEqual([failed.code, failed.detail], ['PORTAL_FAILED', 'simulated failure']);
  assert.equal(failed.message, 'disposition: UC_DispositionCall_async reported a failure (its reason is in err.detail)');
  const silent = await inForm(frame, (p) => p.tag({ tag: 'vip' }, { timeoutMs: 400 }));
  assert.equal(silent.code, 'TIMEOUT');
  assert.equal(silent.message, 'tag: no reply within 400 ms (UC_TagRecord was called: it may still complete)');
  await waitFor(async () => (await state(page)).tags.length === 1);
  const late = await inForm(frame, (p) => p.call({ campaign: 'Sales->', destination: '099123456' }, { timeoutMs: 300 }).catch((e) => e.code));
  assert.equal(late.value, 'TIMEOUT');
  const events = await frame.evaluate(() => window.crm.events.filter((e) => ['failed', 'timeout'].includes(e.type)));
  assert.deepEqual(events, [
    { type: 'failed', action: 'disposition', via: 'framework' },
    { type: 'timeout', action: 'tag', via: 'framework', reason: 'called' },
    { type: 'timeout', action: 'call', via: 'framework', reason: 'called' },
  ]);
  await page.context().close();
});

for (const [form, origin] of [['iife', 'cross'], ['esm', 'same']]) {
  test(`send: the deployment's own actions with each reply mode (${form}, ${origin} origin)`, async () => {
    const page = await env.page();
    const frame = await openPortal(page, env.sim, `form=${form}&origin=${origin}&reply.lookupLead=action&reply.dialLead=guid&reply.badLead=fail`);
    const r = await inForm(frame, async (p) => [
      await p.send({ action: 'notifySupervisor', level: 2 }),
      await p.send({ action: 'lookupLead', lead: { id: 7, tags: ['a', 'b'] } }, { reply: 'action' }),
      await p.send({ action: 'dialLead', id: 7 }, { reply: 'guid' }),
      await p.send({ action: 'badLead' }, { reply: 'action' }).catch((e) => ({ code: e.code, detail: e.detail })),
      await p.send({ action: 'neverAnswered' }, { reply: 'action', timeoutMs: 300 }).catch((e) => ({ code: e.code, message: e.message })),
      await p.send({ action: 'x', when: new Date() }).catch((e) => ({ code: e.code, message: e.message })),
    ]);
    const [none, byAction, byGuid, failed, timedOut, invalid] = r.value;
    assert.deepEqual(none, { action: 'notifySupervisor', confirmed: false, via: 'porthole' });
    assert.deepEqual(byAction, {
      action: 'lookupLead', confirmed: true, via: 'porthole',
      reply: { action: 'lookupLead', result: '1', received: { action: 'lookupLead', lead: { id: 7, tags: ['a', 'b'] } } },
    });
    const guid = await page.evaluate(() => window.sim.guids.at(-1));
    assert.deepEqual(byGuid, { action: 'dialLead', confirmed: true, via: 'porthole', guid, reply: { guid } });
    assert.deepEqual(failed, { code: 'PORTAL_FAILED', detail: 'simulated failure' });
    assert.deepEqual(timedOut, { code: 'TIMEOUT', message: 'send: no reply within 300 ms (the request was sent)' });
    assert.equal(invalid.code, 'INVALID_ARGUMENT');
    capture('error', invalid.message);
    capture('error', timedOut.message);
    const expectedOrigin = origin === 'same' ? env.sim.portalOrigin : env.sim.formOrigin;
    const got = await page.evaluate(() => window.sim.received);
    assert.deepEqual(got.map((x) => x.data), [
      { action: 'notifySupervisor', level: 2 }, { action: 'lookupLead', lead: { id: 7, tags: ['a', 'b'] } }, { action: 'dialLead', id: 7 },
      { action: 'badLead' }, { action: 'neverAnswered' },
    ]);
    assert.ok(got.every((x) => x.origin === expectedOrigin));
    assert.match(await page.textContent('#received'), /lookupLead ×1/);
    await page.context().close();
  });
}

test("REST inside a form: createUContactClient(fromFormFramework()) with the framework's Agent.token", async () => {
  env.sim.rest.reset();
  const page = await env.page();
  const frame = await openPortal(page, env.sim, 'form=esm');
  const token = await frame.evaluate(() => window.Agent.token);
  capture('secret', token);
  const built = await inForm(frame, (_p, _a, b) => b.fromFormFramework());
  assert.deepEqual(built.value, { baseUrl: env.sim.portalOrigin, credentials: { token, user: 'agent1001' } });
  const summary = await click(frame, '#btn-summary-form', 'campaignsSummary (form session)');
  assert.equal(summary.error, false, JSON.stringify(summary));
  assert.deepEqual(summary.value.map((c) => c.campaign), ['Sales->', 'Support<-', 'Promo->']);
  const log = env.sim.rest.state.log;
  assert.deepEqual(log.map((e) => [e.path, e.outcome]), [['Supervisor/campaignssummary', 'ok']], 'no login: the token is the session');
  await page.context().close();
});

test('no uncaught errors in any page or frame', () => {
  assert.deepEqual(env.pageErrors.map(String), []);
});
