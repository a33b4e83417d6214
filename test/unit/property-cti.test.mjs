// Property tests of the built cti entry: the Respool builder against a model (any sequence of valid
// and invalid operations), and parseCti / decryptCti on arbitrary input (only the library's typed
// errors may escape). Seeds are fixed (override with FC_SEED); fast-check prints seed and path on failure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import CryptoJS from 'crypto-js';
import fc from 'fast-check';
import { decryptCti, isBridgeError, parseCti, respoolBuilder } from '../../dist/cti.js';

const SEED = process.env.FC_SEED === undefined ? 20260511 : Number(process.env.FC_SEED);
const KEYS = ['campaign', 'destination', 'status', 'data', 'alternatives', 'retries', 'contact', 'dialerbase', 'priority', 'agentphone'];
const PROTECTED = ['campaign', 'status', 'contact', 'dialerbase'];
const PHONE = /^\+?\d{1,32}$/;
// A typed alternative (spec 6): TYPE=RETRIES=NUMBER, RETRIES 0 to 9999 (one rule everywhere).
const TYPED = /^([MWHPU])=(\d{1,4})=(.*)$/;
const TYPES = ['M', 'W', 'H', 'P', 'U'];
const UNSAFE = /[;:=\r\n]/;

const anyString = (opts = {}) => fc.oneof(
  fc.string(opts), fc.string({ ...opts, unit: 'grapheme' }), fc.string({ ...opts, unit: 'binary' }),
);
// Characters that break uContact's `k=v:k=v` and `;` records, often.
const hostileString = fc.array(fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(';', ':', '=', '|', '\n', '\r', '\r\n', ' ', '\t', '\u00a0', '\u2028') },
  { weight: 5, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 4 }) },
), { maxLength: 6 }).map((a) => a.join(''));
const junk = fc.oneof(
  anyString(), hostileString,
  fc.constantFrom('', ' ', '+', '++1', '099 123', '099-123', '12;3', '1:2', 'H=0=1', '١٢٣', null, undefined, 0, 99123456, NaN, true, [], {}),
  fc.anything(),
);

// ---------------------------------------------------------------------------------------------------
// 2. Respool builder: a model of every method, valid and invalid arguments.

const phone = fc.stringMatching(/^\+?\d{1,32}$/);
const typedAlt = fc.tuple(fc.constantFrom(...TYPES), fc.stringMatching(/^\d{1,4}$/), phone).map((p) => p.join('='));
const badTypedAlt = fc.tuple(fc.constantFrom('M', 'X', 'h', 'H', ''), fc.constantFrom('0', '12345', '1234567890', '', 'a'), fc.oneof(phone, junk))
  .map(([t, r, n]) => `${t}=${r}=${String(n)}`);
const validAlt = fc.oneof(phone, typedAlt);
// A typed alternative written as an object, valid or not.
const objectAlt = fc.record({
  type: fc.oneof(fc.constantFrom(...TYPES), fc.constantFrom('X', 'h', '')),
  retries: fc.oneof(fc.integer({ min: 0, max: 9999 }), fc.constantFrom(-1, 10000, 1.5, '3')),
  number: fc.oneof(phone, junk),
}, { requiredKeys: ['type', 'retries'] });
const altArg = fc.oneof({ weight: 3, arbitrary: validAlt }, { weight: 1, arbitrary: badTypedAlt }, { weight: 1, arbitrary: objectAlt }, { weight: 1, arbitrary: junk });
const kvText = fc.array(fc.tuple(fc.string({ maxLength: 6 }), fc.oneof(fc.constant(null), fc.string({ maxLength: 6 }))), { maxLength: 5 })
  .map((pairs) => pairs.map(([k, v]) => (v === null ? k : `${k}=${v}`)).join(':'));

const source = fc.record({
  campaign: anyString({ minLength: 1 }).filter((s) => s.trim() !== ''),
  destination: phone,
  status: fc.oneof(fc.constant(1), fc.integer({ min: 0, max: 2 ** 31 })),
  data: fc.oneof(kvText, anyString(), hostileString),
  alternatives: fc.oneof(fc.array(fc.oneof(validAlt, badTypedAlt), { maxLength: 5 }).map((a) => a.join(':')), anyString(), hostileString),
  retries: fc.integer({ min: 0, max: 2 ** 31 }),
  contact: fc.oneof(fc.nat(), fc.constant(Number.MAX_SAFE_INTEGER)),
  dialerbase: anyString(),
  priority: fc.integer({ min: 1, max: 9999 }),
  agentphone: fc.oneof(fc.constant(''), phone, anyString()),
});

