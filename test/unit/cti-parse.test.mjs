import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import CryptoJS from 'crypto-js';
import { parseCti, decryptCti, respoolBuilder, scheduleBuilder, toRespool, isBridgeError } from '../../dist/cti.js';

const base = { Guid: 'g-1', Campaign: 'Sales->', Callerid: '099123456' };
const dialer = {
  campaign: 'Sales->', destination: '099123456', status: 1, data: 'idcustomer=7:name=Ana',
  alternatives: '098111222:097333444', retries: 2, contact: 15422, dialerbase: 'base-2026-11', priority: 1, agentphone: '1001',
};
const withoutKey = (o, key) => Object.fromEntries(Object.entries(o).filter(([k]) => k !== key));
const invalidCti = (field) => (e) => {
  assert.ok(isBridgeError(e, 'INVALID_CTI'), String(e));
  if (field) assert.match(e.message, new RegExp(field, 'i'));
  return true;
};

test('field names match in any letter case', () => {
  for (const spell of [(k) => k, (k) => k.toLowerCase(), (k) => k.toUpperCase()]) {
    const src = Object.fromEntries(Object.entries({ ...base, Form: 'f', Channel: 'sms' }).map(([k, v]) => [spell(k), v]));
    const cti = parseCti(src);
    assert.equal(cti.guid, 'g-1');
    assert.equal(cti.callerid, '099123456');
    assert.equal(cti.form, 'f');
    assert.equal(cti.channel, 'sms');
    assert.deepEqual(Object.keys(cti.extra), []);
  }
});

test('the same field twice in different case: the first spelling is read, the other kept in extra, the field listed', () => {
  const cti = parseCti({ ...base, GUID: 'other' });
  assert.equal(cti.guid, 'g-1');
  assert.deepEqual({ ...cti.extra }, { GUID: 'other' });
  assert.deepEqual([...cti.problems], ['guid']);
});

test('booleans: TRUE/FALSE in any case, real booleans, 1/0 and "1"/"0"; absent or empty is false; others false and listed', () => {
  const cti = parseCti({ ...base, Screen: 'true', Beep: 'False', Answer: true });
  assert.deepEqual([cti.screen, cti.beep, cti.answer], [true, false, true]);
  const none = parseCti({ ...base, Screen: '' });
  assert.deepEqual([none.screen, none.beep, none.answer], [false, false, false]);
  assert.deepEqual(none.problems, []);
  const numbers = parseCti({ ...base, Screen: 1, Beep: '0', Answer: ' 1 ' });
  assert.deepEqual([numbers.screen, numbers.beep, numbers.answer], [true, false, true]);
  assert.deepEqual(numbers.problems, []);
  assert.deepEqual([parseCti({ ...base, Screen: 0, Beep: '1' }).screen, parseCti({ ...base, Beep: '1' }).beep], [false, true]);
  const odd = parseCti({ ...base, Answer: 'yes', Beep: 2, Screen: ['1'] });
  assert.deepEqual([odd.screen, odd.beep, odd.answer], [false, false, false]);
  assert.deepEqual([...odd.problems].sort(), ['answer', 'beep', 'screen']);
  assert.deepEqual({ ...odd.extra }, { Answer: 'yes', Beep: 2, Screen: ['1'] }, 'the raw values are kept');
});

test('defaults: channel telephony (a voice CTI has no Channel), empty form and ParAndValues, no dialer', () => {
  const cti = parseCti(base);
  assert.equal(cti.channel, 'telephony');
  assert.equal(cti.form, '');
  assert.deepEqual(cti.parAndValues.entries, []);
  assert.equal(cti.parAndValues.raw, '');
  assert.equal(cti.dialer, undefined);
  assert.ok('dialer' in cti);
  for (const empty of [null, '']) assert.equal(parseCti({ ...base, Dialer: empty }).dialer, undefined);
});

test('ParAndValues: ordered entries, raw kept, lookup map with a null prototype', () => {
  const cti = parseCti({ ...base, ParAndValues: 'b=2:a=1:flag:x=y=z::b=3' });
  assert.equal(cti.parAndValues.raw, 'b=2:a=1:flag:x=y=z::b=3');
  assert.deepEqual(cti.parAndValues.entries.map((e) => [...e]), [['b', '2'], ['a', '1'], ['flag', ''], ['x', 'y=z'], ['b', '3']]);
  assert.equal(Object.getPrototypeOf(cti.parAndValues.values), null);
  assert.deepEqual({ ...cti.parAndValues.values }, { b: '3', a: '1', flag: '', x: 'y=z' });
  assert.equal(cti.parAndValues.values.toString, undefined);
});

