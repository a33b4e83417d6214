// Issue #16 on the built bundle: which messages answer which request (an action names its lane),
// replayed guids, each client's own options in shared lanes, the portal's error text kept as data,
// bad signals refused up front, and a log hook that destroys its client.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connectPortal, withFallback, isBridgeError } from '../../dist/index.js';
import { framed, tick } from './helpers/fake-window.mjs';
import { track } from './helpers/track.mjs';

const CALL = { campaign: 'Sales->', destination: '099123456' };

/** Records whether a promise settled, and how. */
const flush = () => new Promise((r) => setImmediate(r));

test('a message naming another action is never a call answer, guid or not', async () => {
  const { form, reply } = framed();
  const client = connectPortal({ log: captureLog, window: form });
  const got = [];
  client.on('message', (d) => got.push(d));
  const call = track(client.call(CALL));
  const tag = track(client.tag({ tag: 'vip' }, { confirm: true }));
  reply({ action: 'hangup', guid: 'g-hangup' }); // the portal's hangup event, carrying the call's guid
  reply({ action: 'nope', guid: 'g-nope' });
  reply({ action: 7, guid: 'g-number' });
  reply({ action: '__proto__', guid: 'g-proto' });
  await flush();
  assert.equal(call.settled, false, 'a message with another action answered the call');
  assert.deepEqual(got.map((d) => d.guid), ['g-hangup', 'g-nope', 'g-number', 'g-proto'], 'they are unsolicited messages');
  reply({ action: 'tag', guid: 'g-tagged', result: '1' }); // a tag answer that quotes the guid it tagged
  await tag.done;
  assert.equal(tag.v.confirmed, true);
  assert.equal(call.settled, false);
  reply({ action: 'call', guid: 'g-own' }); // `call` (or no action) is read by its guid
  await call.done;
  assert.equal(call.v.guid, 'g-own');
});

test("a message named 'guid' is no call answer, though the calls' lane is named guid", async () => {
  const { form, reply } = framed();
  const client = connectPortal({ log: captureLog, window: form });
  const got = [];
  client.on('message', (d) => got.push(d));
  const call = track(client.call(CALL));
  reply({ action: 'guid', guid: 'g-named' });
  reply({ action: 'guid', guid: 'g-named-too', result: '1' });
  await flush();
  assert.equal(call.settled, false, "a message named 'guid' answered the call");
  assert.deepEqual(got.map((d) => d.guid), ['g-named', 'g-named-too'], 'they are unsolicited messages');
  reply({ guid: 'g-own' });
  await call.done;
  assert.equal(call.v.guid, 'g-own');
});

test('a replayed guid never answers a second request, and consumes no slot', async () => {
  const { portal, form, reply } = framed();
  const events = [];
  const client = connectPortal({ window: form, log: (e) => { captureLog(e); events.push(e); } });
  const first = client.call(CALL);
  reply({ guid: 'g-1' });
  assert.equal((await first).guid, 'g-1');

  const second = track(client.call(CALL));
  reply({ guid: 'g-1' }); // the portal sends the old call's guid again
  await flush();
  assert.equal(second.settled, false, 'the replayed guid resolved the next call');
  assert.ok(events.some((e) => e.type === 'ignored' && e.reason === 'replayed'));
  reply({ guid: 'g-2' });
  await second.done;
  assert.equal(second.v.guid, 'g-2');

  // A stale slot is not released by a replay: the timed-out call's own late reply still comes.
  // Posted first, then timed out: a deadline of 20 ms could pass before the lane posted it on a
  // loaded machine (CI, beside two browsers), and a call due before it is posted is never sent.
  const third = client.call(CALL, { timeoutMs: 200 });
  assert.equal(portal.posted.length, 3, 'the third call is posted at once');
  await assert.rejects(third, (e) => isBridgeError(e, 'TIMEOUT') && / \(the request was sent\)$/.test(e.message));
  const fourth = track(client.call(CALL, { timeoutMs: 5000 }));
  reply({ guid: 'g-2' });
  assert.equal(portal.posted.length, 3, 'the replay released the stale slot');
  reply({ guid: 'g-late' }); // the timed-out call's answer: swallowed
  assert.equal(portal.posted.length, 4);
  reply({ guid: 'g-4' });
  await fourth.done;
  assert.equal(fourth.v.guid, 'g-4');
  // A failure is no guid: two calls may both fail with '0'.
  const f1 = client.call(CALL);
  reply({ guid: '0' });
  await assert.rejects(f1, (e) => isBridgeError(e, 'PORTAL_FAILED'));
  const f2 = client.call(CALL);
  reply({ guid: '0' });
  await assert.rejects(f2, (e) => isBridgeError(e, 'PORTAL_FAILED'));
});

