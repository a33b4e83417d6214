import { test } from 'node:test';
import assert from 'node:assert/strict';
import CryptoJS from 'crypto-js';
import { decryptCti, readCti, watchCti, isBridgeError, DEFAULT_CTI_KEY } from '../../dist/cti.js';

const PASS = 'storage-test-passphrase';
const cti = (guid, callerid = '099123456') => ({ Guid: guid, Campaign: 'Sales->', Callerid: callerid });
const enc = (obj, pass = PASS) => CryptoJS.AES.encrypt(JSON.stringify(obj), pass).toString();

class FakeStorage {
  constructor(entries = {}) { this.map = new Map(Object.entries(entries)); this.reads = 0; }
  getItem(k) { this.reads++; return this.map.has(k) ? this.map.get(k) : null; }
  setItem(k, v) { this.map.set(k, v); }
  removeItem(k) { this.map.delete(k); }
}

// An EventTarget that counts its listeners, standing in for `window`.
class FakeWindow extends EventTarget {
  constructor(storage) { super(); this.localStorage = storage; this.listeners = 0; }
  addEventListener(type, fn) { this.listeners++; super.addEventListener(type, fn); }
  removeEventListener(type, fn) { this.listeners--; super.removeEventListener(type, fn); }
  fireStorage(key) { const e = new Event('storage'); e.key = key; this.dispatchEvent(e); }
}

// What browsers throw for a sandboxed or opaque-origin localStorage (a DOMException named SecurityError).
const securityError = (msg) => Object.assign(new Error(msg), { name: 'SecurityError' });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const code = (c, check) => (e) => { assert.ok(isBridgeError(e, c), String(e)); check?.(e); return true; };

test('readCti reads and decrypts the key CTI by default', () => {
  assert.equal(DEFAULT_CTI_KEY, 'CTI');
  const s = new FakeStorage({ CTI: enc(cti('g-1')) });
  assert.equal(readCti({ passphrase: PASS, storage: s }).guid, 'g-1');
});

test('readCti honours a custom key', () => {
  const s = new FakeStorage({ myCti: enc(cti('g-2')) });
  assert.equal(readCti({ passphrase: PASS, storage: s, key: 'myCti' }).guid, 'g-2');
  assert.throws(() => readCti({ passphrase: PASS, storage: s }), code('NO_CTI'));
});

test('nothing stored (or empty, or blank: no call, as watchCti skips it) is NO_CTI explaining the other-origin reason', () => {
  for (const s of [new FakeStorage(), new FakeStorage({ CTI: '' }), new FakeStorage({ CTI: '  ' }), new FakeStorage({ CTI: '\n' })]) {
    assert.throws(() => readCti({ passphrase: PASS, storage: s }), code('NO_CTI', (e) => {
      assert.match(e.message, /origin/);
      assert.match(e.message, /localStorage/);
      assert.equal(e.message.includes(PASS), false);
    }));
  }
});

test('a throwing storage is NO_CTI', () => {
  const s = { getItem() { throw securityError('denied'); } };
  assert.throws(() => readCti({ passphrase: PASS, storage: s }), code('NO_CTI'));
});

test('no window / no localStorage is NO_CTI (node has no window)', () => {
  assert.equal(typeof window, 'undefined');
  assert.throws(() => readCti({ passphrase: PASS }), code('NO_CTI'));
  for (const localStorage of [null, 'CTI', 5]) {
    assert.throws(() => readCti({ passphrase: PASS, window: { localStorage } }), code('NO_CTI', (e) => assert.match(e.message, /there is no localStorage/)));
  }
});

test('a window whose localStorage getter throws is NO_CTI (watchCti)', () => {
  const win = new FakeWindow(null);
  Object.defineProperty(win, 'localStorage', { get() { throw securityError('sandboxed'); } });
  assert.throws(() => watchCti({ passphrase: PASS, window: win, onChange() {} }), code('NO_CTI', (e) => assert.match(e.message, /sandbox/)));
  assert.equal(win.listeners, 0);
});

