// The simulator hosts real forms: the classic form (written as real uContact forms are, with no
// library) runs unchanged against the stand-in form framework; every framework helper answers as
// the contract says (section 3.1) and shows in the desk; the helpers' fault modes; the desk's
// incoming call opens the form again with the new CTI; the agent's pause state.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import CryptoJS from 'crypto-js';
import { capture, setup, waitFor } from './helpers.mjs';

/* global CTI, Agent, UC_DispositionCall_async, UC_TagRecord, preBindTab, UC_Save, UC_exec -- the form framework's globals, in page functions */

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const state = (page) => page.evaluate(() => fetch('/sim/framework/state').then((r) => r.json()));

/** Opens the desk (`query`) and waits for the form in it: the classic form marks `data-ready`. */
async function openDesk(page, query = 'form=classic') {
  await page.goto(`${env.sim.portalOrigin}/?${query}`);
  return currentForm(page);
}
async function currentForm(page, check = () => document.body?.getAttribute('data-ready') === 'true') {
  let frame;
  await waitFor(async () => {
    frame = page.frame({ name: 'crmForm' });
    return frame?.evaluate(check).catch(() => false);
  });
  return frame;
}
/** Rings a call of `kind`, answers it from the desk, and waits for the form opened again for it. */
async function answer(page, frame, kind) {
  const cti = await page.evaluate((k) => window.sim.ring(k), kind);
  await frame.evaluate(() => { window.beforeAnswer = true; });
  assert.equal(await page.isVisible('#incoming'), true);
  await page.click('#answer');
  const next = await currentForm(page, () => !window.beforeAnswer && document.body?.getAttribute('data-ready') === 'true');
  return { cti, frame: next };
}
// Runs a framework helper in the form and returns {ok, value} or {ok: false, error}.
const helper = (frame, name, ...args) => frame.evaluate(([n, a]) => window[n](...a).then(
  (value) => ({ ok: true, value }), (e) => ({ ok: false, error: e.message })), [name, args]);

test('the classic form, a copy integrators start from, puts only a digits caller id in its SQL: a spoofed one with a quote is not looked up', async () => {
  const page = await env.page();
  const frame = await openDesk(page);
  const spoofed = "099' OR '1'='1";
  await page.evaluate((c) => window.sim.ring('inbound', { Callerid: c }), spoofed);
  await frame.evaluate(() => { window.beforeAnswer = true; });
  await page.click('#answer');
  const next = await currentForm(page, () => !window.beforeAnswer && document.body?.getAttribute('data-ready') === 'true');
  assert.equal(await next.textContent('#cti-callerid'), spoofed);
  await waitFor(async () => (await next.textContent('#customer')) !== '');
  assert.equal(await next.textContent('#customer'), 'unusual caller id: search by hand');
  const selects = (await state(page)).log.filter((e) => e.name === 'UC_get_async' && JSON.stringify(e.args).includes('OR'));
  assert.deepEqual(selects, [], 'no query built from the spoofed caller id');
  await page.context().close();
});

