// Origin and window checks, hostile messages, listeners, the log hook and the error guard.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connectPortal, withFallback, isBridgeError, BridgeError, ERROR_CODES } from '../../dist/index.js';
import { connectInbox } from '../../dist/inbox.js';
import { embedUPhone } from '../../dist/uphone.js';
import { createApiTokenClient, createUContactClient, formatCallsBaseRecord, fromFormFramework, restFallback } from '../../dist/http.js';
import { FakeWindow, deliver, framed, tick } from './helpers/fake-window.mjs';
import { hostPage } from './helpers/uphone-fakes.mjs';
import { unhandledDuring } from './helpers/unhandled.mjs';

const CALL = { campaign: 'Sales->', destination: '099123456' };

test('replies from another origin, another window, or of the wrong shape settle nothing', async () => {
  const { portal, form, reply } = framed();
  const client = connectPortal({ log: captureLog, window: form });
  const events = [];
  client.on('message', (d) => events.push(d));
  const p = client.call(CALL, { timeoutMs: 2000 });
  const sibling = new FakeWindow({ origin: 'http://127.0.0.1:8080' });
  reply({ guid: 'forged-origin' }, { origin: 'http://evil.example' });
  reply({ guid: 'forged-source' }, { source: sibling });
  reply({ guid: 'forged-null' }, { source: null });
  for (const raw of ['not json', '"string"', '[1,2]', 'null', '{"data":"x"}', '{"data":[1]}', '{}']) reply(null, { raw });
  deliver(form, { data: { data: { guid: 'object-not-string' } }, origin: 'http://127.0.0.1:8080', source: portal });
  assert.deepEqual(events, [], 'nothing from another origin or window, nothing unreadable, reaches listeners');
  // From the portal, answers of wrong types settle nothing; they are the portal's own shape, for
  // the listeners (the {action, result} replies are our profile: a portal may answer otherwise).
  const own = [{ guid: true }, { guid: { toString: 'x' } }, { guid: ['g'] }, { guid: 'g', result: true }, { guid: 'g', result: 'yes' },
    { action: 'hangup', result: true }, { action: 'hangup', result: null },
    // A call's "success" with no guid to show for it answers nothing.
    { action: 'call', result: '1' }];
  own.forEach((d) => reply(d));
  assert.deepEqual(events, own);
  reply({ guid: 'real' });
  assert.equal((await p).guid, 'real');
});

test('a portal message over 4,000,000 characters is dropped unparsed (shape): it answers no request and reaches no listener; one of 4,000,000 is read', async () => {
  // Pins the size cap of decodeEnvelope (`raw.length > 4_000_000`): any window in the parent's place
  // may post, and without the cap every message, however large, was JSON.parse'd, and one carrying
  // a guid answered the call.
  const { form, reply } = framed();
  const seen = [];
  const client = connectPortal({ log: (e) => seen.push(e), window: form });
  const events = [];
  client.on('message', (d) => events.push(d.note?.length));
  const p = client.call(CALL, { timeoutMs: 5000 });
  const envelope = (data) => JSON.stringify({ data, sourceOrigin: 'http://127.0.0.1:8080', targetOrigin: 'http://127.0.0.1:8080', sourceWindowName: '', targetWindowName: 'crmForm' });
  const sized = (length, data) => envelope({ ...data, note: 'x'.repeat(length - envelope({ ...data, note: '' }).length) });
  reply(null, { raw: sized(4_000_001, { guid: 'huge-guid' }) });
  reply(null, { raw: sized(4_000_001, { event: 'huge' }) });
  assert.deepEqual(events, [], 'nothing over the cap reaches listeners');
  assert.equal(seen.filter((e) => e.type === 'ignored' && e.reason === 'shape').length, 2);
  reply(null, { raw: sized(4_000_000, { event: 'at the cap' }) });
  assert.equal(events.length, 1, 'a message of exactly 4,000,000 characters is read');
  reply({ guid: 'real' });
  assert.equal((await p).guid, 'real', 'the oversized guid answered nothing');
  client.destroy();
});

test('answers are read leniently (spec preamble: numbers as text): they settle their request, never another', async () => {
  const { form, reply } = framed();
  const client = connectPortal({ log: captureLog, window: form });
  const failed = (p) => p.then(() => assert.fail('resolved'), (e) => e.code);
  let p = client.call(CALL);
  reply({ guid: 1700000001 });
  assert.equal((await p).guid, '1700000001');
  p = client.call(CALL);
  reply({ guid: 0 });
  assert.equal(await failed(p), 'PORTAL_FAILED');
  // null is an empty guid: '0' or empty = failed (spec 3).
  p = client.call(CALL);
  reply({ guid: null });
  assert.equal(await failed(p), 'PORTAL_FAILED');
  p = client.call(CALL);
  reply({ action: 'call', result: 0, error: 'no line' });
  assert.equal(await failed(p), 'PORTAL_FAILED');
  p = client.call(CALL);
  reply({ guid: 'g-5', result: 1 });
  assert.equal((await p).guid, 'g-5');
  const h = client.hangup({ confirm: true });
  reply({ action: 'hangup', result: 1 });
  assert.equal((await h).confirmed, true);
  const d = client.disposition({ l1: 'Sale' }, { confirm: true, use: 'porthole' });
  reply({ action: 'disposition', result: 0 });
  assert.equal(await failed(d), 'PORTAL_FAILED');
  // The guid lane's bare event (no guid, no result) is a message for listeners, not an answer.
  const seen = [];
  client.on('message', (m) => seen.push(m));
  p = client.call(CALL);
  reply({ action: 'callWithPhone' });
  reply({ guid: 'g-7' });
  assert.equal((await p).guid, 'g-7');
  assert.deepEqual(seen, [{ action: 'callWithPhone' }]);
});

