// Raw sends: any action data over the same checked Porthole wire (origin and source checks, the
// envelope, lanes, timeouts, abort, reload protection), with the reply recognised by guid, by
// action or not at all; bad data refused before anything is sent. Built ESM bundle, and the
// script-tag copies for the lanes shared across copies of the library.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import { connectPortal, isBridgeError } from '../../dist/index.js';
import { FakeWindow, framed, tick } from './helpers/fake-window.mjs';

function setup(options = {}) {
  const f = framed();
  const events = [];
  const client = connectPortal({ window: f.form, log: (e) => { events.push(e); captureLog(e); }, ...options });
  return { ...f, client, events };
}

class Point { constructor() { this.x = 1; } }
const cyclic = { action: 'x' };
cyclic.self = cyclic;
const deep = { action: 'x', a: { b: [1, { c: null }] } };
deep.a.b[1].c = deep.a;
const holes = { action: 'x', list: [1, , 3] }; // eslint-disable-line no-sparse-arrays

test('bad data is INVALID_ARGUMENT naming where, before anything is sent', async () => {
  const { portal, client } = setup();
  const cases = [
    [null, /^send: data must be an object$/],
    [[{ action: 'x' }], /data must be an object/],
    ['{"action":"x"}', /data must be an object/],
    [new Date(), /data must be a plain object or an array/],
    [new Map([['action', 'x']]), /data must be a plain object/],
    [new Point(), /data must be a plain object/],
    [{}, /data.action is required/],
    [{ action: '' }, /data.action is required/],
    [{ action: ' ' }, /data.action is required/],
    [{ action: 7 }, /data.action must be a string/],
    [{ action: 'guid' }, /data.action must not be 'guid'/],
    [{ action: 'x', run: () => 1 }, /^send: data.run is not JSON \(function\)$/],
    [{ action: 'x', missing: undefined }, /data.missing is not JSON \(undefined\)/],
    [{ action: 'x', s: Symbol('s') }, /data.s is not JSON \(symbol\)/],
    [{ action: 'x', n: 10n }, /data.n is not JSON \(bigint\)/],
    [{ action: 'x', n: NaN }, /data.n must be a finite number/],
    [{ action: 'x', deep: Array.from({ length: 20_000 }).reduce((o) => ({ o }), {}) }, /data\.deep(\.o)+ is nested too deeply \(over 500 levels\)/],
    [{ action: 'x', nested: { n: -Infinity } }, /data.nested.n must be a finite number/],
    [{ action: 'x', when: new Date() }, /data.when must be a plain object or an array/],
    [{ action: 'x', list: [1, new Map()] }, /data.list\[1\] must be a plain object/],
    [{ action: 'x', toJSON: () => ({}) }, /data.toJSON is not JSON/],
    [{ action: 'x', [Symbol('k')]: 1 }, /data has symbol keys/],
    [holes, /data.list\[1\] is not JSON \(undefined\)/],
    [cyclic, /data.self refers to an object that holds it/],
    [deep, /data.a.b\[1\].c refers to an object that holds it/],
    [{ action: 'x', '099123456': () => 1 }, /a field of data is not JSON/],
  ];
  for (const [data, re] of cases) {
    await assert.rejects(client.send(data), (e) => isBridgeError(e, 'INVALID_ARGUMENT') && e.operation === 'send' && re.test(e.message), String(re));
  }
  assert.equal(portal.posted.length, 0);
});

test('data a state library hands out (MobX observable(): a hidden, non-enumerable symbol key on each object and array) is sent as its JSON; an enumerable symbol key is still refused', async () => {
  // Refused before, "data has symbol keys", though JSON.stringify leaves a hidden key out as it
  // leaves out a hidden string key (which the copy never refused).
  const { portal, client } = setup();
  const ADM = Symbol('mobx administration');
  const observed = (v) => Object.defineProperty(v, ADM, { value: { values: new Map() }, enumerable: false });
  const data = observed({ action: 'saveLead', lead: observed({ name: 'Ana', phones: observed(['099123456']) }) });
  Object.defineProperty(data, 'hidden', { value: 1, enumerable: false });
  assert.deepEqual(await client.send(data), { action: 'saveLead', confirmed: false, via: 'porthole' });
  assert.deepEqual(JSON.parse(portal.posted[0].data).data, { action: 'saveLead', lead: { name: 'Ana', phones: ['099123456'] } });
  await assert.rejects(client.send({ action: 'x', list: observed([Object.defineProperty({}, ADM, { value: 1, enumerable: true })]) }),
    (e) => isBridgeError(e, 'INVALID_ARGUMENT') && e.message === 'send: data.list[0] has symbol keys (JSON leaves them out)');
  assert.equal(portal.posted.length, 1);
});