test('dialer: numbers as strings, keys in any case, alternatives ordered and typed entries kept', () => {
  const cti = parseCti({
    ...base,
    dialer: {
      CAMPAIGN: 'Sales->', Destination: '099123456', status: '1', DATA: 'k=v', alternatives: 'H=0=999555555:098111222',
      retries: '2', contact: ' 15422 ', dialerbase: 'b', priority: '30', agentphone: 1001, Extra: { a: 1 },
    },
  });
  const d = cti.dialer;
  assert.deepEqual([d.status, d.retries, d.contact, d.priority], [1, 2, 15422, 30]);
  assert.deepEqual([...d.alternatives], ['H=0=999555555', '098111222']);
  assert.equal(d.agentphone, '1001');
  assert.deepEqual({ ...d.extra }, { Extra: { a: 1 } });
  assert.ok(Object.isFrozen(d) && Object.isFrozen(d.alternatives) && Object.isFrozen(d.data.entries));
});

test('dialer alternatives sent as a list of texts or numbers are read (and go back in a Respool); any other list is a problem', () => {
  const one = (alternatives) => parseCti({ ...base, Dialer: { ...dialer, alternatives } });
  const cti = one(['098111222', 97333444, 'H=0=999555555']);
  assert.deepEqual([[...cti.dialer.alternatives], cti.problems], [['098111222', '97333444', 'H=0=999555555'], []]);
  assert.equal(toRespool(cti.dialer).alternatives, '098111222:97333444:H=0=999555555');
  assert.deepEqual([[...one([]).dialer.alternatives], one([]).problems], [[], []]);
  for (const odd of [[{ n: 1 }], ['1', null], { a: 1 }]) {
    const c = one(odd);
    assert.deepEqual([[...c.dialer.alternatives], c.problems], [[], ['Dialer.alternatives']], JSON.stringify(odd));
    assert.deepEqual(c.dialer.extra.alternatives, odd, 'the raw value is kept');
  }
  // Other text fields take no list.
  assert.deepEqual(parseCti({ ...base, Dialer: { ...dialer, agentphone: ['1001'] } }).problems, ['Dialer.agentphone']);
});

test('dialer defaults: retries 0, priority 1, empty data/alternatives/agentphone', () => {
  const d = parseCti({ ...base, Dialer: { campaign: 'c', destination: '099', status: 1, contact: 3, dialerbase: '' } }).dialer;
  assert.deepEqual([d.retries, d.priority, d.agentphone, d.data.raw, d.alternatives.length], [0, 1, '', '', 0]);
});

test('a Dialer given as JSON text is parsed too; one that is not an object is listed and kept raw', () => {
  assert.equal(parseCti({ ...base, Dialer: JSON.stringify(dialer) }).dialer.contact, 15422);
  for (const odd of ['not json', '[1]', 5, true]) {
    const cti = parseCti({ ...base, Dialer: odd });
    assert.equal(cti.dialer, undefined);
    assert.deepEqual([...cti.problems], ['dialer']);
    assert.equal(cti.extra.Dialer, odd);
  }
});

test('a number that is not finite (an object passed in, not JSON) is no text: its default, listed, kept raw', () => {
  const cti = parseCti({ ...base, Campaign: Number.POSITIVE_INFINITY, Form: Number.NaN });
  assert.deepEqual([cti.campaign, cti.form], ['', '']);
  assert.deepEqual([...cti.problems], ['campaign', 'form']);
  assert.deepEqual({ ...cti.extra }, { Campaign: Number.POSITIVE_INFINITY, Form: Number.NaN });
});

test('unknown fields are kept under their spelling, in a null-prototype record', () => {
  const cti = parseCti({ ...base, Queue: 'q1', nested: { a: [1] } });
  assert.equal(Object.getPrototypeOf(cti.extra), null);
  assert.deepEqual({ ...cti.extra }, { Queue: 'q1', nested: { a: [1] } });
});

test('only a missing or blank Guid is INVALID_CTI (nothing identifies the call), naming the field, never the value', () => {
  for (const guid of [undefined, '  ', '', null, { id: 1 }, [1]]) {
    const src = { ...base, Guid: guid };
    assert.throws(() => parseCti(src), (e) => invalidCti('guid')(e) && !e.message.includes('099123456'));
  }
  assert.equal(parseCti({ ...base, Guid: 42 }).guid, '42', 'a number is read as text');
});