test('__proto__ and constructor keys do not pollute anything', async () => {
  const { form, reply } = framed();
  const client = connectPortal({ log: captureLog, window: form });
  const seen = [];
  client.on('message', (d) => seen.push(d));
  reply(null, { raw: '{"data":{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}},"event":"x"},"sourceOrigin":"","targetOrigin":"","sourceWindowName":"","targetWindowName":""}' });
  assert.equal({}.polluted, undefined);
  assert.equal(seen.length, 1);
  assert.equal(Object.getPrototypeOf(seen[0]), Object.prototype);
});

test('unsolicited messages reach listeners; unsubscribe works; a throwing listener harms nothing', () => {
  const { form, reply } = framed();
  const client = connectPortal({ log: captureLog, window: form });
  const got = [];
  client.on('message', () => { throw new Error('listener bug'); });
  const off = client.on('message', (d, origin) => got.push([d, origin]));
  reply({ event: 'agentStatus', status: 'PAUSED' });
  reply({ action: 'hangup' }); // the portal saying the call ended: no result, so not an answer
  off();
  reply({ event: 'later' });
  assert.deepEqual(got, [
    [{ event: 'agentStatus', status: 'PAUSED' }, 'http://127.0.0.1:8080'],
    [{ action: 'hangup' }, 'http://127.0.0.1:8080'],
  ]);
  assert.throws(() => client.on('other', () => {}), (e) => isBridgeError(e, 'INVALID_ARGUMENT'));
});

test('an async listener whose promise rejects harms nothing either: no unhandled rejection, the next listener still runs', async () => {
  const { form, reply } = framed();
  const client = connectPortal({ log: captureLog, window: form });
  const got = [];
  const unhandled = await unhandledDuring(async () => {
    client.on('message', async () => { throw new Error('listener bug 099123456'); });
    client.on('message', (d) => got.push(d.event));
    reply({ event: 'agentStatus' });
    await tick();
  });
  assert.deepEqual(unhandled, []);
  assert.deepEqual(got, ['agentStatus']);
  client.destroy();
});

// As the uPhone's handlers: a listener's error is the listener's, and only the log hook hears of it,
// with no data (its text may quote the message); the integrator sees that a listener failed.
test("a listener that throws or rejects is logged handlerFailed (no data), the next listener still runs, none after destroy()", async () => {
  const { form, reply } = framed();
  const events = [];
  const client = connectPortal({ window: form, log: (e) => { captureLog(e); events.push(e); } });
  const got = [];
  const unhandled = await unhandledDuring(async () => {
    client.on('message', () => { throw new Error('listener bug 099123456'); });
    client.on('message', async () => { throw new Error('async listener bug'); });
    client.on('message', (d) => got.push(d.event));
    reply({ event: 'agentStatus', phone: '099123456' });
    await tick();
  });
  assert.deepEqual(unhandled, []);
  assert.deepEqual(got, ['agentStatus']);
  assert.deepEqual(events.filter((e) => e.type === 'handlerFailed'), [{ type: 'handlerFailed' }, { type: 'handlerFailed' }]);
  client.destroy();
  // A listener that destroys its client, then throws: nothing after 'destroyed'.
  const other = framed();
  const seen = [];
  const second = connectPortal({ window: other.form, log: (e) => { captureLog(e); seen.push(e.type); } });
  second.on('message', () => { second.destroy(); throw new Error('after destroy'); });
  other.reply({ event: 'again' });
  await tick();
  assert.deepEqual(seen, ['unsolicited', 'destroyed']);
});

test("two clients in one frame: an unsolicited message reaches only the client whose allowedOrigins accept its origin", () => {
  const PORTAL = 'https://acme.ucontactcloud.com';
  const SECOND = 'https://second.acme.com';
  const { form, reply } = framed({ portalOrigin: PORTAL, formOrigin: 'https://crm.acme.com' });
  const a = connectPortal({ log: captureLog, window: form, allowedOrigins: [PORTAL, SECOND] });
  const b = connectPortal({ log: captureLog, window: form, allowedOrigins: [PORTAL] });
  const got = { a: [], b: [] };
  a.on('message', (d) => got.a.push(d.event));
  b.on('message', (d) => got.b.push(d.event));
  reply({ event: 'both' });
  reply({ event: 'second-only' }, { origin: SECOND });
  assert.deepEqual(got, { a: ['both', 'second-only'], b: ['both'] });
  a.destroy();
  b.destroy();
});

test("an answer from another origin while nothing waits is ignored and consumes nothing: the real answer with that guid still settles", async () => {
  const { form, reply } = framed();
  const events = [];
  const client = connectPortal({ log: (e) => events.push(e), window: form });
  reply({ guid: 'g-1' }, { origin: 'http://evil.example' });
  assert.deepEqual(events, [{ type: 'ignored', reason: 'origin' }]);
  const p = client.call(CALL, { timeoutMs: 2000 });
  reply({ guid: 'g-1' });
  assert.equal((await p).guid, 'g-1');
  client.destroy();
});

test('a reply nobody waits for is not unsolicited when it answers a sent request', () => {
  const { form, reply } = framed();
  const client = connectPortal({ log: captureLog, window: form });
  const got = [];
  client.on('message', (d) => got.push(d));
  client.tag({ tag: 'x' });
  reply({ action: 'tag', result: '1' });
  assert.deepEqual(got, []);
  reply({ action: 'tag', result: '1' }); // a second answer to one send: nobody sent it
  assert.deepEqual(got, [{ action: 'tag', result: '1' }]);
});

test('cross-origin portal: only the configured origin is accepted', async () => {
  const { portal, form, reply } = framed({ portalOrigin: 'https://acme.ucontactcloud.com', formOrigin: 'https://crm.acme.com' });
  const client = connectPortal({ log: captureLog, window: form, allowedOrigins: ['https://acme.ucontactcloud.com'] });
  const p = client.call(CALL);
  assert.equal(portal.posted[0].targetOrigin, 'https://acme.ucontactcloud.com');
  reply({ guid: 'x' }, { origin: 'https://crm.acme.com' });
  reply({ guid: 'ok' });
  assert.equal((await p).guid, 'ok');
});