test('readCti with a global window whose localStorage throws is NO_CTI', () => {
  const saved = Object.getOwnPropertyDescriptor(globalThis, 'window');
  Object.defineProperty(globalThis, 'window', {
    configurable: true, value: { get localStorage() { throw securityError('opaque'); } },
  });
  try {
    assert.throws(() => readCti({ passphrase: PASS }), code('NO_CTI', (e) => assert.match(e.message, /origin/)));
  } finally {
    if (saved) Object.defineProperty(globalThis, 'window', saved);
    else delete globalThis.window;
  }
});

test('watchCti where window is the global object (window = globalThis in a Node test, no addEventListener): it polls, never a TypeError', async (t) => {
  const saved = Object.getOwnPropertyDescriptor(globalThis, 'localStorage');
  globalThis.window = globalThis;
  t.after(() => {
    delete globalThis.window;
    if (saved) Object.defineProperty(globalThis, 'localStorage', saved);
    else delete globalThis.localStorage;
  });
  const s = new FakeStorage();
  Object.defineProperty(globalThis, 'localStorage', { configurable: true, value: s });
  // The storage given, and the window's localStorage by default.
  for (const given of [{ storage: s }, {}]) {
    const guid = given.storage ? 'given' : 'default';
    const seen = [];
    const stop = watchCti({ passphrase: PASS, intervalMs: 5, onChange: (c) => seen.push(c.guid), ...given });
    s.setItem('CTI', enc(cti(guid)));
    for (let i = 0; i < 400 && !seen.length; i++) await sleep(5);
    stop();
    assert.deepEqual(seen, [guid]);
    s.removeItem('CTI');
  }
});

test('readCti uses window.localStorage by default', () => {
  Object.defineProperty(globalThis, 'window', { configurable: true, value: { localStorage: new FakeStorage({ CTI: enc(cti('g-w')) }) } });
  try {
    assert.equal(readCti({ passphrase: PASS }).guid, 'g-w');
  } finally {
    delete globalThis.window;
  }
});

test('missing passphrase is INVALID_ARGUMENT, never defaulted', () => {
  const s = new FakeStorage({ CTI: enc(cti('g')) });
  for (const o of [{ storage: s }, { storage: s, passphrase: '' }, { storage: s, passphrase: 7 }, { source: 'storage' }, { key: 'CTI' }]) {
    assert.throws(() => readCti(o), code('INVALID_ARGUMENT'));
    assert.throws(() => watchCti({ ...o, window: new FakeWindow(s), onChange() {} }), code('INVALID_ARGUMENT'));
  }
  assert.throws(() => readCti({ passphrase: PASS, storage: {} }), code('INVALID_ARGUMENT'));
  // No options at all asks for no storage: without the form framework there is simply no CTI here.
  assert.throws(() => readCti(), code('NO_CTI', (e) => assert.match(e.message, /framework.*passphrase/)));
  assert.throws(() => watchCti({ window: new FakeWindow(s), onChange() {} }), code('NO_CTI'));
});

test('readCti errors never contain the passphrase or phone numbers', () => {
  const s = new FakeStorage({ CTI: enc(cti('g', '099765432'), 'other-pass') });
  assert.throws(() => readCti({ passphrase: PASS, storage: s }), code('DECRYPT_FAILED', (e) => {
    assert.equal(e.message.includes(PASS), false);
    assert.equal(e.message.includes('099765432'), false);
  }));
  s.setItem('CTI', enc({ Campaign: 'x', Callerid: '099765432' }));
  assert.throws(() => readCti({ passphrase: PASS, storage: s }), code('INVALID_CTI', (e) => assert.equal(e.message.includes('099765432'), false)));
});

