// The CTI from the portal's form framework (the global `CTI` JSON text every real form reads), the
// choice between it and the encrypted localStorage copy, channel normalisation, callerids that are
// no phone numbers, and the watcher on both sources (with its error routing and interval bounds).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runInThisContext } from 'node:vm';
import { unhandledDuring } from './helpers/unhandled.mjs';
import CryptoJS from 'crypto-js';
import { readCti, watchCti, parseCti, scheduleBuilder, isBridgeError, ERROR_CODES } from '../../dist/cti.js';

const PASS = 'framework-test-passphrase';
const VOICE = { Guid: 'fw-1', Campaign: 'SalienteTest->', Callerid: '17410632', Form: 'testCapacitacion', ParAndValues: '', Screen: 'FALSE', Beep: 'FALSE', Answer: 'FALSE' };
const text = (o) => JSON.stringify(o);
const enc = (obj) => CryptoJS.AES.encrypt(JSON.stringify(obj), PASS).toString();
const code = (c, check) => (e) => { assert.ok(isBridgeError(e, c), `${e?.code} ${e?.message}`); check?.(e); return true; };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function until(fn, ms = 3000) {
  const end = performance.now() + ms;
  while (!fn()) {
    if (performance.now() > end) throw new Error('condition not met');
    await sleep(5);
  }
}
class FakeStorage {
  constructor(entries = {}) { this.map = new Map(Object.entries(entries)); }
  getItem(k) { return this.map.has(k) ? this.map.get(k) : null; }
  setItem(k, v) { this.map.set(k, v); }
}
// A form window: the framework's CTI global, a localStorage, and storage events.
class FormWindow extends EventTarget {
  constructor(cti, storage = new FakeStorage()) { super(); this.CTI = cti; this.localStorage = storage; }
  fireStorage(key) { const e = new Event('storage'); e.key = key; this.dispatchEvent(e); }
}
// Runs `fn` with the page's global CTI set to `value` (a `var CTI` of a classic script).
function withGlobal(value, fn) {
  globalThis.CTI = value;
  try {
    return fn();
  } finally {
    delete globalThis.CTI;
  }
}

test('readCti() with no options reads the framework global CTI (JSON text, as real forms hold it)', () => {
  const cti = withGlobal(text({ ...VOICE, ParAndValues: 'idcustomer=7' }), () => readCti());
  assert.equal(cti.guid, 'fw-1');
  assert.equal(cti.campaign, 'SalienteTest->');
  assert.equal(cti.callerid, '17410632');
  assert.equal(cti.form, 'testCapacitacion');
  assert.equal(cti.parAndValues.values.idcustomer, '7');
  assert.equal(cti.channel, 'telephony', 'a voice CTI has no Channel: uContact calls it telephony');
  assert.equal(cti.answer, false);
  assert.ok(Object.isFrozen(cti));
});

test('readCti(null) is readCti(): null options are no options, as parseCti(value, null), the builders and every call of the other entries take them', () => {
  // Before: 'readCti: options must be an object', while parseCti(value, null) and decryptCti(text, passphrase, null) read the CTI.
  assert.equal(withGlobal(text(VOICE), () => readCti(null)).guid, 'fw-1');
  assert.throws(() => readCti(null), code('NO_CTI'));
});

test('the window option reads that window\'s CTI; an object CTI is taken too', () => {
  assert.equal(readCti({ window: { CTI: text(VOICE) } }).guid, 'fw-1');
  assert.equal(readCti({ window: { CTI: { ...VOICE, Guid: 'obj' } } }).guid, 'obj');
  assert.throws(() => readCti({ window: 'nope' }), code('INVALID_ARGUMENT', (e) => assert.match(e.message, /window/)));
});

test('an empty framework CTI (form opened without a call) is NO_CTI saying so, not INVALID_CTI', () => {
  for (const empty of ['', '   ', '\n', null]) {
    assert.throws(() => readCti({ window: { CTI: empty } }), code('NO_CTI', (e) => assert.match(e.message, /without a call/)));
    assert.throws(() => withGlobal(empty, () => readCti()), code('NO_CTI'));
  }
  // The framework says "no call": a passphrase does not make the reader go and guess from storage.
  const storage = new FakeStorage({ CTI: enc(VOICE) });
  assert.throws(() => readCti({ window: new FormWindow('', storage), passphrase: PASS }), code('NO_CTI'));
});