test('default allowed origin is the page origin: a cross-origin portal is never answered', async () => {
  const { form, reply } = framed({ portalOrigin: 'https://acme.ucontactcloud.com', formOrigin: 'https://crm.acme.com' });
  const client = connectPortal({ log: captureLog, window: form });
  const p = client.call(CALL, { timeoutMs: 50 });
  reply({ guid: 'x' });
  await assert.rejects(p, (e) => isBridgeError(e, 'TIMEOUT'));
});

test('ancestorOrigins: refuse to post to a portal that is not allowed; pick the right one of several', async () => {
  const a = framed({ portalOrigin: 'https://evil.example', formOrigin: 'https://crm.acme.com', ancestorOrigins: ['https://evil.example'] });
  const c1 = connectPortal({ log: captureLog, window: a.form, allowedOrigins: 'https://acme.ucontactcloud.com' });
  await assert.rejects(c1.call(CALL), (e) => isBridgeError(e, 'ORIGIN_REJECTED') && /evil\.example/.test(e.message));
  assert.equal(a.portal.posted.length, 0);

  const b = framed({ portalOrigin: 'https://b.ucontactcloud.com', formOrigin: 'https://crm.acme.com', ancestorOrigins: ['https://b.ucontactcloud.com'] });
  const c2 = connectPortal({ log: captureLog, window: b.form, allowedOrigins: ['https://a.ucontactcloud.com', 'https://b.ucontactcloud.com'] });
  await c2.hangup();
  assert.equal(b.portal.posted[0].targetOrigin, 'https://b.ucontactcloud.com');

  const d = framed({ portalOrigin: 'https://b.ucontactcloud.com', formOrigin: 'https://crm.acme.com' });
  const c3 = connectPortal({ log: captureLog, window: d.form, allowedOrigins: ['https://a.ucontactcloud.com', 'https://b.ucontactcloud.com'] });
  await assert.rejects(c3.hangup(), (e) => isBridgeError(e, 'ORIGIN_REJECTED'));
});

test('a polluted Object.prototype (a bug elsewhere in the page) sets no option and breaks no check', async () => {
  // What a JSON merge bug leaves: enumerable keys on Object.prototype, an option's name among them.
  const polluted = { unsafeAllowAnyOrigin: true, allowedOrigins: 'https://evil.example', timeoutMs: 1, destination: '099000000', url: 'https://evil.example/uphone/', foo: 1 };
  Object.assign(Object.prototype, polluted);
  try {
    const { portal, form, reply } = framed({ portalOrigin: 'https://crm.acme.com', formOrigin: 'https://crm.acme.com' });
    const client = connectPortal({ log: captureLog, window: form });
    const heard = [];
    client.on('message', (m) => heard.push(m));
    const p = client.call({ campaign: 'Sales->', destination: '099123456' }, { timeoutMs: 2000 });
    assert.equal(portal.posted[0].targetOrigin, 'https://crm.acme.com', 'posted to the page origin only');
    assert.equal(portal.postedData[0].destination, '099123456');
    // The evil origin's answer and message are ignored; the portal's answer settles the call.
    reply({ guid: 'evil' }, { origin: 'https://evil.example' });
    reply({ action: 'screenPop' }, { origin: 'https://evil.example' });
    reply({ guid: 'ok' });
    assert.equal((await p).guid, 'ok');
    assert.deepEqual(heard, []);
    // A required field missing is still missing (not taken from the prototype).
    await assert.rejects(client.call({ campaign: 'Sales->' }), (e) => isBridgeError(e, 'INVALID_ARGUMENT') && /destination is required/.test(e.message));
    client.destroy();

    const inboxSide = framed({ portalOrigin: 'https://inbox.acme.com', formOrigin: 'https://form.acme.com' });
    const inbox = connectInbox({ log: captureLog, window: inboxSide.form });
    await assert.rejects(inbox.getInteraction(), (e) => isBridgeError(e, 'ORIGIN_REJECTED') || isBridgeError(e, 'NO_INTERACTION'));
    assert.ok(inboxSide.portal.posted.every((m) => m.targetOrigin === 'https://form.acme.com'), 'never posted to another origin');
    inbox.destroy();

    // The uPhone's address is never taken from the prototype.
    assert.throws(() => embedUPhone({ container: hostPage().container }), (e) => isBridgeError(e, 'INVALID_ARGUMENT') && /url|instance/.test(e.message));
  } finally {
    for (const k of Object.keys(polluted)) delete Object.prototype[k];
  }
});

test('Object.prototype polluted after the clients were made: no option of the portal or REST clients, nested ones included, is read from it', async () => {
  const bare = framed();
  const client = connectPortal({ log: captureLog, window: bare.form, timeouts: { hangup: 20_000 } });
  const uc = createUContactClient({ baseUrl: 'https://uc.example', credentials: { token: 'YWdlbnQxMDAxOnRva2Vu' }, log: captureLog,
    fetch: async () => { await tick(40); return new Response('1', { status: 200 }); } });
  const polluted = { use: 'framework', timeouts: { call: 5 }, call: 5, confirm: true, timeoutMs: 5 };
  Object.assign(Object.prototype, polluted);
  try {
    // `use` is not 'framework' (no NO_FRAMEWORK), `timeouts` and `timeouts.call` are not 5 ms.
    let done = false;
    const p = client.call({ campaign: 'Sales->', destination: '099123456' }).finally(() => { done = true; });
    await tick(50);
    assert.equal(done, false, 'still waiting at 50 ms, over Porthole');
    bare.reply({ guid: 'g-1' });
    assert.deepEqual(await p, { action: 'call', guid: 'g-1', via: 'porthole' });
    // `confirm` is not true: a hangup is only posted.
    assert.deepEqual(await client.hangup(), { action: 'hangup', confirmed: false, via: 'porthole' });
    // The REST client's timeoutMs left out is not 5 ms: the 40 ms answer is taken.
    await uc.agentLogoff({ agent: 'agent1001', interface: 'SIP/1001' });
  } finally {
    for (const k of Object.keys(polluted)) delete Object.prototype[k];
    client.destroy();
  }
});