test('missing or odd fields other than Guid: the CTI comes back, the field has its default and is listed', () => {
  for (const field of ['Campaign', 'Callerid']) {
    const src = { ...base };
    delete src[field];
    const cti = parseCti(src);
    assert.equal(cti[field.toLowerCase()], '');
    assert.deepEqual([...cti.problems], [field.toLowerCase()]);
  }
  const odd = parseCti({ ...base, Callerid: { n: 1 }, Form: [], Channel: true, ParAndValues: 5 });
  assert.deepEqual([odd.guid, odd.campaign, odd.callerid, odd.form, odd.channel], ['g-1', 'Sales->', '', '', 'telephony']);
  assert.equal(odd.parAndValues.raw, '5', 'a number is text');
  assert.deepEqual([...odd.problems], ['callerid', 'form', 'channel']);
  assert.deepEqual({ ...odd.extra }, { Callerid: { n: 1 }, Form: [], Channel: true });
  for (const field of ['campaign', 'destination', 'status', 'contact', 'dialerbase']) {
    const d = { ...dialer };
    delete d[field];
    const cti = parseCti({ ...base, Dialer: d });
    assert.equal(cti.guid, 'g-1');
    assert.deepEqual([...cti.problems], [`Dialer.${field}`]);
    assert.equal(field in cti.dialer.raw, false);
  }
  for (const [field, value, fallback] of [['status', 'one', 0], ['retries', 1.5, 0], ['priority', '2x', 1], ['contact', '099123456789012345678', 0]]) {
    const cti = parseCti({ ...base, Dialer: { ...dialer, [field]: value } });
    assert.equal(cti.dialer[field], fallback);
    assert.deepEqual([...cti.problems], [`Dialer.${field}`]);
    assert.ok(!cti.problems.some((p) => p.includes(String(value))), 'paths, never values');
    assert.equal(cti.dialer.extra[field], value, 'the raw value is kept');
  }
});

// The reviewer's reproductions: each one threw INVALID_CTI for the whole CTI, losing guid, campaign, callerid.
test('repro: one odd Dialer field or flag no longer makes the whole CTI unreadable', () => {
  const cases = [
    [{ Dialer: { ...withoutKey(dialer, 'dialerbase'), dialebase: 'base-2026-11' } }, ['Dialer.dialerbase']],
    [{ Dialer: { ...dialer, contact: 'C-15422' } }, ['Dialer.contact']],
    [{ Dialer: { ...dialer, priority: '1.5' } }, ['Dialer.priority']],
    [{ Dialer: {} }, ['Dialer.campaign', 'Dialer.destination', 'Dialer.status', 'Dialer.contact', 'Dialer.dialerbase']],
    [{ Dialer: withoutKey(dialer, 'status') }, ['Dialer.status']],
    [{ Answer: 'maybe' }, ['answer']],
  ];
  for (const [fields, problems] of cases) {
    const cti = parseCti({ ...base, Form: 'salesForm', ...fields });
    assert.deepEqual([cti.guid, cti.campaign, cti.callerid, cti.form], ['g-1', 'Sales->', '099123456', 'salesForm']);
    assert.deepEqual([...cti.problems].sort(), [...problems].sort(), JSON.stringify(fields));
    assert.ok(Object.isFrozen(cti.problems));
  }
  // The vendor doc's spelling is kept raw in the dialer's extra.
  assert.equal(parseCti({ ...base, Dialer: { ...withoutKey(dialer, 'dialerbase'), dialebase: 'b' } }).dialer.extra.dialebase, 'b');
  // Integral numbers as text are numbers: "1.0" and "1" read as 1, with no problem; "1" is a flag.
  const text = parseCti({ ...base, Answer: '1', Dialer: { ...dialer, priority: '1.0', status: '1', contact: '0015422' } });
  assert.deepEqual([text.answer, text.dialer.priority, text.dialer.status, text.dialer.contact], [true, 1, 1, 15422]);
  assert.deepEqual(text.problems, []);
});

test('a retries or priority that reads but cannot go back in a Respool keeps its value and is listed', () => {
  for (const [fields, problems] of [
    [{ priority: 0 }, ['Dialer.priority']], [{ priority: '10000' }, ['Dialer.priority']], [{ retries: -2 }, ['Dialer.retries']],
    [{ priority: 0, retries: '-1' }, ['Dialer.retries', 'Dialer.priority']], [{ priority: 9999, retries: 0 }, []],
  ]) {
    const cti = parseCti({ ...base, Dialer: { ...dialer, ...fields } });
    assert.deepEqual([...cti.problems], problems, JSON.stringify(fields));
    for (const [k, v] of Object.entries(fields)) assert.equal(cti.dialer[k], Number(v), 'the value as the portal sent it');
    // Listed, because a Respool of it as it is is refused (a form sets it first).
    if (problems.length) assert.throws(() => respoolBuilder(cti.dialer).build(), (e) => isBridgeError(e, 'INVALID_ARGUMENT') && /priority|retries/.test(e.message));
    else assert.equal(respoolBuilder(cti.dialer).build().priority, fields.priority);
  }
});

