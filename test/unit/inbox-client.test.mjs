// The Inbox client of the `inbox` entry (spec section 7) on the built bundle, with stand-in windows:
// the exact wire, target origins, which messages are read, concurrency, timeouts, abort, destroy,
// argument checks and the log hook. The browser tests (e2e/inbox*.e2e.test.mjs) repeat the parts
// that depend on a real browser.
import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import { connectInbox, isBridgeError, BridgeError } from '../../dist/inbox.js';
import { BridgeError as PortalBridgeError, isBridgeError as portalIsBridgeError } from '../../dist/index.js';
import { INTERACTIONS } from '../../demo/inbox/interactions.mjs';
import { FakeWindow, deliver, tick } from './helpers/fake-window.mjs';
import { unhandledDuring } from './helpers/unhandled.mjs';

const INBOX = 'http://127.0.0.1:8080';
const OTHER = 'http://localhost:9090';
const SMS = INTERACTIONS.find((x) => x.interaction.channel === 'sms').interaction;
const EMAIL = INTERACTIONS.find((x) => x.interaction.channel === 'email').interaction;

/** An Inbox window framing a form window; `answer` posts as the Inbox (or as anyone). */
function framed({ inboxOrigin = INBOX, formOrigin = inboxOrigin, ancestorOrigins } = {}) {
  const inbox = new FakeWindow({ origin: inboxOrigin });
  const form = new FakeWindow({ origin: formOrigin, parent: inbox, ancestorOrigins });
  const send = (data, { origin = inboxOrigin, source = inbox } = {}) => deliver(form, { data, origin, source });
  const answer = (interaction, opts) => send({ action: 'interaction', interaction }, opts);
  return { inbox, form, send, answer };
}

/** Settles `promise` into `{ok, value}` or `{ok: false, code, message}`. */
const outcome = (promise) => promise.then((value) => ({ ok: true, value }), (e) => ({ ok: false, code: e.code, message: e.message, e }));
/** Whether `promise` has settled after the microtasks queued so far. */
async function settled(promise) {
  let done = false;
  promise.then(() => { done = true; }, () => { done = true; });
  // setImmediate, not setTimeout: some tests mock the timers.
  await new Promise((r) => setImmediate(r));
  return done;
}
const expectCode = (code) => (e) => isBridgeError(e, code);

test('getInteraction posts exactly {action: "getInteraction"} to the parent, to its own origin, and resolves normalised', async () => {
  const { inbox, form, answer } = framed();
  const client = connectInbox({ window: form, log: captureLog });
  assert.equal(client.embedded, true);
  const p = client.getInteraction();
  assert.equal(inbox.posted.length, 1);
  const { data, targetOrigin } = inbox.posted[0];
  assert.deepEqual(data, { action: 'getInteraction' });
  assert.deepEqual(Object.keys(data), ['action']);
  assert.equal(Object.getPrototypeOf(data), Object.prototype, 'a plain object, not JSON text');
  assert.equal(targetOrigin, INBOX);
  answer(SMS);
  const i = await p;
  assert.equal(i.channel, 'sms');
  assert.equal(i.clientId, '098765432');
  assert.equal(i.columns.Confirmada, true);
  assert.deepEqual(i.raw, SMS);
  assert.notEqual(i.raw, SMS, 'its own copy of the answer');
});

test('connectInbox: an option given as undefined is the default, as an absent one', async () => {
  const { inbox, form, answer } = framed();
  const client = connectInbox({ window: form, allowedOrigins: undefined, unsafeAllowAnyOrigin: undefined, timeoutMs: undefined, log: undefined });
  const p = client.getInteraction();
  assert.equal(inbox.posted[0].targetOrigin, INBOX);
  answer(SMS);
  assert.equal((await p).channel, 'sms');
  client.destroy();
});