test('Object.prototype polluted after the REST client was made: every method still goes to its own endpoint, its fields in the body, no query added', async () => {
  const sent = [];
  const uc = createUContactClient({ baseUrl: 'https://uc.example', credentials: { user: 'api', password: 'Sup3r-s3cret' }, log: captureLog,
    fetch: async (url, init) => {
      sent.push({ url, body: init.body });
      return new Response(new URL(url).pathname.endsWith('/auth/getUserToken') ? JSON.stringify('YWdlbnQxMDAxOnRva2Vu') : '1', { status: 200 });
    } });
  // Keys of the client's own tables (an operation's row, an endpoint's target), not options.
  const polluted = { via: 'agentCall', query: { leak: '1' } };
  Object.assign(Object.prototype, polluted);
  try {
    assert.equal(await uc.hangupPhone({ phone: '1001' }), '1');
    assert.equal(await uc.request('Custom/Echo', { note: 'x' }), '1');
    // A client made while the prototype is polluted: the same.
    const later = createUContactClient({ baseUrl: 'https://uc.example', credentials: { token: 'YWdlbnQxMDAxOnRva2Vu' }, log: captureLog,
      fetch: async (url, init) => { sent.push({ url, body: init.body }); return new Response('1', { status: 200 }); } });
    assert.equal(await later.tagRecording({ guid: 'g-1', tag: 'vip' }), '1');
  } finally {
    for (const k of Object.keys(polluted)) delete Object.prototype[k];
  }
  assert.deepEqual(sent, [
    { url: 'https://uc.example/Integra/resources/auth/getUserToken', body: 'user=api&password=Sup3r-s3cret' },
    { url: 'https://uc.example/Integra/resources/Agents/HangupPhone', body: 'phone=1001' },
    { url: 'https://uc.example/Integra/resources/Custom/Echo', body: 'note=x' },
    { url: 'https://uc.example/Integra/resources/Recordings/TagRecording', body: 'guid=g-1&tag=vip' },
  ]);
});

test('Object.prototype polluted with an action name: the action has no form framework helper; it goes over Porthole', async () => {
  const { portal, form } = framed();
  const called = [];
  Object.assign(form, { CTI: JSON.stringify({ Guid: 'g-1', Campaign: 'Sales->', Callerid: '099555014' }),
    close: (...args) => { called.push(args); return 'OK'; } });
  const client = connectPortal({ log: captureLog, window: form });
  // The name of a function of the form's window, under an action that has no helper.
  const polluted = { hangup: 'close' };
  Object.assign(Object.prototype, polluted);
  try {
    assert.deepEqual(await client.hangup(), { action: 'hangup', confirmed: false, via: 'porthole' });
  } finally {
    for (const k of Object.keys(polluted)) delete Object.prototype[k];
    client.destroy();
  }
  assert.deepEqual(called, [], 'no function of the window was called');
  assert.deepEqual(portal.postedData, [{ action: 'hangup' }]);
});

// Killed mutant: `own(HELPERS, op)` kept for the helper's lookup but `op in HELPERS` for the route:
// with use 'framework' an action a bug names on Object.prototype took the framework route, and
// failed NO_FRAMEWORK ("close is not defined") instead of going over Porthole as hangup always does.
test('Object.prototype polluted with an action name, use \'framework\': the action still has no helper, it goes over Porthole', async () => {
  const { portal, form } = framed();
  const called = [];
  Object.assign(form, { close: (...args) => { called.push(args); return 'OK'; } });
  const client = connectPortal({ log: captureLog, window: form, use: 'framework' });
  const polluted = { hangup: 'close' };
  Object.assign(Object.prototype, polluted);
  try {
    assert.deepEqual(await client.hangup(), { action: 'hangup', confirmed: false, via: 'porthole' });
  } finally {
    for (const k of Object.keys(polluted)) delete Object.prototype[k];
    client.destroy();
  }
  assert.deepEqual(called, []);
  assert.deepEqual(portal.postedData, [{ action: 'hangup' }]);
});

