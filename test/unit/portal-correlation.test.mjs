// Reply correlation, queueing, timeouts and abort (spec section 3: replies carry no request id).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connectPortal, isBridgeError } from '../../dist/index.js';
import { inChildProcess } from './helpers/child-process.mjs';
import { framed, tick } from './helpers/fake-window.mjs';

const CALL = { campaign: 'Sales->', destination: '099123456' };

test('two calls: the second waits for the first reply, replies resolve in order', async () => {
  const { portal, form, reply } = framed();
  const client = connectPortal({ log: captureLog, window: form });
  const a = client.call(CALL);
  const b = client.callWithPhone(CALL);
  assert.equal(portal.posted.length, 1, 'only one guid-awaiting request on the wire');
  reply({ guid: 'g-a' });
  assert.equal(portal.posted.length, 2);
  assert.equal(portal.postedData[1].action, 'callWithPhone');
  reply({ guid: 'g-b' });
  assert.deepEqual(await a, { action: 'call', guid: 'g-a', via: 'porthole' });
  assert.deepEqual(await b, { action: 'callWithPhone', guid: 'g-b', via: 'porthole' });
});

test('failure replies reject with PORTAL_FAILED and carry the portal text', async () => {
  const { form, reply } = framed();
  const client = connectPortal({ log: captureLog, window: form, confirm: true });
  const a = client.call(CALL);
  reply({ guid: '0' });
  await assert.rejects(a, (e) => isBridgeError(e, 'PORTAL_FAILED') && e.operation === 'call');
  const b = client.call(CALL);
  reply({ guid: '' });
  await assert.rejects(b, (e) => isBridgeError(e, 'PORTAL_FAILED'));
  const c = client.call(CALL);
  reply({ guid: 'g-1', result: '0', error: 'agent busy' });
  await assert.rejects(c, (e) => isBridgeError(e, 'PORTAL_FAILED') && e.detail === 'agent busy' && /reason is in err.detail/.test(e.message));
  const d = client.hangup();
  reply({ action: 'hangup', result: '0', error: 'no call' });
  await assert.rejects(d, (e) => isBridgeError(e, 'PORTAL_FAILED') && e.detail === 'no call' && !/no call/.test(e.message));
  const e2 = client.call(CALL);
  reply({ guid: '0' });
  await assert.rejects(e2, (e) => isBridgeError(e, 'PORTAL_FAILED') && e.detail === undefined && /^call: the portal reported a failure$/.test(e.message));
});

// A guid is read as the framework's helper and REST's AgentCall read theirs: trimmed. uContact's REST
// bodies end with a line break (spec 5: `0` "possibly with whitespace" is the error), and a portal
// that forwards one posts `'0\n'`: a failure, never a call placed with the guid `'0\n'`.
test("a call's guid is read trimmed: '0' or blank with whitespace is PORTAL_FAILED, a real guid comes without it", async () => {
  const { form, reply } = framed();
  const client = connectPortal({ log: captureLog, window: form });
  for (const guid of ['0\n', ' 0 ', ' ', '\r\n']) {
    const p = client.call(CALL);
    reply({ guid });
    await assert.rejects(p, (e) => isBridgeError(e, 'PORTAL_FAILED'), JSON.stringify(guid));
  }
  const ok = client.callWithPhone(CALL);
  reply({ guid: 'g-7\n' });
  assert.deepEqual(await ok, { action: 'callWithPhone', guid: 'g-7', via: 'porthole' });
  // The same call's guid sent again in another spelling is a replay, not the next call's answer.
  const next = client.call(CALL, { timeoutMs: 50 });
  reply({ guid: ' g-7' });
  await assert.rejects(next, (e) => isBridgeError(e, 'TIMEOUT'));
});