test('close() and sent() post exactly {action} to the Inbox\'s origin, and wait for nothing', () => {
  const { inbox, form } = framed({ formOrigin: OTHER, ancestorOrigins: [INBOX] });
  const events = [];
  const client = connectInbox({ window: form, allowedOrigins: INBOX, log: (e) => events.push(e) });
  assert.equal(client.close(), undefined);
  assert.equal(client.sent(), undefined);
  assert.deepEqual(inbox.posted, [{ data: { action: 'close' }, targetOrigin: INBOX }, { data: { action: 'sent' }, targetOrigin: INBOX }]);
  assert.deepEqual(events, [{ type: 'sent', action: 'close' }, { type: 'sent', action: 'sent' }]);
});

test('cross origin: the target is the allowed origin the browser names as the parent\'s, never "*"', async () => {
  const { inbox, form, answer } = framed({ formOrigin: OTHER, ancestorOrigins: [INBOX] });
  const client = connectInbox({ window: form, allowedOrigins: [OTHER, INBOX] });
  const p = client.getInteraction();
  assert.equal(inbox.posted[0].targetOrigin, INBOX);
  answer(EMAIL);
  assert.equal((await p).channel, 'email');
  // Without ancestorOrigins, one allowed origin is the target; several need the referrer to tell.
  const b = framed({ formOrigin: OTHER });
  connectInbox({ window: b.form, allowedOrigins: INBOX }).close();
  assert.equal(b.inbox.posted[0].targetOrigin, INBOX);
  const c = framed({ formOrigin: OTHER });
  c.form.document.referrer = `${INBOX}/inbox?channel=sms`;
  connectInbox({ window: c.form, allowedOrigins: [OTHER, INBOX] }).sent();
  assert.equal(c.inbox.posted[0].targetOrigin, INBOX);
});

test('ORIGIN_REJECTED at once, nothing posted, when the parent\'s known origin is not allowed or cannot be told', async () => {
  const { inbox, form } = framed({ formOrigin: OTHER, ancestorOrigins: [INBOX] });
  const client = connectInbox({ window: form, log: captureLog }); // default: the form's own origin only
  const r = await outcome(client.getInteraction());
  assert.equal(r.code, 'ORIGIN_REJECTED');
  assert.match(r.message, /^getInteraction: /);
  assert.throws(() => client.close(), expectCode('ORIGIN_REJECTED'));
  const b = framed({ formOrigin: OTHER });
  assert.throws(() => connectInbox({ window: b.form, allowedOrigins: [OTHER, INBOX] }).sent(), expectCode('ORIGIN_REJECTED'));
  assert.equal(inbox.posted.length + b.inbox.posted.length, 0);
});

test('not framed: NOT_EMBEDDED at once from every method, no listener; no window at all (a server) alike', async () => {
  const top = new FakeWindow({ origin: INBOX });
  const client = connectInbox({ window: top, log: captureLog });
  assert.equal(client.embedded, false);
  assert.equal(top.listenerCount, 0);
  // At once: settled before the next turn of the event loop (an order, not a time bound a loaded
  // machine's stall could pass).
  const r = await Promise.race([outcome(client.getInteraction({ timeoutMs: 60_000 })), new Promise((res) => setImmediate(res, 'pending'))]);
  assert.equal(r.code, 'NOT_EMBEDDED');
  assert.throws(() => client.close(), expectCode('NOT_EMBEDDED'));
  assert.throws(() => client.sent(), expectCode('NOT_EMBEDDED'));
  assert.equal(top.posted.length, 0);
  assert.equal(typeof globalThis.window, 'undefined');
  const server = connectInbox();
  assert.equal(server.embedded, false);
  assert.equal((await outcome(server.getInteraction())).code, 'NOT_EMBEDDED');
  server.destroy();
});

