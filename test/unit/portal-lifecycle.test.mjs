// Several clients in one page, remounts, reloads: a reply still finds its own request only.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { connectPortal, isBridgeError } from '../../dist/index.js';
import { FakeWindow, framed } from './helpers/fake-window.mjs';
import { unhandledDuring } from './helpers/unhandled.mjs';

const CALL = { campaign: 'Sales->', destination: '099123456' };

// Every client of this file, destroyed at its end: many tests leave a page with a call in flight (an
// unload, a reload), whose 30 s timeout would otherwise hold this file's process that long.
const made = [];
const connect = (options) => {
  const client = connectPortal(options);
  made.push(client);
  return client;
};
after(() => made.forEach((client) => client.destroy()));

class MemoryStorage {
  constructor() { this.map = new Map(); }
  getItem(k) { return this.map.has(k) ? this.map.get(k) : null; }
  setItem(k, v) { this.map.set(k, String(v)); }
  removeItem(k) { this.map.delete(k); }
}

test('an async log hook that rejects leaves no unhandled rejection, as with the REST clients\' hook', async () => {
  // Before: one unhandled rejection per event ('sent', 'unconfirmed', 'unsolicited', 'destroyed').
  const seen = await unhandledDuring(async () => {
    const { form, reply } = framed();
    const client = connect({ window: form, log: async () => { throw new Error('hook bug'); } });
    await client.hangup();
    reply({ action: 'other' });
    client.destroy();
  });
  assert.deepEqual(seen, []);
});

test('two clients in one page share the reply lanes: each reply reaches the request sent first', async () => {
  const { portal, form, reply } = framed();
  const widgetA = connect({ log: captureLog, window: form });
  const widgetB = connect({ log: captureLog, window: form });
  const b = widgetB.call(CALL);
  const a = widgetA.call(CALL);
  assert.equal(portal.posted.length, 1, 'the second call waits, whichever client sends it');
  reply({ guid: 'first' });
  reply({ guid: 'second' });
  assert.equal((await b).guid, 'first');
  assert.equal((await a).guid, 'second');
  assert.equal(form.listenerCount, 1, 'one message listener for the page');
  widgetA.destroy();
  assert.equal(form.listenerCount, 1);
  widgetB.destroy();
  assert.equal(form.listenerCount, 0, 'the last client removes it');
});

test('unsolicited messages reach every client, each with its own listeners', () => {
  const { form, reply } = framed();
  const got = [];
  connect({ log: captureLog, window: form }).on('message', (d) => got.push(['a', d.event]));
  connect({ log: captureLog, window: form }).on('message', (d) => got.push(['b', d.event]));
  reply({ event: 'x' });
  assert.deepEqual(got, [['a', 'x'], ['b', 'x']]);
});

test("a client destroyed by another client's message listener hears nothing after 'destroyed', not even in its log hook", () => {
  const { form, reply } = framed();
  const events = [];
  const a = connect({ log: captureLog, window: form });
  const b = connect({ log: (e) => events.push(e.type), window: form });
  a.on('message', () => b.destroy());
  b.on('message', () => events.push('listener'));
  reply({ event: 'x' });
  assert.deepEqual(events, ['destroyed']);
  reply({ event: 'y' });
  assert.deepEqual(events, ['destroyed']);
});

test("a log hook that destroys the client at one request's timeout: the others due at the same time reject DESTROYED, with no 'timeout' after 'destroyed'", async () => {
  const { form } = framed();
  const events = [];
  let client;
  client = connect({ window: form, log: (e) => { events.push(`${e.type}${e.action ? ` ${e.action}` : ''}`); if (e.type === 'timeout') client.destroy(); } });
  // Deadlines of 200 ms, not tens: a stall of the process within a call (GC, a loaded machine) as
  // long as its deadline had it due before it was posted, and then it is never sent ('sent' missing).
  const call = client.call(CALL, { timeoutMs: 200 }).catch((e) => e.code);
  const hangup = client.hangup({ confirm: true, timeoutMs: 200 }).catch((e) => e.code);
  // Both are overdue when the alarm fires.
  for (const end = performance.now() + 400; performance.now() < end;);
  assert.deepEqual([await call, await hangup], ['TIMEOUT', 'DESTROYED']);
  assert.deepEqual(events, ['sent call', 'sent hangup', 'timeout call', 'destroyed']);
});

test('React StrictMode: connect, destroy, connect again; the first mount\'s late reply is not taken', async () => {
  const { portal, form, reply } = framed();
  const first = connect({ log: captureLog, window: form });
  const lost = first.call(CALL);
  first.destroy();
  await assert.rejects(lost, (e) => isBridgeError(e, 'DESTROYED'));
  const second = connect({ log: captureLog, window: form });
  const mine = second.call(CALL);
  assert.equal(portal.posted.length, 1, 'waits for the destroyed call\'s reply');
  reply({ guid: 'for-the-destroyed-call' });
  assert.equal(portal.posted.length, 2);
  reply({ guid: 'mine' });
  assert.equal((await mine).guid, 'mine');
  assert.equal(form.listenerCount, 1);
});