const intArg = (min, max) => fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min, max }) },
  { weight: 2, arbitrary: fc.constantFrom(min - 1, max + 1, -0, 1.5, NaN, Infinity, -Infinity, '3', null, undefined, 2 ** 53) },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double()) },
);
const wireArg = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }) },
  { weight: 2, arbitrary: hostileString },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '__proto__', 'constructor', 'a b') },
  { weight: 1, arbitrary: junk },
);
// An alternative named by index, by entry or by number part: `ref` picks one of the current list.
const whichArg = fc.oneof(
  fc.record({ ref: fc.nat(), part: fc.constantFrom('entry', 'number') }),
  fc.integer({ min: -2, max: 8 }),
  fc.constantFrom(0.5, NaN, -0),
  junk,
);
const orderArg = fc.oneof(fc.record({ shuffle: fc.array(fc.nat(), { maxLength: 8 }) }), fc.array(fc.integer({ min: -1, max: 6 }), { maxLength: 7 }), junk);
const promoteOptions = fc.oneof(
  fc.constant(undefined), fc.constant({}),
  fc.record({ keepOldMain: fc.oneof(fc.boolean(), junk), retries: intArg(0, 9999) }, { requiredKeys: [] }),
  fc.record({ keepOldMain: fc.boolean(), retry: fc.nat() }, { requiredKeys: ['retry'] }),
  fc.constant(null), junk,
);

const op = fc.oneof(
  fc.record({ m: fc.constant('setDestination'), args: fc.tuple(fc.oneof(phone, junk)) }),
  fc.record({ m: fc.constant('setAlternatives'), args: fc.tuple(fc.oneof(fc.array(validAlt, { maxLength: 5 }), fc.array(altArg, { maxLength: 4 }), junk)) }),
  fc.record({ m: fc.constant('addAlternative'), args: fc.oneof(fc.tuple(altArg), fc.tuple(altArg, intArg(0, 6))) }),
  fc.record({ m: fc.constant('removeAlternative'), args: fc.tuple(whichArg) }),
  fc.record({ m: fc.constant('reorderAlternatives'), args: fc.tuple(orderArg) }),
  fc.record({ m: fc.constant('promoteAlternative'), args: fc.oneof(fc.tuple(whichArg), fc.tuple(whichArg, promoteOptions)) }),
  fc.record({ m: fc.constant('setRetries'), args: fc.tuple(intArg(0, 9999)) }),
  fc.record({ m: fc.constant('setPriority'), args: fc.tuple(intArg(1, 9999)) }),
  fc.record({ m: fc.constant('setData'), args: fc.tuple(wireArg, fc.oneof(fc.constant(''), wireArg)) }),
  fc.record({ m: fc.constant('removeData'), args: fc.tuple(wireArg) }),
  fc.record({ m: fc.constant('setAgentPhone'), args: fc.tuple(fc.oneof(fc.constant(''), phone, junk)) }),
);

const isInt = (v, min, max) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
const isPhone = (v) => typeof v === 'string' && PHONE.test(v);
/** An alternative as the builder writes it (text), or null when the rule refuses it: plain or typed, as text or an object. */
const altText = (v) => {
  if (typeof v === 'string') {
    const m = TYPED.exec(v);
    return (m ? isPhone(m[3]) : !v.includes('=') && isPhone(v)) ? v : null;
  }
  const ok = typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).every((k) => ['type', 'retries', 'number'].includes(k)) &&
    TYPES.includes(v.type) && isInt(v.retries, 0, 9999) && isPhone(v.number);
  return ok ? `${v.type}=${v.retries}=${v.number}` : null;
};
const isAlt = (v) => altText(v) !== null;
// Options of promoteAlternative: an object of known keys, each of its type (unknown keys refused).
const promoteOk = (o) => typeof o === 'object' && o !== null && !Array.isArray(o) &&
  Object.keys(o).every((k) => k === 'keepOldMain' || k === 'retries') &&
  (o.keepOldMain === undefined || typeof o.keepOldMain === 'boolean') && (o.retries === undefined || isInt(o.retries, 0, 9999));
// The documented rule for data keys and values is "no ; : = or line breaks" (keys non-empty, spec 6).
// The library also refuses whitespace-only values (they are "required"): the model follows it.
// A required wire value needs a visible character; an optional one may be empty or blank.
const isWire = (v, allowEmpty) => typeof v === 'string' && (allowEmpty || v.trim() !== '') && !UNSAFE.test(v);
const numberOf = (entry) => TYPED.exec(entry)?.[3] ?? entry;
// Each received pair keeps its segment: an edit of other keys sends it back as it came (`flag`, not `flag=`).
const parseKv = (raw) => raw.split(':').filter((s) => s !== '')
  .map((s) => [...(s.includes('=') ? [s.slice(0, s.indexOf('=')), s.slice(s.indexOf('=') + 1)] : [s, '']), s]);