test('a page whose global `parent` is no window (`var parent = {…}` in a classic script replaces window.parent): INVALID_ARGUMENT at connect, not a TypeError from each request', async () => {
  // Framed in the Inbox or opened by hand: either way window.parent is the page's own object now.
  for (const form of [framed().form, new FakeWindow({ origin: INBOX })]) {
    form.parent = { id: 'the page\'s own parent' };
    let client;
    try {
      client = connectInbox({ window: form });
    } catch (e) {
      assert.ok(isBridgeError(e, 'INVALID_ARGUMENT'), `${e.name}: ${e.message}`);
      assert.equal(e.message, 'connectInbox: window.parent must be a window');
      assert.equal(form.listenerCount, 0);
      continue;
    }
    const r = await outcome(client.getInteraction({ timeoutMs: 50 }));
    assert.fail(`connected (embedded: ${client.embedded}); getInteraction rejected with ${r.e?.name}: ${r.message}`);
  }
  // A window whose parent is null (a discarded browsing context's) is still one not framed.
  const gone = new FakeWindow({ origin: INBOX });
  gone.parent = null;
  const client = connectInbox({ window: gone });
  assert.equal(client.embedded, false);
  assert.equal((await outcome(client.getInteraction())).code, 'NOT_EMBEDDED');
});

test('answers are read only from the parent window and an allowed origin, with the right shape', async () => {
  const { form, send, answer } = framed();
  const events = [];
  const client = connectInbox({ window: form, log: (e) => events.push(e) });
  const p = client.getInteraction();
  const sibling = new FakeWindow({ origin: INBOX });
  answer(EMAIL, { source: sibling });
  answer(EMAIL, { source: null });
  answer(EMAIL, { source: form });
  answer(EMAIL, { origin: OTHER });
  answer(EMAIL, { origin: 'null' });
  for (const data of [JSON.stringify({ action: 'interaction', interaction: EMAIL }), null, 42, [], ['interaction'], { action: 'Interaction', interaction: EMAIL },
    { action: 'interactions', interaction: EMAIL }, { interaction: EMAIL }, { action: 'getInteraction' }, { action: 'close' }]) send(data);
  for (const interaction of [42, true, [], [EMAIL], 'not json', '[1]', () => 1]) answer(interaction);
  assert.equal(await settled(p), false, 'nothing above answers');
  assert.deepEqual(events.filter((e) => e.type === 'ignored').map((e) => e.reason), [
    'source', 'source', 'source', 'origin', 'origin',
    'other', 'other', 'other', 'other', 'other', 'other', 'other', 'other', 'other', 'other',
    'malformed', 'malformed', 'malformed', 'malformed', 'malformed', 'malformed', 'malformed',
  ]);
  answer(SMS);
  assert.equal((await p).channel, 'sms');
});

// Contract 7: the message must come from window.parent. The Inbox may itself be framed (an agent
// console of the same origin holds it): the form's parent is then not its top window.
test('an Inbox framed by a console: the form posts to its parent, not the top window, and ignores the top window', async () => {
  const agentConsole = new FakeWindow({ origin: INBOX });
  const inbox = new FakeWindow({ origin: INBOX, parent: agentConsole });
  const form = new FakeWindow({ origin: INBOX, parent: inbox });
  form.top = agentConsole;
  inbox.top = agentConsole;
  const events = [];
  const client = connectInbox({ window: form, log: (e) => events.push(e) });
  const p = client.getInteraction();
  client.sent();
  assert.deepEqual(inbox.posted.map((m) => m.data), [{ action: 'getInteraction' }, { action: 'sent' }]);
  assert.deepEqual(agentConsole.posted, []);
  deliver(form, { data: { action: 'interaction', interaction: EMAIL }, origin: INBOX, source: agentConsole });
  assert.equal(await settled(p), false, "the console's message answers nothing");
  assert.deepEqual(events.filter((e) => e.type === 'ignored').map((e) => e.reason), ['source']);
  deliver(form, { data: { action: 'interaction', interaction: SMS }, origin: INBOX, source: inbox });
  assert.equal((await p).channel, 'sms');
  client.destroy();
});

test('an interaction sent as JSON text is read; an answer nobody waits for is logged, not lost silently', async () => {
  const { form, answer } = framed();
  const events = [];
  const client = connectInbox({ window: form, log: (e) => events.push(e) });
  answer(SMS);
  assert.deepEqual(events, [{ type: 'ignored', reason: 'unrequested' }]);
  const p = client.getInteraction();
  answer(JSON.stringify(EMAIL));
  assert.equal((await p).channel, 'email');
});