test('parseCti takes JSON text; blank text is NO_CTI; malformed text is INVALID_CTI without quoting it', () => {
  assert.equal(parseCti(text(VOICE)).guid, 'fw-1');
  assert.equal(parseCti(`  ${text(VOICE)}\n`).guid, 'fw-1');
  assert.throws(() => parseCti(''), code('NO_CTI'));
  for (const bad of ['{"Guid":"g","Callerid":"099123456"', 'not json 099123456', '"{\\"Guid\\":\\"g\\"}"', '[1,2]', '42', 'null', '{"Campaign":"c","Callerid":"099123456"}']) {
    assert.throws(() => parseCti(bad), code('INVALID_CTI', (e) => {
      assert.equal(e.message.includes('099123456'), false);
      assert.equal('cause' in e, false, 'a JSON error would quote the text');
    }));
    assert.throws(() => readCti({ window: { CTI: bad } }), code('INVALID_CTI'));
  }
  assert.throws(() => readCti({ window: { CTI: 42 } }), code('INVALID_CTI'));
});

test('readCti and watchCti name themselves, not parseCti, when the framework CTI is malformed (as for the stored copy)', async (t) => {
  const named = (op) => code('INVALID_CTI', (e) => { assert.equal(e.operation, op); assert.ok(e.message.startsWith(`${op}: `), e.message); });
  for (const bad of ['not json', '{"Campaign":"c"}', 42]) {
    assert.throws(() => readCti({ window: { CTI: bad } }), named('readCti'));
    assert.throws(() => withGlobal(bad, () => readCti()), named('readCti'));
  }
  // parseCti itself still names parseCti.
  assert.throws(() => parseCti('{"Campaign":"c"}'), named('parseCti'));
  const win = new FormWindow(text(VOICE));
  const errors = [];
  const stop = watchCti({ window: win, intervalMs: 5, onChange() {}, onError: (e) => errors.push(e) });
  t.after(stop);
  win.CTI = '{"Campaign":"c"}';
  await until(() => errors.length === 1);
  stop();
  named('watchCti')(errors[0]);
});

test('channels: telephony when absent, known ones lower-cased whatever the case, others kept as given', () => {
  const channel = (Channel) => parseCti({ ...VOICE, Channel }).channel;
  assert.equal(parseCti(VOICE).channel, 'telephony');
  assert.equal(channel(''), 'telephony');
  assert.equal(channel('  '), 'telephony');
  assert.equal(channel(null), 'telephony');
  for (const known of ['telephony', 'email', 'webchat', 'sms', 'messenger', 'whatsapp', 'instagram']) {
    assert.equal(channel(known), known);
    assert.equal(channel(known.toUpperCase()), known);
    assert.equal(channel(` ${known[0].toUpperCase()}${known.slice(1)} `), known);
  }
  assert.equal(channel('WhatsApp'), 'whatsapp');
  assert.equal(channel('Telegram'), 'Telegram', 'an unknown channel is kept exactly');
  assert.equal(channel('phone'), 'phone', 'not a uContact channel name: kept, not mapped');
});

test('a callerid that is no phone number (email, chat) is read as is, and never used as a number to call back', () => {
  const email = parseCti({ ...VOICE, Channel: 'EMAIL', Callerid: 'ana.perez@example.com', ParAndValues: 'ticket=5512' });
  assert.equal(email.callerid, 'ana.perez@example.com');
  assert.equal(email.channel, 'email');
  const messenger = parseCti({ ...VOICE, Channel: 'messenger', Callerid: '7d1c9e0a-interaction' });
  for (const cti of [email, messenger]) {
    const b = scheduleBuilder(cti).setCalldate('2026-12-01 09:30:00');
    assert.throws(() => b.build(), code('INVALID_ARGUMENT', (e) => {
      assert.match(e.message, /not a phone number/);
      assert.equal(e.message.includes(cti.callerid), false);
    }));
    assert.deepEqual(b.setDestination('099123456').build(), {
      calldate: '2026-12-01 09:30:00', campaign: 'SalienteTest->', destination: '099123456',
      data: cti.parAndValues.raw,
    });
  }
  // On voice the callerid stays the destination, as before.
  assert.equal(scheduleBuilder(parseCti(VOICE)).setCalldate('2026-12-01 09:30:00').build().destination, '17410632');
});