test('decryption checks every PKCS#7 padding byte, not the last one only', () => {
  // A block ending in [0x20, 0x20, 0x03] is not padded by 3: a wrong passphrase can give such bytes.
  const padded = (tail) => {
    let text = JSON.stringify(cti('g-pad'));
    while ((text.length + tail.length) % 16 !== 0) text += ' ';
    return CryptoJS.AES.encrypt(CryptoJS.enc.Latin1.parse(text + tail), PASS, { padding: CryptoJS.pad.NoPadding }).toString();
  };
  assert.equal(decryptCti(padded('\x03\x03\x03'), PASS).guid, 'g-pad', 'the stand-in is right when the padding is');
  assert.throws(() => decryptCti(padded('  \x03'), PASS), code('DECRYPT_FAILED'));
  assert.throws(() => decryptCti(padded(' \x03\x03'), PASS), code('DECRYPT_FAILED'));
  assert.throws(() => decryptCti(padded(' \x00'), PASS), code('DECRYPT_FAILED'));
  assert.throws(() => decryptCti(padded(' \x11'), PASS), code('DECRYPT_FAILED'));
  // 17 bytes of 17 all agree with each other, but PKCS#7 on 16-byte blocks pads 1 to 16: never unpadded
  // (the text before them is a CTI, which would be taken with a wrong end).
  assert.equal(decryptCti(padded('\x10'.repeat(16)), PASS).guid, 'g-pad', 'a whole block of padding is right');
  assert.throws(() => decryptCti(padded('\x11'.repeat(17)), PASS), code('DECRYPT_FAILED'));
});

test('a "Salted__" header and salt with no ciphertext after them is DECRYPT_FAILED, not a CTI that is no JSON', () => {
  const value = Buffer.from(enc(cti('g-1')), 'base64');
  assert.equal(value.subarray(0, 8).toString('latin1'), 'Salted__');
  assert.throws(() => decryptCti(value.subarray(0, 16).toString('base64'), PASS), code('DECRYPT_FAILED'));
  // Cut inside a block: not that format either.
  assert.ok(value.length >= 48);
  assert.throws(() => decryptCti(value.subarray(0, 47).toString('base64'), PASS), code('DECRYPT_FAILED'));
});

test('a byte after the last whole block is DECRYPT_FAILED, whatever it decrypts to (a CTI in the blocks before it is never taken)', () => {
  // Whole blocks of a CTI and spaces, unpadded: the stray byte alone would end its padding. One stray
  // byte in 256 decrypts to 1, a right pad: 8 values x 256 bytes meet it (each ciphertext has its salt).
  let text = JSON.stringify(cti('g-cut'));
  while (text.length % 16 !== 0) text += ' ';
  for (let i = 0; i < 8; i++) {
    const whole = Buffer.from(CryptoJS.AES.encrypt(CryptoJS.enc.Latin1.parse(text), PASS, { padding: CryptoJS.pad.NoPadding }).toString(), 'base64');
    for (let x = 0; x < 256; x++) {
      assert.throws(() => decryptCti(Buffer.concat([whole, Buffer.of(x)]).toString('base64'), PASS), code('DECRYPT_FAILED'));
    }
  }
});

/** watchCti on a fake window whose storage holds call 'old' (stopped after the test, or by `stop`): the guids it reports land in `seen`. */
function watchingStorage(t) {
  const s = new FakeStorage({ CTI: enc(cti('old')) });
  const win = new FakeWindow(s);
  const seen = [];
  const stop = watchCti({ passphrase: PASS, window: win, intervalMs: 0, onChange: (c) => seen.push(c.guid) });
  t.after(stop);
  return { s, win, seen, stop };
}