test('a polluted Object.prototype: per-call defaults, options polluted after connect, calls-base records and REST form fields stay as given', async () => {
  const CTI = JSON.stringify({ Guid: 'g-1', Campaign: 'Sales->', Callerid: '099555014' });
  const { portal, form } = framed();
  const helperCalls = [];
  Object.assign(form, { CTI, UC_makeCall_async: async (...args) => { helperCalls.push(args); return 'fw-guid'; } });
  const polluted = { timeoutMs: 5, use: 'porthole', confirm: true, priority: 7, data: { vip: 'yes' }, message: 'polluted' };
  Object.assign(Object.prototype, polluted);
  const client = connectPortal({ log: captureLog, window: form });
  try {
    // No per-call options: the default (30 s) holds, not the prototype's 5 ms; the client's `use`
    // left out at connect is not read from the prototype either: the helper is called.
    let settled = false;
    const p = client.call({ campaign: 'Sales->', destination: '099123456' }).finally(() => { settled = true; });
    await tick(50);
    assert.equal(settled, true, 'the helper answered');
    assert.deepEqual(await p, { action: 'call', guid: 'fw-guid', via: 'framework' });
    assert.equal(helperCalls.length, 1);
    assert.equal(portal.posted.length, 0, 'nothing went over Porthole');
    // Over Porthole (no helper): the call waits its own default, not 5 ms.
    const bare = framed();
    const c2 = connectPortal({ log: captureLog, window: bare.form });
    let done = false;
    const p2 = c2.call({ campaign: 'Sales->', destination: '099123456' }).finally(() => { done = true; });
    await tick(50);
    assert.equal(done, false, 'still waiting at 50 ms');
    bare.reply({ guid: 'g-2' });
    assert.equal((await p2).guid, 'g-2');
    // A calls-base record: its absent priority and data are not the prototype's.
    assert.equal(formatCallsBaseRecord('Sales->', { phone: '099123456' }), 'Sales->;099123456;;;');
    // A REST form field left out is not sent (neither the prototype's value nor the text 'undefined').
    const bodies = [];
    const uc = createUContactClient({ baseUrl: 'https://uc.example', credentials: { token: 'YWdlbnQxMDAxOnRva2Vu' }, log: captureLog,
      fetch: async (_url, init) => { bodies.push(init.body); return new Response('1', { status: 200 }); } });
    await uc.agentLogoff({ agent: 'agent1001', interface: 'SIP/1001' });
    assert.deepEqual(bodies, ['agent=agent1001&interface=SIP%2F1001']);
  } finally {
    for (const k of Object.keys(polluted)) delete Object.prototype[k];
    client.destroy();
  }
});

test('unsafeAllowAnyOrigin is an explicit opt-in', async () => {
  const { portal, form, reply } = framed({ portalOrigin: 'https://x.example', formOrigin: 'https://crm.acme.com' });
  const client = connectPortal({ log: captureLog, window: form, unsafeAllowAnyOrigin: true });
  const p = client.call(CALL);
  assert.equal(portal.posted[0].targetOrigin, '*');
  reply({ guid: 'any' });
  assert.equal((await p).guid, 'any');
});

test('no window to hear the portal in (Node, SSR): not embedded, even with a targetWindow; a fallback takes call', async () => {
  assert.equal(globalThis.window, undefined);
  const client = connectPortal({ log: captureLog, targetWindow: new FakeWindow() });
  assert.equal(client.embedded, false);
  await assert.rejects(client.call(CALL), (e) => isBridgeError(e, 'NOT_EMBEDDED'));
  const withRest = withFallback(connectPortal({ log: captureLog, targetWindow: new FakeWindow() }), { call: async () => 'rest-guid', hangup: async () => {} });
  assert.deepEqual(await withRest.call(CALL), { action: 'call', guid: 'rest-guid', via: 'rest' });
});

test('not embedded: NOT_EMBEDDED at once; with a fallback, call and hangup go over REST', async () => {
  const top = new FakeWindow({ origin: 'http://127.0.0.1:8080' });
  const client = connectPortal({ log: captureLog, window: top });
  assert.equal(client.embedded, false);
  // At once: both settled before the next turn of the event loop (an order, not a time bound a
  // loaded machine's stall could pass).
  const next = new Promise((res) => setImmediate(res, 'pending'));
  const atOnce = (p) => Promise.race([p.then(() => 'resolved', (e) => e), next]);
  assert.ok(isBridgeError(await atOnce(client.call(CALL)), 'NOT_EMBEDDED'));
  assert.ok(isBridgeError(await atOnce(client.hangup()), 'NOT_EMBEDDED'));
  const calls = [];
  const fallback = {
    call: async (args) => { calls.push(args); return 'rest-guid'; },
    hangup: async () => { calls.push('hangup'); },
  };
  const withRest = withFallback(connectPortal({ log: captureLog, window: top }), fallback);
  await assert.rejects(withRest.call({ campaign: 'Sales->', destination: '09 9' }), (e) => isBridgeError(e, 'INVALID_ARGUMENT'));
  assert.deepEqual(await withRest.call(CALL), { action: 'call', guid: 'rest-guid', via: 'rest' });
  assert.deepEqual(await withRest.hangup(), { action: 'hangup', confirmed: true, via: 'rest' });
  await assert.rejects(withRest.tag({ tag: 'x' }), (e) => isBridgeError(e, 'NOT_EMBEDDED'));
  assert.deepEqual(calls, [{ campaign: 'Sales->', callerid: '', destination: '099123456' }, 'hangup']);
});

test('inside the portal the proxy is used even with a fallback', async () => {
  const { portal, form, reply } = framed();
  const client = withFallback(connectPortal({ log: captureLog, window: form }), { call: async () => 'rest', hangup: async () => {} });
  const p = client.call(CALL);
  reply({ guid: 'portal-guid' });
  assert.deepEqual(await p, { action: 'call', guid: 'portal-guid', via: 'porthole' });
  assert.equal(portal.posted.length, 1);
});

test('the log hook gets redacted events only, and a throwing hook breaks nothing', async () => {
  const { form, reply } = framed();
  const events = [];
  const client = connectPortal({ window: form, log: (e) => { captureLog(e); events.push(e); throw new Error('hook bug'); } });
  const p = client.call({ campaign: 'Sales->', destination: '099555014', callerid: '24005555' });
  reply({ guid: 'g' }, { origin: 'http://evil.example' });
  reply({ guid: 'g', destination: '099555014' });
  await p;
  await client.tag({ tag: 'x' });
  reply({ event: 'x', phone: '099555014' });
  const text = JSON.stringify(events);
  assert.ok(events.some((e) => e.type === 'sent' && e.action === 'call'));
  assert.ok(events.some((e) => e.type === 'ignored' && e.reason === 'origin'));
  assert.ok(events.some((e) => e.type === 'unsolicited'));
  assert.ok(!/555|Sales/.test(text), text);
});