// A reply's result is read as its guid (above): trimmed. A portal that forwards a REST body (spec 5:
// `1`/`0` "possibly with whitespace") posts `'1\n'` or `'0\n'`: the answer, not a wait to the timeout.
test("a confirmed action's result is read trimmed: '1' with whitespace confirms, '0' with whitespace is PORTAL_FAILED", async () => {
  const { form, reply } = framed();
  const client = connectPortal({ log: captureLog, window: form, confirm: true });
  const respool = {
    campaign: 'Sales->', destination: '098111222', status: 1, data: '', alternatives: '', retries: 0, contact: 1, dialerbase: 'b',
    priority: 1, agentphone: '',
  };
  const schedule = { calldate: '2026-12-01 09:30:00', campaign: 'Sales->', destination: '099123456', alternatives: '', agentphone: '', data: '' };
  const invoke = {
    hangup: () => client.hangup(), disposition: () => client.disposition({ l1: 'Sale' }), tag: () => client.tag({ tag: 'vip' }),
    respool: () => client.respool(respool), schedule: () => client.schedule(schedule), closeForm: () => client.closeForm(),
  };
  for (const [action, go] of Object.entries(invoke)) {
    for (const result of ['1\n', ' 1', '\r\n1 ']) {
      const p = go();
      reply({ action, result });
      assert.deepEqual(await p, { action, confirmed: true, via: 'porthole' }, `${action} ${JSON.stringify(result)}`);
    }
    for (const result of ['0\n', ' 0 ']) {
      const p = go();
      reply({ action, result, error: 'no call' });
      await assert.rejects(p, (e) => isBridgeError(e, 'PORTAL_FAILED') && e.detail === 'no call', `${action} ${JSON.stringify(result)}`);
    }
  }
  // A raw send's own action, and a call answered with a result and no guid: '0' with whitespace fails too.
  const own = client.send({ action: 'crm' }, { reply: 'action' });
  reply({ action: 'crm', result: '0\n' });
  await assert.rejects(own, (e) => isBridgeError(e, 'PORTAL_FAILED'));
  const call = client.call(CALL);
  reply({ action: 'call', result: ' 0' });
  await assert.rejects(call, (e) => isBridgeError(e, 'PORTAL_FAILED'));
});

// The words a guid never is, read as the framework's UC_makeCall_async answer is read (README: for
// `call`, no guid or "null" is a failure): a portal posting `String(result)` of a failed call.
test("a call answered over Porthole with the guid 'null', 'undefined', 'false' or 'ERROR' is PORTAL_FAILED, as from the framework's helper", async () => {
  const { form, reply } = framed();
  const client = connectPortal({ log: captureLog, window: form });
  for (const guid of ['null', 'undefined', 'false', 'ERROR', 'Null ']) {
    const p = client.call(CALL);
    reply({ guid });
    await assert.rejects(p, (e) => isBridgeError(e, 'PORTAL_FAILED'), guid);
  }
  const ok = client.call(CALL);
  reply({ guid: 'nullable-1' });
  assert.equal((await ok).guid, 'nullable-1');
});

test('sent and confirmed are distinct: by default the five undocumented actions settle once sent', async () => {
  const { portal, form, reply } = framed();
  const client = connectPortal({ log: captureLog, window: form });
  assert.deepEqual(await client.hangup(), { action: 'hangup', confirmed: false, via: 'porthole' });
  reply({ action: 'hangup', result: '1' }); // the late confirmation of that send is swallowed
  const confirmed = client.hangup({ confirm: true });
  assert.equal(portal.posted.length, 2);
  reply({ action: 'hangup', result: '1' });
  assert.deepEqual(await confirmed, { action: 'hangup', confirmed: true, via: 'porthole' });
});

test('per-action confirm option on the client', async () => {
  const { form, reply } = framed();
  const client = connectPortal({ log: captureLog, window: form, confirm: { tag: true } });
  const t = client.tag({ tag: 'vip' });
  reply({ action: 'tag', result: '1' });
  assert.equal((await t).confirmed, true);
  assert.equal((await client.hangup()).confirmed, false);
});

test('a reply arriving after its request timed out never resolves a later request', async () => {
  const { portal, form, reply } = framed();
  const client = connectPortal({ log: captureLog, window: form, lateReplyWindowMs: 1000 });
  // Its deadline of 200 ms, not tens: a stall of the process within the call (GC, a loaded
  // machine) as long as its deadline had it due before it was posted, and then it is never sent.
  await assert.rejects(client.call(CALL, { timeoutMs: 200 }), (e) => isBridgeError(e, 'TIMEOUT') && /was sent/.test(e.message));
  const next = client.call(CALL, { timeoutMs: 2000 });
  assert.equal(portal.posted.length, 1, 'the next call waits while a late reply may still come');
  reply({ guid: 'late-guid' }); // the timed-out call's answer: swallowed
  assert.equal(portal.posted.length, 2, 'the late reply released the lane');
  reply({ guid: 'own-guid' });
  assert.equal((await next).guid, 'own-guid');
});