test('concurrent calls all resolve with the next answer, each with its own copy', async () => {
  const { inbox, form, answer } = framed();
  const client = connectInbox({ window: form });
  const calls = [client.getInteraction(), client.getInteraction({ timeoutMs: 60_000 }), client.getInteraction()];
  assert.equal(inbox.posted.length, 3, 'every call asks, as the platform\'s helper does');
  answer(SMS);
  const got = await Promise.all(calls);
  for (const i of got) assert.equal(i.clientId, '098765432');
  assert.notEqual(got[0], got[1]);
  assert.notEqual(got[0].columns, got[2].columns);
  got[0].columns.Tecnico = 'changed';
  assert.equal(got[1].columns.Tecnico, 'R. Ferreira');
  // The next call waits for the next answer.
  const later = client.getInteraction();
  assert.equal(await settled(later), false);
  answer(EMAIL);
  assert.equal((await later).channel, 'email');
});

test('concurrent calls share nothing nested: each call reads its own structured clone of the answer', async () => {
  const { form, answer } = framed();
  const client = connectInbox({ window: form });
  const calls = [client.getInteraction(), client.getInteraction()];
  const raw = { channel: 'webchat', extraInfo: { customFields: { Email: 'a' } }, cc: ['x'], data: { Address: { street: 's' } } };
  answer(raw);
  const [a, b] = await Promise.all(calls);
  assert.notEqual(a.raw, raw, 'the first call too: the page may have other clients, handed this same answer');
  assert.notEqual(b.raw, raw);
  assert.notEqual(a.raw, b.raw);
  assert.deepEqual([a.raw, b.raw], [raw, raw]);
  a.extraInfo.customFields.Email = 'changed';
  a.extra.cc.push('y');
  a.columns.Address.street = 'changed';
  assert.deepEqual([b.extraInfo.customFields.Email, b.extra.cc, b.columns.Address.street], ['a', ['x'], 's']);
  assert.deepEqual([b.raw.extraInfo.customFields.Email, b.raw.cc, b.raw.data.Address.street], ['a', ['x'], 's']);
  assert.equal(b.columns.Email, 'a');
  // An answer that cannot be cloned (a function in it, as no real Inbox can post) is shared, not lost.
  const more = [client.getInteraction(), client.getInteraction()];
  const odd = { channel: 'sms', data: { f: () => 1 } };
  answer(odd);
  for (const i of await Promise.all(more)) assert.deepEqual([i.channel, i.raw], ['sms', odd]);
});

// Two components of one form, each with its own client (or one per copy of the library): the
// browser hands every listener of the page the same answer object, and each client gave it, itself,
// to its first caller as `raw`: one component editing its interaction changed the other's.
test('two clients of one page share nothing of one answer: each caller, of either client, reads its own copy', async () => {
  const { form, answer } = framed();
  const one = connectInbox({ window: form, log: captureLog });
  const two = connectInbox({ window: form, log: captureLog });
  const calls = [one.getInteraction(), two.getInteraction()];
  const raw = { channel: 'webchat', cc: ['x'], data: { Address: { street: 's' }, CONTACT: { name: 'Ana' } } };
  answer(raw);
  const [a, b] = await Promise.all(calls);
  assert.notEqual(a.raw, b.raw);
  a.columns.Address.street = 'changed';
  a.contact.name = 'changed';
  a.extra.cc.push('y');
  assert.deepEqual([b.columns.Address.street, b.contact.name, b.extra.cc], ['s', 'Ana', ['x']]);
  assert.deepEqual(b.raw, { channel: 'webchat', cc: ['x'], data: { Address: { street: 's' }, CONTACT: { name: 'Ana' } } });
  one.destroy();
  two.destroy();
});

