// readUPhoneMessage (contract section 8), on the built bundle: both envelopes, the lenient reading
// of every field real code sends (numbers as text, flags from text), unknown keys kept, the raw
// object kept, odd fields reported, and anything else refused without throwing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readUPhoneMessage } from '../../dist/uphone.js';

const plain = (o) => JSON.parse(JSON.stringify(o));

test('the uPhone envelope {action, params}: fields read leniently, unknown keys and the raw object kept', () => {
  const params = {
    number: 99123456, campaign: 'Sales', guid: 'g-1', direction: 'I', date: '2026-11-12 10:00:00', duration: '63',
    clientId: 4711, needsDispositions: 'true', dispositions: [{ l1: 'Sale' }], extra: { a: 1 },
  };
  const e = readUPhoneMessage({ action: 'finishedCall', params });
  assert.equal(e.name, 'finishedCall');
  assert.equal(e.api, 'uphone');
  assert.deepEqual(plain(e.params), {
    number: '99123456', campaign: 'Sales', guid: 'g-1', direction: 'I', date: '2026-11-12 10:00:00', duration: 63,
    clientId: '4711', needsDispositions: true, dispositions: [{ l1: 'Sale' }], extra: { a: 1 },
  });
  assert.equal(e.raw, params, 'raw is the params object as it arrived');
  assert.equal(params.number, 99123456, 'the raw object is not changed');
  assert.deepEqual(e.problems, []);
});

test("duration as text: decimal seconds as a uPhone writes them (digits, one point); '0x3C', '1e3', ' 5', '' or '-5' is a problem, not a number", () => {
  const read = (duration) => readUPhoneMessage({ action: 'finishedCall', params: { duration } });
  for (const [text, seconds] of [['63', 63], ['0', 0], ['063', 63], ['5.0', 5], ['12.5', 12.5], ['.5', 0.5]]) {
    const e = read(text);
    assert.deepEqual([e.params.duration, e.problems], [seconds, []], text);
  }
  for (const text of ['0x3C', '0b11', '0o7', '1e3', ' 5', '5 ', '\t5', '', ' ', '-5', '+5', '1.2.3', '.', 'Infinity', '5s']) {
    const e = read(text);
    assert.deepEqual([e.params.duration, e.problems, e.raw.duration], [undefined, ['duration'], text], JSON.stringify(text));
  }
  // A JSON number stays as it came (any finite one).
  assert.deepEqual([read(7.5).params.duration, read(-1).params.duration, read(Infinity).problems], [7.5, -1, ['duration']]);
});

test('the Events API envelope {event, data}', () => {
  const data = { guid: 'i-9', campaign: 'Support', channel: 'telephony', clientId: '099555' };
  const e = readUPhoneMessage({ event: 'assignedInteraction', data });
  assert.deepEqual([e.name, e.api], ['assignedInteraction', 'events']);
  assert.deepEqual(plain(e.params), data);
  assert.equal(e.raw, data);
  // data that is not an object (a theme name, a language): no fields, the value kept raw.
  const theme = readUPhoneMessage({ event: 'changedTheme', data: 'dark' });
  assert.deepEqual([theme.name, plain(theme.params), theme.raw, theme.problems], ['changedTheme', {}, 'dark', ['data']]);
});

test('params or data sent as JSON text are read as the object they hold; other text is said in problems', () => {
  const text = '{"number":99123456,"campaign":"Sales","needsDispositions":"TRUE"}';
  const e = readUPhoneMessage({ action: 'gettingCall', params: text });
  assert.deepEqual([plain(e.params), e.raw, e.problems], [{ number: '99123456', campaign: 'Sales', needsDispositions: true }, text, []]);
  const d = readUPhoneMessage({ event: 'assignedInteraction', data: '{"guid":"i-1","clientId":"099"}' });
  assert.deepEqual([plain(d.params), d.problems], [{ guid: 'i-1', clientId: '099' }, []]);
  const bad = readUPhoneMessage({ action: 'gettingCall', params: '{"number":' });
  assert.deepEqual([plain(bad.params), bad.raw, bad.problems], [{}, '{"number":', ['params']]);
});

test('needsDispositions is read in any letter case', () => {
  for (const [v, want] of [['TRUE', true], ['False', false], ['true', true], [false, false]]) {
    assert.equal(readUPhoneMessage({ action: 'finishedCall', params: { needsDispositions: v } }).params.needsDispositions, want);
  }
});

test('a number as a string is kept exactly (leading 0, leading +)', () => {
  for (const number of ['099123456', '+59899123456', '0']) {
    assert.equal(readUPhoneMessage({ action: 'gettingCall', params: { number } }).params.number, number);
  }
});

test('odd fields are left out of params, named in problems and kept in raw; null is absent', () => {
  const params = { number: { x: 1 }, guid: 1.5, campaign: -3, duration: 'soon', needsDispositions: 'yes', date: null, channel: 2 ** 60 };
  const e = readUPhoneMessage({ action: 'gettingCall', params });
  assert.deepEqual(plain(e.params), {});
  assert.deepEqual([...e.problems].sort(), ['campaign', 'channel', 'duration', 'guid', 'needsDispositions', 'number']);
  assert.equal(e.raw, params);
});

test('a missing params gives empty params; one that is not an object of fields is said in problems', () => {
  for (const params of [undefined, null]) {
    const e = readUPhoneMessage({ action: 'agentLogin', params });
    assert.deepEqual([e.name, plain(e.params), e.problems], ['agentLogin', {}, []]);
  }
  for (const params of ['x', 5, [1, 2], '[1]']) {
    const e = readUPhoneMessage({ action: 'agentLogin', params });
    assert.deepEqual([e.name, plain(e.params), e.problems, e.raw], ['agentLogin', {}, ['params'], params]);
  }
});

