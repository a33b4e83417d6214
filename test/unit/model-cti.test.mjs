// Model-based (stateful property) test of the CTI reader, on the built bundle: fast-check
// (`fc.commands`) drives random sequences of what happens to a form's CTI sources (the portal
// writes, re-encrypts, damages or removes the encrypted localStorage copy, with or without a
// `storage` event of that key, another key or a cleared storage; the storage becomes unreadable and
// readable again; the framework's global `CTI` text is set, emptied, replaced by an object, deleted
// or made a throwing getter), time, and stopping the watcher, against a model written from the
// README (`readCti`, `watchCti`, the Errors table), watchCti's JSDoc and spec 4.1: after every
// command `readCti` gives what the model says (framework first, storage when the global is not
// defined and a passphrase is given), and `watchCti` has reported exactly the model's `onChange`
// and `onError` calls: one per new value (never the baseline, never an emptied or removed value,
// never the same value twice), on a poll or a storage event of its key (or none: cleared), nothing
// after stop(), and no error naming the passphrase. Time is faked. Seeded (FC_SEED, FC_RUNS).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import CryptoJS from 'crypto-js';
import { readCti, watchCti, isBridgeError } from '../../dist/cti.js';

const SEED = process.env.FC_SEED === undefined ? 20261206 : Number(process.env.FC_SEED);
const RUNS = Number(process.env.FC_RUNS ?? 150);
const PASS = 'model-passphrase';
const call = (guid) => ({ Guid: guid, Campaign: 'Sales->', Callerid: '099123456' });
const enc = (text) => CryptoJS.AES.encrypt(text, PASS).toString();
// The final secrets check of `npm test` also looks for it in every captured error message.
globalThis.captureSecret?.(PASS);

// What the portal may leave under the key, and what the README says reading it gives: a call's
// guid, or the error code. `empty`: no call (README: "nothing stored"; an emptied value does not
// call onChange).
// `text`: what the value holds, decrypted (the watcher compares it; undefined: it does not decrypt).
const stored = (text, rest) => ({ raw: enc(text), text, ...rest });
const good1 = stored(JSON.stringify(call('g1')), { guid: 'g1' });
const STORED = [
  good1,
  // The same call encrypted again (another salt): another ciphertext, the same value.
  stored(good1.text, { guid: 'g1' }),
  // The same guid, the call changed: a new value.
  stored(JSON.stringify(call('g1')).replace('099123456', '099000111'), { guid: 'g1' }),
  stored(JSON.stringify(call('g2')), { guid: 'g2' }),
  stored(JSON.stringify({ ...call('g3'), Dialer: { campaign: 'Sales->', destination: '099', status: 1, contact: 7, dialerbase: 'b' } }), { guid: 'g3' }),
  // Encrypted with another deployment's passphrase (fixed: its padding check is known to fail).
  { raw: 'U2FsdGVkX1/tt5k26d+lAhBcewlt/n0JzrbgQKXOy7FJjBYDgYf9JOgNoaqMEUGV+yg90TqNXu6sNXoxe/gdHcfnvR+ykHpB9F42KDnKX9Q=', code: 'DECRYPT_FAILED' },
  { raw: 'not a ciphertext', code: 'DECRYPT_FAILED' },
  { raw: good1.raw.slice(0, -4), code: 'DECRYPT_FAILED' },
  stored('not json', { code: 'INVALID_CTI' }),
  // The same text encrypted again: the same value (its error not reported twice in a row).
  stored('not json', { code: 'INVALID_CTI' }),
  stored('[1,2]', { code: 'INVALID_CTI' }),
  stored(JSON.stringify({ Campaign: 'Sales->' }), { code: 'INVALID_CTI' }),
  stored(JSON.stringify({ Guid: '  ' }), { code: 'INVALID_CTI' }),
  { raw: '', text: null, empty: true, code: 'NO_CTI' },
];