// README's watchCti row: the storage source compares what the stored value holds, decrypted:
// CryptoJS encrypts with a fresh salt each time, and the same call written again (another
// ciphertext) is not a new value; a changed call is. The framework source compares the global CTI.
test('watchCti (storage): the same call encrypted again (a fresh salt) is not reported again; a changed call is', (t) => {
  const { s, win, seen } = watchingStorage(t);
  s.setItem('CTI', enc(cti('g-1')));
  win.fireStorage('CTI');
  const first = s.getItem('CTI');
  s.setItem('CTI', enc(cti('g-1')));
  assert.notEqual(s.getItem('CTI'), first, 'a fresh salt: another ciphertext');
  win.fireStorage('CTI');
  s.setItem('CTI', s.getItem('CTI')); // the very same text again: no new value
  win.fireStorage('CTI');
  assert.deepEqual(seen, ['g-1']);
  // The same guid with other content (the portal updated the call): a new value.
  s.setItem('CTI', enc(cti('g-1', '099000111')));
  win.fireStorage('CTI');
  s.setItem('CTI', enc(cti('g-2')));
  win.fireStorage('CTI');
  assert.deepEqual(seen, ['g-1', 'g-1', 'g-2']);
});

test('watchCti (storage): the call present at start, encrypted again, is still the baseline (decrypted to compare)', (t) => {
  const { s, win, seen } = watchingStorage(t);
  s.setItem('CTI', enc(cti('old')));
  win.fireStorage('CTI');
  assert.deepEqual(seen, [], 'the baseline written again with a fresh salt');
  s.setItem('CTI', enc(cti('new')));
  win.fireStorage('CTI');
  assert.deepEqual(seen, ['new']);
});

test('watchCti (storage): an emptied value, then the same call again, reports it (an emptied value is a value seen, as for the framework CTI)', (t) => {
  const { s, win, seen } = watchingStorage(t);
  s.removeItem('CTI');
  win.fireStorage('CTI');
  s.setItem('CTI', enc(cti('old')));
  win.fireStorage('CTI');
  assert.deepEqual(seen, ['old']);
});

test('watchCti (storage): an undecryptable baseline neither throws nor is reported; the next call is new; each new undecryptable value is one DECRYPT_FAILED, and the call before it written again is not new', (t) => {
  const s = new FakeStorage({ CTI: enc(cti('old'), 'another passphrase') });
  const win = new FakeWindow(s);
  const seen = [];
  const stop = watchCti({ passphrase: PASS, window: win, intervalMs: 0, onChange: (c) => seen.push(c.guid), onError: (e) => seen.push(e.code) });
  t.after(stop);
  win.fireStorage('CTI');
  assert.deepEqual(seen, [], 'the baseline is neither reported nor an error');
  s.setItem('CTI', enc(cti('g-1')));
  win.fireStorage('CTI');
  s.setItem('CTI', 'not a ciphertext');
  win.fireStorage('CTI');
  win.fireStorage('CTI');
  s.setItem('CTI', enc(cti('x'), 'another passphrase'));
  win.fireStorage('CTI');
  s.setItem('CTI', enc(cti('g-1')));
  win.fireStorage('CTI');
  s.setItem('CTI', enc(cti('g-2')));
  win.fireStorage('CTI');
  assert.deepEqual(seen, ['g-1', 'DECRYPT_FAILED', 'DECRYPT_FAILED', 'g-2']);
});

test('watchCti: a storage event for the key reports the new call once; other keys are ignored', (t) => {
  const { s, win, seen, stop } = watchingStorage(t);
  assert.equal(win.listeners, 1);
  win.fireStorage('CTI');
  assert.deepEqual(seen, [], 'the value present at start is the baseline');
  s.setItem('CTI', enc(cti('new-1')));
  win.fireStorage('other');
  assert.deepEqual(seen, []);
  win.fireStorage('CTI');
  win.fireStorage('CTI');
  assert.deepEqual(seen, ['new-1']);
  s.setItem('CTI', enc(cti('new-2')));
  win.fireStorage(null); // storage.clear() elsewhere: re-read
  assert.deepEqual(seen, ['new-1', 'new-2']);
  stop();
  assert.equal(win.listeners, 0);
  s.setItem('CTI', enc(cti('after')));
  win.fireStorage('CTI');
  assert.deepEqual(seen, ['new-1', 'new-2']);
});