test('isBridgeError recognises errors of another copy of the library, and only those', () => {
  const e = new BridgeError('TIMEOUT', 'call: no reply', { operation: 'call' });
  assert.ok(isBridgeError(e));
  assert.ok(isBridgeError(e, 'TIMEOUT'));
  assert.ok(!isBridgeError(e, 'ABORTED'));
  const foreign = Object.assign(new Error('x'), { name: 'BridgeError', code: 'TIMEOUT' });
  assert.ok(isBridgeError(foreign, 'TIMEOUT'));
  const branded = { [Symbol.for('ucontact-bridge.error')]: true, code: 'ABORTED' };
  assert.ok(isBridgeError(branded, 'ABORTED'));
  for (const v of [new Error('x'), null, undefined, 'BridgeError', { code: 'TIMEOUT' }]) assert.ok(!isBridgeError(v));
  // Unbranded, the name alone is not enough: a page's own error class that is also called BridgeError
  // carries no code of ours (none, or not a string), and `e.code` would then name none of ERROR_CODES.
  for (const v of [Object.assign(new Error('x'), { name: 'BridgeError' }), { name: 'BridgeError', code: 408 }]) {
    assert.ok(!isBridgeError(v), `${JSON.stringify(v.code)}`);
  }
  assert.ok(ERROR_CODES.includes('NOT_EMBEDDED'));
  assert.equal(e.name, 'BridgeError');
});

test('two clients of one page with different portal windows (targetWindow) keep apart: each hears only its own window', async () => {
  const { portal, form, reply } = framed();
  const other = new FakeWindow({ origin: portal.location.origin });
  const env = (guid) => JSON.stringify({ data: { guid }, sourceOrigin: '', targetOrigin: '', sourceWindowName: '', targetWindowName: '' });
  const toParent = connectPortal({ log: captureLog, window: form });
  const toOther = connectPortal({ log: captureLog, window: form, targetWindow: other });
  const a = toParent.call(CALL, { timeoutMs: 2000 });
  const b = toOther.call(CALL, { timeoutMs: 2000 });
  assert.equal(portal.posted.length, 1);
  assert.equal(other.posted.length, 1);
  // The other window's reply answers the call sent to it, not the parent's.
  deliver(form, { data: env('from-other'), origin: portal.location.origin, source: other });
  assert.equal((await b).guid, 'from-other');
  reply({ guid: 'from-parent' });
  assert.equal((await a).guid, 'from-parent');
  toParent.destroy();
  toOther.destroy();
});

// Contract 2: with an empty target window name Porthole's target is window.parent. The portal may
// itself be framed (an agent console of the same origin): the form's parent is then not its top.
test('a portal framed by a console: the form posts to its parent, not the top window, and the top window answers nothing', async () => {
  const agentConsole = new FakeWindow({ origin: 'http://127.0.0.1:8080' });
  const portal = new FakeWindow({ origin: 'http://127.0.0.1:8080', parent: agentConsole });
  const form = new FakeWindow({ origin: 'http://127.0.0.1:8080', name: 'crmForm', parent: portal });
  form.top = agentConsole;
  portal.top = agentConsole;
  const events = [];
  const client = connectPortal({ log: (e) => events.push(e), window: form });
  const p = client.call(CALL, { timeoutMs: 2000 });
  assert.deepEqual(portal.postedData, [{ action: 'call', campaign: 'Sales->', callerid: '', destination: '099123456' }]);
  assert.deepEqual(agentConsole.posted, []);
  const env = (guid) => JSON.stringify({ data: { guid }, sourceOrigin: 'http://127.0.0.1:8080', targetOrigin: '*', sourceWindowName: '', targetWindowName: 'crmForm' });
  deliver(form, { data: env('from-console'), origin: 'http://127.0.0.1:8080', source: agentConsole });
  assert.deepEqual(events.filter((e) => e.type === 'ignored').map((e) => e.reason), ['source']);
  deliver(form, { data: env('from-portal'), origin: 'http://127.0.0.1:8080', source: portal });
  assert.equal((await p).guid, 'from-portal');
  client.destroy();
});

test('a message listener subscribed by another listener during a message is first called for the next message (as with DOM listeners)', () => {
  const { form, reply } = framed();
  const client = connectPortal({ log: captureLog, window: form });
  const got = [];
  let once = true;
  client.on('message', (m) => {
    got.push(`a:${m.event}`);
    if (once) client.on('message', (n) => got.push(`late:${n.event}`));
    once = false;
  });
  reply({ event: 'x' });
  assert.deepEqual(got, ['a:x'], 'not called for the message it was subscribed during');
  reply({ event: 'y' });
  assert.deepEqual(got, ['a:x', 'a:y', 'late:y']);
  client.destroy();
});

test('a message listener removed by another listener during the same message is not called (as with DOM listeners); none is skipped', () => {
  const { form, reply } = framed();
  const client = connectPortal({ log: captureLog, window: form });
  const got = [];
  let offB;
  client.on('message', () => { got.push('a'); offB(); });
  offB = client.on('message', () => got.push('b'));
  client.on('message', () => got.push('c'));
  reply({ event: 'x' });
  reply({ event: 'y' });
  assert.deepEqual(got, ['a', 'c', 'a', 'c']);
  client.destroy();
});

test("Object.prototype polluted with 'action' or 'error' after the client was made: a call's {guid} still answers the call; a failure's detail is the portal's", async () => {
  const { form, reply } = framed();
  const client = connectPortal({ log: captureLog, window: form, confirm: { hangup: true } });
  const events = [];
  client.on('message', (d) => events.push(d));
  const polluted = { action: 'hangup', error: 'from the page' };
  Object.assign(Object.prototype, polluted);
  try {
    const call = client.call(CALL, { timeoutMs: 300 });
    // The portal's answer to a call names no action: it is the call's, whatever the page put on Object.prototype.
    reply({ guid: 'g-1' });
    assert.deepEqual(await call, { action: 'call', guid: 'g-1', via: 'porthole' });
    const hangup = client.hangup({ timeoutMs: 300 }).catch((e) => e);
    reply({ action: 'hangup', result: '0' });
    const e = await hangup;
    assert.equal(e.code, 'PORTAL_FAILED');
    assert.equal(e.detail, undefined, 'no reason was sent: none is taken from Object.prototype');
    assert.doesNotMatch(e.message, /err\.detail/);
  } finally {
    for (const k of Object.keys(polluted)) delete Object.prototype[k];
    client.destroy();
  }
  assert.deepEqual(events, [], 'the answers were requests\' answers, not unsolicited messages');
});