test('sources: framework first; storage explicitly or when the global is absent and a passphrase is given', () => {
  const storage = new FakeStorage({ CTI: enc({ ...VOICE, Guid: 'from-storage' }) });
  const both = new FormWindow(text(VOICE), storage);
  assert.equal(readCti({ window: both }).guid, 'fw-1');
  assert.equal(readCti({ window: both, passphrase: PASS }).guid, 'fw-1', 'the framework wins over a passphrase');
  assert.equal(readCti({ window: both, source: 'storage', passphrase: PASS }).guid, 'from-storage');
  assert.equal(readCti({ window: both, source: 'framework' }).guid, 'fw-1');
  const noFramework = new FormWindow(undefined, storage);
  assert.equal(readCti({ window: noFramework, passphrase: PASS }).guid, 'from-storage');
  assert.equal(readCti({ storage, passphrase: PASS }).guid, 'from-storage', 'no global in Node: storage');
  assert.throws(() => readCti({ window: noFramework }), code('NO_CTI', (e) => {
    assert.match(e.message, /integraFramework\.js/);
    assert.match(e.message, /passphrase/);
  }));
  assert.throws(() => readCti({ window: noFramework, source: 'framework', passphrase: PASS }), code('NO_CTI', (e) => assert.match(e.message, /framework/)));
  assert.throws(() => readCti({ window: both, source: 'storage' }), code('INVALID_ARGUMENT', (e) => assert.match(e.message, /passphrase/)));
  for (const source of ['Framework', 'global', 1, null]) {
    assert.throws(() => readCti({ window: both, source }), code('INVALID_ARGUMENT', (e) => assert.match(e.message, /source/)));
  }
  assert.throws(() => readCti('CTI'), code('INVALID_ARGUMENT'));
});

test('watchCti on the framework: polls the global text; the value at start, empty and same values are not reported', (t) => {
  // The timers are faked: each tick(5) is one poll, run before tick returns, so "not reported" is
  // checked after polls that did happen, never after a real pause the timer may not have filled.
  t.mock.timers.enable({ apis: ['setInterval', 'setTimeout'] });
  const win = new FormWindow(text(VOICE));
  const seen = [];
  const errors = [];
  const stop = watchCti({ window: win, intervalMs: 5, onChange: (c) => seen.push(c.guid), onError: (e) => errors.push(e.code) });
  t.after(stop);
  t.mock.timers.tick(1000);
  assert.deepEqual(seen, [], 'the CTI present at start is the baseline');
  win.CTI = '';
  t.mock.timers.tick(1000);
  assert.deepEqual(seen, [], 'an emptied CTI is not reported');
  win.CTI = text({ ...VOICE, Guid: 'fw-2' });
  t.mock.timers.tick(5);
  assert.deepEqual(seen, ['fw-2'], 'a new value is reported at the next poll');
  win.CTI = '{broken';
  t.mock.timers.tick(5);
  assert.deepEqual(errors, ['INVALID_CTI']);
  win.CTI = text({ ...VOICE, Guid: 'fw-3', Channel: 'WhatsApp' });
  t.mock.timers.tick(5);
  assert.deepEqual(seen, ['fw-2', 'fw-3']);
  t.mock.timers.tick(1000);
  assert.deepEqual(seen, ['fw-2', 'fw-3'], 'the same value is not reported again');
  assert.deepEqual(errors, ['INVALID_CTI']);
  stop();
  win.CTI = text({ ...VOICE, Guid: 'after-stop' });
  t.mock.timers.tick(1000);
  assert.deepEqual(seen, ['fw-2', 'fw-3'], 'nothing after stop()');
});

test('watchCti with no source options watches the page global; source storage watches storage even with a framework', async (t) => {
  globalThis.CTI = '';
  t.after(() => { delete globalThis.CTI; });
  const seen = [];
  const stop = watchCti({ intervalMs: 5, onChange: (c) => seen.push(c.guid) });
  t.after(stop);
  globalThis.CTI = text({ ...VOICE, Guid: 'global-2' });
  await until(() => seen.length === 1);
  assert.deepEqual(seen, ['global-2']);
  stop();

  const storage = new FakeStorage();
  const win = new FormWindow(text(VOICE), storage);
  const fromStorage = [];
  const stop2 = watchCti({ window: win, source: 'storage', passphrase: PASS, intervalMs: 0, onChange: (c) => fromStorage.push(c.guid) });
  t.after(stop2);
  storage.setItem('CTI', enc({ ...VOICE, Guid: 'stored-1' }));
  win.fireStorage('CTI');
  assert.deepEqual(fromStorage, ['stored-1']);
  stop2();
});

