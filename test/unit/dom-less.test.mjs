// The portal and Inbox clients (and every function that reads the page) in a DOM-less Node test: a
// test setup that makes `window` the global object (`globalThis.window = globalThis`, a common
// stand-in for browser-only libraries) or a hand-made window stub without `location`. README:
// connectPortal never throws for a missing portal; every failure is a BridgeError.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connectPortal, isBridgeError } from '../../dist/index.js';
import { connectInbox } from '../../dist/inbox.js';

const CALL = { campaign: 'Sales->', destination: '099123456' };
const PORTAL = 'https://acme.ucontactcloud.com';

test('window set to the global object in Node (no location): connectPortal and connectInbox do not throw, requests are NOT_EMBEDDED', async (t) => {
  globalThis.window = globalThis;
  t.after(() => delete globalThis.window);
  const portal = connectPortal({ log: captureLog });
  assert.equal(portal.embedded, false);
  await assert.rejects(portal.call(CALL), (e) => isBridgeError(e, 'NOT_EMBEDDED'));
  const inbox = connectInbox({ log: captureLog });
  await assert.rejects(inbox.getInteraction(), (e) => isBridgeError(e, 'NOT_EMBEDDED'));
});

test('a framed window stub without location: nothing is posted without allowedOrigins (typed ORIGIN_REJECTED), and with it requests go to that origin', async () => {
  const stub = () => {
    const parent = { posted: [], postMessage(data, origin) { this.posted.push(origin); } };
    return Object.assign(new EventTarget(), { parent, name: 'crmForm', postMessage() {} });
  };
  const a = stub();
  const portal = connectPortal({ window: a, persistPending: false, log: captureLog });
  await assert.rejects(portal.disposition({ l1: 'Sale', campaign: 'Sales->', callerid: '099123456', guid: 'g-1' }), (e) => isBridgeError(e, 'ORIGIN_REJECTED'));
  const inbox = connectInbox({ window: a, log: captureLog });
  assert.throws(() => inbox.sent(), (e) => isBridgeError(e, 'ORIGIN_REJECTED'));
  assert.deepEqual(a.parent.posted, []);
  const b = stub();
  const named = connectPortal({ window: b, allowedOrigins: PORTAL, log: captureLog });
  assert.equal((await named.disposition({ l1: 'Sale', campaign: 'Sales->', callerid: '099123456', guid: 'g-1' })).confirmed, false);
  connectInbox({ window: b, allowedOrigins: PORTAL, log: captureLog }).sent();
  assert.deepEqual(b.parent.posted, [PORTAL, PORTAL]);
});

// Every function of every entry that reads the page, called in Node as a server render or a test
// would: with no window at all, and with `window = globalThis` (no location, no addEventListener,
// no storage; then with the framework's CTI and Agent stood in on the global too). Each returns, or
// fails with a BridgeError: never a TypeError or ReferenceError out of the library.
test('no window, or window = globalThis: every page-reading function returns or fails with a BridgeError', async (t) => {
  const { readCti, watchCti } = await import('../../dist/cti.js');
  const { fromFormFramework } = await import('../../dist/http.js');
  const { embedUPhone } = await import('../../dist/uphone.js');
  const storage = { getItem: () => null };
  const calls = {
    connectPortal: () => connectPortal({ log: captureLog }).call(CALL),
    connectInbox: () => connectInbox({ log: captureLog }).getInteraction(),
    'connectInbox sent': () => connectInbox({ log: captureLog }).sent(),
    readCti: () => readCti(),
    'readCti storage': () => readCti({ passphrase: 'p' }),
    watchCti: () => watchCti({ onChange() {} })(),
    'watchCti storage': () => watchCti({ passphrase: 'p', onChange() {} })(),
    'watchCti storage given': () => watchCti({ passphrase: 'p', storage, onChange() {} })(),
    fromFormFramework: () => fromFormFramework(),
    embedUPhone: () => embedUPhone({ instance: 'acme.ucontactcloud.com', container: {} }),
  };
  const sweep = async (setting) => {
    for (const [name, call] of Object.entries(calls)) {
      try {
        await call();
      } catch (e) {
        assert.ok(isBridgeError(e), `${name} (${setting}): ${e}`);
      }
    }
  };
  t.after(() => { delete globalThis.window; delete globalThis.CTI; delete globalThis.Agent; });
  await sweep('no window');
  globalThis.window = globalThis;
  await sweep('window = globalThis');
  globalThis.CTI = JSON.stringify({ Guid: 'g-1', Campaign: 'Sales->', Callerid: '099123456' });
  globalThis.Agent = { token: 'YWdlbnQxMDAxOnV1aWQ=' };
  await sweep('window = globalThis, with CTI and Agent');
});