// A remount (HMR dispose, a route change, a micro-frontend) whose portal answers the destroyed call
// before the next client connects: the hub listened on, so the reply freed the lane. Before, the
// listener went with the last client, the reply was never heard, and the next client's first call
// waited out the destroyed call's whole late window.
test("the last client destroyed with a call on the wire, answered before the next client connects: the next client's call is posted at once", async () => {
  const { portal, form, reply } = framed();
  const first = connect({ log: captureLog, window: form, lateReplyWindowMs: 60_000 });
  const lost = first.call(CALL);
  first.destroy();
  await assert.rejects(lost, (e) => isBridgeError(e, 'DESTROYED'));
  assert.equal(form.listenerCount, 1, 'the page still listens: the destroyed call may be answered');
  reply({ guid: 'for-the-destroyed-call' });
  const second = connect({ log: captureLog, window: form });
  const mine = second.call(CALL);
  assert.equal(portal.posted.length, 2, 'posted at once, not after the destroyed call\'s window');
  reply({ guid: 'mine' });
  assert.equal((await mine).guid, 'mine');
});

test('with no client attached, a reply from an origin the destroyed call\'s client refused frees nothing', async () => {
  const { portal, form, reply } = framed({ portalOrigin: 'https://portal.example', formOrigin: 'https://crm.example' });
  const options = { log: captureLog, window: form, allowedOrigins: 'https://portal.example', lateReplyWindowMs: 60_000 };
  const first = connect(options);
  first.call(CALL).catch(() => {});
  first.destroy();
  reply({ guid: 'forged' }, { origin: 'https://other.example' });
  const mine = connect(options).call(CALL);
  assert.equal(portal.posted.length, 1, 'the forged reply left the destroyed call\'s slot open');
  reply({ guid: 'late' });
  assert.equal(portal.posted.length, 2);
  reply({ guid: 'mine' });
  assert.equal((await mine).guid, 'mine');
});

test("the listener kept for a destroyed call goes when its late window closes, and its timer holds no Node process", (t) => {
  // Counted first, with real timers: an unref'd timer is no active resource.
  const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
  const before = timers();
  const { form } = framed();
  const client = connectPortal({ window: form, lateReplyWindowMs: 1000 });
  client.call(CALL).catch(() => {});
  assert.equal(timers(), before + 1, "the call's deadline");
  client.destroy();
  assert.equal(form.listenerCount, 1);
  assert.equal(timers(), before, 'nothing holds the process for the late window');
  // The same with a faked clock: the listener lives exactly as long as the window.
  t.mock.timers.enable({ apis: ['setTimeout'] });
  let elapsed = 0;
  t.mock.method(performance, 'now', () => elapsed);
  const tick = (ms) => {
    for (let i = 0; i < ms; i++) {
      elapsed++;
      t.mock.timers.tick(1);
    }
  };
  const page = framed();
  const c = connectPortal({ window: page.form, lateReplyWindowMs: 1000 });
  c.call(CALL).catch(() => {});
  tick(10);
  c.destroy();
  tick(999);
  assert.equal(page.form.listenerCount, 1, 'the window is still open');
  tick(1);
  assert.equal(page.form.listenerCount, 0, 'gone with the window');
  // A remount then leaves, with nothing on the wire: the listener goes with it at once.
  connectPortal({ window: page.form }).destroy();
  assert.equal(page.form.listenerCount, 0);
});

test("fake timers without a fake performance.now() (Node's mock.timers): the listener kept for a destroyed call goes at the window's timer, not re-armed for ever", (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const { form } = framed();
  const client = connectPortal({ window: form, lateReplyWindowMs: 5000 });
  client.call(CALL).catch(() => {});
  client.destroy();
  assert.equal(form.listenerCount, 1);
  // The clock barely moves: the timer that waited the window's delay says it has closed.
  t.mock.timers.tick(5000);
  assert.equal(form.listenerCount, 0);
});

test('a reply is routed only if the client that sent the request accepts its origin', async () => {
  const { form, reply } = framed({ portalOrigin: 'https://portal.example', formOrigin: 'https://crm.example' });
  const strict = connect({ log: captureLog, window: form, allowedOrigins: 'https://portal.example' });
  connect({ log: captureLog, window: form, allowedOrigins: ['https://portal.example', 'https://other.example'] });
  const p = strict.call(CALL, { timeoutMs: 2000 });
  reply({ guid: 'from-other' }, { origin: 'https://other.example' });
  reply({ guid: 'real' });
  assert.equal((await p).guid, 'real');
});

test("a reply the sender's origin check refuses is logged as ignored and burns no guid: the real reply with that guid still answers", async () => {
  const { form, reply } = framed({ portalOrigin: 'https://portal.example', formOrigin: 'https://crm.example' });
  const events = [];
  const strict = connect({ log: (e) => events.push(e), window: form, allowedOrigins: 'https://portal.example' });
  connect({ log: captureLog, window: form, allowedOrigins: ['https://portal.example', 'https://other.example'] });
  const p = strict.call(CALL, { timeoutMs: 2000 });
  reply({ guid: 'g-1' }, { origin: 'https://other.example' });
  assert.deepEqual(events.filter((e) => e.type === 'ignored'), [{ type: 'ignored', reason: 'origin' }]);
  reply({ guid: 'g-1' });
  assert.equal((await p).guid, 'g-1');
});

