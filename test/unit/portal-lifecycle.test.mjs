// Several clients in one page, remounts, reloads: a reply still finds its own request only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connectPortal, isBridgeError } from '../../dist/index.js';
import { FakeWindow, framed } from './helpers/fake-window.mjs';

const CALL = { campaign: 'Sales->', destination: '099123456' };

class MemoryStorage {
  constructor() { this.map = new Map(); }
  getItem(k) { return this.map.has(k) ? this.map.get(k) : null; }
  setItem(k, v) { this.map.set(k, String(v)); }
  removeItem(k) { this.map.delete(k); }
}

test('two clients in one page share the reply lanes: each reply reaches the request sent first', async () => {
  const { portal, form, reply } = framed();
  const widgetA = connectPortal({ log: captureLog, window: form });
  const widgetB = connectPortal({ log: captureLog, window: form });
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
  connectPortal({ log: captureLog, window: form }).on('message', (d) => got.push(['a', d.event]));
  connectPortal({ log: captureLog, window: form }).on('message', (d) => got.push(['b', d.event]));
  reply({ event: 'x' });
  assert.deepEqual(got, [['a', 'x'], ['b', 'x']]);
});

test('React StrictMode: connect, destroy, connect again; the first mount\'s late reply is not taken', async () => {
  const { portal, form, reply } = framed();
  const first = connectPortal({ log: captureLog, window: form });
  const lost = first.call(CALL);
  first.destroy();
  await assert.rejects(lost, (e) => isBridgeError(e, 'DESTROYED'));
  const second = connectPortal({ log: captureLog, window: form });
  const mine = second.call(CALL);
  assert.equal(portal.posted.length, 1, 'waits for the destroyed call\'s reply');
  reply({ guid: 'for-the-destroyed-call' });
  assert.equal(portal.posted.length, 2);
  reply({ guid: 'mine' });
  assert.equal((await mine).guid, 'mine');
  assert.equal(form.listenerCount, 1);
});

test('a reply is routed only if the client that sent the request accepts its origin', async () => {
  const { form, reply } = framed({ portalOrigin: 'https://portal.example', formOrigin: 'https://crm.example' });
  const strict = connectPortal({ log: captureLog, window: form, allowedOrigins: 'https://portal.example' });
  connectPortal({ log: captureLog, window: form, allowedOrigins: ['https://portal.example', 'https://other.example'] });
  const p = strict.call(CALL, { timeoutMs: 2000 });
  reply({ guid: 'from-other' }, { origin: 'https://other.example' });
  reply({ guid: 'real' });
  assert.equal((await p).guid, 'real');
});

test('a form reloaded with a call in flight keeps the lane busy until the late reply came', async () => {
  const portal = new FakeWindow({ origin: 'http://127.0.0.1:8080' });
  const storage = new MemoryStorage();
  const page1 = new FakeWindow({ origin: 'http://127.0.0.1:8080', name: 'crmForm', parent: portal });
  page1.sessionStorage = storage;
  connectPortal({ log: captureLog, window: page1, lateReplyWindowMs: 5000 }).call(CALL).catch(() => {});
  page1.dispatchEvent(new Event('pagehide'));
  assert.match(storage.getItem('ucontact-bridge.pending'), /"guid":\d+/);

  // The reloaded document: a new window object, the same tab's sessionStorage.
  const page2 = new FakeWindow({ origin: 'http://127.0.0.1:8080', name: 'crmForm', parent: portal });
  page2.sessionStorage = storage;
  const client = connectPortal({ log: captureLog, window: page2 });
  const mine = client.call(CALL);
  assert.equal(portal.posted.length, 1, 'only the first page\'s call is on the wire');
  const env = (guid) => JSON.stringify({ data: { guid }, sourceOrigin: '', targetOrigin: '', sourceWindowName: '', targetWindowName: '' });
  const deliver = (guid) => page2.dispatchEvent(Object.assign(new Event('message'), { data: env(guid), origin: 'http://127.0.0.1:8080', source: portal }));
  deliver('for-the-old-page');
  assert.equal(portal.posted.length, 2);
  deliver('mine');
  assert.equal((await mine).guid, 'mine');
});

test('storage that throws does not break the client', async () => {
  const { form, reply } = framed();
  Object.defineProperty(form, 'sessionStorage', { get() { throw new Error('SecurityError'); } });
  const client = connectPortal({ log: captureLog, window: form });
  const p = client.call(CALL);
  reply({ guid: 'ok' });
  assert.equal((await p).guid, 'ok');
  form.dispatchEvent(new Event('pagehide'));
});

test('persistPending: false never touches sessionStorage', async () => {
  const { form, reply } = framed();
  let touched = 0;
  Object.defineProperty(form, 'sessionStorage', { get() { touched++; return new MemoryStorage(); } });
  const client = connectPortal({ log: captureLog, window: form, persistPending: false });
  const p = client.call(CALL);
  form.dispatchEvent(new Event('pagehide'));
  reply({ guid: 'ok' });
  assert.equal((await p).guid, 'ok');
  assert.equal(touched, 0);
  connectPortal({ log: captureLog, window: new FakeWindow({ parent: form.parent }) });
});