test('when no late reply comes, the queued request goes out once the window closes', async () => {
  const { portal, form, reply } = framed();
  const client = connectPortal({ log: captureLog, window: form, lateReplyWindowMs: 80 });
  // Its deadline of 200 ms, not tens: a stall of the process within the call (GC, a loaded
  // machine) as long as its deadline had it due before it was posted, and then it is never sent.
  await assert.rejects(client.call(CALL, { timeoutMs: 200 }), (e) => isBridgeError(e, 'TIMEOUT') && /was sent/.test(e.message));
  // Its deadline far past the window: one due before the lane's timer posts it (a stall of the
  // process of 2 s) is never sent, by design.
  const next = client.call(CALL, { timeoutMs: 60_000 });
  assert.equal(portal.posted.length, 1);
  await tick(120);
  assert.equal(portal.posted.length, 2);
  reply({ guid: 'g-2' });
  assert.equal((await next).guid, 'g-2');
});

test('a request that times out in the queue was never sent, and says so', async () => {
  const { portal, form } = framed();
  const client = connectPortal({ log: captureLog, window: form });
  // The first one's deadline far past the second's: a stall of the process past it (a loaded
  // machine's) timed both out at one alarm, and the first was then TIMEOUT, not DESTROYED.
  const first = client.call(CALL, { timeoutMs: 60_000 });
  await assert.rejects(client.call(CALL, { timeoutMs: 20 }), (e) => isBridgeError(e, 'TIMEOUT') && /never sent/.test(e.message));
  assert.equal(portal.posted.length, 1);
  client.destroy();
  await assert.rejects(first, (e) => isBridgeError(e, 'DESTROYED') && e.operation === 'call');
});

test('abort: before sending nothing is posted; after sending the lane waits for the late reply', async () => {
  const { portal, form, reply } = framed();
  const client = connectPortal({ log: captureLog, window: form });
  const pre = new AbortController();
  pre.abort();
  await assert.rejects(client.call(CALL, { signal: pre.signal }), (e) => isBridgeError(e, 'ABORTED'));
  assert.equal(portal.posted.length, 0);

  const ac = new AbortController();
  const a = client.call(CALL, { signal: ac.signal });
  const queued = new AbortController();
  const b = client.call(CALL, { signal: queued.signal });
  queued.abort();
  await assert.rejects(b, (e) => isBridgeError(e, 'ABORTED') && /never sent/.test(e.message));
  ac.abort();
  await assert.rejects(a, (e) => isBridgeError(e, 'ABORTED') && /was sent/.test(e.message));
  const c = client.call(CALL);
  reply({ guid: 'for-a' });
  reply({ guid: 'for-c' });
  assert.equal((await c).guid, 'for-c');
  assert.equal(portal.posted.length, 2);
});

test('a request whose post throws is PORTAL_FAILED and frees its lane: the one queued behind it goes out', async () => {
  const { portal, form, reply } = framed();
  const client = connectPortal({ log: captureLog, window: form });
  const post = portal.postMessage.bind(portal);
  let failNext = false;
  portal.postMessage = (data, targetOrigin) => {
    if (failNext) {
      failNext = false;
      throw new Error('the portal window went away');
    }
    post(data, targetOrigin);
  };
  const a = client.call(CALL);
  const b = client.call(CALL, { timeoutMs: 2000 });
  const c = client.call(CALL, { timeoutMs: 2000 });
  failNext = true;
  reply({ guid: 'g-a' }); // b goes out next, and its post throws
  assert.equal((await a).guid, 'g-a');
  await assert.rejects(b, (e) => isBridgeError(e, 'PORTAL_FAILED') && /could not post/.test(e.message));
  assert.equal(portal.posted.length, 2, 'the request queued behind the failed one was never sent');
  reply({ guid: 'g-c' });
  assert.equal((await c).guid, 'g-c');
});