test('an answer with no interaction (null) is NO_INTERACTION at once for every waiting call', async () => {
  const { form, answer, send } = framed();
  const client = connectInbox({ window: form, log: captureLog });
  const calls = [client.getInteraction({ timeoutMs: 60_000 }), client.getInteraction({ timeoutMs: 60_000 })].map(outcome);
  answer(null);
  for (const call of calls) assert.equal(await settled(call), true, 'at once, not after the timeout');
  for (const r of await Promise.all(calls)) {
    assert.equal(r.code, 'NO_INTERACTION');
    assert.equal(r.message, 'getInteraction: the Inbox answered without an interaction');
  }
  const next = outcome(client.getInteraction({ timeoutMs: 60_000 }));
  send({ action: 'interaction' });
  assert.equal(await settled(next), true);
  assert.equal((await next).code, 'NO_INTERACTION');
});

// Contract 7: a form opened without an interaction gets no answer; an Inbox that answers says there
// is none when its interaction is empty: false, '' or 0 as null (a form testing the interaction as
// the platform's helper hands it reads them so), and the JSON text of null, 'null' (an interaction
// may come as JSON text). Waiting out the 5 s for another answer was wrong.
test('an answer whose interaction is false, \'\', 0 or \'null\' is NO_INTERACTION at once, as null; a malformed one is still ignored', async () => {
  const { form, answer } = framed();
  const events = [];
  const client = connectInbox({ window: form, log: (e) => events.push(e) });
  for (const none of [false, '', 0, 'null']) {
    events.length = 0;
    const call = outcome(client.getInteraction({ timeoutMs: 60_000 }));
    answer(none);
    assert.equal(await settled(call), true, `${JSON.stringify(none)}: at once, not after the timeout`);
    const r = await call;
    assert.equal(r.code, 'NO_INTERACTION');
    assert.equal(r.message, 'getInteraction: the Inbox answered without an interaction');
    assert.deepEqual(events.map((e) => e.type), ['sent', 'no-interaction']);
  }
  const call = outcome(client.getInteraction({ timeoutMs: 60_000 }));
  answer(true);
  answer('none');
  assert.equal(await settled(call), false, 'true and non-JSON text are no answer');
  answer(EMAIL);
  assert.equal((await call).value.channel, 'email');
  client.destroy();
});

test('no answer: NO_INTERACTION after the timeout; default 5000 ms, the client\'s own, or the call\'s', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const { form } = framed();
  const events = [];
  const client = connectInbox({ window: form, log: (e) => events.push(e) });
  const p = outcome(client.getInteraction());
  t.mock.timers.tick(4999);
  assert.equal(await settled(p), false);
  t.mock.timers.tick(1);
  const r = await p;
  assert.equal(r.code, 'NO_INTERACTION');
  assert.match(r.message, /^getInteraction: no answer from the Inbox within 5000 ms/);
  assert.deepEqual(events.at(-1), { type: 'no-interaction' });

  const own = connectInbox({ window: framed().form, timeoutMs: 200 });
  const q = outcome(own.getInteraction());
  const q2 = outcome(own.getInteraction({ timeoutMs: 1000 }));
  t.mock.timers.tick(200);
  assert.equal((await q).code, 'NO_INTERACTION');
  assert.equal(await settled(q2), false);
  t.mock.timers.tick(800);
  assert.equal((await q2).code, 'NO_INTERACTION');
});

test('a late answer resolves a call still waiting, and is logged unrequested after it gave up', async () => {
  const { form, answer } = framed();
  const events = [];
  const client = connectInbox({ window: form, log: (e) => events.push(e.reason ?? e.type) });
  const first = outcome(client.getInteraction({ timeoutMs: 30 }));
  await tick(60);
  assert.equal((await first).code, 'NO_INTERACTION');
  answer(SMS);
  assert.equal(events.at(-1), 'unrequested');
  const second = client.getInteraction({ timeoutMs: 2000 });
  await tick(20);
  answer(EMAIL);
  assert.equal((await second).channel, 'email');
});

