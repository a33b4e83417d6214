import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import CryptoJS from 'crypto-js';
import { parseCti, decryptCti, toRespool, isBridgeError } from '../../dist/cti.js';

const base = { Guid: 'g-1', Campaign: 'Sales->', Callerid: '099123456' };
const dialer = {
  campaign: 'Sales->', destination: '099123456', status: 1, data: 'idcustomer=7:name=Ana',
  alternatives: '098111222:097333444', retries: 2, contact: 15422, dialerbase: 'base-2026-11', priority: 1, agentphone: '1001',
};
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

test('the same field twice in different case is refused', () => {
  assert.throws(() => parseCti({ ...base, GUID: 'other' }), invalidCti('guid'));
});

test('booleans: TRUE/FALSE in any case, real booleans, absent or empty is false; others refused', () => {
  const cti = parseCti({ ...base, Screen: 'true', Beep: 'False', Answer: true });
  assert.deepEqual([cti.screen, cti.beep, cti.answer], [true, false, true]);
  const none = parseCti({ ...base, Screen: '' });
  assert.deepEqual([none.screen, none.beep, none.answer], [false, false, false]);
  assert.throws(() => parseCti({ ...base, Answer: 'yes' }), invalidCti('answer'));
  assert.throws(() => parseCti({ ...base, Beep: 1 }), invalidCti('beep'));
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

test('dialer defaults: retries 0, priority 1, empty data/alternatives/agentphone', () => {
  const d = parseCti({ ...base, Dialer: { campaign: 'c', destination: '099', status: 1, contact: 3, dialerbase: '' } }).dialer;
  assert.deepEqual([d.retries, d.priority, d.agentphone, d.data.raw, d.alternatives.length], [0, 1, '', '', 0]);
});

test('a Dialer given as JSON text is parsed too', () => {
  assert.equal(parseCti({ ...base, Dialer: JSON.stringify(dialer) }).dialer.contact, 15422);
  assert.throws(() => parseCti({ ...base, Dialer: 'not json' }), invalidCti('dialer'));
});

test('unknown fields are kept under their spelling, in a null-prototype record', () => {
  const cti = parseCti({ ...base, Queue: 'q1', nested: { a: [1] } });
  assert.equal(Object.getPrototypeOf(cti.extra), null);
  assert.deepEqual({ ...cti.extra }, { Queue: 'q1', nested: { a: [1] } });
});

test('missing or malformed required fields are INVALID_CTI naming the field, never the value', () => {
  for (const field of ['Guid', 'Campaign', 'Callerid']) {
    const src = { ...base };
    delete src[field];
    assert.throws(() => parseCti(src), invalidCti(field));
  }
  assert.throws(() => parseCti({ ...base, Guid: '  ' }), invalidCti('guid'));
  assert.throws(() => parseCti({ ...base, Callerid: { n: 1 } }), invalidCti('callerid'));
  for (const field of ['campaign', 'destination', 'status', 'contact', 'dialerbase']) {
    const d = { ...dialer };
    delete d[field];
    assert.throws(() => parseCti({ ...base, Dialer: d }), invalidCti(field));
  }
  for (const [field, value] of [['status', 'one'], ['retries', 1.5], ['priority', '2x'], ['contact', '099123456789012345678']]) {
    assert.throws(() => parseCti({ ...base, Dialer: { ...dialer, [field]: value } }), (e) => {
      invalidCti(field)(e);
      assert.equal(e.message.includes(String(value)), false);
      return true;
    });
  }
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