test('a delivered guid stays remembered while many later calls are answered', async () => {
  const { form, reply } = framed();
  const client = connectPortal({ log: captureLog, window: form });
  for (let i = 0; i < 200; i++) {
    const p = client.call(CALL);
    reply({ guid: `g-${i}` });
    assert.equal((await p).guid, `g-${i}`);
  }
  const next = track(client.call(CALL));
  reply({ guid: 'g-0' }); // the first call's guid, sent again
  await flush();
  assert.equal(next.settled, false, 'the replayed guid answered the next call');
  reply({ guid: 'g-200' });
  await next.done;
  assert.equal(next.v.guid, 'g-200');
});

test('a guid swallowed as a late reply, or handed to listeners, is remembered too: sent again, it answers no later call', async () => {
  const { portal, form, reply } = framed();
  const client = connectPortal({ log: captureLog, window: form, lateReplyWindowMs: 60_000 });
  const heard = [];
  client.on('message', (d) => heard.push(d.guid));
  reply({ guid: 'g-unasked' }); // no call waits: the listeners get it
  assert.deepEqual(heard, ['g-unasked']);
  // Its deadline of 200 ms, not tens: a stall of the process within the call (GC, a loaded
  // machine) as long as its deadline had it due before it was posted, and then it is never sent.
  await assert.rejects(client.call(CALL, { timeoutMs: 200 }), (e) => isBridgeError(e, 'TIMEOUT') && /was sent/.test(e.message));
  const next = track(client.call(CALL, { timeoutMs: 60_000 }));
  assert.equal(portal.posted.length, 1, 'queued behind the stale slot');
  reply({ guid: 'g-late' }); // the timed-out call's own answer: swallowed, and the next call goes out
  assert.equal(portal.posted.length, 2);
  // A burst of the old answers again (a portal that repeats itself, a duplicated message).
  reply({ guid: 'g-late' });
  reply({ guid: 'g-unasked' });
  await flush();
  assert.equal(next.settled, false, 'an old guid answered the next call');
  assert.deepEqual(heard, ['g-unasked'], 'an old guid reached the listeners again');
  reply({ guid: 'g-next' });
  await next.done;
  assert.equal(next.v.guid, 'g-next');
});

test('replayed guids are remembered per window, across clients', async () => {
  const { form, reply } = framed();
  const a = connectPortal({ log: captureLog, window: form });
  const p = a.call(CALL);
  reply({ guid: 'g-a' });
  await p;
  a.destroy();
  const b = connectPortal({ log: captureLog, window: form });
  const q = track(b.call(CALL));
  reply({ guid: 'g-a' });
  await flush();
  assert.equal(q.settled, false);
  reply({ guid: 'g-b' });
  await q.done;
  assert.equal(q.v.guid, 'g-b');
});

test("each client's lateReplyWindowMs holds for its own requests, whichever client came first", async () => {
  const { portal, form, reply } = framed();
  connectPortal({ log: captureLog, window: form, lateReplyWindowMs: 20 }); // a widget with a short window
  const formClient = connectPortal({ log: captureLog, window: form, lateReplyWindowMs: 5000 });
  // Its deadline of 200 ms, not tens: a stall of the process within the call (GC, a loaded
  // machine) as long as its deadline had it due before it was posted, and then it is never sent.
  await assert.rejects(formClient.call(CALL, { timeoutMs: 200 }), (e) => isBridgeError(e, 'TIMEOUT') && /was sent/.test(e.message));
  const retry = track(formClient.call(CALL, { timeoutMs: 5000 }));
  await tick(80); // past the widget's window, well within the form's
  assert.equal(portal.posted.length, 1, "the retry went out inside the form's late window");
  reply({ guid: 'g-late' });
  assert.equal(portal.posted.length, 2);
  reply({ guid: 'g-retry' });
  await retry.done;
  assert.equal(retry.v.guid, 'g-retry');
});

test("a short window is the short window's client's own: its late reply may then reach a later request", async () => {
  const { portal, form, reply } = framed();
  connectPortal({ log: captureLog, window: form, lateReplyWindowMs: 5000 });
  const widget = connectPortal({ log: captureLog, window: form, lateReplyWindowMs: 20 });
  // Its deadline of 200 ms, not tens: a stall of the process within the call (GC, a loaded
  // machine) as long as its deadline had it due before it was posted, and then it is never sent.
  await assert.rejects(widget.call(CALL, { timeoutMs: 200 }), (e) => isBridgeError(e, 'TIMEOUT') && /was sent/.test(e.message));
  const next = track(widget.call(CALL, { timeoutMs: 5000 }));
  await tick(80);
  assert.equal(portal.posted.length, 2, "the widget's window closed: its next call went out");
  reply({ guid: 'g-2' });
  await next.done;
  assert.equal(next.v.guid, 'g-2');
});