// The framework's global: JSON text (an object is taken too), '' without a call.
const FRAMEWORK = [
  { value: () => JSON.stringify(call('f1')), guid: 'f1' },
  // The same text again: the same value (a string), not reported twice.
  { value: () => JSON.stringify(call('f1')), guid: 'f1' },
  { value: () => JSON.stringify(call('f2')), guid: 'f2' },
  { value: () => call('f3'), guid: 'f3' },
  { value: () => '', empty: true, code: 'NO_CTI' },
  { value: () => '   ', empty: true, code: 'NO_CTI' },
  { value: () => null, empty: true, code: 'NO_CTI' },
  { value: () => '{broken', code: 'INVALID_CTI' },
  { value: () => '[1]', code: 'INVALID_CTI' },
  { value: () => JSON.stringify({ Campaign: 'Sales->' }), code: 'INVALID_CTI' },
  { value: () => 42, code: 'INVALID_CTI' },
];

class FakeStorage {
  constructor() { this.map = new Map(); this.throws = false; }
  getItem(k) {
    if (this.throws) throw Object.assign(new Error('denied'), { name: 'SecurityError' });
    return this.map.has(k) ? this.map.get(k) : null;
  }
}

// A stand-in window: the framework's global, localStorage, storage events, its listeners counted.
class FormWindow extends EventTarget {
  constructor(storage) { super(); this.localStorage = storage; this.fns = new Set(); }
  get listeners() { return this.fns.size; }
  addEventListener(type, fn) { this.fns.add(fn); super.addEventListener(type, fn); }
  removeEventListener(type, fn) { this.fns.delete(fn); super.removeEventListener(type, fn); }
  fire(key) {
    const e = new Event('storage');
    if (key !== undefined) e.key = key;
    this.dispatchEvent(e);
  }
}

// The README's readCti: the framework when its global is defined (empty: NO_CTI), else the storage
// when a passphrase is given; unreadable storage and nothing stored are NO_CTI.
function modelRead(m) {
  if (m.framework !== undefined) return m.framework.empty ? { code: 'NO_CTI' } : m.framework;
  if (!m.withPassphrase) return { code: 'NO_CTI' };
  if (m.throws || m.stored === undefined) return { code: 'NO_CTI' };
  // A blank value is not the Salted__ format.
  return m.stored.raw.trim() === '' && m.stored.raw !== '' ? { code: 'DECRYPT_FAILED' } : m.stored;
}
function actualRead(options) {
  try {
    return { guid: readCti(options).guid };
  } catch (e) {
    assert.ok(isBridgeError(e), String(e));
    assert.equal(e.message.includes(PASS), false, 'the passphrase in an error');
    return { code: e.code };
  }
}
const brief = (r) => (r.guid ? { guid: r.guid } : { code: r.code });

// The watcher's model: a check reads the source; unreadable is onError(NO_CTI) once until a read
// succeeds again, the last value seen unchanged; the same value as last is nothing; a new value
// becomes the last; empty is nothing, else onChange(guid) or onError(code). `decrypted`: the storage
// source, whose new ciphertext is compared by what it holds (m.seen): one that does not decrypt is
// onError(DECRYPT_FAILED), m.seen unchanged; one that holds what the last readable one held
// (nothing stored holds null) is nothing.
function modelCheck(m, rawNow, entry, decrypted) {
  if (m.stopped) return;
  if (rawNow === THROWS) {
    if (!m.blocked) m.reports.push({ error: 'NO_CTI' });
    m.blocked = true;
    return;
  }
  m.blocked = false;
  if (Object.is(rawNow, m.last)) return;
  m.last = rawNow;
  if (decrypted) {
    const text = entry === undefined ? null : entry.text;
    if (text === undefined) {
      m.reports.push({ error: entry.code });
      return;
    }
    if (text === m.seen) return;
    m.seen = text;
  }
  if (entry === undefined || entry.empty || (typeof rawNow === 'string' && rawNow.trim() === '')) return;
  m.reports.push(entry.guid ? { change: entry.guid } : { error: entry.code });
  // onChange's own failure reaches onError; onChange may stop the watcher (an unmounting form).
  if (entry.guid && m.onChange === 'throws') m.reports.push({ error: 'CALLBACK_FAILED' });
  if (entry.guid && m.onChange === 'stops') m.stopped = true;
}
const THROWS = Symbol('throws');

// One command: `run` changes the model and the real sources, then the real reader is compared with
// the model (`real.compare`).
const step = (name, arb, run) => arb.map((p) => {
  const toString = () => `${name}(${JSON.stringify(p) ?? ''})`;
  return { check: () => true, run: (m, r) => { run(m, r, p); r.compare(m, r, `after ${toString()}`); }, toString };
});