/** The builder as the docs describe it: returns false (and changes nothing) for invalid arguments. */
function applyToModel(st, m, args) {
  const [a, b] = args;
  const find = (which) => {
    if (typeof which === 'number') return isInt(which, 0, st.alts.length - 1) ? which : -1;
    if (typeof which !== 'string') return -1;
    return st.alts.findIndex((e) => e === which || numberOf(e) === which);
  };
  switch (m) {
    case 'setDestination': if (!isPhone(a)) return false; st.destination = a; return true;
    case 'setAlternatives': if (!Array.isArray(a) || !a.every(isAlt)) return false; st.alts = a.map(altText); return true;
    case 'addAlternative': {
      if (!isAlt(a) || (args.length > 1 && b !== undefined && !isInt(b, 0, st.alts.length))) return false;
      st.alts.splice(b ?? st.alts.length, 0, altText(a));
      return true;
    }
    case 'removeAlternative': {
      const at = find(a);
      if (at < 0) return false;
      st.alts.splice(at, 1);
      return true;
    }
    case 'reorderAlternatives': {
      const n = st.alts.length;
      if (!Array.isArray(a) || a.length !== n || new Set(a).size !== n || !a.every((i) => isInt(i, 0, n - 1))) return false;
      st.alts = a.map((i) => st.alts[i]);
      return true;
    }
    case 'promoteAlternative': {
      const at = find(a);
      const o = b === undefined ? {} : b; // options that are not an object: see the loop below
      if (at < 0 || !isPhone(numberOf(st.alts[at])) || !promoteOk(o)) return false;
      const retries = o.retries ?? 0;
      const next = numberOf(st.alts[at]);
      if (o.keepOldMain === true && st.destination !== '') st.alts[at] = st.destination;
      else st.alts.splice(at, 1);
      st.destination = next;
      st.retries = retries;
      return true;
    }
    case 'setRetries': if (!isInt(a, 0, 9999)) return false; st.retries = a; return true;
    case 'setPriority': if (!isInt(a, 1, 9999)) return false; st.priority = a; return true;
    case 'setData': {
      if (!isWire(a, false) || !isWire(b, true)) return false;
      const first = st.entries.findIndex(([k]) => k === a);
      if (first < 0) st.entries.push([a, b]);
      else st.entries = st.entries.filter(([k], i) => k !== a || i === first).map((e, i) => (i === first ? [a, b] : e));
      st.edited = true;
      return true;
    }
    case 'removeData': {
      if (!isWire(a, false)) return false;
      st.entries = st.entries.filter(([k]) => k !== a);
      st.edited = true;
      return true;
    }
    case 'setAgentPhone': if (a !== '' && !isPhone(a)) return false; st.agentphone = a; return true;
    default: throw new Error(m);
  }
}

// Turns the `ref`/`shuffle` placeholders into real arguments for the current list.
function resolve(st, m, args) {
  return args.map((a) => {
    if (a && typeof a === 'object' && 'ref' in a && Object.keys(a).length === 2 && st.alts.length) {
      const e = st.alts[a.ref % st.alts.length];
      return a.part === 'entry' ? e : numberOf(e);
    }
    if (a && typeof a === 'object' && 'shuffle' in a && Object.keys(a).length === 1) {
      const order = st.alts.map((_, i) => i);
      for (let i = order.length - 1; i > 0; i--) {
        const j = (a.shuffle[i % (a.shuffle.length || 1)] ?? 0) % (i + 1);
        [order[i], order[j]] = [order[j], order[i]];
      }
      return order;
    }
    return a;
  });
}

const expected = (src, st) => ({
  campaign: src.campaign, destination: st.destination, status: src.status,
  data: st.edited ? st.entries.map(([k, v, s]) => s ?? `${k}=${v}`).join(':') : src.data,
  alternatives: st.alts.join(':'), retries: st.retries, contact: src.contact,
  dialerbase: src.dialerbase, priority: st.priority, agentphone: st.agentphone,
});

test('property: any sequence of Respool builder operations keeps the contract and the protected fields', (t) => {
  let runs = 0;
  let ops = 0;
  let refused = 0;
  fc.assert(fc.property(source, fc.boolean(), fc.array(op, { maxLength: 25, size: 'max' }), (src, fromDialer, list) => {
    runs++;
    const input = fromDialer ? parseCti({ Guid: 'g', Campaign: 'c', Callerid: '1', Dialer: src }).dialer : { ...src };
    const b = respoolBuilder(input);
    const st = {
      destination: src.destination, alts: src.alternatives.split(':').filter((s) => s !== ''),
      retries: src.retries, priority: src.priority, agentphone: src.agentphone,
      entries: parseKv(src.data), edited: false,
    };
    const check = (where) => {
      const out = b.build();
      assert.deepStrictEqual(Object.keys(out), KEYS, where);
      for (const k of PROTECTED) {
        assert.ok(Object.is(out[k], src[k]), `${where}: protected ${k} changed`);
        assert.ok(Object.is(b[k], src[k]), `${where}: builder.${k} changed`);
      }
      assert.deepStrictEqual(out, expected(src, st), where);
    };
    check('untouched');
    for (const [i, { m, args }] of list.entries()) {
      ops++;
      const real = resolve(st, m, args);
      const before = structuredClone(st);
      const odd = (o) => o !== undefined && (typeof o !== 'object' || o === null || Array.isArray(o));
      if (m === 'promoteAlternative' && real.length > 1 && odd(real[1])) {
        // Options that are not an object (null, 5, 'x', []): refusing them (INVALID_ARGUMENT) and
        // reading them as "no options" are both fine; a TypeError is not.
        let accepted = false;
        try {
          b[m](...real);
          accepted = true;
        } catch (e) {
          assert.ok(isBridgeError(e, 'INVALID_ARGUMENT'), `op ${i} ${m}(which, ${String(real[1])}) threw ${e?.name}: ${e?.message}`);
        }
        if (accepted) assert.ok(applyToModel(st, m, [real[0]]), `op ${i} ${m}(which, ${String(real[1])}) accepted an invalid which`);
      } else if (applyToModel(st, m, real)) {
        assert.equal(b[m](...real), b, `op ${i} ${m} must accept and return the builder`);
      } else {
        refused++;
        assert.throws(() => b[m](...real), (e) => isBridgeError(e, 'INVALID_ARGUMENT'), `op ${i} ${m} must refuse with INVALID_ARGUMENT`);
        assert.deepStrictEqual(st, before);
      }
      check(`after op ${i} ${m}`);
    }
  }), { seed: SEED, numRuns: 1500, includeErrorInReport: true });
  t.diagnostic(`respool builder: ${runs} cases, ${ops} operations (${refused} refused)`);
});

