// Every option bag and argument object of the portal client goes through the validation module:
// unknown keys are refused (with "did you mean"), never ignored; values are checked by named rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connectPortal, withFallback, isBridgeError } from '../../dist/index.js';
import { FakeWindow, framed } from './helpers/fake-window.mjs';

const CALL = { campaign: 'Sales->', destination: '099123456' };
const invalid = (re, operation) => (e) => isBridgeError(e, 'INVALID_ARGUMENT') && re.test(e.message) && (!operation || e.operation === operation);

test('connectPortal refuses unknown option keys, naming the key and the one meant', () => {
  const { form } = framed();
  const cases = [
    [{ timeout: 5000 }, /^connectPortal: options has an unknown key 'timeout' \(did you mean 'timeouts'\?\)$/],
    [{ allowedOrigin: 'http://127.0.0.1:8080' }, /unknown key 'allowedOrigin' \(did you mean 'allowedOrigins'\?\)/],
    [{ persistPendings: false }, /did you mean 'persistPending'/],
    [{ Log: () => {} }, /unknown key 'Log' \(did you mean 'log'\?\)/],
    [{ fallback: {} }, /unknown key 'fallback'$/],
    [{ 'a key with spaces 099123456': 1 }, /options has an unknown key a key$/],
    [{ timeouts: { cal: 100 } }, /unknown key 'timeouts.cal' \(did you mean 'timeouts.call'\?\)/],
    [{ timeouts: { call: '20s' } }, /timeouts.call must be an integer from 1 to 2147483647/],
    [{ timeouts: { call: 0 } }, /timeouts.call must be an integer/],
    [{ timeouts: 5000 }, /timeouts must be an object/],
    [{ confirm: { tags: true } }, /unknown key 'confirm.tags' \(did you mean 'confirm.tag'\?\)/],
    [{ confirm: { call: true } }, /unknown key 'confirm.call'/],
    [{ confirm: { hangup: 'yes' } }, /confirm.hangup must be true or false/],
    [{ confirm: 'yes' }, /confirm must be an object/],
    [{ lateReplyWindowMs: -1 }, /lateReplyWindowMs must be an integer/],
    [{ persistPending: 'no' }, /persistPending must be true or false/],
    [{ unsafeAllowAnyOrigin: 1 }, /unsafeAllowAnyOrigin must be true or false/],
    [{ use: 'helpers' }, /use must be 'auto' or 'framework' or 'porthole'/],
    [{ targetWindow: 'parent' }, /targetWindow must be a window/],
    // The one window rule (shared with connectInbox): something to post to, not any object.
    [{ targetWindow: {} }, /targetWindow must be a window/],
  ];
  for (const [options, re] of cases) {
    assert.throws(() => connectPortal({ window: form, log: captureLog, ...options }), invalid(re, 'connectPortal'), JSON.stringify(options));
  }
  assert.throws(() => connectPortal({ window: 5 }), invalid(/window must be a window/));
  assert.throws(() => connectPortal({ window: {} }), invalid(/window must be a window/));
  assert.throws(() => connectPortal(null), invalid(/options must be an object/));
  // Every known key is accepted.
  const c = connectPortal({
    window: form, targetWindow: form.parent, allowedOrigins: ['http://127.0.0.1:8080'], unsafeAllowAnyOrigin: false, use: 'auto',
    timeouts: { call: 1, callWithPhone: 1, hangup: 1, disposition: 1, tag: 1, respool: 1, schedule: 1, closeForm: 1, send: 1 },
    confirm: { hangup: true, disposition: false, tag: true, respool: true, schedule: true, closeForm: true },
    lateReplyWindowMs: 5, persistPending: false, log: captureLog,
  });
  c.destroy();
});

test('connectPortal: an option given as undefined is the default, as an absent one (exactOptionalPropertyTypes users pass them)', async () => {
  const { portal, form, reply } = framed();
  const c = connectPortal({
    window: form, targetWindow: undefined, allowedOrigins: undefined, unsafeAllowAnyOrigin: undefined, use: undefined,
    timeouts: undefined, confirm: undefined, lateReplyWindowMs: undefined, persistPending: undefined, log: undefined,
  });
  const p = c.call(CALL);
  assert.equal(portal.posted.length, 1);
  assert.equal(portal.posted[0].targetOrigin, 'http://127.0.0.1:8080', 'the default origin: the page\'s own');
  reply({ guid: 'g-undefined' });
  assert.equal((await p).guid, 'g-undefined');
  c.destroy();
  // No window at all (Node, server rendering): an inert client, as with no options.
  connectPortal({ window: undefined }).destroy();
});