test("reply 'none' (default): the data is posted exactly, in the Porthole envelope; confirmed: false, logged unconfirmed as send", async () => {
  const { portal, client, events, reply } = setup();
  const shared = { id: 7 };
  const data = { action: 'saveLead', lead: { name: 'Ana', phones: ['099123456'], score: 1.5, vip: true, note: null }, a: shared, b: shared };
  assert.deepEqual(await client.send(data), { action: 'saveLead', confirmed: false, via: 'porthole' });
  assert.equal(portal.posted.length, 1);
  assert.equal(portal.posted[0].targetOrigin, 'http://127.0.0.1:8080');
  assert.equal(portal.posted[0].data, JSON.stringify({
    data, sourceOrigin: 'http://127.0.0.1:8080', targetOrigin: 'http://127.0.0.1:8080', sourceWindowName: 'crmForm', targetWindowName: '',
  }));
  assert.deepEqual(events, [{ type: 'sent', action: 'send', via: 'porthole' }, { type: 'unconfirmed', action: 'send', via: 'porthole' }]);
  // Its answer, if the portal sends one, answers nothing later: swallowed in the lane's late window.
  const got = [];
  client.on('message', (d) => got.push(d));
  reply({ action: 'saveLead', id: 1 });
  assert.deepEqual(got, []);
  reply({ action: 'saveLead', id: 2 });
  assert.deepEqual(got, [{ action: 'saveLead', id: 2 }], 'after that, messages of the action are unsolicited');
  assert.ok(!JSON.stringify(events).includes('saveLead') && !JSON.stringify(events).includes('099123456'));
});

test("reply 'action': the reply with the same action answers it, with its data; result '0' is PORTAL_FAILED", async () => {
  const { portal, client, reply, events } = setup();
  const p = client.send({ action: 'getAgentInfo', agent: 'agent1001' }, { reply: 'action' });
  reply({ action: 'otherThing', x: 1 });
  reply({ guid: 'g-1' });
  reply({ action: 'getAgentInfo', extension: '1001', status: 'READY' });
  assert.deepEqual(await p, {
    action: 'getAgentInfo', confirmed: true, via: 'porthole', reply: { action: 'getAgentInfo', extension: '1001', status: 'READY' },
  });
  assert.deepEqual(events.map((e) => e.type), ['sent', 'unsolicited', 'unsolicited', 'answered']);
  const f = client.send({ action: 'getAgentInfo' }, { reply: 'action' });
  reply({ action: 'getAgentInfo', result: '0', error: 'no agent 099123456' });
  await assert.rejects(f, (e) => isBridgeError(e, 'PORTAL_FAILED') && e.detail === 'no agent 099123456' && e.message === 'send: the portal reported a failure (its reason is in err.detail)');
  assert.equal(portal.posted.length, 2);
});

test("reply 'action': one awaited message per action on the wire, in order; other actions' lanes are apart", async () => {
  const { portal, client, reply } = setup();
  const a = client.send({ action: 'step', n: 1 }, { reply: 'action' });
  const b = client.send({ action: 'step', n: 2 }, { reply: 'action' });
  const other = client.send({ action: 'other' }, { reply: 'action' });
  assert.deepEqual(portal.postedData.map((d) => d.n ?? d.action), [1, 'other'], 'the second step waits for the first answer');
  reply({ action: 'other', done: true });
  reply({ action: 'step', r: 'first' });
  assert.deepEqual(portal.postedData.map((d) => d.n ?? d.action), [1, 'other', 2]);
  reply({ action: 'step', r: 'second' });
  assert.deepEqual([(await a).reply.r, (await b).reply.r, (await other).reply.done], ['first', 'second', true]);
});

test("reply 'action' with a built-in action name shares that action's lane with the typed method", async () => {
  const { portal, client, reply } = setup();
  const raw = client.send({ action: 'hangup', channel: 'SIP/1001' }, { reply: 'action' });
  const typed = client.hangup({ confirm: true });
  assert.equal(portal.posted.length, 1);
  reply({ action: 'hangup', result: '1' });
  assert.deepEqual(await raw, { action: 'hangup', confirmed: true, via: 'porthole', reply: { action: 'hangup', result: '1' } });
  reply({ action: 'hangup', result: '1' });
  assert.equal((await typed).confirmed, true);
  // A message named like an action with no answer field is the portal's event, as for hangup().
  const p = client.send({ action: 'hangup' }, { reply: 'action', timeoutMs: 30 });
  reply({ action: 'hangup' });
  await assert.rejects(p, (e) => isBridgeError(e, 'TIMEOUT'));
});