// Minimal reproduction of what the property finds: `null` options reach `options.retries` unchecked.
test('repro: promoteAlternative(which, null) is INVALID_ARGUMENT or "no options", not a TypeError', () => {
  const b = respoolBuilder({
    campaign: 'Sales->', destination: '099123456', status: 1, data: '', alternatives: '098111222', retries: 3,
    contact: 1, dialerbase: '', priority: 1, agentphone: '',
  });
  try {
    b.promoteAlternative(0, null);
  } catch (e) {
    assert.ok(isBridgeError(e, 'INVALID_ARGUMENT'), `threw ${e?.name}: ${e?.message}`);
    assert.equal(b.build().destination, '099123456');
    return;
  }
  assert.deepEqual([b.build().destination, b.build().alternatives, b.build().retries], ['098111222', '', 0]);
});

// Not in the property's generators (a hole is not a value a caller types): a sparse list must be
// refused, not written as empty segments (Array#map would skip the holes).
test('setAlternatives refuses a sparse array', () => {
  const b = respoolBuilder({
    campaign: 'Sales->', destination: '099123456', status: 1, data: '', alternatives: '', retries: 0,
    contact: 1, dialerbase: '', priority: 1, agentphone: '',
  });
  assert.throws(() => b.setAlternatives(new Array(2)), (e) => isBridgeError(e, 'INVALID_ARGUMENT'));
  assert.equal(b.build().alternatives, '');
});

// ---------------------------------------------------------------------------------------------------
// 4. parseCti and decryptCti: nothing but BridgeErrors, on anything.

const CTI_KEYS = ['Guid', 'Campaign', 'Callerid', 'Form', 'ParAndValues', 'Screen', 'Beep', 'Answer', 'Channel', 'Dialer'];
const DIALER_KEYS = ['campaign', 'destination', 'status', 'data', 'alternatives', 'retries', 'contact', 'dialerbase', 'priority', 'agentphone'];
const randomCase = (names) => fc.tuple(fc.constantFrom(...names), fc.array(fc.boolean(), { minLength: 16, maxLength: 16 }))
  .map(([k, up]) => [...k].map((c, i) => (up[i] ? c.toUpperCase() : c.toLowerCase())).join(''));
const jsonScalar = fc.oneof(
  anyString(), hostileString, fc.constantFrom('TRUE', 'false', ' True ', 'yes', '1', '', ' 12 ', '-3', '2.5', '1e3', '0x10', '9007199254740993', '{}', '[]', 'null'),
  fc.double(), fc.integer(), fc.constantFrom(NaN, Infinity, -0, 2 ** 53, -1), fc.boolean(), fc.constant(null),
);

const toJson = (v) => JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? Number(x) : x));

/** CTI-like objects: known keys in random letter case, values of every type, Dialer as object or JSON text. */
function ctiObjects(scalar, any) {
  const dialerObject = fc.dictionary(fc.oneof(randomCase(DIALER_KEYS), anyString()), fc.oneof(scalar, fc.jsonValue({ maxDepth: 2 })), { maxKeys: 12 });
  const fullDialer = fc.record(Object.fromEntries(DIALER_KEYS.map((k) => [k, scalar])), { requiredKeys: ['campaign', 'destination', 'status', 'contact', 'dialerbase'] });
  const dialerValue = fc.oneof(dialerObject, fullDialer, dialerObject.map(toJson), fullDialer.map(toJson), scalar, any);
  return fc.oneof(
    fc.dictionary(fc.oneof(randomCase(CTI_KEYS), anyString()), fc.oneof(scalar, dialerValue), { maxKeys: 12 }),
    fc.record({
      Guid: fc.oneof(fc.uuid(), scalar), Campaign: scalar, Callerid: scalar, Form: scalar, ParAndValues: fc.oneof(kvText, scalar),
      Screen: scalar, Beep: scalar, Answer: scalar, Channel: scalar, Dialer: dialerValue,
    }, { requiredKeys: ['Guid', 'Campaign', 'Callerid'] }),
    fc.tuple(randomCase(CTI_KEYS), randomCase(CTI_KEYS), scalar, scalar).map(([a, b, x, y]) => ({ Guid: 'g', Campaign: 'c', Callerid: '1', [a]: x, [b]: y })),
  );
}
// Mostly valid CTIs (keys in random case, values in the accepted forms), so the success path is fuzzed too.
const keyed = (spec, required) => fc.tuple(...Object.entries(spec).map(([k, v]) => (required.includes(k)
  ? fc.tuple(randomCase([k]), v) : fc.option(fc.tuple(randomCase([k]), v), { nil: undefined }))))
  .map((entries) => Object.fromEntries(entries.filter((e) => e !== undefined)));