test('watchCti: polling catches same-document writes; unsubscribe stops the timer', (t) => {
  // The timers are faked: tick(10) is one poll, run before tick returns. Real pauses could end
  // before a poll under load: a write then looked unseen, a check for "nothing" passed unproven.
  t.mock.timers.enable({ apis: ['setInterval', 'setTimeout'] });
  const s = new FakeStorage();
  const win = new FakeWindow(s);
  const seen = [];
  const stop = watchCti({ passphrase: PASS, window: win, intervalMs: 10, onChange: (c) => seen.push(c.guid) });
  t.after(stop);
  let reads = s.reads;
  t.mock.timers.tick(1000);
  assert.equal(s.reads, reads + 100, 'one read per poll');
  assert.deepEqual(seen, []);
  const first = enc(cti('p-1'));
  s.setItem('CTI', first);
  t.mock.timers.tick(10);
  assert.deepEqual(seen, ['p-1']);
  s.removeItem('CTI');
  t.mock.timers.tick(10);
  s.setItem('CTI', first);
  t.mock.timers.tick(10);
  assert.deepEqual(seen, ['p-1', 'p-1'], 'the same call written again after a removal is new');
  t.mock.timers.tick(1000);
  assert.deepEqual(seen, ['p-1', 'p-1'], 'and once');
  stop();
  reads = s.reads;
  s.setItem('CTI', enc(cti('p-2')));
  t.mock.timers.tick(1000);
  assert.equal(s.reads, reads, 'no more reads after unsubscribe');
  assert.deepEqual(seen, ['p-1', 'p-1']);
  assert.equal(win.listeners, 0);
  stop();
});

test('watchCti: after unsubscribe, a listener the window still holds reads and reports nothing', (t) => {
  const s = new FakeStorage({ CTI: enc(cti('old')) });
  const held = [];
  // A stand-in window that keeps every listener it was given (its removeEventListener does nothing).
  const win = { localStorage: s, addEventListener: (type, fn) => held.push(fn), removeEventListener() {} };
  const seen = [];
  const stop = watchCti({ passphrase: PASS, window: win, intervalMs: 0, onChange: (c) => seen.push(c.guid), onError: (e) => seen.push(e.code) });
  t.after(stop);
  assert.equal(held.length, 1);
  s.setItem('CTI', enc(cti('new')));
  held[0]({ key: 'CTI' });
  assert.deepEqual(seen, ['new']);
  stop();
  s.setItem('CTI', enc(cti('after')));
  const reads = s.reads;
  held[0]({ key: 'CTI' });
  assert.deepEqual(seen, ['new']);
  assert.equal(s.reads, reads, 'no read after unsubscribe');
});

test('watchCti: interval 0 means no polling', (t) => {
  // No timer at all, however long the page stays: a real 30 ms wait could not tell 0 from a poll
  // every second. A watch polling each second on the same storage sees the write on the same clock.
  t.mock.timers.enable({ apis: ['setInterval'] });
  const s = new FakeStorage();
  const seen = [];
  const stop = watchCti({ passphrase: PASS, window: new FakeWindow(s), intervalMs: 0, onChange: (c) => seen.push(c.guid) });
  const polling = watchCti({ passphrase: PASS, window: new FakeWindow(s), intervalMs: 1000, onChange: (c) => seen.push(`polled ${c.guid}`) });
  t.after(() => { stop(); polling(); });
  s.setItem('CTI', enc(cti('x')));
  t.mock.timers.tick(3_600_000);
  assert.deepEqual(seen, ['polled x']);
});