test("reply 'guid': answered like a call, in the calls' lane", async () => {
  const { portal, client, reply } = setup();
  const call = client.call({ campaign: 'Sales->', destination: '099123456' });
  const raw = client.send({ action: 'callWithData', destination: '099123456', data: { id: 7 } }, { reply: 'guid' });
  assert.equal(portal.posted.length, 1, 'queued behind the call: one guid reply awaited at a time');
  reply({ guid: 'g-call' });
  reply({ action: 'callWithData', guid: 'g-named' }); // names another action: never a guid answer
  reply({ guid: 'g-raw' });
  assert.equal((await call).guid, 'g-call');
  assert.deepEqual(await raw, { action: 'callWithData', confirmed: true, via: 'porthole', guid: 'g-raw', reply: { guid: 'g-raw' } });
  const failed = client.send({ action: 'callWithData' }, { reply: 'guid' });
  reply({ guid: '0', error: 'busy' });
  await assert.rejects(failed, (e) => isBridgeError(e, 'PORTAL_FAILED') && e.detail === 'busy');
});

test("reply 'action' of call or callWithPhone waits in the calls' lane: a {guid} answers it, an {action, result} does not", async () => {
  const { portal, client, reply, events } = setup();
  const call = client.call({ campaign: 'Sales->', destination: '099123456' });
  const raw = client.send({ action: 'callWithPhone', destination: '099123456', campaign: 'Sales->' }, { reply: 'action' });
  assert.equal(portal.posted.length, 1, 'queued behind the call: one guid reply awaited at a time');
  reply({ guid: 'g-call' });
  assert.equal((await call).guid, 'g-call');
  assert.equal(portal.posted.length, 2);
  // A message of its action carrying result is no call answer: the portal's own, for listeners.
  reply({ action: 'callWithPhone', result: '1' });
  assert.equal(events.filter((e) => e.type === 'unsolicited').length, 1);
  reply({ guid: 'g-raw' });
  assert.deepEqual(await raw, { action: 'callWithPhone', confirmed: true, via: 'porthole', reply: { guid: 'g-raw' } });
  // Its default time limit, a call answer's: test/unit/docs-defaults.test.mjs.
  client.destroy();
});

test('send: timeouts (per call and the client default), abort, destroy; the data posted is a copy taken at the call', async () => {
  // A late window of 300 ms, not the default 10 s: its timer would hold this test process that long.
  const { portal, client, events, reply } = setup({ timeouts: { send: 200 }, lateReplyWindowMs: 300 });
  // The deadline of 200 ms, not tens: a stall of the process within the call (GC, a loaded
  // machine) as long as its deadline had it due before it was posted, and then it is never sent.
  const t = client.send({ action: 'slow' }, { reply: 'action' });
  await assert.rejects(t, (e) => isBridgeError(e, 'TIMEOUT') && e.message === 'send: no reply within 200 ms (the request was sent)');
  assert.deepEqual(events.filter((e) => e.type === 'timeout'), [{ type: 'timeout', action: 'send', via: 'porthole', reason: 'sent' }]);
  // The timed-out one holds its lane for its late window: the next waits, never sent, and times out.
  const queued = client.send({ action: 'slow', n: 2 }, { reply: 'action', timeoutMs: 20 });
  await assert.rejects(queued, (e) => /never sent/.test(e.message));
  // Queued behind an earlier one of its action, it is posted later: what was checked, not what changed since.
  const first = client.send({ action: 'copy', n: 1 }, { reply: 'action' });
  const data = { action: 'copy', list: [1] };
  const ac = new AbortController();
  const p = client.send(data, { reply: 'action', signal: ac.signal });
  data.list.push(2);
  data.action = 'changed';
  assert.deepEqual(portal.postedData.at(-1), { action: 'copy', n: 1 });
  reply({ action: 'copy', done: 1 });
  assert.equal((await first).reply.done, 1);
  assert.deepEqual(portal.postedData.at(-1), { action: 'copy', list: [1] });
  ac.abort();
  await assert.rejects(p, (e) => isBridgeError(e, 'ABORTED') && /was sent/.test(e.message));
  const d = client.send({ action: 'other' }, { reply: 'action' });
  client.destroy();
  await assert.rejects(d, (e) => isBridgeError(e, 'DESTROYED'));
  await assert.rejects(client.send({ action: 'other' }), (e) => isBridgeError(e, 'DESTROYED'));
});