test('a form reloaded with a call in flight keeps the lane busy until the late reply came', async () => {
  const portal = new FakeWindow({ origin: 'http://127.0.0.1:8080' });
  const storage = new MemoryStorage();
  const page1 = new FakeWindow({ origin: 'http://127.0.0.1:8080', path: '/forms/crm.html', name: 'crmForm', parent: portal });
  page1.sessionStorage = storage;
  connect({ log: captureLog, window: page1, lateReplyWindowMs: 5000 }).call(CALL).catch(() => {});
  page1.dispatchEvent(new Event('pagehide'));
  // The key names the frame (its index in the portal's frames, its name), not the document.
  assert.deepEqual([...storage.map.keys()], ['ucontact-bridge.pending:/0:crmForm']);
  assert.match(storage.getItem('ucontact-bridge.pending:/0:crmForm'), /"guid":\[\[[\d.]+,[\d.]+\]\]/);

  // The reloaded document: a new window object in the same frame, the same tab's sessionStorage.
  const page2 = page1.reloaded();
  const client = connect({ log: captureLog, window: page2 });
  const mine = client.call(CALL);
  assert.equal(portal.posted.length, 1, 'only the first page\'s call is on the wire');
  const env = (guid) => JSON.stringify({ data: { guid }, sourceOrigin: '', targetOrigin: '', sourceWindowName: '', targetWindowName: '' });
  const deliver = (guid) => page2.dispatchEvent(Object.assign(new Event('message'), { data: env(guid), origin: 'http://127.0.0.1:8080', source: portal }));
  deliver('for-the-old-page');
  assert.equal(portal.posted.length, 2);
  deliver('mine');
  assert.equal((await mine).guid, 'mine');
});

test("a slot restored by a later client goes before the calls this page already sent: the old call's reply answers none of them", async () => {
  const portal = new FakeWindow({ origin: 'http://127.0.0.1:8080' });
  const page1 = new FakeWindow({ origin: 'http://127.0.0.1:8080', path: '/forms/crm.html', name: 'crmForm', parent: portal });
  page1.sessionStorage = new MemoryStorage();
  connect({ log: captureLog, window: page1, lateReplyWindowMs: 5000 }).call(CALL).catch(() => {});
  page1.dispatchEvent(new Event('pagehide'));

  const page2 = page1.reloaded();
  // A widget that keeps no slots connects first: its call goes out at once, after the old page's.
  const widget = connect({ log: captureLog, window: page2, persistPending: false }).call(CALL, { timeoutMs: 2000 });
  assert.equal(portal.posted.length, 2);
  // The form's client restores the old call's slot: the old call was on the wire first.
  const mine = connect({ log: captureLog, window: page2 }).call(CALL, { timeoutMs: 2000 });
  const send = (guid) => page2.dispatchEvent(Object.assign(new Event('message'), { data: JSON.stringify({ data: { guid } }), origin: 'http://127.0.0.1:8080', source: portal }));
  send('g-old');
  send('g-widget');
  assert.equal((await widget).guid, 'g-widget');
  assert.equal(portal.posted.length, 3);
  send('g-mine');
  assert.equal((await mine).guid, 'g-mine');
});

test('storage that throws does not break the client', async () => {
  const { form, reply } = framed();
  Object.defineProperty(form, 'sessionStorage', { get() { throw new Error('SecurityError'); } });
  const client = connect({ log: captureLog, window: form });
  const p = client.call(CALL);
  reply({ guid: 'ok' });
  assert.equal((await p).guid, 'ok');
  form.dispatchEvent(new Event('pagehide'));
});

test('a full sessionStorage (each write throws QuotaExceededError) breaks nothing: destroy() and pagehide with a call in flight', async () => {
  const { form } = framed();
  const full = Object.assign(new MemoryStorage(), { setItem() { throw Object.assign(new Error('full'), { name: 'QuotaExceededError' }); } });
  form.sessionStorage = full;
  const client = connect({ window: form });
  const pending = client.call(CALL);
  // Saving the call's slot is refused: the slot is lost (as with blocked storage), nothing thrown.
  client.destroy();
  await assert.rejects(pending, (e) => isBridgeError(e, 'DESTROYED'));
  const next = connect({ window: form });
  next.call(CALL).catch(() => {});
  form.dispatchEvent(new Event('pagehide'));
  assert.equal(full.map.size, 0);
});

test('persistPending: false never touches sessionStorage', async () => {
  const { form, reply } = framed();
  let touched = 0;
  Object.defineProperty(form, 'sessionStorage', { get() { touched++; return new MemoryStorage(); } });
  const client = connect({ log: captureLog, window: form, persistPending: false });
  const p = client.call(CALL);
  form.dispatchEvent(new Event('pagehide'));
  reply({ guid: 'ok' });
  assert.equal((await p).guid, 'ok');
  assert.equal(touched, 0);
  connect({ log: captureLog, window: new FakeWindow({ parent: form.parent }) });
});

// Pins drop()'s `target === win.parent` (src/portal/hub.ts): only the frame's own portal keeps the
// listener past the last client. A targetWindow (a widget's frame, a pop-up) may be removed at once:
// without the check the listener stayed for the destroyed call's whole late window, holding that
// window's document (e2e/leaks checks it in a browser; no unit test did).
test('the last client destroyed with a call on the wire to a targetWindow: the listener goes at once, not after the late window', async () => {
  const { form } = framed();
  const other = new FakeWindow({ origin: 'http://127.0.0.1:8080' });
  const client = connect({ log: captureLog, window: form, targetWindow: other, lateReplyWindowMs: 60_000 });
  const lost = client.call(CALL);
  assert.equal(other.posted.length, 1, 'the call is on the wire');
  assert.equal(form.listenerCount, 1);
  client.destroy();
  await assert.rejects(lost, (e) => isBridgeError(e, 'DESTROYED'));
  assert.equal(form.listenerCount, 0, 'the listener stayed for a targetWindow');
});