const text = fc.oneof(anyString(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));
const intText = fc.oneof(fc.nat(), fc.integer({ min: -5, max: 5 }).map((n) => ` ${n} `), fc.constantFrom('', null));
const flag = fc.constantFrom('TRUE', 'FALSE', 'true', ' False ', true, false, '', null);
const goodDialer = keyed({
  campaign: text, destination: fc.oneof(phone, text), status: intText, data: kvText, alternatives: anyString(),
  retries: intText, contact: intText, dialerbase: text, priority: intText, agentphone: text,
}, ['campaign', 'destination', 'status', 'contact', 'dialerbase']);
const goodCti = keyed({
  Guid: fc.uuid(), Campaign: text, Callerid: text, Form: text, ParAndValues: kvText, Screen: flag, Beep: flag, Answer: flag,
  Channel: text, Dialer: fc.oneof(goodDialer, goodDialer.map(toJson), fc.constantFrom(null, '')),
}, ['Guid', 'Campaign', 'Callerid']);

const anything = fc.anything({ withBigInt: true, withBoxedValues: true, withDate: true, withMap: true, withSet: true, withNullPrototype: true, withTypedArray: true, withSparseArray: true, withObjectString: true });
const ctiObject = ctiObjects(fc.oneof(jsonScalar, fc.bigInt(), fc.constant(undefined)), anything);
const jsonCtiObject = ctiObjects(jsonScalar, fc.jsonValue());
const anyValue = fc.oneof(
  { weight: 2, arbitrary: goodCti },
  { weight: 4, arbitrary: ctiObject },
  // JSON text, as the form framework's global CTI holds it.
  { weight: 2, arbitrary: fc.oneof(goodCti, jsonCtiObject, fc.jsonValue()).map(toJson) },
  { weight: 1, arbitrary: fc.oneof(anyString(), hostileString, fc.constantFrom('', ' ', '\t\n', '{', '{}', '[]', 'null', '""')) },
  { weight: 1, arbitrary: fc.jsonValue() },
  { weight: 1, arbitrary: anything },
);

/** Checks the shape of a parsed CTI (reading the lazy key-value maps too). */
function checkCti(cti) {
  assert.ok(Object.isFrozen(cti));
  for (const k of ['guid', 'campaign', 'callerid', 'form', 'channel']) assert.equal(typeof cti[k], 'string');
  assert.notEqual(cti.guid.trim(), '');
  for (const k of ['screen', 'beep', 'answer']) assert.equal(typeof cti[k], 'boolean');
  assert.ok(Array.isArray(cti.parAndValues.entries));
  assert.equal(Object.getPrototypeOf(cti.parAndValues.values), null);
  if (cti.dialer !== undefined) {
    for (const k of ['status', 'retries', 'contact', 'priority']) assert.ok(Number.isSafeInteger(cti.dialer[k]), k);
    assert.ok(Array.isArray(cti.dialer.data.entries));
    assert.ok(cti.dialer.alternatives.every((a) => typeof a === 'string' && a !== ''));
  }
}

test('property: parseCti throws nothing but INVALID_CTI (NO_CTI for blank text) on arbitrary input (10,000 cases)', (t) => {
  let runs = 0;
  let parsed = 0;
  fc.assert(fc.property(anyValue, (value) => {
    runs++;
    let cti;
    try {
      cti = parseCti(value);
    } catch (e) {
      const blank = typeof value === 'string' && value.trim() === '';
      assert.ok(isBridgeError(e, blank ? 'NO_CTI' : 'INVALID_CTI'), `not the typed error: ${e?.name}: ${e?.code} ${e?.message}`);
      return;
    }
    parsed++;
    checkCti(cti);
  }), { seed: SEED, numRuns: 10_000, includeErrorInReport: true });
  t.diagnostic(`parseCti: ${runs} cases (${parsed} parsed, ${runs - parsed} refused with INVALID_CTI)`);
  assert.ok(parsed > 1000, 'the generators reach the success path too');
});

const FIXTURES = ['spec-example', 'dialer-odd-case', 'non-dialer', 'proto-keys', 'unicode', 'unicode-passphrase', 'missing-guid', 'not-json']
  .map((n) => JSON.parse(readFileSync(new URL(`../fixtures/cti/${n}.json`, import.meta.url), 'utf8')));
const b64 = (bytes) => Buffer.from(bytes).toString('base64');
const unb64 = (s) => [...Buffer.from(s, 'base64')];
const B64CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