test('send: replies from another origin or window settle nothing; a page outside the portal is NOT_EMBEDDED', async () => {
  const { client, reply } = setup();
  const p = client.send({ action: 'ask' }, { reply: 'action' });
  reply({ action: 'ask', forged: 'origin' }, { origin: 'https://evil.example' });
  reply({ action: 'ask', forged: 'source' }, { source: new FakeWindow({ origin: 'http://127.0.0.1:8080' }) });
  reply({ action: 'ask', real: true });
  assert.deepEqual((await p).reply, { action: 'ask', real: true });
  const alone = connectPortal({ window: new FakeWindow(), log: captureLog });
  await assert.rejects(alone.send({ action: 'ask' }), (e) => isBridgeError(e, 'NOT_EMBEDDED'));
});

test('a plain object of another realm (a same-origin frame) is plain data too', async () => {
  const { portal, client } = setup();
  const foreign = vm.runInNewContext('({ action: "fromFrame", list: [1, { a: "b" }], none: Object.create(null) })');
  await client.send(foreign);
  assert.deepEqual(portal.postedData[0], { action: 'fromFrame', list: [1, { a: 'b' }], none: {} });
});

// ---- lanes of any name, across copies of the library and across a reload

// The global is put aside first: a script-tag file adds its names to the one an earlier copy made.
const scriptCopy = (file) => {
  delete globalThis.UContactBridge;
  return vm.runInThisContext(`${readFileSync(new URL(`../../dist/${file}`, import.meta.url), 'utf8')}\n;UContactBridge`);
};
const HUBS = Symbol.for('ucontact-bridge.hubs');

for (const [first, second] of [['esm', 'iife'], ['iife', 'esm']]) {
  test(`two copies of the library share the lane of a deployment's action (hub made by the ${first} copy)`, async () => {
    const copies = { esm: { connectPortal }, iife: scriptCopy('ucontact-bridge.portal.iife.min.js') };
    assert.notEqual(copies.iife.connectPortal, connectPortal);
    const { portal, form, reply } = framed();
    const a = copies[first].connectPortal({ window: form, log: captureLog });
    const b = copies[second].connectPortal({ window: form, log: captureLog });
    assert.equal(form.listenerCount, 1);
    const pa = a.send({ action: 'lookup', who: first }, { reply: 'action' });
    const pb = b.send({ action: 'lookup', who: second }, { reply: 'action' });
    assert.deepEqual(portal.postedData.map((d) => d.who), [first], 'the second copy queues in the same lane');
    reply({ action: 'lookup', answer: 1 });
    reply({ action: 'lookup', answer: 2 });
    assert.deepEqual([(await pa).reply.answer, (await pb).reply.answer], [1, 2]);
    a.destroy();
    b.destroy();
  });
}

/** A hub of protocol v1 (an older copy of the library) installed on `form`: it answers every request at once with `guid`. */
function v1Hub(portal, form, guid) {
  const lanes = [];
  const hub = {
    v: 1, target: portal,
    join: () => () => {},
    lane(name) {
      lanes.push(name);
      return { enqueue: (w) => w.send() && w.answer({ ok: true, guid, error: '' }), sent: () => {}, withdraw: () => true };
    },
  };
  Object.defineProperty(form, HUBS, { value: [hub] });
  return lanes;
}

test('a hub of protocol v1 (an older copy) routes its own lanes only: send waits only where it can', async () => {
  const { portal, form } = framed();
  const lanes = v1Hub(portal, form, 'g-v1');
  const client = connectPortal({ window: form, log: captureLog, persistPending: false });
  await assert.rejects(client.send({ action: 'custom' }, { reply: 'action' }),
    (e) => isBridgeError(e, 'INVALID_ARGUMENT') && /older copy of ucontact-bridge/.test(e.message) && /reply: 'guid' or 'none'/.test(e.message));
  await assert.rejects(client.closeForm({ confirm: true }), (e) => isBridgeError(e, 'INVALID_ARGUMENT') && /confirm: false/.test(e.message));
  assert.equal(portal.posted.length, 0);
  assert.deepEqual(await client.send({ action: 'custom' }), { action: 'custom', confirmed: false, via: 'porthole' });
  assert.deepEqual(await client.send({ action: 'custom' }, { reply: 'guid' }), { action: 'custom', confirmed: true, via: 'porthole', guid: 'g-v1' });
  assert.deepEqual(await client.send({ action: 'hangup' }, { reply: 'action' }), { action: 'hangup', confirmed: true, via: 'porthole' });
  assert.deepEqual(lanes, ['guid', 'hangup'], 'no lane of a name the v1 hub cannot route');
  assert.equal(portal.posted.length, 3);
});