test('__proto__ and constructor keys stay plain keys: nothing is polluted', () => {
  const data = JSON.parse('{"action":"gettingCall","params":{"__proto__":{"number":"1"},"constructor":{"prototype":{"x":1}},"campaign":"c"}}');
  const e = readUPhoneMessage(data);
  assert.equal(Object.getPrototypeOf(e.params), null, 'a __proto__ key is not a prototype');
  assert.equal(e.params.number, undefined);
  assert.deepEqual(Object.getOwnPropertyDescriptor(e.params, '__proto__').value, { number: '1' });
  assert.equal(e.params.campaign, 'c');
  assert.equal({}.number, undefined);
  assert.equal({}.x, undefined);
});

test('anything else is not a message, and nothing throws', () => {
  const hostile = new Proxy({}, { get() { throw new Error('trap'); }, ownKeys() { throw new Error('trap'); } });
  const getter = { action: 'gettingCall', get params() { throw new Error('getter'); } };
  const inParams = { action: 'gettingCall', params: new Proxy({}, { ownKeys() { throw new Error('trap'); } }) };
  for (const data of [
    undefined, null, 0, 'gettingCall', '{"action":"gettingCall"}', [], ['gettingCall'], {}, { action: '' }, { event: '' },
    { action: 5 }, { event: null }, { action: ['x'] }, { params: { number: '1' } }, hostile, getter, inParams,
  ]) {
    assert.equal(readUPhoneMessage(data), undefined);
  }
});

test('{action} wins over {event} when a message has both', () => {
  assert.equal(readUPhoneMessage({ action: 'makeCall', event: 'assignedInteraction', params: {} }).api, 'uphone');
});

test('a key the page put on Object.prototype (json.js, a pollution bug) is neither read into params nor makes a message unreadable', () => {
  const message = { action: 'gettingCall', params: { number: 99123456 } };
  const expected = { name: 'gettingCall', api: 'uphone', params: { __proto__: null, number: '99123456' }, raw: message.params, problems: [] };
  // Set by assignment: enumerable, as legacy libraries did (the old json.js's toJSONString).
  for (const [key, value] of [['toJSONString', function () { return '{}'; }], ['injected', 'polluted'], ['guid', 'polluted-guid']]) {
    Object.prototype[key] = value;
    try {
      assert.deepEqual(readUPhoneMessage(message), expected, key);
    } finally {
      delete Object.prototype[key];
    }
  }
});

test("the envelope's own keys only: 'action', 'params', 'event' or 'data' on Object.prototype neither renames an event nor fills its fields", () => {
  const login = { action: 'agentLogin' };
  const assigned = { event: 'assignedInteraction', data: { guid: 'g-7', channel: 'whatsapp' } };
  for (const [key, value] of [['action', 'agentLogout'], ['params', { number: '59899555014' }], ['event', 'finishedInteraction'], ['data', { clientId: '59899555014' }]]) {
    Object.prototype[key] = value;
    try {
      assert.deepEqual(readUPhoneMessage(login), { name: 'agentLogin', api: 'uphone', params: { __proto__: null }, raw: undefined, problems: [] }, key);
      const e = readUPhoneMessage(assigned);
      assert.deepEqual([e.name, e.api, e.raw], ['assignedInteraction', 'events', assigned.data], key);
      assert.equal(readUPhoneMessage({ note: 'no name' }), undefined, key);
    } finally {
      delete Object.prototype[key];
    }
  }
});

test('the event name is read once: a message handed in with a getter gets the name that decided its envelope', () => {
  for (const [key, other] of [['action', 'params'], ['event', 'data']]) {
    let reads = 0;
    const message = { [other]: { number: '099123456' } };
    Object.defineProperty(message, key, { enumerable: true, get: () => (reads++ ? 42 : 'gettingCall') });
    const e = readUPhoneMessage(message);
    assert.equal(e?.name, 'gettingCall', key);
    assert.equal(reads, 1, key);
  }
});

test('the event is frozen, its params and problems too; raw is the message\'s own object, neither copied nor frozen', () => {
  const raw = { number: 99123456, duration: 'long', dispositions: [{ l1: 'Sale' }] };
  const e = readUPhoneMessage({ action: 'finishedCall', params: raw });
  assert.ok(Object.isFrozen(e) && Object.isFrozen(e.params) && Object.isFrozen(e.problems));
  assert.deepEqual(e.problems, ['duration']);
  assert.equal(e.raw, raw);
  assert.ok(!Object.isFrozen(raw));
});

test('params has no prototype: a field the message did not send reads undefined, whatever the page put on Object.prototype', () => {
  const e = readUPhoneMessage({ action: 'gettingCall', params: { number: 99123456 } });
  assert.equal(Object.getPrototypeOf(e.params), null);
  const keys = ['campaign', 'guid', 'clientId', 'customerName'];
  try {
    for (const k of keys) Object.prototype[k] = `polluted-${k}`;
    assert.deepEqual(keys.map((k) => e.params[k]), [undefined, undefined, undefined, undefined]);
    assert.equal(readUPhoneMessage({ event: 'assignedInteraction', data: '{"guid":"g-1"}' }).params.campaign, undefined, 'nor from JSON text');
  } finally {
    for (const k of keys) delete Object.prototype[k];
  }
});