test('watchCti: a throwing onChange never escapes (timer or storage event); it reaches onError as CALLBACK_FAILED', async (t) => {
  assert.ok(ERROR_CODES.includes('CALLBACK_FAILED'));
  const uncaught = [];
  const onUncaught = (e) => uncaught.push(e);
  process.on('uncaughtException', onUncaught);
  t.after(() => process.off('uncaughtException', onUncaught));
  const boom = new Error('the form code failed');

  // Framework source: the timer.
  const win = new FormWindow('');
  const errors = [];
  const stop = watchCti({ window: win, intervalMs: 5, onChange() { throw boom; }, onError: (e) => errors.push(e) });
  t.after(stop);
  win.CTI = text(VOICE);
  await until(() => errors.length === 1);
  stop();
  assert.equal(errors[0].code, 'CALLBACK_FAILED');
  assert.equal(errors[0].cause, boom);
  assert.equal(errors[0].operation, 'watchCti');
  assert.match(errors[0].message, /onChange threw/);

  // Storage source: the event listener and the timer; without onError, and with a throwing onError.
  // setInterval is faked from here: tick() runs the polls before it returns, so the timer's check
  // has run (calls counts it) when uncaught is read; a throw out of it would throw out of tick too.
  t.mock.timers.enable({ apis: ['setInterval'] });
  const storage = new FakeStorage();
  const sw = new FormWindow(undefined, storage);
  let calls = 0;
  const stops = [
    watchCti({ window: sw, passphrase: PASS, intervalMs: 5, onChange() { calls++; throw boom; } }),
    watchCti({ window: sw, passphrase: PASS, intervalMs: 5, onChange() { calls++; throw boom; }, onError() { throw new Error('onError failed too'); } }),
  ];
  t.after(() => stops.forEach((s) => s()));
  storage.setItem('CTI', enc(VOICE));
  assert.doesNotThrow(() => sw.fireStorage('CTI'));
  assert.equal(calls, 2, 'the storage event ran both onChange');
  storage.setItem('CTI', enc({ ...VOICE, Guid: 'by-timer' }));
  assert.doesNotThrow(() => t.mock.timers.tick(1000));
  assert.equal(calls, 4, 'the timer ran both onChange, once each');
  stops.forEach((s) => s());
  assert.deepEqual(uncaught, []);
});

test('watchCti: an async onChange whose promise rejects reaches onError as CALLBACK_FAILED, as a throw does, never an unhandled rejection', async (t) => {
  const boom = new Error('the form code failed');
  const win = new FormWindow('');
  const errors = [];
  const unhandled = await unhandledDuring(async () => {
    const stop = watchCti({ window: win, intervalMs: 5, onChange: async () => { throw boom; }, onError: (e) => errors.push(e) });
    t.after(stop);
    win.CTI = text(VOICE);
    await until(() => errors.length === 1).catch(() => {});
    stop();
    // Without onError: nothing escapes either.
    const storage = new FakeStorage();
    const sw = new FormWindow(undefined, storage);
    const stop2 = watchCti({ window: sw, passphrase: PASS, intervalMs: 0, onChange: async () => { throw boom; } });
    storage.setItem('CTI', enc(VOICE));
    sw.fireStorage('CTI');
    stop2();
  });
  assert.deepEqual(unhandled, []);
  assert.equal(errors.length, 1);
  assert.equal(errors[0].code, 'CALLBACK_FAILED');
  assert.equal(errors[0].cause, boom);
  assert.match(errors[0].message, /onChange threw/);
});

// A component's cleanup stops the watch and aborts what its onChange started (a fetch): that
// rejection is the cleanup's own doing, not a failure to report to a component that is gone.
test('watchCti: an async onChange that rejects after stop() is not reported to onError', async (t) => {
  const win = new FormWindow('');
  const errors = [];
  let fail;
  const stop = watchCti({ window: win, intervalMs: 5, onChange: () => new Promise((_, reject) => { fail = reject; }), onError: (e) => errors.push(e) });
  t.after(stop);
  win.CTI = text(VOICE);
  await until(() => fail !== undefined);
  stop();
  fail(new DOMException('The operation was aborted.', 'AbortError'));
  await sleep(10);
  assert.deepEqual(errors, []);
});