test('abort: before sending nothing is posted; while waiting the call rejects at once; the listener is removed', async () => {
  const { inbox, form, answer } = framed();
  const events = [];
  const client = connectInbox({ window: form, log: (e) => events.push(e) });
  const pre = await outcome(client.getInteraction({ signal: AbortSignal.abort() }));
  assert.equal(pre.code, 'ABORTED');
  assert.equal(pre.message, 'getInteraction: aborted (never sent)');
  assert.equal(inbox.posted.length, 0);

  const ac = new AbortController();
  const removed = mock.method(ac.signal, 'removeEventListener');
  const other = client.getInteraction();
  const p = outcome(client.getInteraction({ signal: ac.signal, timeoutMs: 60_000 }));
  ac.abort();
  const r = await p;
  assert.equal(r.code, 'ABORTED');
  assert.equal(r.message, 'getInteraction: aborted (sent)');
  assert.equal(removed.mock.callCount(), 1);
  assert.deepEqual(events.at(-1), { type: 'aborted' });
  answer(SMS);
  assert.equal((await other).channel, 'sms', 'another call is not affected');
});

test('a signal whose removeEventListener throws cannot throw out of the message listener or the timer', async () => {
  const { form, answer } = framed();
  const client = connectInbox({ window: form });
  const signal = new AbortController().signal;
  signal.removeEventListener = () => { throw new Error('hostile signal'); };
  const p = client.getInteraction({ signal });
  assert.doesNotThrow(() => answer(SMS));
  assert.equal((await p).channel, 'sms');
  const q = outcome(client.getInteraction({ signal, timeoutMs: 10 }));
  assert.equal((await q).code, 'NO_INTERACTION');
});

test('destroy: waiting calls reject DESTROYED, later calls too, the listener is gone, destroy twice is harmless', async () => {
  const { form, answer } = framed();
  const events = [];
  const client = connectInbox({ window: form, log: (e) => events.push(e) });
  assert.equal(form.listenerCount, 1);
  const p = outcome(client.getInteraction());
  client.destroy();
  assert.equal((await p).code, 'DESTROYED');
  assert.equal(form.listenerCount, 0);
  assert.equal((await outcome(client.getInteraction())).code, 'DESTROYED');
  assert.throws(() => client.close(), expectCode('DESTROYED'));
  assert.throws(() => client.sent(), expectCode('DESTROYED'));
  client.destroy();
  const count = events.length;
  answer(SMS);
  assert.equal(events.length, count, 'a destroyed client hears nothing');
  assert.deepEqual(events.filter((e) => e.type === 'destroyed').length, 1);
});

test('an async log hook that rejects leaves no unhandled rejection, as with the REST clients\' hook', async () => {
  // Before: one unhandled rejection per event ('sent', 'answered', 'destroyed'): in Node it stops the process.
  const seen = await unhandledDuring(async () => {
    const { form, answer } = framed();
    const client = connectInbox({ window: form, log: async () => { throw new Error('hook bug'); } });
    const p = client.getInteraction();
    answer(SMS);
    await p;
    client.destroy();
  });
  assert.deepEqual(seen, []);
});

test('a log hook that throws breaks nothing; one that destroys the client on "sent" rejects the call DESTROYED', async () => {
  const { form, answer } = framed();
  const throwing = connectInbox({ window: form, log: () => { throw new Error('hook bug'); } });
  const p = throwing.getInteraction();
  assert.doesNotThrow(() => answer(SMS));
  assert.equal((await p).channel, 'sms');
  let client;
  client = connectInbox({ window: framed().form, log: (e) => e.type === 'sent' && client.destroy() });
  assert.equal((await outcome(client.getInteraction())).code, 'DESTROYED');
});

test('a log hook that aborts the call\'s signal on "sent" rejects it ABORTED at once, not NO_INTERACTION after the timeout', async () => {
  const { form } = framed();
  const ac = new AbortController();
  const client = connectInbox({ window: form, timeoutMs: 60_000, log: (e) => e.type === 'sent' && ac.abort() });
  const p = client.getInteraction({ signal: ac.signal });
  assert.equal(await settled(p), true, 'settled at once');
  assert.equal((await outcome(p)).code, 'ABORTED');
  client.destroy();
});