test("Object.prototype polluted after withFallback(restFallback) was made: 'timeoutMs' and 'use' set no limit of a REST call or hangup", async () => {
  const top = new FakeWindow({ origin: 'http://127.0.0.1:8080' });
  const sent = [];
  const uc = createUContactClient({ baseUrl: 'https://uc.example', credentials: { token: 'YWdlbnQxMDAxOnRva2Vu' }, log: captureLog,
    fetch: async (url) => { sent.push(new URL(url).pathname); await tick(40); return new Response(sent.length === 1 ? '1700000000.42' : '1', { status: 200 }); } });
  const portal = withFallback(connectPortal({ log: captureLog, window: top }),
    restFallback(uc, { agent: 'agent1001', phone: '1001', context: 'from-internal' }));
  const polluted = { timeoutMs: 5, use: 'porthole' };
  Object.assign(Object.prototype, polluted);
  try {
    // The 40 ms answer is taken: no 5 ms limit came from Object.prototype (a TIMEOUT here, the call
    // placed, and the agent dials again).
    assert.deepEqual(await portal.call(CALL), { action: 'call', guid: '1700000000.42', via: 'rest' });
    assert.deepEqual(await portal.hangup(), { action: 'hangup', confirmed: true, via: 'rest' });
  } finally {
    for (const k of Object.keys(polluted)) delete Object.prototype[k];
    portal.destroy();
  }
  assert.equal(sent.length, 2);
});

test("Object.prototype polluted after the API-token client was made: 'body' and 'type' add no body nor Content-Type to a request without a body", async () => {
  const seen = [];
  const api = createApiTokenClient({ baseUrl: 'https://uc.example', token: 'api-token-x11', log: captureLog,
    fetch: async (url, init) => {
      seen.push({ path: new URL(url).pathname, method: init.method, hasBody: Object.hasOwn(init, 'body'), body: init.body, type: init.headers['Content-Type'] });
      // As a real fetch does: a GET with a body is a TypeError (NETWORK_ERROR for the caller).
      if (init.method === 'GET' && init.body !== undefined) throw new TypeError('Request with GET/HEAD method cannot have body.');
      return new Response(init.method === 'GET' ? '{"result":[]}' : '', { status: 200 });
    } });
  const polluted = { body: '{"from":"the page"}', type: 'application/json' };
  Object.assign(Object.prototype, polluted);
  try {
    assert.deepEqual(await api.interactionMessages('i-1'), []);
    await api.webhook('hook', undefined, { method: 'POST' });
    await api.request('POST', 'api/flows/run');
  } finally {
    for (const k of Object.keys(polluted)) delete Object.prototype[k];
  }
  assert.deepEqual(seen.map(({ method, hasBody, body, type }) => [method, hasBody, body, type]), [
    ['GET', false, undefined, undefined], ['POST', false, undefined, undefined], ['POST', false, undefined, undefined]]);
});

test("an Agent a pollution bug put on Object.prototype is no form framework: fromFormFramework() says NO_FRAMEWORK, and gives no token of the page's", () => {
  const form = { location: { origin: 'https://acme.ucontactcloud.com' } };
  Object.prototype.Agent = { token: 'cGFnZTp0b2tlbg==', accountcode: 'intruder' };
  try {
    // A window without the framework (its `Agent` reaches Object.prototype), and the page's own (a bare `Agent`).
    assert.throws(() => fromFormFramework(form), (e) => isBridgeError(e, 'NO_FRAMEWORK'));
    assert.throws(() => fromFormFramework(), (e) => isBridgeError(e, 'NO_FRAMEWORK'));
    // The framework's own Agent is still read.
    assert.deepEqual(fromFormFramework({ ...form, Agent: { token: 'YWdlbnQ6dG9rZW4=' } }).credentials, { token: 'YWdlbnQ6dG9rZW4=' });
  } finally {
    delete Object.prototype.Agent;
  }
});

test("Object.prototype.reply polluted after connect: a typed method given options still waits in its own lane, and a call's guid never answers it", async () => {
  const { form, reply } = framed();
  const client = connectPortal({ log: captureLog, window: form });
  Object.prototype.reply = 'guid';
  try {
    // `reply` is a raw send's option only: a hangup with options is still a hangup, answered as one.
    const hangup = client.hangup({ confirm: true, timeoutMs: 500 });
    reply({ action: 'hangup', result: '1' });
    assert.deepEqual(await hangup, { action: 'hangup', confirmed: true, via: 'porthole' });
    const call = client.call(CALL, { timeoutMs: 500 });
    const tag = client.tag({ tag: 'vip' }, { confirm: true, timeoutMs: 500 });
    reply({ guid: 'g-9' });
    reply({ action: 'tag', result: '1' });
    assert.deepEqual(await call, { action: 'call', guid: 'g-9', via: 'porthole' });
    assert.deepEqual(await tag, { action: 'tag', confirmed: true, via: 'porthole' });
  } finally {
    delete Object.prototype.reply;
    client.destroy();
  }
});