test('watchCti: onError only ever gets BridgeErrors; a value whose reading throws anything else is skipped', async (t) => {
  const win = new FormWindow(text(VOICE));
  const seen = [];
  const errors = [];
  const stop = watchCti({ window: win, intervalMs: 5, onChange: (c) => seen.push(c.guid), onError: (e) => errors.push(e) });
  t.after(stop);
  let reads = 0;
  // An object CTI (taken as well as text) whose getter throws a plain Error: not a BridgeError.
  win.CTI = { get Guid() { reads++; throw new TypeError('a hostile getter'); } };
  await until(() => reads > 0);
  win.CTI = text({ ...VOICE, Guid: 'fw-after' });
  await until(() => seen.length === 1);
  stop();
  assert.deepEqual(seen, ['fw-after']);
  assert.deepEqual(errors, []);
});

test('watchCti: the interval must be 0 to 2147483647 ms (over it, timers fire at once); 0 is refused for the framework', () => {
  const win = new FormWindow(text(VOICE), new FakeStorage());
  for (const interval of [2 ** 31, 2147483648, Infinity, -1, Number.NaN, '1000']) {
    assert.throws(() => watchCti({ window: win, intervalMs: interval, onChange() {} }), code('INVALID_ARGUMENT', (e) => assert.match(e.message, /2147483647/)));
    assert.throws(() => watchCti({ window: win, source: 'storage', passphrase: PASS, intervalMs: interval, onChange() {} }), code('INVALID_ARGUMENT'));
  }
  watchCti({ window: win, intervalMs: 2147483647, onChange() {} })();
  watchCti({ window: win, source: 'storage', passphrase: PASS, intervalMs: 0, onChange() {} })();
  assert.throws(() => watchCti({ window: win, intervalMs: 0, onChange() {} }), code('INVALID_ARGUMENT', (e) => assert.match(e.message, /framework/)));
  assert.throws(() => watchCti({ window: new FormWindow(undefined), onChange() {} }), code('NO_CTI'));
  assert.throws(() => watchCti(null), code('INVALID_ARGUMENT'));
});

// Last: a global `let` binding cannot be removed, and it would shadow `globalThis.CTI` in the tests above.
test('a framework that declares `let CTI` (no window property) is read too', () => {
  // A classic script's top-level let makes a global binding that is not a property of globalThis.
  runInThisContext(`let CTI = ${JSON.stringify(text({ ...VOICE, Guid: 'lexical' }))};`);
  try {
    assert.equal(Object.hasOwn(globalThis, 'CTI'), false);
    assert.equal(readCti().guid, 'lexical');
  } finally {
    runInThisContext('CTI = undefined;');
  }
  assert.throws(() => readCti(), code('NO_CTI'));
});

test('watchCti: stop() clears its timer even when the window refuses to remove its storage listener', () => {
  // A stand-in window (or a page's wrapper) whose removeEventListener throws: before, stop() threw
  // before it cleared the polling timer, which then ran for ever (and kept a Node process alive).
  const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
  const win = new FormWindow(undefined, new FakeStorage());
  win.removeEventListener = () => { throw new Error('refused'); };
  const before = timers();
  const stop = watchCti({ window: win, passphrase: PASS, intervalMs: 5, onChange() {} });
  assert.equal(timers(), before + 1);
  assert.throws(stop, /refused/);
  assert.equal(timers(), before, 'the polling timer is cleared');
});

test('a CTI a pollution bug put on Object.prototype is no framework CTI: the stored copy is read, or NO_CTI', () => {
  const storage = new FakeStorage({ CTI: enc({ ...VOICE, Guid: 'from-storage' }) });
  // A bare `CTI` (the page's global) and `window.CTI` both reach Object.prototype when no framework defined one.
  Object.prototype.CTI = text({ ...VOICE, Guid: 'from-the-page', Callerid: '59899555014' });
  try {
    assert.equal(readCti({ storage, passphrase: PASS }).guid, 'from-storage');
    assert.equal(readCti({ window: { localStorage: storage }, passphrase: PASS }).guid, 'from-storage');
    assert.throws(() => readCti(), code('NO_CTI'));
    assert.throws(() => readCti({ source: 'framework' }), code('NO_CTI'));
    // A framework's own CTI is still read.
    assert.equal(readCti({ window: new FormWindow(text(VOICE), storage) }).guid, 'fw-1');
  } finally {
    delete Object.prototype.CTI;
  }
});