test("reload slots are the frame's with its parent: a client whose targetWindow is another window neither saves nor restores them", async () => {
  const { portal, form } = framed();
  const storage = new MemoryStorage();
  const key = 'ucontact-bridge.pending:/0:crmForm';
  const saved = JSON.stringify({ s: { guid: [[performance.timeOrigin + performance.now() + 600_000, 600_000]] }, g: [] });
  storage.setItem(key, saved);
  form.sessionStorage = storage;
  const other = new FakeWindow({ origin: 'http://127.0.0.1:8080' });
  const client = connect({ log: captureLog, window: form, targetWindow: other });
  const p = client.call(CALL);
  assert.equal(other.posted.length, 1, "the parent's saved slot held back a call to another window");
  form.dispatchEvent(new Event('pagehide'));
  assert.deepEqual([...storage.map.entries()], [[key, saved]], "the frame's saved state was changed");
  client.destroy();
  await assert.rejects(p, (e) => isBridgeError(e, 'DESTROYED'));
  assert.equal(portal.posted.length, 0);
});

test('a saved state read back keeps only text guids', async () => {
  const { portal, form } = framed();
  const storage = new MemoryStorage();
  const key = 'ucontact-bridge.pending:/0:crmForm';
  storage.setItem(key, JSON.stringify({ s: {}, g: ['g-1', 7, null, { guid: 'g-2' }, 'g-3'] }));
  form.sessionStorage = storage;
  const client = connect({ log: captureLog, window: form });
  const p = client.call(CALL);
  for (const guid of ['g-1', 'g-3']) form.dispatchEvent(Object.assign(new Event('message'), { data: JSON.stringify({ data: { guid } }), origin: 'http://127.0.0.1:8080', source: portal }));
  form.dispatchEvent(Object.assign(new Event('message'), { data: JSON.stringify({ data: { guid: 'g-new' } }), origin: 'http://127.0.0.1:8080', source: portal }));
  assert.equal((await p).guid, 'g-new', 'a remembered guid answered the call');
  form.dispatchEvent(new Event('pagehide'));
  assert.deepEqual(JSON.parse(storage.getItem(key)).g, ['g-1', 'g-3', 'g-new']);
});

/**
 * A form document restored from the saved reload `state` (a guid lane holding one slot), whose call
 * the restored slot holds back; `send(guid)` is the portal's reply.
 */
function restoredCall(state, log) {
  const { portal, form } = framed();
  const storage = new MemoryStorage();
  const key = 'ucontact-bridge.pending:/0:crmForm';
  storage.setItem(key, JSON.stringify(state));
  form.sessionStorage = storage;
  const client = connect({ log, window: form });
  const p = client.call(CALL);
  assert.equal(portal.posted.length, 0, "the guid lane's restored slot holds the call back");
  assert.equal(storage.getItem(key), null, 'the live slot was taken by this document');
  const send = (guid) => form.dispatchEvent(Object.assign(new Event('message'), { data: JSON.stringify({ data: { guid } }), origin: 'http://127.0.0.1:8080', source: portal }));
  return { portal, p, send };
}

test('a saved state with a lane that is not a list of pairs (not written by this library): that lane is skipped, the others and the guids restored', async () => {
  const slot = [Date.now() + 600_000, 600_000];
  const events = [];
  const { portal, p, send } = restoredCall({ s: { tag: 5, note: { a: 1 }, hangup: 'xy', guid: [slot] }, g: ['g-1'] },
    (e) => { captureLog(e); events.push(e); });
  send('g-1');
  assert.deepEqual(events.filter((e) => e.type === 'ignored'), [{ type: 'ignored', reason: 'replayed' }]);
  send('g-old-call');
  assert.equal(portal.posted.length, 1, 'the late reply closed the restored slot');
  send('g-new');
  assert.equal((await p).guid, 'g-new');
});

// A guid list that is not a list (another script's write) loses only the guids: the lanes were
// restored, and the live slot is taken by this document (it stopped there before).
test('a saved state whose guid list is not a list: the lanes are restored and the live slot taken', async () => {
  const { portal, p, send } = restoredCall({ s: { guid: [[Date.now() + 600_000, 600_000]] }, g: 5 }, captureLog);
  send('g-old-call');
  assert.equal(portal.posted.length, 1, 'the late reply closed the restored slot');
  send('g-new');
  assert.equal((await p).guid, 'g-new');
});

// README's DESTROYED row: the message says how far a pending request got, as TIMEOUT's does (an app
// remounting mid-call must know whether to dial again).
test('destroy() with one call sent and one queued behind it: each DESTROYED says whether it was sent', async () => {
  const { portal, form } = framed();
  const client = connect({ log: captureLog, window: form });
  const sent = client.call(CALL).catch((e) => e);
  const queued = client.call(CALL).catch((e) => e);
  assert.equal(portal.posted.length, 1);
  client.destroy();
  const [a, b] = await Promise.all([sent, queued]);
  assert.ok(isBridgeError(a, 'DESTROYED') && isBridgeError(b, 'DESTROYED'));
  assert.equal(a.message, 'call: the portal client was destroyed (the request was sent)');
  assert.equal(b.message, 'call: the portal client was destroyed (never sent: an earlier request of its kind was pending)');
});

// ---- issue #16: copies of the library, reload slots per frame, unload orders, per-client options

const { readFileSync } = await import('node:fs');
const vm = await import('node:vm');
/**
 * Another copy of the library in this realm, as a second script tag would be. The global is put
 * aside first: a script-tag file adds its names to the one an earlier copy made.
 */