test('the classic form runs unchanged: reads the call, calls, disposes, tags, closes; its Porthole callWithPhone gets a guid', async () => {
  const page = await env.page();
  let frame = await openDesk(page);
  assert.equal(await frame.textContent('#cti-guid'), '(none)', 'opened without a call: CTI is empty');
  assert.equal(await frame.textContent('#customer'), 'no call: manual mode');

  const answered = await answer(page, frame, 'dialer');
  frame = answered.frame;
  const { cti } = answered;
  assert.equal(await frame.textContent('#cti-guid'), cti.Guid);
  assert.equal(await frame.textContent('#cti-callerid'), cti.Callerid);
  assert.equal(await frame.textContent('#cti-channel'), 'telephony');
  assert.equal(await frame.textContent('#customer'), 'Juan Díaz (silver)', 'UC_get_async found the caller in the table store');
  assert.equal(await frame.inputValue('#cmbCampaign'), 'Sales->', 'UC_getMyAgentCampaigns_async filled the campaigns');
  assert.match(await page.textContent('#current-call'), new RegExp(`answered ${cti.Callerid} \\(Sales->\\) guid ${cti.Guid}`));

  // UC_makeCall_async(campaign, '', Number(phone)): the guid comes back and is the desk's call.
  await frame.fill('#txtPhone', '099123456');
  await frame.click('#btnCall');
  await waitFor(async () => UUID.test(await frame.textContent('#lastGuid')));
  const guid = await frame.textContent('#lastGuid');
  let s = await state(page);
  assert.deepEqual(s.log.find((e) => e.name === 'UC_makeCall_async').args, ['Sales->', '', 99123456]);
  assert.equal(s.call.guid, guid);
  assert.equal(s.call.destination, '99123456', 'Number() dropped the leading 0, as in real forms');
  await waitFor(async () => (await page.textContent('#current-call')).includes(guid));
  assert.ok(await page.evaluate((g) => window.sim.guids.includes(g), guid));

  // Porthole callWithPhone, as the documented snippet does it.
  await frame.click('#btnCallPhone');
  await waitFor(() => page.evaluate(() => window.sim.received.some((r) => r.data.action === 'callWithPhone')));
  const sent = await page.evaluate(() => window.sim.received.find((r) => r.data.action === 'callWithPhone'));
  assert.deepEqual(sent.data, { action: 'callWithPhone', destination: '099123456', campaign: 'Sales->' });
  const portalGuid = await page.evaluate(() => window.sim.guids.at(-1));
  await waitFor(async () => (await frame.textContent('#lastGuid')) === portalGuid);

  // Finish: save (with the portal's loader), dispose, tag, close.
  await frame.click('#btnFinish');
  await waitFor(async () => (await state(page)).closes === 1);
  s = await state(page);
  assert.deepEqual(s.tables.notes.map(({ guid: g, phone, note }) => ({ g, phone, note })), [{ g: cti.Guid, phone: cti.Callerid, note: 'Happy customer' }]);
  assert.deepEqual(s.dispositions, [{
    via: 'UC_DispositionCall_async', campaign: 'Sales->', callerid: cti.Callerid, guid: cti.Guid,
    l1: 'Sale', l2: 'Closed', l3: '', comment: 'Happy customer', extra: [], known: true,
  }]);
  assert.deepEqual(s.tags, [{ via: 'UC_TagRecord', guid: cti.Guid, tag: 'vip|renewal', labels: ['vip', 'renewal'], known: true }]);
  // The form tags without waiting and closes at once (as real forms do): those two race.
  const names = s.log.map((e) => e.name).filter((n) => !n.startsWith('UC_get'));
  assert.deepEqual([...names.slice(0, 3), ...names.slice(3).sort()], [
    'UC_makeCall_async', 'UC_Save_async', 'UC_DispositionCall_async', 'UC_TagRecord', 'UC_closeForm',
  ]);
  // The desk shows it all, and took the form away.
  await waitFor(() => page.isVisible('#form-closed'));
  // The desk shows the notice when it starts taking the form away; the frame's navigation to
  // about:blank ends a moment later.
  await waitFor(() => page.frame({ name: 'crmForm' })?.url() === 'about:blank');
  assert.match(await page.textContent('#dispositions'), new RegExp(`UC_DispositionCall_async: Sale / Closed · "Happy customer" · guid ${cti.Guid}`));
  for (const name of ['UC_makeCall_async', 'UC_Save_async', 'UC_DispositionCall_async', 'UC_TagRecord', 'UC_closeForm']) {
    assert.equal(await page.locator(`#framework-log li[data-helper="${name}"]`).count(), 1, name);
  }
  assert.deepEqual(await page.evaluate(() => window.sim.loader), [true, false]);
  assert.ok((await page.evaluate(() => window.sim.notifications)).some((n) => n[0] === 'Disposition'));
  await page.context().close();
});