test('watchCti: decrypt failures go to onError, once per value, and nothing is thrown', (t) => {
  const s = new FakeStorage();
  const win = new FakeWindow(s);
  const errors = [];
  const seen = [];
  const stop = watchCti({ passphrase: PASS, window: win, intervalMs: 0, onChange: (c) => seen.push(c.guid), onError: (e) => errors.push(e.code) });
  t.after(stop);
  s.setItem('CTI', enc(cti('x', '099111222'), 'wrong'));
  win.fireStorage('CTI');
  win.fireStorage('CTI');
  s.setItem('CTI', 'garbage');
  win.fireStorage('CTI');
  s.setItem('CTI', enc(cti('ok')));
  win.fireStorage('CTI');
  assert.deepEqual(errors, ['DECRYPT_FAILED', 'DECRYPT_FAILED']);
  assert.deepEqual(seen, ['ok']);
  stop();
  const quiet = watchCti({ passphrase: PASS, window: win, intervalMs: 0, onChange() {} });
  t.after(quiet);
  s.setItem('CTI', 'garbage-2');
  assert.doesNotThrow(() => win.fireStorage('CTI'));
  quiet();
});

test('watchCti: a blank stored value is no call: neither onChange nor onError', (t) => {
  const s = new FakeStorage({ CTI: enc(cti('old')) });
  const win = new FakeWindow(s);
  const seen = [];
  const stop = watchCti({ passphrase: PASS, window: win, intervalMs: 0, onChange: (c) => seen.push(c.guid), onError: (e) => seen.push(e.code) });
  t.after(stop);
  for (const blank of ['  ', '\n', '']) {
    s.setItem('CTI', blank);
    win.fireStorage('CTI');
  }
  assert.deepEqual(seen, []);
  s.setItem('CTI', enc(cti('new')));
  win.fireStorage('CTI');
  assert.deepEqual(seen, ['new']);
});

test('watchCti: storage that stays unreadable is NO_CTI once, not at every check; readable again and then blocked again, once more', (t) => {
  const s = new FakeStorage();
  const win = new FakeWindow(s);
  const errors = [];
  const seen = [];
  const stop = watchCti({ passphrase: PASS, window: win, intervalMs: 0, onChange: (c) => seen.push(c.guid), onError: (e) => errors.push(e.code) });
  t.after(stop);
  const getItem = s.getItem;
  s.getItem = () => { throw new Error('blocked'); };
  for (let i = 0; i < 5; i++) win.fireStorage('CTI');
  assert.deepEqual(errors, ['NO_CTI']);
  s.getItem = getItem;
  s.setItem('CTI', enc(cti('back')));
  win.fireStorage('CTI');
  assert.deepEqual(seen, ['back']);
  s.getItem = () => { throw new Error('blocked'); };
  win.fireStorage('CTI');
  win.fireStorage('CTI');
  assert.deepEqual(errors, ['NO_CTI', 'NO_CTI']);
  stop();
});

test('watchCti given a window of another origin (its properties throw SecurityError) is INVALID_ARGUMENT naming window, as connectPortal and connectInbox; readCti and the default storage are NO_CTI', () => {
  // What a cross-origin WindowProxy lets a script read: postMessage, closed and the like; anything else throws.
  const open = new Set(['postMessage', 'closed', 'window', 'self', 'frames', 'length', 'top', 'parent', 'opener', 'close', 'focus', 'blur', 'location', 'then']);
  const other = new Proxy({}, { get(_t, k) { if (typeof k === 'string' && open.has(k)) return undefined; throw securityError(`Blocked a frame from accessing ${String(k)}`); } });
  const storage = new FakeStorage();
  assert.throws(() => watchCti({ window: other, passphrase: PASS, storage, onChange() {} }), code('INVALID_ARGUMENT', (e) => {
    assert.equal(e.message, 'watchCti: window must be a window of this origin');
  }));
  assert.throws(() => watchCti({ window: other, passphrase: PASS, onChange() {} }), code('NO_CTI'));
  assert.throws(() => readCti({ window: other, passphrase: PASS }), code('NO_CTI'));
  // A stand-in whose addEventListener is no function keeps its own message.
  assert.throws(() => watchCti({ window: { addEventListener: 1 }, passphrase: PASS, storage, onChange() {} }), code('INVALID_ARGUMENT', (e) => {
    assert.match(e.message, /window\.addEventListener must be a function/);
  }));
});