const scriptCopy = (file) => {
  delete globalThis.UContactBridge;
  return vm.runInThisContext(`${readFileSync(new URL(`../../dist/${file}`, import.meta.url), 'utf8')}\n;UContactBridge`);
};
const HUBS = Symbol.for('ucontact-bridge.hubs');
const ESM = await import('../../dist/index.js');

test('copies of the library in one page share one set of lanes: each call gets its own guid', async () => {
  const copies = [ESM, scriptCopy('ucontact-bridge.iife.js'), scriptCopy('ucontact-bridge.portal.iife.min.js')];
  assert.notEqual(copies[1].connectPortal, ESM.connectPortal);
  const { portal, form, reply } = framed();
  const clients = copies.map((c) => c.connectPortal({ log: captureLog, window: form }));
  assert.equal(form.listenerCount, 1, 'one message listener for every copy');
  const calls = clients.map((c, i) => (i === 1 ? c.callWithPhone(CALL) : c.call(CALL)));
  assert.equal(portal.posted.length, 1, 'one call on the wire, whichever copy sent it');
  reply({ guid: 'g-esm' });
  reply({ guid: 'g-iife' });
  reply({ guid: 'g-portal-iife' });
  assert.deepEqual((await Promise.all(calls)).map((r) => r.guid), ['g-esm', 'g-iife', 'g-portal-iife']);
  assert.equal(portal.posted.length, 3);
  clients.forEach((c) => c.destroy());
  assert.equal(form.listenerCount, 0);
});

test('the hub registry lives on the window under a registry symbol, not enumerable, not writable', () => {
  const { form } = framed();
  connect({ log: captureLog, window: form });
  const d = Object.getOwnPropertyDescriptor(form, HUBS);
  assert.ok(d && Array.isArray(d.value));
  assert.deepEqual([d.writable, d.enumerable, d.configurable], [false, false, false]);
  assert.equal(d.value.length, 1);
  assert.equal(d.value[0].v, 2);
  assert.equal(d.value[0].target, form.parent);
  assert.ok(!Object.keys(form).some((k) => /hub/i.test(k)));
  assert.throws(() => { form[HUBS] = []; }, TypeError);
});

test('shared-hub protocol v1: a client joins a hub another version made, through plain records only', async () => {
  const { portal, form } = framed();
  const seen = { members: [], lanes: [], queued: [], sent: [], withdrawn: [] };
  // A hub of a later version, as another copy would have made it: v >= 1 serves v1 members.
  const hub = {
    v: 7, target: portal,
    join(member) { seen.members.push(member); return () => seen.members.splice(seen.members.indexOf(member), 1); },
    lane(name) {
      seen.lanes.push(name);
      return { enqueue: (w) => seen.queued.push(w), sent: (s) => seen.sent.push(s), withdraw: (w) => (seen.withdrawn.push(w), true) };
    },
  };
  Object.defineProperty(form, HUBS, { value: [hub] });
  const client = connect({ log: captureLog, window: form, lateReplyWindowMs: 1234, persistPending: false });
  assert.equal(seen.members.length, 1, 'joined the existing hub instead of making one');
  const m = seen.members[0];
  assert.deepEqual([typeof m.accepts, typeof m.deliver, typeof m.log, m.persist], ['function', 'function', 'function', false]);
  assert.equal(m.accepts('http://127.0.0.1:8080'), true);
  assert.equal(m.accepts('https://evil.example'), false);

  const p = client.call(CALL);
  assert.deepEqual(seen.lanes, ['guid']);
  const w = seen.queued[0];
  assert.deepEqual([w.late, w.persist, typeof w.send, typeof w.answer, typeof w.accepts], [1234, false, 'function', 'function', 'function']);
  assert.equal(portal.posted.length, 0, 'the hub decides when it is sent');
  assert.equal(w.send(), true);
  assert.equal(portal.posted.length, 1);
  w.answer({ ok: true, guid: 'g-v7', error: '' });
  assert.equal((await p).guid, 'g-v7');

  await client.hangup();
  assert.deepEqual(seen.lanes, ['guid', 'hangup']);
  assert.deepEqual([seen.sent[0].late, seen.sent[0].persist], [1234, false]);
  const t = client.tag({ tag: 'x' }, { confirm: true, timeoutMs: 20 });
  await assert.rejects(t, (e) => isBridgeError(e, 'TIMEOUT') && /was sent/.test(e.message));
  assert.equal(seen.withdrawn.length, 1);
  client.destroy();
  assert.equal(seen.members.length, 0);
});

/** Two same-origin forms side by side in one portal, sharing the tab's sessionStorage. */
function siblings() {
  const portal = new FakeWindow({ origin: 'http://127.0.0.1:8080' });
  const storage = new MemoryStorage();
  const frame = (name) => Object.assign(new FakeWindow({ origin: 'http://127.0.0.1:8080', path: '/forms/crm.html', name, parent: portal }), { sessionStorage: storage });
  const send = (win, guid) => win.dispatchEvent(Object.assign(new Event('message'), { data: JSON.stringify({ data: { guid } }), origin: 'http://127.0.0.1:8080', source: portal }));
  return { portal, storage, frame, send };
}

test("reload slots are per frame: a sibling form's unload does not overwrite the reloading form's", async () => {
  const { portal, storage, frame, send } = siblings();
  const a = frame('formA');
  const b = frame('formB');
  connect({ log: captureLog, window: b });
  connect({ log: captureLog, window: a, lateReplyWindowMs: 5000 }).call(CALL).catch(() => {});
  a.dispatchEvent(new Event('pagehide')); // form A reloads with its call on the wire
  b.dispatchEvent(new Event('pagehide')); // form B goes away meanwhile, with nothing pending
  assert.equal(storage.map.size, 1, "form B wrote a state of its own");

  const a2 = a.reloaded();
  const mine = connect({ log: captureLog, window: a2 }).call(CALL);
  assert.equal(portal.posted.length, 1, 'the reloaded form sent while its old call may still be answered');
  send(a2, 'g-old');
  assert.equal(portal.posted.length, 2);
  send(a2, 'g-a2');
  assert.equal((await mine).guid, 'g-a2');
});