test('every framework helper answers as the contract says', async () => {
  const page = await env.page();
  const frame = await openDesk(page);
  // Globals: CTI (JSON text, '' without a call) and Agent (its token works for the REST API).
  const globals = await frame.evaluate(() => ({ cti: CTI, agent: { ...Agent } }));
  assert.equal(globals.cti, '');
  assert.equal(globals.agent.accountcode, 'agent1001');
  assert.equal(Buffer.from(globals.agent.token, 'base64').toString().split(':')[0], 'agent1001', 'base64 of name:uuid');
  assert.ok(env.sim.rest.tokens().includes(globals.agent.token), 'a live token of the REST simulator');
  // What real forms (CRMLite; OTCAuto reads parent.agent.fullname into its call script; CRMLite-Manager
  // uploads a dialer base with ajaxUploadBase) also read on the portal and call in the framework.
  assert.deepEqual(await frame.evaluate(() => ({
    agent: { ...parent.agent }, userid: parent.userid, language: parent.language, inCall: parent.__isInCall(), transfering: parent.transfering,
    functions: [typeof preBindTab, typeof UC_Save, typeof UC_exec, typeof UC_audit, typeof UC_GM_LoadActions, typeof ajaxUploadBase],
  })), {
    agent: { accountcode: 'agent1001', name: '1001', fullname: 'Agent 1001' }, userid: 'agent1001', language: 'en', inCall: false, transfering: false,
    functions: ['function', 'function', 'function', 'function', 'function', 'function'],
  });

  const guid = await helper(frame, 'UC_makeCall_async', 'Sales->', '24000000', '099123456', false);
  assert.ok(guid.ok && UUID.test(guid.value));
  assert.deepEqual(await helper(frame, 'UC_makeCall_async', 'Sales->', '', ''), { ok: false, error: 'UC_makeCall_async: destination is required' });
  assert.deepEqual(await helper(frame, 'UC_DispositionCall_async', 'Sales->', '099123456', guid.value, 'Sale', '', '', 'ok'), { ok: true, value: 'OK' });
  assert.equal((await helper(frame, 'UC_DispositionCall_async', 'Sales->', '099123456', '', 'Sale')).ok, false);
  assert.deepEqual(await helper(frame, 'UC_TagRecord', guid.value, 'a|b'), { ok: true, value: 'OK' });

  assert.deepEqual(await helper(frame, 'UC_pause', true), { ok: true, value: 'OK' });
  await waitFor(async () => (await page.textContent('#status')) === 'PAUSED');
  await helper(frame, 'UC_pause', false);
  await waitFor(async () => (await page.textContent('#status')) === 'READY');

  // Database helpers: rows as JSON text; writes answer "OK" or "ERROR".
  const rows = await helper(frame, 'UC_get_async', "SELECT name FROM ccrepo.customers WHERE phone = '099100001'", 'Repo');
  assert.deepEqual(rows, { ok: true, value: '[{"name":"Ana Pérez"}]' });
  assert.deepEqual(await helper(frame, 'UC_get_async', "SELECT * FROM customers WHERE phone = 'none'", ''), { ok: true, value: '[]' });
  // A form's own table nobody wrote to yet: empty, as the deployment's is. What the store cannot run rejects.
  assert.deepEqual(await helper(frame, 'UC_get_async', 'SELECT * FROM missing', ''), { ok: true, value: '[]' });
  assert.equal((await helper(frame, 'UC_get_async', 'SELECT * FROM customers WHERE id BETWEEN 1 AND 2', '')).ok, false);
  assert.deepEqual(await helper(frame, 'UC_exec_async', "INSERT INTO notes (guid, note) VALUES ('g-1', 'first')", 'Repo'), { ok: true, value: 'OK' });
  assert.deepEqual(await helper(frame, 'UC_exec_async', 'DROP TABLE notes', 'Repo'), { ok: true, value: 'ERROR' });
  assert.deepEqual(await helper(frame, 'UC_Save_async', { id: null, guid: 'g-2', note: 'second' }, 'ccrepo.notes', ''), { ok: true, value: 'OK' });
  assert.deepEqual(await helper(frame, 'UC_update_async', { guid: 'g-2', note: 'changed' }, 'notes', 'guid', ''), { ok: true, value: 'OK' });
  assert.deepEqual(await helper(frame, 'UC_update_async', { note: 'x' }, 'notes', 'guid', ''), { ok: true, value: 'ERROR' });
  assert.deepEqual(JSON.parse((await helper(frame, 'UC_get_async', 'SELECT guid, note FROM notes ORDER BY id', '')).value),
    [{ guid: 'g-1', note: 'first' }, { guid: 'g-2', note: 'changed' }]);

  // The desk agent's campaigns (its inbound calls are Support<-'s), as REST's GetCampaigns and the
  // framework's queues_agents table say.
  assert.deepEqual(await helper(frame, 'UC_getMyAgentCampaigns_async'), { ok: true, value: '["Sales->","Support<-","Promo->"]' });
  const mine = JSON.parse((await helper(frame, 'UC_get_async', "SELECT queuename FROM queues_agents WHERE agent = 'agent1001'", '')).value);
  assert.deepEqual(mine.map((r) => r.queuename), ['Sales->', 'Support<-', 'Promo->']);
  assert.deepEqual(await helper(frame, 'UC_getSystemCampaigns_async'), { ok: true, value: '["Sales->","Support<-","Promo->"]' });

  // UC_Http_proxy: the instance's REST API with Agent.token; {code, body}.
  const url = `https://${new URL(env.sim.portalOrigin).host}/Integra/resources/Supervisor/campaignssummary`;
  const form = { 'Content-type': 'application/x-www-form-urlencoded' };
  const ok = await helper(frame, 'UC_Http_proxy', { url, method: 'POST', headers: { ...form, Authorization: `Basic ${globals.agent.token}` } });
  assert.equal(ok.value.code, 200);
  assert.deepEqual(JSON.parse(ok.value.body).map((c) => c.campaign), ['Sales->', 'Support<-', 'Promo->']);
  assert.equal((await helper(frame, 'UC_Http_proxy', { url, method: 'POST', headers: form })).value.code, 401);
  assert.equal((await helper(frame, 'UC_Http_proxy', { url: 'https://example.com/x', method: 'GET', headers: {} })).value.code, 502);

  // The portal functions forms call on `parent`.
  await frame.evaluate(() => { parent.notificate('Title', 'Saved', 'success', '.'); parent.loaderSetVisible(true); parent.__SendDTMF('1234#'); });
  assert.deepEqual(await page.evaluate(() => [window.sim.notifications, window.sim.loader, window.sim.dtmf]), [[['Title', 'Saved', 'success', '.']], [true], ['1234#']]);
  assert.equal(await page.isVisible('#loader'), true);

  // Every call shows in the desk's framework log.
  const s = await state(page);
  await waitFor(async () => (await page.locator('#framework-log li[data-helper]').count()) === s.log.length);
  assert.equal(await page.locator('#framework-log li[data-helper="UC_Http_proxy"]').count(), 3);
  await page.context().close();
});