test('per-call options: unknown keys and options the method does not have are refused before anything is sent', async () => {
  const { portal, form } = framed();
  const c = connectPortal({ window: form, log: captureLog });
  const cases = [
    [() => c.hangup({ confirm: 'yes' }), 'hangup', /confirm must be true or false/],
    [() => c.hangup({ timeout: 100 }), 'hangup', /unknown key 'timeout' \(did you mean 'timeoutMs'\?\)/],
    [() => c.call(CALL, { confirm: false }), 'call', /options has an unknown key 'confirm'/],
    [() => c.call(CALL, { timeoutMs: 1.5 }), 'call', /timeoutMs must be an integer/],
    [() => c.callWithPhone(CALL, { use: 'porthole' }), 'callWithPhone', /unknown key 'use'/],
    [() => c.respool({}, { use: 'porthole' }), 'respool', /unknown key 'use'/],
    [() => c.schedule({}, { signl: null }), 'schedule', /did you mean 'signal'/],
    [() => c.tag({ tag: 'x' }, { reply: 'action' }), 'tag', /unknown key 'reply'/],
    [() => c.send({ action: 'x' }, { confirm: true }), 'send', /unknown key 'confirm'/],
    [() => c.send({ action: 'x' }, { reply: 'id' }), 'send', /reply must be 'guid' or 'action' or 'none'/],
    [() => c.closeForm({ use: 'framwork' }), 'closeForm', /use must be/],
    [() => c.closeForm('now'), 'closeForm', /options must be an object/],
    [() => c.disposition({ l1: 'Sale' }, { confirm: 1 }), 'disposition', /confirm must be true or false/],
  ];
  for (const [run, operation, re] of cases) await assert.rejects(run(), invalid(re, operation), String(re));
  assert.equal(portal.posted.length, 0);
  // null and undefined options are no options.
  assert.equal((await c.hangup(null)).confirmed, false);
  assert.equal((await c.hangup(undefined)).confirmed, false);
});

test('argument objects: unknown keys refused with the key meant, several missing keys named at once', async () => {
  const { portal, form } = framed();
  const c = connectPortal({ window: form, log: captureLog });
  const cases = [
    [() => c.call({ ...CALL, callerId: '24000000' }), /unknown key 'callerId' \(did you mean 'callerid'\?\)/],
    [() => c.call({ campaing: 'Sales->', destination: '099123456' }), /unknown key 'campaing' \(did you mean 'campaign'\?\)/],
    [() => c.call({}), /campaign, destination are required/],
    [() => c.callWithPhone({ ...CALL, callerid: '' }), /unknown key 'callerid'/],
    [() => c.disposition({ l1: 'Sale', comments: 'x' }), /did you mean 'comment'/],
    [() => c.disposition({ l1: 'Sale', schedule: 'tomorrow' }), /schedule must be a valid Date/],
    [() => c.tag({ tags: ['x'] }), /unknown key 'tags' \(did you mean 'tag'\?\)/],
    [() => c.tag({ tag: 'x', guid: 5 }), /guid must be a string/],
    [() => c.schedule({ calldate: '2026-12-01 09:30:00' }), /schedule.campaign, schedule.destination, schedule.data are required$/],
  ];
  for (const [run, re] of cases) await assert.rejects(run(), invalid(re), String(re));
  assert.equal(portal.posted.length, 0);
  // A Date schedule is rendered in local time; '' is no schedule.
  await c.disposition({ l1: 'Callback', schedule: '' });
  assert.equal(portal.postedData[0].schedule, '');
  // '' is no tag either, as for every other optional field of a disposition (a form's empty input);
  // tag() itself still needs a label.
  await c.disposition({ l1: 'Callback', l2: '', l3: '', comment: '', tag: '', schedule: '', camptoreschedule: '' });
  assert.deepEqual(portal.postedData[1], { action: 'disposition', l1: 'Callback', l2: '', l3: '', comment: '', tag: '', schedule: '', camptoreschedule: '' });
  await assert.rejects(c.tag({ tag: '' }), invalid(/^tag: tag is required$/));
});