// The key named the document's path and was worked out at the join: a router's pushState, a move
// to another page of the form or a sibling frame removed made the next document miss the slot and
// take its old call's reply.
test('the next document of the frame finds the slots after a route change or on another page of the form', async () => {
  for (const nextPath of ['/forms/crm/customer/42', '/forms/customer.html']) {
    const { portal, storage, frame, send } = siblings();
    const a = frame('formA');
    connect({ log: captureLog, window: a, lateReplyWindowMs: 5000 });
    a.location.pathname = '/forms/crm/customer/42'; // history.pushState after connecting
    connect({ log: captureLog, window: a, lateReplyWindowMs: 5000 }).call(CALL).catch(() => {});
    a.dispatchEvent(new Event('pagehide'));
    const a2 = a.reloaded();
    a2.location.pathname = nextPath;
    const mine = connect({ log: captureLog, window: a2 }).call(CALL);
    assert.equal(portal.posted.length, 1, `${nextPath}: the new call waits for the old one's reply`);
    send(a2, 'g-old');
    assert.equal(portal.posted.length, 2);
    send(a2, 'g-new');
    assert.equal((await mine).guid, 'g-new', nextPath);
    assert.equal(storage.map.size, 0);
  }
});

test("the next document finds the slots when a sibling frame before it was removed meanwhile", async () => {
  const { portal, frame, send } = siblings();
  const a = frame('formA');
  const b = frame('formB');
  connect({ log: captureLog, window: b, lateReplyWindowMs: 5000 }).call(CALL).catch(() => {});
  // Form A's iframe is taken out: form B is now the portal's frames[0].
  portal[0] = b;
  delete portal[1];
  portal.length = 1;
  void a;
  b.dispatchEvent(new Event('pagehide'));
  const b2 = b.reloaded();
  const mine = connect({ log: captureLog, window: b2 }).call(CALL);
  assert.equal(portal.posted.length, 1, 'the new call waits for the old one');
  send(b2, 'g-old');
  send(b2, 'g-new');
  assert.equal((await mine).guid, 'g-new');
});

test("reload slots are per frame: a sibling's first call is not held back by another frame's slot", async () => {
  const { portal, frame, send } = siblings();
  const a = frame('formA');
  connect({ log: captureLog, window: a, lateReplyWindowMs: 5000 }).call(CALL).catch(() => {});
  a.dispatchEvent(new Event('pagehide'));
  const c = frame('formC');
  const own = connect({ log: captureLog, window: c }).call(CALL, { timeoutMs: 2000 });
  assert.equal(portal.posted.length, 2, "the sibling's first call waits for form A's old call");
  send(c, 'g-c');
  assert.equal((await own).guid, 'g-c');
});

test('the slot key names the frame by its place in the frame tree, from the top down', () => {
  // A top page with an ad frame and the portal (in either order), the portal with `before` frames
  // before the form's.
  const keyOf = ({ adFirst, before }) => {
    const top = new FakeWindow({ origin: 'https://crm.example' });
    if (adFirst) new FakeWindow({ origin: 'https://ads.example', parent: top });
    const portal = new FakeWindow({ origin: 'https://portal.example', parent: top });
    if (!adFirst) new FakeWindow({ origin: 'https://ads.example', parent: top });
    for (let i = 0; i < before; i++) new FakeWindow({ origin: 'https://portal.example', parent: portal });
    const form = new FakeWindow({ origin: 'https://portal.example', path: '/f.html', name: 'crmForm', parent: portal });
    const storage = new MemoryStorage();
    form.sessionStorage = storage;
    connect({ log: captureLog, window: form, allowedOrigins: 'https://portal.example' }).call(CALL).catch(() => {});
    form.dispatchEvent(new Event('pagehide'));
    return [...storage.map.keys()];
  };
  assert.deepEqual(keyOf({ adFirst: true, before: 1 }), ['ucontact-bridge.pending:/1/1:crmForm']);
  assert.deepEqual(keyOf({ adFirst: false, before: 2 }), ['ucontact-bridge.pending:/0/2:crmForm']);
});

for (const [order, unload] of [
  ['destroy() in beforeunload, then pagehide', (page, client) => { client.destroy(); page.dispatchEvent(new Event('pagehide')); }],
  ['a pagehide listener added before the client that destroys it', (page) => page.dispatchEvent(new Event('pagehide'))],
  ['a pagehide listener added after the client that destroys it', (page) => page.dispatchEvent(new Event('pagehide'))],
  ['destroy() and no pagehide at all', (_page, client) => client.destroy()],
]) {
  test(`unload order: ${order}; the reloaded form still does not take the old call's reply`, async () => {
    const portal = new FakeWindow({ origin: 'http://127.0.0.1:8080' });
    const page1 = new FakeWindow({ origin: 'http://127.0.0.1:8080', path: '/forms/crm.html', name: 'crmForm', parent: portal });
    page1.sessionStorage = new MemoryStorage();
    let client;
    const onHide = () => client.destroy();
    const listenerAt = order.includes('before the client') ? 'early' : order.includes('after the client') ? 'late' : '';
    if (listenerAt === 'early') page1.addEventListener('pagehide', onHide);
    client = connect({ log: captureLog, window: page1 });
    if (listenerAt === 'late') page1.addEventListener('pagehide', onHide);
    const lost = client.call(CALL);
    unload(page1, client);
    await assert.rejects(lost, (e) => isBridgeError(e, 'DESTROYED'));

    const page2 = page1.reloaded();
    const mine = connect({ log: captureLog, window: page2 }).call(CALL);
    assert.equal(portal.posted.length, 1, 'the reload protection was lost');
    const send = (guid) => page2.dispatchEvent(Object.assign(new Event('message'), { data: JSON.stringify({ data: { guid } }), origin: 'http://127.0.0.1:8080', source: portal }));
    send('g-old');
    send('g-new');
    assert.equal((await mine).guid, 'g-new');
  });
}