test("Object.prototype polluted with a call's fields after connect: the form framework helpers get the CTI's guid, campaign and callerid", async () => {
  const { form } = framed();
  const calls = [];
  Object.assign(form, {
    CTI: JSON.stringify({ Guid: 'g-1', Campaign: 'Sales->', Callerid: '099555014' }),
    UC_DispositionCall_async: async (...args) => { calls.push(['disposition', ...args]); return 'OK'; },
    UC_TagRecord: async (...args) => { calls.push(['tag', ...args]); return 'OK'; },
  });
  const client = connectPortal({ log: captureLog, window: form });
  const polluted = { guid: 'g-other', campaign: 'Other->', callerid: '098000000' };
  Object.assign(Object.prototype, polluted);
  try {
    await client.disposition({ l1: 'Sale' });
    await client.tag({ tag: 'vip' });
  } finally {
    for (const k of Object.keys(polluted)) delete Object.prototype[k];
    client.destroy();
  }
  assert.deepEqual(calls, [['disposition', 'Sales->', '099555014', 'g-1', 'Sale', '', '', ''], ['tag', 'g-1', 'vip']]);
});

test("a CTI or Agent on Object.prototype (`?__proto__[CTI]=…`) is no framework's: a framework disposition or tag on a form opened without a call names no call from it", async () => {
  // The cti entry (readCti) and fromFormFramework() already refuse them; the portal read its
  // `window.CTI`/`Agent` through the prototype chain and disposed or tagged the call it named.
  const { form, portal } = framed();
  const calls = [];
  Object.assign(form, {
    // The framework's long form: it gets Agent.accountcode.
    // eslint-disable-next-line no-unused-vars
    UC_DispositionCall_async: async function (campaign, callerid, guid, l1, l2, l3, agent, name, comment) { calls.push(['disposition', ...arguments]); return 'OK'; },
    UC_TagRecord: async (...args) => { calls.push(['tag', ...args]); return 'OK'; },
  });
  const client = connectPortal({ log: captureLog, window: form });
  Object.prototype.CTI = JSON.stringify({ Guid: 'g-other', Campaign: 'Other->', Callerid: '098000000' });
  Object.prototype.Agent = { accountcode: 'intruder' };
  try {
    await assert.rejects(client.disposition({ l1: 'Sale' }), (e) => isBridgeError(e, 'INVALID_ARGUMENT') && /campaign, callerid, guid needed/.test(e.message));
    await assert.rejects(client.tag({ tag: 'vip' }), (e) => isBridgeError(e, 'INVALID_ARGUMENT') && /guid needed/.test(e.message));
    // The call named by the caller: the helper gets no agent from the prototype.
    await client.disposition({ l1: 'Sale', campaign: 'Sales->', callerid: '099555014', guid: 'g-1' });
    // The framework's own CTI and Agent are still read.
    Object.assign(form, { CTI: JSON.stringify({ Guid: 'g-2', Campaign: 'Sales->', Callerid: '099555014' }), Agent: { accountcode: 'agent1001' } });
    await client.tag({ tag: 'vip' });
    await client.disposition({ l1: 'Sale' });
  } finally {
    delete Object.prototype.CTI;
    delete Object.prototype.Agent;
    client.destroy();
  }
  assert.deepEqual(calls, [
    ['disposition', 'Sales->', '099555014', 'g-1', 'Sale', '', '', '', '', ''],
    ['tag', 'g-2', 'vip'],
    ['disposition', 'Sales->', '099555014', 'g-2', 'Sale', '', '', 'agent1001', '', ''],
  ]);
  assert.equal(portal.posted.length, 0);
});

test("Object.prototype[0] polluted after connect (an empty array's [0] reads it): requests are still posted and answered, nothing throws from the listener", async () => {
  const { form, reply, portal } = framed();
  const client = connectPortal({ log: captureLog, window: form, confirm: { hangup: true } });
  Object.prototype[0] = 'x';
  try {
    const unhandled = await unhandledDuring(async () => {
      const call = client.call(CALL, { timeoutMs: 500 });
      assert.equal(portal.posted.length, 1, 'the call was posted');
      reply({ guid: 'g-1' });
      assert.deepEqual(await call, { action: 'call', guid: 'g-1', via: 'porthole' });
      const hangup = client.hangup({ timeoutMs: 500 });
      reply({ action: 'hangup', result: '1' });
      assert.deepEqual(await hangup, { action: 'hangup', confirmed: true, via: 'porthole' });
      // A message nobody waits for, in an empty lane: a listener's, nothing thrown.
      reply({ action: 'hangup', result: '1' });
      await tick(10);
    });
    assert.deepEqual(unhandled, []);
  } finally {
    delete Object.prototype[0];
    client.destroy();
  }
});

// What an error reporter sees: pino's err serializer, Sentry's extra error data and JSON.stringify copy
// an error's own enumerable properties. `detail` is the portal's text, which may quote call data (a
// phone number): readable as err.detail, not among them.
test("a failure's detail (the portal's text, a phone number in it) is err.detail, left out of JSON.stringify(err) and the error's enumerable keys", async () => {
  const { form, reply } = framed();
  const client = connectPortal({ window: form, confirm: { hangup: true } });
  try {
    const hangup = client.hangup({ timeoutMs: 300 }).catch((e) => e);
    reply({ action: 'hangup', result: '0', error: 'no call on 099123456' });
    const e = await hangup;
    assert.equal(e.code, 'PORTAL_FAILED');
    assert.equal(e.detail, 'no call on 099123456');
    assert.doesNotMatch(JSON.stringify(e), /099123456/);
    assert.deepEqual(Object.keys(e).filter((k) => k === 'detail'), []);
    assert.doesNotMatch(JSON.stringify({ ...e }), /099123456/);
    // A BridgeError made by hand keeps it the same way.
    const own = new BridgeError('PORTAL_FAILED', 'x: failed', { detail: 'on 099123456' });
    assert.equal(own.detail, 'on 099123456');
    assert.doesNotMatch(JSON.stringify(own), /099123456/);
  } finally {
    client.destroy();
  }
});