test('dialerKeys maps the Dialer key spellings (our default is a default); unknown names are refused', () => {
  const d = { ...withoutKey(dialer, 'dialerbase'), DialeBase: 'base-2026-11', Tel: '099123456' };
  delete d.destination;
  const cti = parseCti({ ...base, Dialer: d }, { dialerKeys: { dialerbase: 'dialebase', destination: 'tel' } });
  assert.deepEqual([cti.dialer.dialerbase, cti.dialer.destination, cti.dialer.raw.dialerbase], ['base-2026-11', '099123456', 'base-2026-11']);
  assert.deepEqual(cti.problems, []);
  assert.deepEqual({ ...cti.dialer.extra }, {});
  assert.equal(toRespool(cti.dialer).dialerbase, 'base-2026-11', 'the Respool keeps the contract names');
  assert.equal(parseCti(JSON.stringify({ ...base, Dialer: d }), { dialerKeys: { dialerbase: 'dialebase' } }).dialer.dialerbase, 'base-2026-11');
  const refused = (why) => (e) => isBridgeError(e, 'INVALID_ARGUMENT') && why.test(e.message);
  assert.throws(() => parseCti(base, { dialerKeys: { dialerBase: 'x' } }), refused(/unknown key 'dialerKeys.dialerBase' \(did you mean 'dialerKeys.dialerbase'\?\)/));
  assert.throws(() => parseCti(base, { dialerkeys: {} }), refused(/unknown key 'dialerkeys'/));
  assert.throws(() => parseCti(base, { dialerKeys: { contact: '' } }), refused(/dialerKeys.contact is required/));
  assert.throws(() => parseCti(base, { dialerKeys: 'dialebase' }), refused(/dialerKeys must be an object/));
});

test('non-objects are INVALID_CTI', () => {
  for (const v of [null, undefined, 42, 'text', [base], true]) assert.throws(() => parseCti(v), invalidCti());
});

test('__proto__ keys in the input do not change prototypes', () => {
  const src = JSON.parse('{"Guid":"g","Campaign":"c","Callerid":"1","__proto__":{"admin":true},' +
    '"ParAndValues":"__proto__=polluted","Dialer":{"campaign":"c","destination":"1","status":1,"contact":1,"dialerbase":"b","__proto__":{"x":1}}}');
  const cti = parseCti(src);
  assert.equal(cti.admin, undefined);
  assert.equal(Object.getPrototypeOf(cti), Object.prototype);
  assert.deepEqual(cti.extra.__proto__, { admin: true });
  assert.equal(cti.parAndValues.values.__proto__, 'polluted');
  assert.equal(cti.dialer.x, undefined);
  assert.equal({}.admin, undefined);
});

test('toRespool gives the ten spec 4.3 keys in wire order', () => {
  const r = toRespool(parseCti({ ...base, Dialer: dialer }).dialer);
  assert.deepEqual(Object.keys(r), ['campaign', 'destination', 'status', 'data', 'alternatives', 'retries', 'contact', 'dialerbase', 'priority', 'agentphone']);
  assert.deepEqual(r, dialer);
});

test('toRespool passes the protected fields back exactly as received (same JSON type and text)', () => {
  const d = parseCti({ ...base, Dialer: { ...dialer, status: '1', contact: '0015422', dialerbase: 20261101 } }).dialer;
  assert.deepEqual([d.status, d.contact, d.dialerbase], [1, 15422, '20261101'], 'typed for reading');
  assert.deepEqual({ ...d.raw }, { campaign: 'Sales->', status: '1', contact: '0015422', dialerbase: 20261101 });
  assert.ok(Object.isFrozen(d.raw));
  assert.equal(JSON.stringify(toRespool(d)), JSON.stringify({ ...dialer, status: '1', contact: '0015422', dialerbase: 20261101 }));
});

test('toRespool refuses a record whose protected field was missing or unreadable, naming the field, never the value', () => {
  for (const [field, value] of [['campaign', undefined], ['status', undefined], ['contact', 'C-15422'], ['dialerbase', undefined],
    ['contact', ' 15422 '], ['campaign', '  '], ['status', -1], ['dialerbase', true]]) {
    const d = { ...dialer, [field]: value };
    const cti = parseCti({ ...base, Dialer: d });
    assert.ok(cti.problems.includes(`Dialer.${field}`), `${field}: ${JSON.stringify(cti.problems)}`);
    assert.throws(() => toRespool(cti.dialer), (e) => {
      assert.ok(isBridgeError(e, 'INVALID_ARGUMENT'), String(e));
      assert.equal(e.operation, 'toRespool');
      assert.match(e.message, new RegExp(`dialer\\.${field} is missing or unreadable`));
      assert.equal(/15422/.test(e.message), false);
      return true;
    });
  }
  // A copy of a record (structuredClone: not frozen) whose raw was edited to a value the dialer cannot
  // take is checked too: never passed back as it is.
  for (const [field, value] of [['contact', -1], ['status', 'C-1'], ['campaign', ' '], ['dialerbase', true]]) {
    const copy = structuredClone(parseCti({ ...base, Dialer: dialer }).dialer);
    copy.raw[field] = value;
    assert.throws(() => toRespool(copy), (e) => isBridgeError(e, 'INVALID_ARGUMENT') && new RegExp(`dialer\\.${field}`).test(e.message), field);
  }
});