test('helper fault modes: fail rejects (or answers "ERROR" / code 500), silent never settles, late answers late', async () => {
  const page = await env.page();
  const frame = await openDesk(page, 'form=classic&mode.UC_makeCall_async=fail&mode.UC_exec_async=fail&mode.UC_Http_proxy=fail');
  assert.deepEqual(await helper(frame, 'UC_makeCall_async', 'Sales->', '', '099123456'), { ok: false, error: 'simulated failure' });
  assert.deepEqual(await helper(frame, 'UC_exec_async', "INSERT INTO t (a) VALUES ('1')", ''), { ok: true, value: 'ERROR' });
  assert.deepEqual(await helper(frame, 'UC_Http_proxy', { url: '/x', method: 'GET' }), { ok: true, value: { code: 500, body: '' } });
  assert.equal((await state(page)).call, null, 'a failed call placed nothing');

  await page.evaluate(() => window.sim.setMode('UC_DispositionCall_async', 'silent'));
  await frame.evaluate(() => {
    window.silentSettled = false;
    UC_DispositionCall_async('Sales->', '099123456', 'g-s', 'Sale', '', '', '').finally(() => { window.silentSettled = true; });
  });
  // It acted (the desk recorded the disposition, and would have answered at once), then the calls
  // below are answered, one 800 ms late: the silent one has still not settled (checked last).
  await waitFor(async () => (await state(page)).dispositions.length === 1);

  await page.evaluate(() => window.sim.setMode('UC_TagRecord', 'late', 800, 1));
  const late = await frame.evaluate(async () => {
    const t0 = performance.now();
    const v = await UC_TagRecord('g-l', 'x');
    return { v, ms: performance.now() - t0 };
  });
  assert.equal(late.v, 'OK');
  assert.ok(late.ms >= 700, `answered after ${late.ms} ms`);
  // Once, then normal: the next call is answered while one made late again before it is still held
  // (held ten minutes: an order, not a bound on how fast the desk answers; held as well, the next
  // one would not be answered within waitFor's 10 s).
  await page.evaluate(() => window.sim.setMode('UC_TagRecord', 'late', 600_000, 1));
  await frame.evaluate(() => {
    window.heldSettled = false;
    UC_TagRecord('g-h', 'h').finally(() => { window.heldSettled = true; });
  });
  await waitFor(async () => (await state(page)).tags.some((t) => t.guid === 'g-h'));
  await frame.evaluate(() => { UC_TagRecord('g-l', 'y').then((v) => { window.next = v; }); });
  await waitFor(() => frame.evaluate(() => window.next === 'OK'));
  assert.equal(await frame.evaluate(() => window.heldSettled), false, 'once, then normal: the held call is still held');
  assert.equal(await frame.evaluate(() => window.silentSettled), false, 'a silent portal never answers');
  assert.equal((await state(page)).dispositions.length, 1, 'but it acted, once');
  await page.context().close();
});