// Mutations of real ciphertexts: cut anywhere, cut on a block boundary, flip bits, replace a
// character, insert whitespace, append. Many of them pass the format check and reach AES.
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('cut'), at: fc.nat() }),
  fc.record({ kind: fc.constant('cutBlocks'), blocks: fc.nat({ max: 40 }) }),
  fc.record({ kind: fc.constant('flip'), at: fc.nat(), mask: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant('char'), at: fc.nat(), c: fc.constantFrom(...B64CHARS, '=', '-', '_', '.', ' ', 'é') }),
  fc.record({ kind: fc.constant('space'), at: fc.nat(), s: fc.constantFrom(' ', '\n', '\r\n', '\t', '\u00a0') }),
  fc.record({ kind: fc.constant('append'), s: fc.base64String({ maxLength: 32 }) }),
);
function mutate(text, m) {
  const at = (n) => (n === 0 ? 0 : m.at % n);
  switch (m.kind) {
    case 'cut': return text.slice(0, at(text.length + 1));
    case 'cutBlocks': return b64(unb64(text).slice(0, 16 + 16 * m.blocks));
    case 'flip': { const bytes = unb64(text); if (bytes.length) bytes[at(bytes.length)] ^= m.mask; return b64(bytes); }
    case 'char': { const i = at(text.length); return text.slice(0, i) + m.c + text.slice(i + 1); }
    case 'space': { const i = at(text.length + 1); return text.slice(0, i) + m.s + text.slice(i); }
    case 'append': return text + m.s;
    default: throw new Error(m.kind);
  }
}

const SALTED = [...Buffer.from('Salted__')];
const passphrase = fc.oneof(anyString({ minLength: 1 }), fc.constantFrom('fixture-passphrase-2026!', 'contraseña-🔑-密码', '\ud800', 'x'));
const decryptCase = fc.oneof(
  // Real ciphertexts, mutated, mostly with their own passphrase (so AES, padding and JSON are reached).
  { weight: 4, arbitrary: fc.record({
    ciphertext: fc.tuple(fc.constantFrom(...FIXTURES), fc.array(mutation, { minLength: 1, maxLength: 3 }))
      .map(([f, ms]) => ms.reduce(mutate, f.ciphertext)),
    passphrase: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...FIXTURES.map((f) => f.passphrase)) }, { weight: 1, arbitrary: passphrase }),
  }) },
  // Random base64, with and without a "Salted__" header and block-aligned bodies.
  { weight: 2, arbitrary: fc.record({ ciphertext: fc.base64String({ maxLength: 200 }), passphrase }) },
  { weight: 2, arbitrary: fc.record({
    ciphertext: fc.tuple(fc.uint8Array({ minLength: 8, maxLength: 8 }), fc.nat({ max: 4 }), fc.uint8Array({ maxLength: 80 }))
      .map(([salt, n, body]) => b64([...SALTED, ...salt, ...Array.from({ length: 16 * (n + 1) }, (_, i) => body[i % (body.length || 1)] ?? i)])),
    passphrase,
  }) },
  // Arbitrary strings and values; a missing or empty passphrase.
  { weight: 1, arbitrary: fc.record({ ciphertext: fc.oneof(anyString(), hostileString), passphrase }) },
  { weight: 1, arbitrary: fc.record({ ciphertext: fc.oneof(fc.anything(), fc.base64String()), passphrase: fc.oneof(passphrase, fc.anything(), fc.constant('')) }) },
);

test('property: decryptCti throws nothing but its documented BridgeErrors on arbitrary input (10,000 cases)', (t) => {
  const seen = { ok: 0, INVALID_ARGUMENT: 0, DECRYPT_FAILED: 0, INVALID_CTI: 0 };
  let runs = 0;
  fc.assert(fc.property(decryptCase, ({ ciphertext, passphrase: pass }) => {
    runs++;
    let cti;
    try {
      cti = decryptCti(ciphertext, pass);
    } catch (e) {
      assert.ok(isBridgeError(e) && e.code in seen, `not a typed error: ${e?.name}: ${e?.code} ${e?.message}`);
      seen[e.code]++;
      if (e.code === 'DECRYPT_FAILED') assert.equal('cause' in e, false, 'crypto-js errors are not attached');
      if (typeof pass === 'string' && pass.length >= 8) assert.equal(e.message.includes(pass), false, 'the passphrase leaked');
      return;
    }
    seen.ok++;
    checkCti(cti);
  }), { seed: SEED, numRuns: 10_000, includeErrorInReport: true });
  t.diagnostic(`decryptCti: ${runs} cases ${JSON.stringify(seen)}`);
  for (const code of Object.keys(seen)) assert.ok(seen[code] > 0, `no case reached ${code}`);
});

// Plain data for comparison: null-prototype maps become ordinary objects, undefined becomes null.
const plain = (v) => JSON.parse(JSON.stringify(v, (_, x) => (x === undefined ? null : x)));