// A dialerbase written as a JSON number past 2^53 has lost digits in JSON.parse: passing the
// parsed number back would hand the dialer another base (12345678901234567890 went back as
// 12345678901234567000, with no problem listed).
test('a dialerbase number past 2^53 is never passed back changed: listed, and the Respool refused', () => {
  const text = JSON.stringify({ ...base, Dialer: { ...dialer, dialerbase: 1 } }).replace('"dialerbase":1', '"dialerbase":12345678901234567890');
  const cti = parseCti(text);
  assert.ok(cti.problems.includes('Dialer.dialerbase'), JSON.stringify(cti.problems));
  assert.equal('dialerbase' in cti.dialer.raw, false);
  assert.throws(() => toRespool(cti.dialer), (e) => isBridgeError(e, 'INVALID_ARGUMENT') && /dialer\.dialerbase/.test(e.message));
  assert.throws(() => respoolBuilder(cti.dialer), (e) => isBridgeError(e, 'INVALID_ARGUMENT') && /dialerbase/.test(e.message));
  // A Respool object carrying such a number is refused too; a safe integer still goes back as is.
  assert.throws(() => respoolBuilder({ ...toRespool(parseCti({ ...base, Dialer: dialer }).dialer), dialerbase: 2 ** 64 }), (e) => isBridgeError(e, 'INVALID_ARGUMENT'));
  const safe = parseCti({ ...base, Dialer: { ...dialer, dialerbase: Number.MAX_SAFE_INTEGER } });
  assert.equal(JSON.stringify(toRespool(safe.dialer).dialerbase), '9007199254740991');
});

// A text field written as a JSON number past 2^53 (a messenger Callerid is an interaction id, spec
// 4.2) has lost digits in JSON.parse: read as text it gave other digits (12345678901234567000),
// with no problem listed; a form looked up or called back another contact.
test('a text field written as a JSON number past 2^53 is unreadable and listed, never read as other digits', () => {
  const text = '{"Guid":"g-1","Channel":"messenger","Campaign":"Sales->","Callerid":12345678901234567890,"Form":-3,'
    + '"Dialer":{"campaign":"Sales->","destination":99123456,"status":1,"contact":1,"dialerbase":"b","agentphone":1e21}}';
  const cti = parseCti(text);
  assert.equal(cti.callerid, '');
  assert.equal(cti.dialer.agentphone, '');
  assert.deepEqual(cti.problems, ['callerid', 'Dialer.agentphone']);
  assert.equal(cti.extra.Callerid, JSON.parse('12345678901234567890'));
  // Whole numbers that hold their digits are still read as text.
  assert.deepEqual([cti.form, cti.dialer.destination], ['-3', '99123456']);
});

// An id past 2^53 given as text (what servers with 64-bit ids send so that no digit is lost) is no
// safe number to read, but its text can go back exactly: toRespool and respoolBuilder refused it,
// and a form of such a deployment could never respool a contact.
test('a contact or status of digits past 2^53 given as text is listed for reading but goes back exactly', () => {
  const big = '12345678901234567890';
  const cti = parseCti({ ...base, Dialer: { ...dialer, contact: big, status: '00000000000000000001' } });
  assert.deepEqual(cti.problems, ['Dialer.contact']);
  assert.deepEqual([cti.dialer.contact, cti.dialer.raw.contact, cti.dialer.status], [0, big, 1]);
  const expected = JSON.stringify({ ...dialer, contact: big, status: '00000000000000000001' });
  assert.equal(JSON.stringify(toRespool(cti.dialer)), expected);
  assert.equal(JSON.stringify(respoolBuilder(cti.dialer).build()), expected);
  // A copy read back brings 'Dialer.contact' in its problems and the contact in its raw: it still goes back.
  for (const copy of [JSON.parse(JSON.stringify(cti)), structuredClone(cti)]) {
    const again = parseCti(copy);
    assert.deepEqual([again.problems, again.dialer.raw.contact], [['Dialer.contact'], big]);
    assert.equal(JSON.stringify(toRespool(again.dialer)), expected);
  }
  // A name given twice in different case still sends neither back; a missing one is listed once.
  const twice = parseCti({ ...base, Dialer: { ...dialer, Contact: 15422 } });
  assert.equal('contact' in twice.dialer.raw, false);
  assert.throws(() => toRespool(twice.dialer), (e) => isBridgeError(e, 'INVALID_ARGUMENT') && /dialer\.contact/.test(e.message));
  const missing = parseCti({ ...base, Dialer: withoutKey(dialer, 'contact') });
  assert.deepEqual(missing.problems, ['Dialer.contact']);
});