for (const form of ['iife', 'esm']) {
  test(`the desk's incoming call opens the form again with the new CTI, and writes localStorage (${form} sample form)`, async () => {
    const page = await env.page();
    const ready = () => !window.beforeAnswer && window.crm?.ready === true;
    await page.goto(`${env.sim.portalOrigin}/?form=${form}`);
    let frame = await currentForm(page, () => window.crm?.ready === true);
    assert.equal(await frame.evaluate(() => window.crm.ctiAtStart), false);

    for (const kind of ['inbound', 'email']) {
      const cti = await page.evaluate((k) => window.sim.ring(k), kind);
      await frame.evaluate(() => { window.beforeAnswer = true; });
      await page.click('#answer');
      frame = await currentForm(page, ready);
      const read = await frame.evaluate(() => {
        const c = window.crm.bridge.readCti();
        return { guid: c.guid, callerid: c.callerid, channel: c.channel, view: document.getElementById('cti-view').textContent };
      });
      assert.equal(read.guid, cti.Guid);
      assert.equal(read.callerid, cti.Callerid);
      assert.equal(read.channel, kind === 'email' ? 'email' : 'telephony');
      assert.match(read.view, new RegExp(`^\\(form framework\\) Call ${cti.Guid}`));
      // The encrypted copy the portal wrote for the same call.
      const stored = await page.evaluate(() => localStorage.getItem('CTI'));
      assert.equal(JSON.parse(CryptoJS.AES.decrypt(stored, env.sim.passphrase).toString(CryptoJS.enc.Utf8)).Guid, cti.Guid);
      assert.match(await page.textContent('#current-call'), new RegExp(`guid ${cti.Guid}`));
    }
    // An e-mail's callerid is no number to call back: the schedule form says so.
    await frame.fill('#calldate', '2026-12-24T10:30:00');
    await frame.click('#btn-schedule');
    await waitFor(() => frame.evaluate(() => window.crm.results.some((r) => r.label === 'schedule')));
    const refused = await frame.evaluate(() => window.crm.results.find((r) => r.label === 'schedule'));
    assert.equal(refused.error, true);
    assert.match(refused.value, /^INVALID_ARGUMENT .*not a phone number/);
    capture('error', refused.value);

    // Opened without a call: NO_CTI, said as such.
    await frame.evaluate(() => { window.beforeAnswer = true; });
    await page.click('#open-no-call');
    frame = await currentForm(page, ready);
    assert.equal(await frame.evaluate(() => window.crm.ctiAtStart), false);
    assert.match(await frame.textContent('#cti-view'), /^No current call: readCti: the CTI is empty: the form was opened without a call/);
    await page.context().close();
  });
}