test('a silent portal: confirm-mode requests time out, nothing hangs', async () => {
  const { form } = framed();
  const client = connectPortal({ log: captureLog, window: form, timeouts: { disposition: 40 } });
  // At its own 40 ms, not the default 10 s: before a timer of this process due at 5 s (an order,
  // not a time bound: a stall of the process of a second failed \`Date.now() - t0 < 1000\`).
  let late = false;
  const mark = setTimeout(() => { late = true; }, 5000);
  await assert.rejects(client.disposition({ l1: 'Sale' }, { confirm: true }), (e) => isBridgeError(e, 'TIMEOUT') && e.operation === 'disposition');
  clearTimeout(mark);
  assert.equal(late, false, 'timed out after the default limit, not timeouts.disposition');
});

test('lanes are independent: a pending call does not hold a hangup confirmation', async () => {
  const { form, reply } = framed();
  const client = connectPortal({ log: captureLog, window: form });
  const call = client.call(CALL);
  const hang = client.hangup({ confirm: true });
  reply({ action: 'hangup', result: '1' });
  assert.equal((await hang).confirmed, true);
  reply({ guid: 'g-9' });
  assert.equal((await call).guid, 'g-9');
});

test('destroy rejects everything in flight and in queue, and later calls', async () => {
  const { form } = framed();
  // The call left unanswered keeps its lane for the late window: 300 ms, not 10 s, for this process.
  const client = connectPortal({ log: captureLog, window: form, lateReplyWindowMs: 300 });
  const a = client.call(CALL);
  const b = client.call(CALL);
  const c = client.schedule({ calldate: '2026-12-01 09:30:00', campaign: 'S', destination: '1', alternatives: '', agentphone: '', data: '' }, { confirm: true });
  client.destroy();
  for (const p of [a, b, c]) await assert.rejects(p, (e) => isBridgeError(e, 'DESTROYED'));
  await assert.rejects(client.hangup(), (e) => isBridgeError(e, 'DESTROYED'));
  // The page still listens for the sent call's late reply (its lane's window is open); the listener
  // goes when the window closes (portal-lifecycle: the last client and the late window).
  assert.equal(form.listenerCount, 1);
  client.destroy(); // twice is harmless
});

// One timer serves all of a client's requests (bench/: a timer per call was a fifth of a
// same-origin round trip). Each request must still time out at its own deadline.
test('timeouts: each request times out at its own deadline, whatever the order of their deadlines', async (t) => {
  // Fake timers and a fake performance.now() (the client's clock): each timeout is seen at the ms
  // it came due. With real time a stall of the process (a loaded machine's) past the later
  // deadlines timed all three out at one alarm, in the order they were made, and failed the test.
  t.mock.timers.enable({ apis: ['setTimeout'] });
  let ms = 0;
  t.mock.method(performance, 'now', () => ms);
  const { form } = framed();
  const timedOut = [];
  const client = connectPortal({ window: form, confirm: true, log: (e) => { captureLog(e); if (e.type === 'timeout') timedOut.push([e.action, ms]); } });
  // Different lanes, so all three are on the wire at once; the shortest deadline comes last.
  const slow = client.call(CALL, { timeoutMs: 2000 });
  const mid = client.hangup({ timeoutMs: 1000 });
  const fast = client.tag({ tag: 'x' }, { timeoutMs: 100 });
  for (; ms < 2000; t.mock.timers.tick(1)) ms++;
  assert.deepEqual(timedOut, [['tag', 100], ['hangup', 1000], ['call', 2000]]);
  assert.deepEqual(await Promise.all([fast, mid, slow].map((p) => p.then(() => 'answered', (e) => e.code))), ['TIMEOUT', 'TIMEOUT', 'TIMEOUT']);
});

test('timeouts: a request made after an answered one keeps its own full timeout', async () => {
  const { portal, form, reply } = framed();
  const client = connectPortal({ log: captureLog, window: form });
  const first = client.call(CALL, { timeoutMs: 150 });
  reply({ guid: 'g1' });
  assert.equal((await first).guid, 'g1');
  await tick(100); // the timer armed for the first request's deadline fires 50 ms into the next one
  const t = Date.now();
  // Not too late: before a timer of this process due at 600 ms (an order, not a time bound).
  let late = false;
  const mark = setTimeout(() => { late = true; }, 600);
  await assert.rejects(client.call(CALL, { timeoutMs: 150 }), (e) => isBridgeError(e, 'TIMEOUT'));
  clearTimeout(mark);
  const took = Date.now() - t;
  assert.ok(took >= 145 && !late, `timed out after ${took} ms`);
  assert.equal(portal.posted.length, 2);
});