// Ticks the faked clock one ms at a time; the model polls at the watcher's interval.
function advance(m, r, ms, poll) {
  for (let i = 0; i < ms; i++) {
    r.clock.tick(1);
    if ((r.clock.now() - m.start) % m.intervalMs === 0) poll();
  }
}

test('model: the encrypted localStorage copy, read by readCti and watched by watchCti, follows the README model', (t) => {
  t.mock.timers.enable({ apis: ['setInterval'] });
  let now = 0;
  const clock = { tick: (ms) => { now += ms; t.mock.timers.tick(ms); }, now: () => now };
  let runs = 0;
  let reported = 0;
  const storageRaw = (m) => (m.throws ? THROWS : m.stored === undefined ? null : m.stored.raw);
  const poll = (m) => modelCheck(m, storageRaw(m), m.stored, true);
  const compare = (m, r, where) => {
    assert.deepEqual(r.reports, m.reports, `watchCti reports, ${where}`);
    assert.deepEqual(actualRead(r.readOptions), brief(modelRead(m)), `readCti, ${where}`);
    assert.equal(r.win.listeners, m.stopped ? 0 : 1, `storage listeners, ${where}`);
  };
  const commands = [
    step('write', fc.record({ i: fc.nat(STORED.length - 1), event: fc.constantFrom('none', 'key', 'other', 'cleared', 'nokey') }), (m, r, { i, event }) => {
      m.stored = STORED[i];
      r.storage.map.set(r.key, STORED[i].raw);
      if (event === 'none') {
        // A write by the same document: no event.
      } else {
        // An event of another key (the default 'CTI' when the option names another) checks nothing.
        if (event !== 'other') poll(m);
        r.win.fire(event === 'key' ? r.key : event === 'other' ? (r.key === 'CTI' ? 'elsewhere' : 'CTI') : event === 'cleared' ? null : undefined);
      }
    }),
    step('remove', fc.boolean(), (m, r, event) => {
      m.stored = undefined;
      r.storage.map.delete(r.key);
      if (event) {
        poll(m);
        r.win.fire(r.key);
      }
    }),
    step('unreadable', fc.boolean(), (m, r, throws) => {
      m.throws = throws;
      r.storage.throws = throws;
    }),
    step('framework', fc.option(fc.nat(FRAMEWORK.length - 1), { nil: undefined }), (m, r, i) => {
      // The framework's global only changes what readCti picks, not the storage watcher.
      m.framework = i === undefined ? undefined : FRAMEWORK[i];
      if (i === undefined) delete r.win.CTI;
      else r.win.CTI = FRAMEWORK[i].value();
    }),
    step('advance', fc.constantFrom(1, 5, 13, 20), (m, r, ms) => advance(m, r, ms, () => poll(m))),
    step('stop', fc.constant(null), (m, r) => {
      m.stopped = true;
      r.stop();
    }),
  ];
  // The last command (stop) is drawn about once in 12 commands, the others more often.
  const cmds = fc.commands([...commands.slice(0, -1), ...commands.slice(0, -1), ...commands], { maxCommands: 30, size: 'max' });
  const setup = fc.record({ initial: fc.option(fc.nat(STORED.length - 1), { nil: undefined }), intervalMs: fc.constantFrom(0, 5, 13), explicit: fc.boolean(), key: fc.constantFrom(undefined, 'CTI', 'ctiSales'),
    onChange: fc.constantFrom('returns', 'returns', 'throws', 'stops') });

  fc.assert(fc.property(setup, cmds, ({ initial, intervalMs, explicit, key, onChange }, cs) => {
    runs++;
    const storage = new FakeStorage();
    const win = new FormWindow(storage);
    if (initial !== undefined) storage.map.set(key ?? 'CTI', STORED[initial].raw);
    const reports = [];
    // No framework at start: without `source`, a passphrase picks the storage.
    const stop = watchCti({
      window: win, passphrase: PASS, intervalMs, ...(explicit && { source: 'storage' }), ...(key && { key }),
      onChange: (c) => {
        reports.push({ change: c.guid });
        if (onChange === 'throws') throw new Error(`form code failed on ${c.guid}`);
        if (onChange === 'stops') stop();
      },
      onError: (e) => {
        assert.equal(e.message.includes(PASS), false, 'the passphrase in an error');
        reports.push({ error: e.code });
      },
    });
    const m = { stored: initial === undefined ? undefined : STORED[initial], throws: false, framework: undefined, withPassphrase: true,
      stopped: false, reports: [], intervalMs: intervalMs || Infinity, start: clock.now(), onChange };
    m.last = storageRaw(m);
    // The baseline's content: null when nothing is stored, undefined when it does not decrypt.
    m.seen = m.stored === undefined ? null : m.stored.text;
    const r = { storage, win, reports, stop, clock, compare, key: key ?? 'CTI', readOptions: { window: win, passphrase: PASS, ...(key && { key }) } };
    try {
      compare(m, r, 'at start');
      fc.modelRun(() => ({ model: m, real: r }), cs);
      reported += reports.length;
    } finally {
      stop();
    }
  }), { seed: SEED, numRuns: RUNS, includeErrorInReport: true });
  t.diagnostic(`storage model: ${runs} runs, ${reported} reports`);
});