test('withFallback checks options as the client does and hands REST only the deadline and the signal', async () => {
  const seen = [];
  const fallback = {
    call: async (args, options) => { seen.push(['call', args, options]); return 'rest-guid'; },
    hangup: async (options) => { seen.push(['hangup', options]); },
  };
  const alone = new FakeWindow();
  const c = withFallback(connectPortal({ window: alone, log: captureLog }), fallback);
  const ac = new AbortController();
  assert.deepEqual(await c.call(CALL, { timeoutMs: 50, signal: ac.signal, use: 'auto' }), { action: 'call', guid: 'rest-guid', via: 'rest' });
  // A way named by the caller is kept, not silently replaced by REST.
  await assert.rejects(c.call(CALL, { use: 'porthole' }), (e) => isBridgeError(e, 'NOT_EMBEDDED'));
  await assert.rejects(c.call(CALL, { use: 'framework' }), (e) => isBridgeError(e, 'NO_FRAMEWORK'));
  assert.deepEqual(await c.hangup({ confirm: true }), { action: 'hangup', confirmed: true, via: 'rest' });
  // Handed without a prototype: a key a bug put on Object.prototype (`timeoutMs`) is no option of the fallback.
  const bare = (o) => Object.assign(Object.create(null), o);
  assert.deepEqual(seen, [
    ['call', { campaign: 'Sales->', callerid: '', destination: '099123456' }, bare({ timeoutMs: 50, signal: ac.signal })],
    ['hangup', bare({})],
  ]);
  await assert.rejects(c.call(CALL, { timeout: 5 }), invalid(/did you mean 'timeoutMs'/, 'call'));
  await assert.rejects(c.hangup({ confirm: 'yes' }), invalid(/confirm must be true or false/, 'hangup'));
  await assert.rejects(c.call(CALL, { signal: ac }), invalid(/signal must be an AbortSignal/, 'call'));
  assert.equal(seen.length, 2);
});

test('withFallback: once destroyed, call and hangup reject DESTROYED and never reach the REST fallback', async () => {
  const seen = [];
  const fallback = { call: async () => { seen.push('call'); return 'rest-guid'; }, hangup: async () => { seen.push('hangup'); } };
  const c = withFallback(connectPortal({ window: new FakeWindow(), log: captureLog }), fallback);
  c.destroy();
  c.destroy();
  await assert.rejects(c.call(CALL), (e) => isBridgeError(e, 'DESTROYED') && e.operation === 'call');
  await assert.rejects(c.call(CALL, { use: 'auto', timeoutMs: 50 }), (e) => isBridgeError(e, 'DESTROYED'));
  await assert.rejects(c.hangup(), (e) => isBridgeError(e, 'DESTROYED') && e.operation === 'hangup');
  assert.deepEqual(seen, []);
});

// README: a REST request runs to its end, then its promise rejects with DESTROYED, whether the
// server answered or the request failed; never resolved via 'rest' after destroy().
for (const [outcome, settle] of [
  ['answers', (p) => p.resolve('rest-guid')],
  ['fails', (p) => p.reject(Object.assign(new Error('no answer'), { code: 'NETWORK_ERROR' }))],
]) {
  test(`withFallback: destroyed while a REST call or hangup is in flight, it rejects DESTROYED when the REST request ${outcome}`, async () => {
    const pending = [];
    const later = () => new Promise((resolve, reject) => pending.push({ resolve, reject }));
    const c = withFallback(connectPortal({ window: new FakeWindow(), log: captureLog }), { call: later, hangup: later });
    const call = c.call(CALL);
    const hangup = c.hangup();
    await new Promise((r) => setImmediate(r));
    assert.equal(pending.length, 2, 'both went to the REST fallback');
    c.destroy();
    pending.forEach(settle);
    await assert.rejects(call, (e) => isBridgeError(e, 'DESTROYED') && e.operation === 'call');
    await assert.rejects(hangup, (e) => isBridgeError(e, 'DESTROYED') && e.operation === 'hangup');
  });
}

// JSDoc: outside the portal, call and hangup reject with what `fallback` rejects with: the REST
// client's own error, as it is (a swallowed one would resolve a call that was never placed).
test('withFallback: a REST call or hangup that fails rejects with the fallback\'s own error', async () => {
  const refused = Object.assign(new Error('agentCall: Integra/resources/Agents/AgentCall answered HTTP 500'), { code: 'HTTP_ERROR' });
  const gone = Object.assign(new Error('hangupPhone: aborted'), { code: 'ABORTED' });
  const c = withFallback(connectPortal({ window: new FakeWindow(), log: captureLog }), {
    call: async () => { throw refused; }, hangup: () => Promise.reject(gone),
  });
  await assert.rejects(c.call(CALL), (e) => e === refused);
  await assert.rejects(c.hangup(), (e) => e === gone);
});

test('withFallback refuses a client or a fallback without call and hangup, at once', () => {
  const alone = new FakeWindow();
  const ok = { call: async () => 'g', hangup: async () => {} };
  for (const [client, fallback, field] of [
    [connectPortal({ window: alone, log: captureLog }), undefined, 'fallback.call'],
    [connectPortal({ window: alone, log: captureLog }), { call: ok.call }, 'fallback.hangup'],
    [undefined, ok, 'client.call'],
  ]) assert.throws(() => withFallback(client, fallback), invalid(new RegExp(`^withFallback: ${field.replace('.', '\\.')} must be a function$`), 'withFallback'));
});