test('a delivered guid is remembered across a reload: replayed to the reloaded form, it answers nothing', async () => {
  const { portal, form, reply } = framed();
  form.sessionStorage = new MemoryStorage();
  const first = connect({ log: captureLog, window: form }).call(CALL);
  reply({ guid: 'g-before-reload' });
  await first;
  form.dispatchEvent(new Event('pagehide'));
  const page2 = form.reloaded();
  const p = connect({ log: captureLog, window: page2 }).call(CALL);
  const send = (guid) => page2.dispatchEvent(Object.assign(new Event('message'), { data: JSON.stringify({ data: { guid } }), origin: 'http://127.0.0.1:8080', source: portal }));
  send('g-before-reload');
  send('g-after');
  assert.equal((await p).guid, 'g-after');
});

test("persistPending is each client's own: a first client without it does not switch it off for the next", async () => {
  const portal = new FakeWindow({ origin: 'http://127.0.0.1:8080' });
  const page1 = new FakeWindow({ origin: 'http://127.0.0.1:8080', path: '/forms/crm.html', name: 'crmForm', parent: portal });
  const storage = new MemoryStorage();
  page1.sessionStorage = storage;
  const widget = connect({ log: captureLog, window: page1, persistPending: false });
  widget.hangup(); // the widget's own unconfirmed message: not kept, its client said so
  connect({ log: captureLog, window: page1 }).call(CALL).catch(() => {});
  page1.dispatchEvent(new Event('pagehide'));
  const saved = JSON.parse([...storage.map.values()][0] ?? 'null');
  assert.equal(saved?.s.guid.length, 1, "the second client's call was not kept");
  assert.equal(saved.s.hangup, undefined);
});

test('a reload keeps the last 32 answered guids, no more (docs/correlation.md)', async () => {
  const portal = new FakeWindow({ origin: 'http://127.0.0.1:8080' });
  const page = new FakeWindow({ origin: 'http://127.0.0.1:8080', path: '/forms/crm.html', name: 'crmForm', parent: portal });
  page.sessionStorage = new MemoryStorage();
  const client = connect({ log: captureLog, window: page });
  const env = (guid) => JSON.stringify({ data: { guid }, sourceOrigin: '', targetOrigin: '', sourceWindowName: '', targetWindowName: '' });
  for (let i = 0; i < 40; i++) {
    const p = client.call(CALL, { timeoutMs: 2000 });
    page.dispatchEvent(Object.assign(new Event('message'), { data: env(`g-${i}`), origin: 'http://127.0.0.1:8080', source: portal }));
    await p;
  }
  page.dispatchEvent(new Event('pagehide'));
  const saved = JSON.parse(page.sessionStorage.getItem('ucontact-bridge.pending:/0:crmForm'));
  assert.deepEqual(saved.g, Array.from({ length: 32 }, (_, i) => `g-${i + 8}`));
});

test('the hub remembers the last 256 guids, a bounded memory: an older guid is forgotten, a newer one is still a replay (docs/correlation.md)', async () => {
  const { form, reply } = framed();
  const events = [];
  const client = connect({ log: (e) => events.push(e), window: form });
  for (let i = 0; i < 257; i++) {
    const p = client.call(CALL, { timeoutMs: 2000 });
    reply({ guid: `g-${i}` });
    await p;
  }
  // g-1 is among the last 256: a replay of it answers nothing.
  const p = client.call(CALL, { timeoutMs: 2000 });
  reply({ guid: 'g-1' });
  assert.deepEqual(events.filter((e) => e.type === 'ignored'), [{ type: 'ignored', reason: 'replayed' }]);
  // g-0 is not any more: it is a reply like any other.
  reply({ guid: 'g-0' });
  assert.equal((await p).guid, 'g-0');
});

test("a key the page put on Object.prototype (json.js's toJSONString) does not cost the reload its protection", async () => {
  const { portal, form, reply } = framed();
  form.sessionStorage = new MemoryStorage();
  const first = connect({ log: captureLog, window: form }).call(CALL);
  reply({ guid: 'g-before-reload' });
  await first;
  connect({ log: captureLog, window: form, lateReplyWindowMs: 5000 }).call(CALL).catch(() => {});
  form.dispatchEvent(new Event('pagehide'));
  // Assigned, so enumerable: a for-in over the saved state's lanes visits it too.
  Object.prototype.toJSONString = function () { return '{}'; };
  try {
    const page2 = form.reloaded();
    const p = connect({ log: captureLog, window: page2 }).call(CALL);
    assert.equal(portal.posted.length, 2, 'the old call is still on the wire: the reloaded form waits');
    const send = (guid) => page2.dispatchEvent(Object.assign(new Event('message'), { data: JSON.stringify({ data: { guid } }), origin: 'http://127.0.0.1:8080', source: portal }));
    send('g-old-call');
    send('g-before-reload');
    assert.equal(portal.posted.length, 3);
    send('g-after');
    assert.equal((await p).guid, 'g-after', 'a replayed guid answered the reloaded form');
  } finally {
    delete Object.prototype.toJSONString;
  }
});