test('toRespool of anything but a dialer record is INVALID_ARGUMENT, never a TypeError', () => {
  const d = parseCti({ ...base, Dialer: dialer }).dialer;
  for (const value of [undefined, null, 'x', [], { ...d, data: { idcustomer: '7' } }, { ...d, alternatives: '098' }]) {
    assert.throws(() => toRespool(value), (e) => {
      assert.ok(isBridgeError(e, 'INVALID_ARGUMENT'), String(e));
      assert.equal(e.message, 'toRespool: dialer must be a dialer record (cti.dialer)');
      return true;
    });
  }
});

test('property: any strings survive encrypt → decryptCti', () => {
  const text = fc.string({ unit: 'grapheme', maxLength: 40 });
  const safe = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }).filter((s) => !/[:=]/.test(s) && s.trim() !== '');
  fc.assert(fc.property(safe, text, text, safe, safe, (guid, campaign, form, k, v) => {
    const src = { Guid: guid, Campaign: campaign, Callerid: '099', Form: form, ParAndValues: `${k}=${v}`, Note: form };
    const cti = decryptCti(CryptoJS.AES.encrypt(JSON.stringify(src), 'pw').toString(), 'pw');
    assert.equal(cti.guid, guid);
    assert.equal(cti.campaign, campaign);
    assert.equal(cti.form, form);
    assert.deepEqual([...cti.parAndValues.entries[0]], [k, v]);
    assert.equal(cti.extra.Note, form);
  }), { numRuns: 150 });
});

// Workflow data the reader cannot use (not text) was read as '' and sent back so, wiping the
// dialer's data for that contact: now refused like a missing protected field (the form can still
// build a Respool object by hand from what it knows).
test('toRespool and respoolBuilder refuse a dialer whose data was unreadable; absent data goes back as ""', () => {
  for (const data of [{ idcustomer: '7' }, ['idcustomer=7'], true]) {
    for (const d of [{ ...dialer, data }, { ...withoutKey(dialer, 'data'), DATA: data }]) {
      const cti = parseCti({ ...base, Dialer: d });
      assert.ok(cti.problems.includes('Dialer.data'), JSON.stringify(cti.problems));
      for (const [op, run] of [['toRespool', () => toRespool(cti.dialer)], ['respoolBuilder', () => respoolBuilder(cti.dialer).build()],
        ['toRespool', () => toRespool({ ...cti.dialer })]]) {
        assert.throws(run, (e) => isBridgeError(e, 'INVALID_ARGUMENT') && e.operation === op && /dialer\.data is unreadable/.test(e.message)
          && !/idcustomer/.test(e.message), op);
      }
    }
  }
  assert.equal(toRespool(parseCti({ ...base, Dialer: withoutKey(dialer, 'data') }).dialer).data, '');
  assert.equal(toRespool(parseCti({ ...base, Dialer: { ...dialer, data: 7 } }).dialer).data, '7');
  assert.equal(toRespool(parseCti({ ...base, Dialer: dialer }).dialer).data, 'idcustomer=7:name=Ana');
});

// With dialerKeys the unreadable data stays in `extra` under its own spelling ('datos'): the refusal
// looked for a key `data` there only, and the Respool or Schedule went out with data ''.
test("with dialerKeys: { data: 'datos' }, an unreadable datos is refused by toRespool, respoolBuilder and scheduleBuilder; a readable or absent one goes back", () => {
  const dialerKeys = { data: 'datos' };
  const { data, ...rest } = dialer;
  for (const datos of [{ idcustomer: '7' }, ['idcustomer=7'], true]) {
    const cti = parseCti({ ...base, Dialer: { ...rest, datos } }, { dialerKeys });
    assert.ok(cti.problems.includes('Dialer.data'), JSON.stringify(cti.problems));
    assert.equal(cti.dialer.data.raw, '');
    for (const [op, run] of [['toRespool', () => toRespool(cti.dialer)], ['respoolBuilder', () => respoolBuilder(cti.dialer).build()],
      ['toRespool', () => toRespool({ ...cti.dialer })], ['scheduleBuilder', () => scheduleBuilder(cti).build()], ['scheduleBuilder', () => scheduleBuilder(cti.dialer).build()]]) {
      assert.throws(run, (e) => isBridgeError(e, 'INVALID_ARGUMENT') && e.operation === op && e.message === `${op}: dialer.data is unreadable`, op);
    }
  }
  assert.equal(toRespool(parseCti({ ...base, Dialer: { ...rest, datos: data } }, { dialerKeys }).dialer).data, 'idcustomer=7:name=Ana');
  assert.equal(scheduleBuilder(parseCti({ ...base, Dialer: { ...rest, datos: data } }, { dialerKeys })).setCalldate('2026-12-08 10:00:00').build().data, 'idcustomer=7:name=Ana');
  assert.equal(toRespool(parseCti({ ...base, Dialer: rest }, { dialerKeys }).dialer).data, '');
});