test("the portal's error text stays data: in err.detail, never in the message or a log event", async () => {
  const { form, reply } = framed();
  const events = [];
  const client = connectPortal({ window: form, confirm: true, log: (e) => { captureLog(e); events.push(e); } });
  const text = 'could not dial 099555014\nline 2: agent 1001 busy';
  const c = client.call(CALL);
  reply({ guid: '0', error: text });
  const err = await c.catch((e) => e);
  assert.ok(isBridgeError(err, 'PORTAL_FAILED'));
  assert.equal(err.detail, text);
  assert.ok(!err.message.includes('099555014') && !/\n/.test(err.message), err.message);
  assert.match(err.message, /^call: the portal reported a failure/);
  const h = client.hangup();
  reply({ action: 'hangup', result: '0', error: 'x'.repeat(10_000) });
  const long = await h.catch((e) => e);
  assert.equal(long.detail.length, 500, 'detail is capped');
  assert.ok(!JSON.stringify(events).includes('099555014'));
});

const BAD_SIGNALS = [['an AbortController', () => new AbortController()], ['an empty object', () => ({})], ['a string', () => 'abort'],
  ['a half signal', () => ({ aborted: false, addEventListener() {} })], ['a number', () => 1]];

for (const [what, make] of BAD_SIGNALS) {
  test(`signal: ${what} is INVALID_ARGUMENT naming signal, before anything is posted, for every method`, async () => {
    const { portal, form } = framed();
    const client = connectPortal({ log: captureLog, window: form });
    const runs = [
      (o) => client.call(CALL, o), (o) => client.callWithPhone(CALL, o), (o) => client.hangup(o),
      (o) => client.hangup({ ...o, confirm: true }), (o) => client.disposition({ l1: 'Sale' }, o), (o) => client.tag({ tag: 'x' }, o),
    ];
    for (const run of runs) {
      await assert.rejects(run({ signal: make() }), (e) => isBridgeError(e, 'INVALID_ARGUMENT') && /signal/.test(e.message) && /AbortSignal/.test(e.message));
    }
    assert.equal(portal.posted.length, 0);
    const fallback = withFallback(connectPortal({ log: captureLog, window: new (form.constructor)() }), {
      call: async () => assert.fail('the fallback was called'), hangup: async () => assert.fail('the fallback was called'),
    });
    await assert.rejects(fallback.call(CALL, { signal: make() }), (e) => isBridgeError(e, 'INVALID_ARGUMENT') && /signal/.test(e.message));
    await assert.rejects(fallback.hangup({ signal: make() }), (e) => isBridgeError(e, 'INVALID_ARGUMENT') && /signal/.test(e.message));
  });
}

test('signal: a refused signal leaves the client whole: its other requests still time out, nothing is thrown', async () => {
  const { form } = framed();
  const client = connectPortal({ log: captureLog, window: form, confirm: true });
  const uncaught = [];
  const onUncaught = (e) => uncaught.push(e);
  process.on('uncaughtException', onUncaught);
  try {
    const bad = client.call(CALL, { signal: new AbortController(), timeoutMs: 30 });
    const other = client.hangup({ timeoutMs: 60 });
    await assert.rejects(bad, (e) => isBridgeError(e, 'INVALID_ARGUMENT'));
    await assert.rejects(other, (e) => isBridgeError(e, 'TIMEOUT'));
    const call = client.call(CALL, { timeoutMs: 40 });
    await assert.rejects(call, (e) => isBridgeError(e, 'TIMEOUT'));
    await tick(50);
  } finally {
    process.off('uncaughtException', onUncaught);
  }
  assert.deepEqual(uncaught, []);
  // null means no signal, as for fetch; a real signal still works.
  const { form: f2, reply } = framed();
  const c2 = connectPortal({ log: captureLog, window: f2 });
  const p = c2.call(CALL, { signal: null });
  reply({ guid: 'g' });
  assert.equal((await p).guid, 'g');
});

test('signal: a signal that throws when the request settles cannot stop the client timing out', async () => {
  const { form } = framed();
  const client = connectPortal({ log: captureLog, window: form, confirm: true });
  const signal = { aborted: false, addEventListener() {}, removeEventListener() { throw new Error('odd signal'); } };
  const a = client.tag({ tag: 'x' }, { signal, timeoutMs: 20 });
  const b = client.hangup({ timeoutMs: 20 });
  const c = client.call(CALL, { timeoutMs: 60 });
  for (const p of [a, b, c]) await assert.rejects(p, (e) => isBridgeError(e, 'TIMEOUT'));
});