test('watchCti: custom key and explicit storage; bad options are INVALID_ARGUMENT', (t) => {
  const s = new FakeStorage();
  const win = new FakeWindow(new FakeStorage());
  const seen = [];
  const stop = watchCti({ passphrase: PASS, key: 'K', storage: s, window: win, intervalMs: 0, onChange: (c) => seen.push(c.guid) });
  t.after(stop);
  s.setItem('K', enc(cti('k')));
  win.fireStorage('K');
  assert.deepEqual(seen, ['k']);
  stop();
  for (const bad of [{ onChange: 1 }, { onChange() {}, intervalMs: -1 }, { onChange() {}, intervalMs: Number.NaN }, { onChange() {}, onError: 'x' }]) {
    assert.throws(() => watchCti({ passphrase: PASS, storage: s, window: win, ...bad }), code('INVALID_ARGUMENT'));
  }
  assert.equal(win.listeners, 0);
});

test('readCti and watchCti name themselves, not decryptCti, in a decrypt or parse failure of the stored copy', () => {
  const s = new FakeStorage({ CTI: enc(cti('g'), 'other-pass') });
  const named = (c, op) => code(c, (e) => { assert.equal(e.operation, op); assert.ok(e.message.startsWith(`${op}: `), e.message); });
  assert.throws(() => readCti({ passphrase: PASS, storage: s }), named('DECRYPT_FAILED', 'readCti'));
  s.setItem('CTI', enc({ Campaign: 'x' }));
  assert.throws(() => readCti({ passphrase: PASS, storage: s }), named('INVALID_CTI', 'readCti'));
  // decryptCti itself still names decryptCti.
  assert.throws(() => decryptCti(enc(cti('g'), 'other-pass'), PASS), named('DECRYPT_FAILED', 'decryptCti'));
  const win = new FakeWindow(s);
  const errors = [];
  const stop = watchCti({ passphrase: PASS, window: win, intervalMs: 0, onChange() {}, onError: (e) => errors.push(e) });
  s.setItem('CTI', enc(cti('h'), 'wrong'));
  win.fireStorage('CTI');
  stop();
  assert.equal(errors.length, 1);
  named('DECRYPT_FAILED', 'watchCti')(errors[0]);
});

// A form on another origin than the portal: Chrome, Firefox and WebKit give a cross-site frame a
// storage partition of its own, and a same-site form has its origin's, both readable and never
// holding the portal's CTI. The default read the page's own: watchCti started and waited for ever,
// silently. The default is the portal's (the parent's) localStorage, which throws there.
test("by default the portal's (the parent's) localStorage is read: a form on another origin is NO_CTI, never a watch of its own empty storage", (t) => {
  const saved = Object.getOwnPropertyDescriptor(globalThis, 'window');
  t.after(() => {
    if (saved) Object.defineProperty(globalThis, 'window', saved);
    else delete globalThis.window;
  });
  const own = new FakeWindow(new FakeStorage());
  own.parent = { get localStorage() { throw securityError('cross-origin'); } };
  Object.defineProperty(globalThis, 'window', { configurable: true, value: own });
  assert.throws(() => watchCti({ passphrase: PASS, intervalMs: 0, onChange() {} }), code('NO_CTI', (e) => assert.match(e.message, /portal's own origin/)));
  assert.throws(() => readCti({ passphrase: PASS }), code('NO_CTI', (e) => assert.match(e.message, /portal's own origin/)));
  assert.equal(own.listeners, 0);
  // A form on the portal's origin: the portal's storage is read, and its writes are heard in the page.
  own.parent = { localStorage: new FakeStorage({ CTI: enc(cti('g-portal')) }) };
  assert.equal(readCti({ passphrase: PASS }).guid, 'g-portal');
  const seen = [];
  const stop = watchCti({ passphrase: PASS, intervalMs: 0, onChange: (c) => seen.push(c.guid) });
  own.parent.localStorage.setItem('CTI', enc(cti('g-next')));
  own.fireStorage('CTI');
  stop();
  assert.deepEqual(seen, ['g-next']);
});