test('model: the framework global CTI, read by readCti and polled by watchCti, follows the README model', (t) => {
  t.mock.timers.enable({ apis: ['setInterval'] });
  let now = 0;
  const clock = { tick: (ms) => { now += ms; t.mock.timers.tick(ms); }, now: () => now };
  let runs = 0;
  let reported = 0;
  // What the watcher reads: the global's value; a throwing getter counts as no framework.
  const poll = (m) => modelCheck(m, m.raw, m.framework);
  const compare = (m, r, where) => {
    assert.deepEqual(r.reports, m.reports, `watchCti reports, ${where}`);
    assert.deepEqual(actualRead({ window: r.win }), brief(modelRead(m)), `readCti, ${where}`);
    assert.equal(r.win.listeners, 0, `the framework source listens to no storage event, ${where}`);
  };
  const set = (m, r, i) => {
    delete r.win.CTI;
    if (i === undefined) {
      m.framework = undefined;
      m.raw = undefined;
      return;
    }
    m.framework = FRAMEWORK[i];
    m.raw = FRAMEWORK[i].value();
    r.win.CTI = m.raw;
  };
  const commands = [
    step('set', fc.option(fc.nat(FRAMEWORK.length - 1), { nil: undefined, freq: 6 }), (m, r, i) => set(m, r, i)),
    step('throwingGetter', fc.constant(null), (m, r) => {
      m.framework = undefined;
      m.raw = undefined;
      Object.defineProperty(r.win, 'CTI', { configurable: true, enumerable: true, get() { throw new Error('torn down'); } });
    }),
    step('advance', fc.constantFrom(1, 5, 13, 20), (m, r, ms) => advance(m, r, ms, () => poll(m))),
    step('stop', fc.constant(null), (m, r) => {
      m.stopped = true;
      r.stop();
    }),
  ];
  // The last command (stop) is drawn about once in 12 commands, the others more often.
  const cmds = fc.commands([...commands.slice(0, -1), ...commands.slice(0, -1), ...commands], { maxCommands: 30, size: 'max' });
  const setup = fc.record({ initial: fc.nat(FRAMEWORK.length - 1), intervalMs: fc.constantFrom(5, 13) });

  fc.assert(fc.property(setup, cmds, ({ initial, intervalMs }, cs) => {
    runs++;
    const win = new FormWindow(new FakeStorage());
    const m = { withPassphrase: false, stopped: false, reports: [], intervalMs, start: clock.now() };
    const r = { win, reports: [], clock, compare };
    set(m, r, initial);
    m.last = m.raw;
    r.stop = watchCti({ window: win, intervalMs, onChange: (c) => r.reports.push({ change: c.guid }), onError: (e) => r.reports.push({ error: e.code }) });
    try {
      compare(m, r, 'at start');
      fc.modelRun(() => ({ model: m, real: r }), cs);
      reported += r.reports.length;
    } finally {
      r.stop();
    }
  }), { seed: SEED, numRuns: RUNS, includeErrorInReport: true });
  t.diagnostic(`framework model: ${runs} runs, ${reported} reports`);
});