// README, "Testing your integration": a stand-in window such as an EventTarget. One that answers
// inside its postMessage (no browser does, a test's stand-in may) answered nobody: the answer was
// ignored as unrequested and the call waited for its NO_INTERACTION, where the portal client's
// stand-in may answer so.
test('a stand-in Inbox that answers inside postMessage resolves the call', async () => {
  const { inbox, form, answer } = framed();
  inbox.postMessage = (data) => data.action === 'getInteraction' && answer(SMS);
  const events = [];
  const client = connectInbox({ window: form, timeoutMs: 60_000, log: (e) => events.push(e.type) });
  const p = client.getInteraction();
  assert.equal(await settled(p), true, 'settled at once');
  assert.equal((await p).channel, 'sms');
  assert.deepEqual(events, ['answered', 'sent']);
  client.destroy();
});

test('unsafeAllowAnyOrigin: answers from any origin of the parent are read; the target is the known origin, else "*"', async () => {
  const { inbox, form, answer } = framed({ formOrigin: OTHER });
  const client = connectInbox({ window: form, unsafeAllowAnyOrigin: true });
  const p = client.getInteraction();
  assert.equal(inbox.posted[0].targetOrigin, '*');
  answer(SMS, { origin: 'https://anything.example' });
  assert.equal((await p).channel, 'sms');
  const b = framed({ formOrigin: OTHER, ancestorOrigins: [INBOX] });
  connectInbox({ window: b.form, unsafeAllowAnyOrigin: true }).close();
  assert.equal(b.inbox.posted[0].targetOrigin, INBOX);
});

test('bad options are INVALID_ARGUMENT before anything is posted, naming the field, never the value', async () => {
  const { inbox, form } = framed();
  const bad = (fn, pattern) => {
    try {
      fn();
    } catch (e) {
      captureLog({ error: e.message });
      assert.ok(isBridgeError(e, 'INVALID_ARGUMENT'), e.message);
      assert.match(e.message, pattern);
      return e;
    }
    assert.fail(`expected INVALID_ARGUMENT matching ${pattern}`);
  };
  bad(() => connectInbox({ window: form, allowedOrigin: INBOX }), /^connectInbox: options has an unknown key 'allowedOrigin' \(did you mean 'allowedOrigins'\?\)/);
  bad(() => connectInbox({ window: form, timeout: 5 }), /did you mean 'timeoutMs'/);
  bad(() => connectInbox({ window: form, allowedOrigins: '*' }), /unsafeAllowAnyOrigin/);
  bad(() => connectInbox({ window: form, allowedOrigins: 'https://secret-host.example/path' }), /allowedOrigins must hold origins/);
  bad(() => connectInbox({ window: form, allowedOrigins: [] }), /at least one origin/);
  bad(() => connectInbox({ window: form, timeoutMs: 0 }), /timeoutMs must be an integer from 1 to 2147483647/);
  bad(() => connectInbox({ window: form, log: 'yes' }), /log must be a function/);
  bad(() => connectInbox({ window: 'top' }), /window must be a window/);
  bad(() => connectInbox({ window: form, unsafeAllowAnyOrigin: 'true' }), /unsafeAllowAnyOrigin must be true or false/);
  bad(() => connectInbox(null), /options must be an object/);
  const e = bad(() => connectInbox({ window: form, allowedOrigins: 'https://secret-host.example/path' }), /./);
  assert.doesNotMatch(e.message, /secret-host/);

  const client = connectInbox({ window: form });
  const calls = [
    [{ timeoutMs: -1 }, /timeoutMs must be an integer/], [{ timeoutMs: '500' }, /timeoutMs/], [{ timeoutMs: Infinity }, /timeoutMs/],
    [{ signal: new AbortController() }, /signal must be an AbortSignal \(controller.signal, not the controller\)/],
    [{ signal: 'abort' }, /signal must be an AbortSignal/], [{ timeoutMS: 5 }, /unknown key 'timeoutMS' \(did you mean 'timeoutMs'\?\)/],
    [5, /options must be an object/], ['fast', /options must be an object/],
  ];
  for (const [opts, pattern] of calls) {
    const r = await outcome(client.getInteraction(opts));
    assert.equal(r.code, 'INVALID_ARGUMENT', JSON.stringify(opts));
    assert.match(r.message, pattern);
    captureLog({ error: r.message });
  }
  assert.equal(inbox.posted.length, 0);
  // `null` signal and an undefined timeoutMs mean none and the default.
  const ok = outcome(client.getInteraction({ signal: null, timeoutMs: undefined }));
  assert.equal(inbox.posted.length, 1);
  client.destroy();
  assert.equal((await ok).code, 'DESTROYED');
});