test("a log hook that destroys the client at a Porthole message's 'sent': nothing is logged after 'destroyed'", async () => {
  const { form } = framed();
  const events = [];
  let client;
  client = connect({ window: form, log: (e) => { events.push(e.type); if (e.type === 'sent') client.destroy(); } });
  await client.disposition({ l1: 'Sale' });
  assert.deepEqual(events, ['sent', 'destroyed']);
});

test('two components subscribing one shared function: each unsubscribe ends its own subscription only', () => {
  // Two mounted components (or a StrictMode remount beside a sibling) call on('message', logEvent)
  // with the same module-level function; one unmounts.
  const { form, reply } = framed();
  const client = connect({ log: captureLog, window: form });
  const got = [];
  const logEvent = (d) => got.push(d.event);
  const offHeader = client.on('message', logEvent);
  const offSidebar = client.on('message', logEvent);
  reply({ event: 'x' });
  assert.deepEqual(got, ['x', 'x'], 'each subscription is called');
  offHeader();
  reply({ event: 'y' });
  assert.deepEqual(got, ['x', 'x', 'y'], 'the other component still hears the portal');
  offSidebar();
  reply({ event: 'z' });
  assert.deepEqual(got, ['x', 'x', 'y']);
  client.destroy();
});

// Prototype.js (1.6, still in old CRM pages) defines Array.prototype.toJSON, returning the array's
// JSON text: JSON.stringify then writes every array as a string. The saved slots are arrays of pairs.
test("a page with Prototype.js's Array.prototype.toJSON keeps the reload protection: the slots are saved as lists", async () => {
  const { portal, form } = framed();
  form.sessionStorage = new MemoryStorage();
  connect({ log: captureLog, window: form, lateReplyWindowMs: 5000 }).call(CALL).catch(() => {});
  Object.defineProperty(Array.prototype, 'toJSON', { configurable: true, writable: true, value() { return `[${this.map((x) => JSON.stringify(x)).join(',')}]`; } });
  try {
    form.dispatchEvent(new Event('pagehide'));
  } finally {
    delete Array.prototype.toJSON;
  }
  // (reloaded() takes the wall clock past the save's millisecond, as a real reload does.)
  const page2 = form.reloaded();
  const p = connect({ log: captureLog, window: page2 }).call(CALL);
  assert.equal(portal.posted.length, 1, 'the old call is still on the wire: the reloaded form waits');
  const send = (guid) => page2.dispatchEvent(Object.assign(new Event('message'), { data: JSON.stringify({ data: { guid } }), origin: 'http://127.0.0.1:8080', source: portal }));
  send('g-old-call');
  assert.equal(portal.posted.length, 2);
  send('g-new');
  assert.equal((await p).guid, 'g-new', "the old call's late reply answered the reloaded form");
});

// A remount (connect, destroy with a call in flight, connect): the last destroy() saves the frame's
// state; the next join removes it, as it is this document's (pagehide saves it again). Left in
// place, a copy of the tab's sessionStorage (a duplicated tab, a window.open popup) took the slot.
test("a client joining after the last one left removes the state that leave saved: a copy of the tab's storage never takes it", async () => {
  const { form, reply } = framed();
  form.sessionStorage = new MemoryStorage();
  const key = 'ucontact-bridge.pending:/0:crmForm';
  const first = connect({ log: captureLog, window: form, lateReplyWindowMs: 5000 });
  first.call(CALL).catch(() => {});
  first.destroy();
  assert.equal(JSON.parse(form.sessionStorage.getItem(key))?.s.guid.length, 1, 'the last leave saved the slot');
  const second = connect({ log: captureLog, window: form });
  assert.equal(form.sessionStorage.getItem(key), null, 'the join removed it');
  reply({ guid: 'g-old' });
  const p = second.call(CALL);
  reply({ guid: 'g-new' });
  assert.equal((await p).guid, 'g-new');
  form.dispatchEvent(new Event('pagehide'));
  assert.deepEqual(JSON.parse(form.sessionStorage.getItem(key))?.g, ['g-old', 'g-new'], 'pagehide saves again');
});

// Restored from the back/forward cache (pageshow after pagehide): what pagehide saved is this live
// document's; left in sessionStorage, a copy of the tab (a duplicated tab, a popup) took its slot.
test('a page shown again after pagehide (back/forward cache) removes the state pagehide saved', async () => {
  const { form, reply } = framed();
  form.sessionStorage = new MemoryStorage();
  const key = 'ucontact-bridge.pending:/0:crmForm';
  const client = connect({ log: captureLog, window: form, lateReplyWindowMs: 5000 });
  const p = client.call(CALL);
  form.dispatchEvent(new Event('pagehide'));
  assert.equal(JSON.parse(form.sessionStorage.getItem(key))?.s.guid.length, 1, 'pagehide saved the slot');
  form.dispatchEvent(new Event('pageshow'));
  assert.equal(form.sessionStorage.getItem(key), null, 'pageshow removed it');
  reply({ guid: 'g-1' });
  assert.equal((await p).guid, 'g-1', 'the call is still answered');
});