// A copy of such a Cti (its JSON or structured copy, kept in sessionStorage or a store) has data
// '' and the unusable value in `extra` under 'datos': read back by parseCti it went out as a
// Respool or Schedule with data '' (wiping the contact's workflow data) where the Cti itself was
// refused. The copy's problems list Dialer.data: its data reads back unreadable, as the Cti's.
test("with dialerKeys: { data: 'datos' }, a Cti's copy read back by parseCti is refused as the Cti is; a copy with data '' of its own is not", () => {
  const dialerKeys = { data: 'datos' };
  const rest = withoutKey(dialer, 'data');
  const cti = parseCti({ ...base, Dialer: { ...rest, datos: { idcustomer: '7' } } }, { dialerKeys });
  for (const copy of [JSON.parse(JSON.stringify(cti)), structuredClone(cti), JSON.stringify(cti)]) {
    const again = parseCti(copy);
    assert.deepStrictEqual(again, cti);
    for (const [op, run] of [['toRespool', () => toRespool(again.dialer)], ['respoolBuilder', () => respoolBuilder(again.dialer).build()],
      ['scheduleBuilder', () => scheduleBuilder(again).build()], ['scheduleBuilder', () => scheduleBuilder(again.dialer).build()]]) {
      assert.throws(run, (e) => isBridgeError(e, 'INVALID_ARGUMENT') && e.operation === op && e.message === `${op}: dialer.data is unreadable`, op);
    }
  }
  // Data absent, or '' as received: no problem listed, the copy goes back with data ''.
  for (const d of [rest, { ...rest, datos: '' }]) {
    const own = parseCti({ ...base, Dialer: d }, { dialerKeys });
    assert.deepEqual(own.problems, []);
    assert.equal(toRespool(parseCti(JSON.parse(JSON.stringify(own))).dialer).data, '');
  }
});

// The unreadable-data check reads `extra`: a dialer record made by hand without it (isDialerRecord
// asks for raw, data and alternatives only) threw a TypeError from toRespool.
test('toRespool of a dialer record without extra: its data goes back, no TypeError', () => {
  const { extra, ...noExtra } = parseCti({ ...base, Dialer: dialer }).dialer;
  assert.ok(extra);
  assert.equal(toRespool(noExtra).data, 'idcustomer=7:name=Ana');
  assert.equal(toRespool({ ...noExtra, extra: null }).data, 'idcustomer=7:name=Ana');
});

// A Cti kept where integrators put it (sessionStorage, a store, a server and back, a worker) comes
// back as its JSON or structured copy. parseCti read `parAndValues` and the dialer's `data` of such
// a copy as unreadable (objects, not text), listed them, and nested `extra`, `problems` and `raw` in
// `extra`; a contact received as '0015422' went back as the number 15422.
test('a Cti, its JSON or structured copy or their JSON text reads back as that Cti; the copy is left as it was', () => {
  const cti = parseCti({ ...base, ParAndValues: 'idcustomer=7', Answer: 'maybe', Extra: 1, Dialer: { ...dialer, contact: '0015422', AgentPhone: '1', odd: [1] } });
  assert.deepEqual(cti.problems, ['answer', 'Dialer.agentphone']);
  for (const copy of [cti, JSON.parse(JSON.stringify(cti)), structuredClone(cti), JSON.stringify(cti)]) {
    const before = JSON.stringify(copy);
    const again = parseCti(copy);
    assert.deepStrictEqual(again, cti);
    assert.ok(Object.isFrozen(again) && Object.isFrozen(again.problems) && Object.isFrozen(again.dialer.raw));
    assert.deepEqual(toRespool(again.dialer), toRespool(cti.dialer));
    assert.equal(again.dialer.raw.contact, '0015422');
    // dialerKeys are the portal's spellings; a copy has the library's names.
    assert.deepStrictEqual(parseCti(copy, { dialerKeys: { dialerbase: 'dialebase' } }), cti);
    assert.equal(JSON.stringify(copy), before);
    if (typeof copy === 'object' && copy !== cti) assert.equal(Object.isFrozen(copy.problems), false);
  }
  // A structured copy keeps a call's `dialer: undefined`: no dialer, nothing in extra.
  const call = parseCti(base);
  assert.deepStrictEqual(parseCti(structuredClone(call)), call);
  // The protected fields come from the copy's `raw`: one missing there is missing, listed, refused.
  const copy = structuredClone(cti);
  delete copy.dialer.raw.contact;
  const partial = parseCti(copy);
  assert.ok(partial.problems.includes('Dialer.contact'));
  assert.throws(() => toRespool(partial.dialer), (e) => isBridgeError(e, 'INVALID_ARGUMENT') && /dialer\.contact/.test(e.message));
  // uContact's own CTI with fields of those names is read as ever.
  const raw = parseCti({ ...base, extra: {}, problems: [], ParAndValues: 'a=1' });
  assert.deepEqual([raw.parAndValues.raw, Object.keys(raw.extra)], ['a=1', ['extra', 'problems']]);
});