test('property: decryptCti(encrypt(text)) agrees with parseCti(text)', (t) => {
  let runs = 0;
  fc.assert(fc.property(fc.oneof({ weight: 2, arbitrary: goodCti }, { weight: 3, arbitrary: jsonCtiObject }, { weight: 1, arbitrary: fc.jsonValue() }), passphrase, (value, pass) => {
    // crypto-js cannot encode a passphrase with a lone surrogate: such passphrases are covered above.
    fc.pre(pass === pass.toWellFormed());
    runs++;
    const json = JSON.stringify(value) ?? 'null';
    const ciphertext = CryptoJS.AES.encrypt(json, pass).toString();
    const outcome = (fn) => {
      try {
        return { cti: plain(fn()) };
      } catch (e) {
        assert.ok(isBridgeError(e), `not a typed error: ${e?.name}: ${e?.message}`);
        return { code: e.code };
      }
    };
    // The decrypted text is what parseCti reads from JSON text (the framework's form of the CTI).
    assert.deepStrictEqual(outcome(() => decryptCti(ciphertext, pass)), outcome(() => parseCti(json)));
  }), { seed: SEED, numRuns: 1500, includeErrorInReport: true });
  t.diagnostic(`decrypt/parse agreement: ${runs} cases`);
});

const KNOWN_CHANNELS = ['telephony', 'email', 'webchat', 'sms', 'messenger', 'whatsapp', 'instagram'];
const lowerKey = (k) => k.toLowerCase();

test('property: no field is lost; JSON text and object parse alike; channels normalised (3,000 cases)', (t) => {
  let parsed = 0;
  const channel = fc.oneof(anyString(), fc.constantFrom(...KNOWN_CHANNELS), randomCase(KNOWN_CHANNELS), fc.constantFrom('', ' ', 'phone', ' WhatsApp '));
  const source = fc.oneof(goodCti, jsonCtiObject, fc.tuple(goodCti, channel).map(([c, ch]) => ({ ...c, Channel: ch })));
  // What survives JSON (NaN becomes null): the framework's CTI is JSON text of such an object.
  fc.assert(fc.property(source.map((v) => JSON.parse(toJson(v))), (value) => {
    let cti;
    try {
      cti = parseCti(value);
    } catch (e) {
      assert.ok(isBridgeError(e, 'INVALID_CTI'), `${e?.code} ${e?.message}`);
      assert.throws(() => parseCti(toJson(value)), (e2) => isBridgeError(e2, 'INVALID_CTI'));
      return;
    }
    parsed++;
    // Every input key is a field the parser knows (any case) or is kept, value and spelling, in extra.
    for (const [k, v] of Object.entries(value)) {
      if (CTI_KEYS.map(lowerKey).includes(lowerKey(k)) && !Object.hasOwn(cti.extra, k)) continue;
      assert.ok(Object.hasOwn(cti.extra, k), `field ${k} lost`);
      assert.deepStrictEqual(cti.extra[k], v);
    }
    assert.deepStrictEqual(plain(parseCti(toJson(value))), plain(cti), 'the JSON text reads as the object');
    const raw = Object.entries(value).find(([k]) => lowerKey(k) === 'channel')?.[1];
    // A channel that is neither text nor an integer that kept its digits (up to 2^53 - 1) is
    // unreadable: the default, listed in problems.
    const readable = typeof raw === 'string' || Number.isSafeInteger(raw);
    const twice = Object.keys(value).filter((k) => lowerKey(k) === 'channel').length > 1;
    assert.equal(cti.problems.includes('channel'), twice || (raw != null && !readable));
    const given = readable ? String(raw) : '';
    const name = given.trim().toLowerCase();
    const expected = name === '' ? 'telephony' : KNOWN_CHANNELS.includes(name) ? name : given;
    assert.equal(cti.channel, expected);
  }), { seed: SEED, numRuns: 3000, includeErrorInReport: true });
  t.diagnostic(`no field lost: ${parsed} of 3000 parsed`);
  assert.ok(parsed > 500);
});

// The contract's preamble: one odd field never makes a whole answer unusable. Any JSON object with a
// usable Guid is read; every input key is either read into its field or kept, spelling and value, in
// `extra` (of the CTI or of the dialer record); `problems` holds field paths only.
const FLAGS = { true: true, false: false, 1: true, 0: false };
const readAs = {
  guid: (c, v) => c.guid === String(v), campaign: (c, v) => c.campaign === String(v), callerid: (c, v) => c.callerid === String(v),
  form: (c, v) => c.form === String(v), parandvalues: (c, v) => c.parAndValues.raw === String(v),
  channel: (c, v) => typeof v === 'string' || Number.isSafeInteger(v),
  screen: (c, v) => c.screen === (v === true || FLAGS[String(v).trim().toLowerCase()] === true),
  beep: (c, v) => c.beep === (v === true || FLAGS[String(v).trim().toLowerCase()] === true),
  answer: (c, v) => c.answer === (v === true || FLAGS[String(v).trim().toLowerCase()] === true),
  dialer: (c) => c.dialer !== undefined,
};
const dialerReadAs = (d, k, v) => (['status', 'retries', 'contact', 'priority'].includes(k) ? d[k] === Number(v)
  : k === 'data' ? d.data.raw === String(v) : k === 'alternatives' ? d.alternatives.join(':') === String(v).split(':').filter(Boolean).join(':')
    : d[k] === String(v));