test('a hub of protocol v1 routes the confirmations of hangup, disposition, tag, respool and schedule in their lanes', async () => {
  const { portal, form } = framed();
  const lanes = v1Hub(portal, form, '');
  const client = connectPortal({ window: form, log: captureLog, persistPending: false, confirm: true, use: 'porthole' });
  const respool = {
    campaign: 'Sales->', destination: '098111222', status: 1, data: '', alternatives: '', retries: 0, contact: 1, dialerbase: 'b',
    priority: 1, agentphone: '',
  };
  const schedule = { calldate: '2026-12-01 09:30:00', campaign: 'Sales->', destination: '099123456', alternatives: '', agentphone: '', data: '' };
  const results = [
    await client.hangup(), await client.disposition({ l1: 'Sale' }), await client.tag({ tag: 'vip' }),
    await client.respool(respool), await client.schedule(schedule),
  ];
  assert.deepEqual(results.map((r) => [r.action, r.confirmed]),
    [['hangup', true], ['disposition', true], ['tag', true], ['respool', true], ['schedule', true]]);
  assert.deepEqual(lanes, ['hangup', 'disposition', 'tag', 'respool', 'schedule']);
  assert.equal(portal.posted.length, 5);
});

class MemoryStorage {
  constructor() { this.map = new Map(); }
  getItem(k) { return this.map.has(k) ? this.map.get(k) : null; }
  setItem(k, v) { this.map.set(k, String(v)); }
  removeItem(k) { this.map.delete(k); }
}

// `__proto__`: the saved slots were an ordinary object, where that name set the prototype and
// the slot was lost, so the old page's late reply answered the new page's request.
for (const action of ['saveLead', '__proto__', 'constructor']) {
  test(`a reloaded form does not take the late reply of a send of its previous document (the lane of '${action}' is kept)`, async () => {
    const storage = new MemoryStorage();
    const { portal, form, reply } = framed();
    form.sessionStorage = storage;
    const before = connectPortal({ window: form, log: captureLog });
    // Still waiting at the unload; its deadline soon after, so no timer holds this test process.
    before.send({ action, n: 1 }, { reply: 'action', timeoutMs: 50 }).catch(() => {});
    form.dispatchEvent(new Event('pagehide'));
    assert.match(storage.getItem([...storage.map.keys()][0]) ?? '', new RegExp(`"${action}":\\[\\[`));

    const next = form.reloaded();
    const after = connectPortal({ window: next, log: captureLog });
    const p = after.send({ action, n: 2 }, { reply: 'action', timeoutMs: 5000 });
    assert.equal(portal.posted.length, 1, 'the new request waits behind the restored slot');
    next.dispatchEvent(Object.assign(new Event('message'), {
      data: JSON.stringify({ data: { action, id: 'old' } }), origin: 'http://127.0.0.1:8080', source: portal,
    }));
    assert.equal(portal.posted.length, 2);
    next.dispatchEvent(Object.assign(new Event('message'), {
      data: JSON.stringify({ data: { action, id: 'new' } }), origin: 'http://127.0.0.1:8080', source: portal,
    }));
    assert.equal((await p).reply.id, 'new');
    void reply;
    await tick();
  });
}

test('lane names are any action name, prototype names included', async () => {
  const { client, reply } = setup();
  for (const action of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
    const p = client.send(JSON.parse(`{"action":${JSON.stringify(action)}}`), { reply: 'action' });
    reply(JSON.parse(`{"action":${JSON.stringify(action)},"ok":1}`));
    assert.equal((await p).reply.ok, 1, action);
  }
  assert.equal({}.ok, undefined);
});

// The five unconfirmed actions' replies, `{action, result: '1' | '0'}`, are our profile (contract
// section 3): a portal that answers in its own shape (`result: true`, `'OK'`) must still be heard.
// Such a reply settles no request (its result cannot be read) and goes to on('message').
test("a portal's reply in its own shape (a result other than '0'/'1') settles nothing and reaches on('message')", async () => {
  const { client, reply, events } = setup();
  const heard = [];
  client.on('message', (d) => heard.push(d));
  const own = [
    { action: 'disposition', result: 'OK' }, { action: 'hangup', result: true }, { action: 'tag', result: null },
    { action: 'respool', result: ['1'] }, { guid: 'g-7', result: 'yes' }, { guid: true },
  ];
  const waiting = client.hangup({ confirm: true, timeoutMs: 50 });
  await client.send({ action: 'disposition', level: 'Sale' });
  for (const d of own) reply(d);
  assert.deepEqual(heard, own);
  await assert.rejects(waiting, (e) => isBridgeError(e, 'TIMEOUT'), 'a reply whose result cannot be read answers nothing');
  assert.ok(!events.some((e) => e.reason === 'malformed'));
});