test('signal: a settled request lets go of its signal; aborting it afterwards logs nothing', async () => {
  const { form, reply } = framed();
  const events = [];
  const client = connectPortal({ window: form, confirm: true, log: (e) => { captureLog(e); events.push(e); } });
  const listening = new Set();
  const signal = { aborted: false, addEventListener: (_t, fn) => listening.add(fn), removeEventListener: (_t, fn) => listening.delete(fn) };
  const answered = client.call(CALL, { signal });
  const timedOut = client.hangup({ signal, timeoutMs: 20 });
  assert.equal(listening.size, 2);
  reply({ guid: 'g-1' });
  assert.equal((await answered).guid, 'g-1');
  await assert.rejects(timedOut, (e) => isBridgeError(e, 'TIMEOUT'));
  assert.equal(listening.size, 0, 'a settled request still listens to its signal');
  // A real signal, aborted once its request was answered: no abort of a settled request is logged.
  const ac = new AbortController();
  const p = client.call(CALL, { signal: ac.signal });
  reply({ guid: 'g-2' });
  await p;
  ac.abort();
  assert.deepEqual(events.filter((e) => e.type === 'aborted'), []);
});

test('destroy() from the log hook: the answered request keeps its answer, a timed-out one its TIMEOUT', async () => {
  const { form, reply } = framed();
  let client;
  client = connectPortal({ window: form, log: (e) => { captureLog(e); if (e.type === 'answered') client.destroy(); } });
  const p = client.call(CALL);
  reply({ guid: 'g-answered' });
  assert.deepEqual(await p, { action: 'call', guid: 'g-answered', via: 'porthole' });
  await assert.rejects(client.call(CALL), (e) => isBridgeError(e, 'DESTROYED'));

  const f = framed();
  let c2;
  c2 = connectPortal({ window: f.form, confirm: true, log: (e) => { captureLog(e); if (e.type === 'timeout' || e.type === 'failed') c2.destroy(); } });
  await assert.rejects(c2.call(CALL, { timeoutMs: 20 }), (e) => isBridgeError(e, 'TIMEOUT'));
  const f3 = framed();
  let c3;
  c3 = connectPortal({ window: f3.form, confirm: true, log: (e) => { captureLog(e); if (e.type === 'failed') c3.destroy(); } });
  const failing = c3.hangup();
  f3.reply({ action: 'hangup', result: '0' });
  await assert.rejects(failing, (e) => isBridgeError(e, 'PORTAL_FAILED'));
});

test('signal: a signal that throws when its request is answered throws nothing out of the message listener', async () => {
  const { form, reply } = framed();
  const client = connectPortal({ log: captureLog, window: form });
  const signal = { aborted: false, addEventListener() {}, removeEventListener() { throw new Error('odd signal'); } };
  const uncaught = [];
  const onUncaught = (e) => uncaught.push(e);
  process.on('uncaughtException', onUncaught);
  try {
    const p = client.call(CALL, { signal });
    reply({ guid: 'g-odd' });
    assert.equal((await p).guid, 'g-odd');
    await tick(20);
  } finally {
    process.off('uncaughtException', onUncaught);
  }
  assert.deepEqual(uncaught.map(String), []);
});

test('withFallback outside the portal: a signal aborted before the call is ABORTED (never sent), whatever fallback it wraps', async () => {
  // A fallback of the caller's own that does not look at the signal was called, and its guid came
  // back as a placed call: the portal's own ways check an aborted signal before anything is sent.
  const sent = [];
  const fallback = { call: async (args) => (sent.push(['call', args.destination]), 'g-1'), hangup: async () => void sent.push(['hangup']) };
  const portal = withFallback(connectPortal({ log: captureLog, window: new (framed().form.constructor)() }), fallback);
  assert.equal(portal.embedded, false);
  const aborted = AbortSignal.abort(new Error('gone'));
  const isAborted = (e) => isBridgeError(e, 'ABORTED') && /never sent/.test(e.message) && e.cause?.message === 'gone';
  await assert.rejects(portal.call({ campaign: 'Sales->', destination: '099123456' }, { signal: aborted }), isAborted);
  await assert.rejects(portal.hangup({ signal: aborted }), isAborted);
  // Bad arguments still come first; a live signal goes to REST.
  await assert.rejects(portal.call({ campaign: 'Sales->', destination: '099 123' }, { signal: aborted }), (e) => isBridgeError(e, 'INVALID_ARGUMENT'));
  assert.deepEqual(sent, []);
  assert.deepEqual(await portal.call({ campaign: 'Sales->', destination: '099123456' }, { signal: new AbortController().signal }), { action: 'call', guid: 'g-1', via: 'rest' });
  assert.deepEqual(sent, [['call', '099123456']]);
  portal.destroy();
});