// A child process's client, with this file's CALL.
const inChild = (body) => inChildProcess(`const CALL = ${JSON.stringify(CALL)};\n${body}`);

test('timeouts: an idle client keeps no Node process alive', async () => {
  // A child process answers one call with a 60 s timeout and then has nothing left to do: it must
  // exit at once, not when the timer armed for that call would fire.
  const out = inChild(`
    const p = client.call(CALL, { timeoutMs: 60000 });
    reply({ guid: 'g1' });
    console.log((await p).guid);`);
  assert.equal(out.printed, 'g1', out.stderr);
  assert.equal(out.status, 0);
  assert.ok(out.ms < 10_000, `exited after ${out.ms} ms`);
});

test('timeouts: a request made while the idle timer is still armed keeps the Node process alive until it settles', async () => {
  // The first call is answered: the client is idle and its timer, left armed for that call's
  // deadline, no longer holds the process. A second call with a later deadline must hold it again,
  // or Node would exit with the call unsettled instead of reporting its TIMEOUT.
  const out = inChild(`
    const first = client.call(CALL, { timeoutMs: 300 });
    reply({ guid: 'g1' });
    await first;
    const second = client.call(CALL, { timeoutMs: 600 });
    console.log(await second.then((r) => r.guid, (e) => e.code));`);
  assert.equal(out.printed, 'TIMEOUT', out.stderr);
  assert.equal(out.status, 0);
});

test("a request a log hook makes at an unawaited message's 'sent' waits behind it in its lane, and never takes its reply", async () => {
  // Before: the unawaited message took its slot after the hook ran, so the hook's request went out
  // first and took the reply meant for the message posted before it: a call resolved with the guid
  // of a raw send's call, a confirmed hangup with the failure of an earlier unconfirmed one.
  const { portal, form, reply } = framed();
  let client;
  let inner;
  client = connectPortal({ window: form, log: (e) => {
    captureLog(e);
    if (e.type === 'sent' && e.action === 'send' && !inner) inner = client.call(CALL);
  } });
  await client.send({ action: 'call', campaign: 'Sales->', destination: '099111222' });
  assert.equal(portal.posted.length, 1, 'the call waits for the raw send\'s reply');
  reply({ guid: 'g-raw' });
  assert.equal(portal.posted.length, 2);
  reply({ guid: 'g-call' });
  assert.equal((await inner).guid, 'g-call');

  let confirmed;
  client = connectPortal({ window: form, log: (e) => {
    if (e.type === 'sent' && e.action === 'hangup' && !confirmed) confirmed = client.hangup({ confirm: true });
  } });
  await client.hangup();
  reply({ action: 'hangup', result: '0' });
  reply({ action: 'hangup', result: '1' });
  assert.deepEqual(await confirmed, { action: 'hangup', confirmed: true, via: 'porthole' });
  client.destroy();
});

// Only an answer field settles a confirmed action: `{action:'hangup', guid}` with no result is the
// portal's event about the call (the call ended), and a blank result (`''`, `' '` once trimmed) is
// neither '1' nor '0'. Both go to the listeners; the confirmation that follows settles the hangup.
test("a confirmed hangup is settled by neither {action:'hangup', guid} without result nor a blank result: listeners hear them", async () => {
  const { form, reply } = framed();
  const client = connectPortal({ log: captureLog, window: form, confirm: true });
  const heard = [];
  client.on('message', (data) => heard.push(data));
  const p = client.hangup();
  reply({ action: 'hangup', guid: 'g-1' });
  reply({ action: 'hangup', result: '' });
  reply({ action: 'hangup', result: ' ' });
  reply({ action: 'hangup', result: '1' });
  const settled = await p.then((v) => ['resolved', v], (e) => ['rejected', e.code]);
  assert.equal(settled[0], 'resolved', JSON.stringify(settled));
  assert.deepEqual(heard, [{ action: 'hangup', guid: 'g-1' }, { action: 'hangup', result: '' }, { action: 'hangup', result: ' ' }]);
  client.destroy();
});