test('log events are redacted: no interaction value ever reaches the hook', async () => {
  const { form, answer, send } = framed();
  const events = [];
  const client = connectInbox({ window: form, log: (e) => { events.push(JSON.stringify(e)); captureLog(e); } });
  const p = client.getInteraction();
  answer(SMS, { origin: OTHER });
  send({ action: 'interaction', interaction: 5, secret: '099123456' });
  answer(SMS);
  await p;
  answer(EMAIL);
  client.close();
  const text = events.join('\n');
  for (const value of ['098765432', 'Carla', 'agenda', 'jorge.silva', '099123456', OTHER]) assert.ok(!text.includes(value), value);
  for (const e of events) assert.deepEqual(Object.keys(JSON.parse(e)).filter((k) => !['type', 'action', 'reason'].includes(k)), []);
});

test('one error type across entries: an Inbox error is a BridgeError of the root entry too', async () => {
  assert.equal(BridgeError, PortalBridgeError);
  const r = await outcome(connectInbox({ window: new FakeWindow() }).getInteraction());
  assert.ok(r.e instanceof BridgeError);
  assert.ok(portalIsBridgeError(r.e, 'NOT_EMBEDDED'));
  assert.equal(r.e.operation, 'getInteraction');
});

test("Object.prototype polluted after connect ('action', 'interaction'): the Inbox's 'none' stays none, and a message of no action settles nothing", async () => {
  const { form, send } = framed();
  const client = connectInbox({ window: form, timeoutMs: 2000 });
  const polluted = { action: 'interaction', interaction: { clientId: '+59899555014', channel: 'sms' } };
  Object.assign(Object.prototype, polluted);
  try {
    // The Inbox answers without an interaction (manual mode): not the page's object.
    const none = outcome(client.getInteraction());
    send({ action: 'interaction' });
    const r = await none;
    assert.equal(r.code, 'NO_INTERACTION', 'no interaction filled from Object.prototype');
    // Another message of the Inbox, with no action of its own, answers no request.
    const p = client.getInteraction();
    send({ type: 'theme', value: 'dark' });
    assert.equal(await settled(p), false, 'a message with no action settles nothing');
    send({ action: 'interaction', interaction: SMS });
    assert.equal((await p).channel, 'sms');
  } finally {
    for (const k of Object.keys(polluted)) delete Object.prototype[k];
    client.destroy();
  }
});

// As the uPhone's commands: a destroyed client's call is DESTROYED whatever it is given, never an
// error about its arguments (which reads as if fixing them would make it work), and nothing is set up.
test('destroyed: getInteraction is DESTROYED before its options are read (bad ones, an aborted signal)', async () => {
  const { form } = framed();
  const client = connectInbox({ window: form });
  client.destroy();
  assert.equal((await outcome(client.getInteraction({ timeoutMs: -1 }))).code, 'DESTROYED');
  assert.equal((await outcome(client.getInteraction({ bogus: true }))).code, 'DESTROYED');
  assert.equal((await outcome(client.getInteraction({ signal: AbortSignal.abort() }))).code, 'DESTROYED');
  assert.equal(form.parent.posted.length, 0, 'nothing posted');
});