test('property: parseCti never throws on a JSON object with a usable Guid, and never loses a field (3,000 cases)', (t) => {
  const others = (names) => fc.dictionary(fc.oneof(randomCase(names), anyString({ maxLength: 8 })), fc.oneof(jsonScalar, fc.jsonValue({ maxDepth: 2 })), { maxKeys: 12 });
  const dialer = fc.oneof(others(DIALER_KEYS), others(DIALER_KEYS).map(toJson), jsonScalar);
  const guid = fc.oneof(fc.uuid(), anyString({ minLength: 1 })).filter((g) => g.trim() !== '');
  const input = fc.tuple(guid, others(CTI_KEYS), fc.option(fc.tuple(randomCase(['Dialer']), dialer), { nil: undefined }))
    .map(([g, rest, d]) => {
      const out = { Guid: g };
      for (const [k, v] of Object.entries(rest)) if (lowerKey(k) !== 'guid') out[k] = v;
      if (d && !Object.keys(out).some((k) => lowerKey(k) === 'dialer')) out[d[0]] = d[1];
      return out;
    });
  let problems = 0;
  fc.assert(fc.property(input, (value) => {
    const cti = parseCti(value);
    checkCti(cti);
    problems += cti.problems.length;
    for (const p of cti.problems) assert.match(p, /^(Dialer\.)?[a-z]+$/, 'a field path, never a value');
    const seen = new Set();
    for (const [k, v] of Object.entries(value)) {
      const name = lowerKey(k);
      const first = !seen.has(name);
      seen.add(name);
      if (Object.hasOwn(cti.extra, k)) {
        assert.deepStrictEqual(cti.extra[k], v, `${k} kept as received`);
        // Kept raw: unknown, a later spelling of a name, or unreadable (then listed).
        if (first && name in readAs && v !== null && v !== '') assert.ok(cti.problems.includes(name), `${k} kept raw but not listed`);
      } else {
        assert.ok(first && name in readAs && readAs[name](cti, v), `field ${k} lost`);
      }
    }
    const [, source] = Object.entries(value).find(([k]) => lowerKey(k) === 'dialer') ?? [];
    if (cti.dialer === undefined) return;
    const d = typeof source === 'string' ? JSON.parse(source) : source;
    const dSeen = new Set();
    for (const [k, v] of Object.entries(d)) {
      const name = lowerKey(k);
      const first = !dSeen.has(name);
      dSeen.add(name);
      if (Object.hasOwn(cti.dialer.extra, k)) {
        assert.deepStrictEqual(cti.dialer.extra[k], v);
        if (first && DIALER_KEYS.includes(name) && v !== null && v !== '') assert.ok(cti.problems.includes(`Dialer.${name}`), `Dialer ${k} kept raw but not listed`);
      } else {
        assert.ok(first && DIALER_KEYS.includes(name) && dialerReadAs(cti.dialer, name, v), `Dialer field ${k} lost`);
        // A protected field read without a problem is kept exactly as received.
        if (PROTECTED.includes(name) && !cti.problems.includes(`Dialer.${name}`)) assert.ok(Object.is(cti.dialer.raw[name], v), `raw ${name}`);
      }
    }
  }), { seed: SEED, numRuns: 3000, includeErrorInReport: true });
  t.diagnostic(`never throws, no field lost: 3000 cases, ${problems} problems listed`);
});

// A Cti kept where integrators put it (sessionStorage, a store, a server and back, a worker) is its
// JSON or structured copy; README: given back to parseCti it reads as the Cti it was, no problem added.
test('property: parseCti of a Cti\'s JSON or structured copy is that Cti (3,000 cases)', (t) => {
  const raw = fc.oneof(goodCti, jsonCtiObject, fc.tuple(goodCti, goodDialer).map(([c, d]) => ({ ...c, Dialer: d })))
    .map((v) => JSON.parse(toJson(v)));
  let parsed = 0;
  let dialers = 0;
  fc.assert(fc.property(raw, fc.constantFrom('json', 'clone'), (value, how) => {
    let cti;
    try {
      cti = parseCti(value);
    } catch {
      return;
    }
    parsed++;
    if (cti.dialer) dialers++;
    const copy = how === 'json' ? JSON.parse(JSON.stringify(cti)) : structuredClone(cti);
    const again = parseCti(copy);
    checkCti(again);
    assert.deepStrictEqual(again, cti);
    assert.deepStrictEqual(parseCti(JSON.stringify(cti)), cti, 'its JSON text too');
    assert.deepStrictEqual(parseCti(again), cti, 'and the Cti itself');
  }), { seed: SEED, numRuns: 3000, includeErrorInReport: true });
  t.diagnostic(`copies read back: ${parsed} of 3000 parsed, ${dialers} with a dialer`);
  assert.ok(parsed > 1000 && dialers > 300);
});