test('agent state: the desk toggles pause, the form resumes through UC_pause; each browser session has its own desk', async () => {
  const page = await env.page();
  const frame = await openDesk(page);
  await page.click('#toggle-pause');
  assert.equal(await page.textContent('#status'), 'PAUSED');
  await waitFor(async () => (await state(page)).paused === true);
  const other = await env.page();
  await openDesk(other);
  assert.equal(await other.textContent('#status'), 'READY');
  assert.equal((await state(other)).paused, false);
  await other.context().close();
  await frame.click('#btnReady');
  await waitFor(async () => (await page.textContent('#status')) === 'READY');
  assert.equal(await page.textContent('#toggle-pause'), 'Pause');
  assert.deepEqual((await state(page)).log.filter((e) => e.name === 'UC_pause').map((e) => e.args), [[false]]);
  await page.context().close();
});

// An agent day, checked in the records the desk leaves: the sample form reads the call it was
// opened for, tags and disposes it through the form framework and over Porthole, respools and
// schedules it with the builders. The same action leaves the same record whichever way it went: the
// answered call's guid, campaign and caller id, its levels; the labels on the call's recording.
// A Porthole tag was recorded nowhere, a Porthole disposition without the call it disposed, a
// Porthole schedule not in the dialer's scheduled calls.
test('an agent day through the framework and over Porthole: tags and dispositions of the answered call carry its guid, respool keeps its dialer fields, the schedule is the dialer\'s', async () => {
  const page = await env.page();
  await page.goto(`${env.sim.portalOrigin}/`);
  const ready = () => window.crm?.ready === true && !window.beforeAnswer;
  let frame = await currentForm(page, ready);
  const cti = await page.evaluate(() => window.sim.ring('dialer'));
  await frame.evaluate(() => { window.beforeAnswer = true; });
  await page.evaluate(() => window.sim.answer());
  frame = await currentForm(page, ready);
  const day = await frame.evaluate(async () => {
    const { bridge, portal } = window.crm;
    const c = bridge.readCti();
    const levels = { l1: 'Sale', l2: 'Pending', l3: 'Payment', comment: 'ok' };
    const porthole = { use: 'porthole', confirm: true };
    const results = [
      await portal.tag({ tag: ['vip', 'renewal'] }), await portal.tag({ tag: 'callback' }, porthole),
      await portal.disposition(levels), await portal.disposition(levels, porthole),
      await portal.respool(bridge.respoolBuilder(c.dialer).promoteAlternative(0, { keepOldMain: true }).setData('result', 'callback').build(), { confirm: true }),
      await portal.schedule(bridge.scheduleBuilder(c, { timeZone: 'America/Montevideo' }).setCalldate(new Date('2026-12-24T13:00:00Z')).build(), { confirm: true }),
    ];
    return { guid: c.guid, results: results.map((r) => [r.action, r.via, r.confirmed]) };
  });
  assert.equal(day.guid, cti.Guid);
  assert.deepEqual(day.results, [['tag', 'framework', true], ['tag', 'porthole', true], ['disposition', 'framework', true],
    ['disposition', 'porthole', true], ['respool', 'porthole', true], ['schedule', 'porthole', true]]);
  await waitFor(async () => { const s = await state(page); return s.tags.length === 2 && s.dispositions.length === 2; });
  const s = await state(page);
  assert.deepEqual(s.tags.map((t) => [t.via, t.guid, t.tag, t.known]).sort(), [['Porthole tag', cti.Guid, 'callback', true], ['UC_TagRecord', cti.Guid, 'vip|renewal', true]]);
  const call = ({ via, campaign, callerid, guid, l1, l2, l3, comment, known }) => [via, campaign, callerid, guid, l1, l2, l3, comment, known];
  assert.deepEqual(s.dispositions.map(call), [
    ['UC_DispositionCall_async', 'Sales->', cti.Callerid, cti.Guid, 'Sale', 'Pending', 'Payment', 'ok', true],
    ['Porthole disposition', 'Sales->', cti.Callerid, cti.Guid, 'Sale', 'Pending', 'Payment', 'ok', true],
  ]);
  assert.deepEqual(env.sim.rest.state.recordings.filter((r) => r.guid === cti.Guid).map((r) => [r.campaign, r.callerid, r.tags.sort()]),
    [['Sales->', cti.Callerid, ['callback', 'renewal', 'vip']]]);
  // The respool gives the dialer's protected fields back as the portal sent them; the schedule is the callback, in the zone asked.
  const received = await page.evaluate(() => window.sim.received.map((r) => r.data));
  const { respool } = received.find((d) => d.action === 'respool');
  const { campaign, status, contact, dialerbase } = cti.Dialer;
  assert.deepEqual([respool.campaign, respool.status, respool.contact, respool.dialerbase], [campaign, status, contact, dialerbase]);
  assert.deepEqual([respool.destination, respool.alternatives, respool.retries], ['098111222', `${cti.Dialer.destination}:097333444`, 0]);
  const { schedule } = received.find((d) => d.action === 'schedule');
  assert.deepEqual([schedule.calldate, schedule.campaign, schedule.destination], ['2026-12-24 10:00:00', 'Sales->', cti.Dialer.destination]);
  // A scheduled call of the dialer, as ScheduleDialerCall's would be.
  await waitFor(() => env.sim.rest.state.schedules.some((x) => x.destination === schedule.destination && x.calldate === schedule.calldate));
  await page.context().close();
});

test('no uncaught errors in any page or frame', () => {
  assert.deepEqual(env.pageErrors.map(String), []);
});

// A desk open all day: every helper call, notification and disposition added a line to its lists,
// never removed (thousands of lines, each with the helper's arguments and answer, by the evening).
test('the desk keeps the latest 200 lines of its framework log, newest first', async () => {
  const page = await env.page();
  await openDesk(page);
  const lines = await page.evaluate(() => {
    for (let i = 1; i <= 230; i++) window.notificate('Saved', `note ${i}`, 'success');
    const items = [...document.querySelectorAll('#framework-log li')];
    return { count: items.length, first: items[0].textContent, last: items.at(-1).textContent, kept: window.sim.notifications.length };
  });
  assert.equal(lines.count, 200);
  assert.match(lines.first, /"note 230"/);
  assert.doesNotMatch(lines.last, /"note (\d|[12]\d)"/, 'the oldest lines went');
  assert.equal(lines.kept, 230, 'the scripting API still has every one');
  await page.context().close();
});