test('dialerKeys that point two Dialer names at one key are refused: a protected field never reads another field\'s value', () => {
  const names = Object.keys(dialer);
  const isTwo = (e) => isBridgeError(e, 'INVALID_ARGUMENT') && e.message === 'parseCti: dialerKeys names a key twice';
  // campaign read from the dialerbase column (and the real campaign set aside in extra) went back in
  // the Respool as campaign: the dialer's campaign changed. Matched in any case, default names too.
  assert.throws(() => parseCti({ ...base, Dialer: dialer }, { dialerKeys: { campaign: 'DialerBase' } }), isTwo);
  assert.throws(() => parseCti({ ...base, Dialer: dialer }, { dialerKeys: { status: 'x', contact: 'X' } }), isTwo);
  // A swap is two names for two keys: allowed.
  const swapped = parseCti({ ...base, Dialer: dialer }, { dialerKeys: { campaign: 'dialerbase', dialerbase: 'campaign' } });
  assert.deepEqual([swapped.dialer.raw.campaign, swapped.dialer.raw.dialerbase], [dialer.dialerbase, dialer.campaign]);
  // Whatever the overrides: refused, or each protected field sent is the value under its own spelling.
  const spelling = fc.constantFrom(...names, ...names.map((n) => n.toUpperCase()), 'x', 'X', 'dialebase');
  fc.assert(fc.property(fc.dictionary(fc.constantFrom(...names), spelling, { maxKeys: 4 }), (keys) => {
    const spelled = new Map(names.map((n) => [n, (keys[n] ?? n).toLowerCase()]));
    const fields = { ...dialer, x: 'x-value', dialebase: 'dialebase-value' };
    let cti;
    try {
      cti = parseCti({ ...base, Dialer: fields }, { dialerKeys: keys });
    } catch (e) {
      assert.ok(isTwo(e), e.message);
      assert.ok(new Set(spelled.values()).size < names.length);
      return;
    }
    assert.equal(new Set(spelled.values()).size, names.length);
    let sent;
    try { sent = toRespool(cti.dialer); } catch (e) { assert.ok(isBridgeError(e, 'INVALID_ARGUMENT')); }
    for (const k of ['campaign', 'status', 'contact', 'dialerbase']) {
      // Unusable under its spelling (status 'x-value'): not kept, so never sent.
      const own = Object.keys(fields).find((f) => f.toLowerCase() === spelled.get(k));
      if (cti.dialer.raw[k] !== undefined) assert.equal(cti.dialer.raw[k], fields[own]);
      if (sent) assert.equal(sent[k], fields[own]);
    }
  }), { numRuns: 300 });
});

// The reader lists a name given twice by its spelling ('Dialer.camp' under dialerKeys { campaign:
// 'camp' }); the protected-field check looked for 'Dialer.campaign', so a campaign given twice as
// camp and CAMP went back in the Respool with the first spelling's value, and one given once beside
// an unused 'campaign' column given twice was refused.
test('with dialerKeys, a protected field given twice in different case under its spelling is never sent back; an unused column given twice does not matter', () => {
  const dialerKeys = { campaign: 'camp' };
  const rest = withoutKey(dialer, 'campaign');
  const twice = parseCti({ ...base, Dialer: { ...rest, camp: 'Sales->', CAMP: 'Other->' } }, { dialerKeys });
  assert.ok(twice.problems.includes('Dialer.camp'));
  assert.equal('campaign' in twice.dialer.raw, false);
  assert.throws(() => toRespool(twice.dialer), (e) => isBridgeError(e, 'INVALID_ARGUMENT') && e.message === 'toRespool: dialer.campaign is missing or unreadable');
  assert.throws(() => respoolBuilder(twice.dialer), (e) => isBridgeError(e, 'INVALID_ARGUMENT') && /dialer\.campaign/.test(e.message));
  const unused = parseCti({ ...base, Dialer: { ...rest, camp: 'Sales->', campaign: 'x', Campaign: 'y' } }, { dialerKeys });
  assert.equal(toRespool(unused.dialer).campaign, 'Sales->');
});
