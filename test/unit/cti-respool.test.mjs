import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCti, respoolBuilder, isBridgeError } from '../../dist/cti.js';

const KEYS = ['campaign', 'destination', 'status', 'data', 'alternatives', 'retries', 'contact', 'dialerbase', 'priority', 'agentphone'];
const wire = {
  campaign: 'Sales->', destination: '099123456', status: 1, data: 'idcustomer=7:name=Ana',
  alternatives: '098111222:H=0=999555555:097333444', retries: 2, contact: 15422, dialerbase: 'base-2026-11', priority: 1, agentphone: '1001',
};
const dialerOf = (d = wire) => parseCti({ Guid: 'g', Campaign: 'Sales->', Callerid: '099123456', Dialer: d }).dialer;
const bad = (field) => (e) => {
  assert.ok(isBridgeError(e, 'INVALID_ARGUMENT'), String(e));
  if (field) assert.match(e.message, new RegExp(field));
  return true;
};

test('an untouched builder gives back the portal record exactly, keys in wire order', () => {
  for (const src of [dialerOf(), { ...wire }]) {
    const r = respoolBuilder(src).build();
    assert.deepEqual(Object.keys(r), KEYS);
    assert.deepEqual(r, wire);
  }
});

test('protected fields are readable, have no setter and no method', () => {
  const b = respoolBuilder(dialerOf());
  assert.deepEqual([b.campaign, b.status, b.contact, b.dialerbase], ['Sales->', 1, 15422, 'base-2026-11']);
  assert.throws(() => { 'use strict'; b.campaign = 'x'; }, TypeError);
  for (const m of ['setCampaign', 'setStatus', 'setContact', 'setDialerbase']) assert.equal(b[m], undefined);
  assert.equal(b.build().campaign, 'Sales->');
});

test('tampering with the source record after creation is refused at build()', () => {
  for (const key of ['campaign', 'status', 'contact', 'dialerbase']) {
    const src = { ...wire };
    const b = respoolBuilder(src);
    src[key] = typeof src[key] === 'number' ? src[key] + 1 : `${src[key]}-x`;
    assert.throws(() => b.build(), bad(key));
  }
  // The same value of another type is a change too (the dialer compares what it stored).
  for (const [key, same] of [['status', '1'], ['contact', '15422']]) {
    const src = { ...wire };
    const b = respoolBuilder(src);
    src[key] = same;
    assert.throws(() => b.build(), bad(key), key);
  }
  const src = { ...wire };
  const b = respoolBuilder(src);
  src.destination = '099000000'; // not protected: the builder's own value is used
  assert.equal(b.build().destination, '099123456');
});

test('a parsed dialer record is frozen, so it cannot be tampered with at all', () => {
  const d = dialerOf();
  assert.throws(() => { 'use strict'; d.contact = 1; }, TypeError);
});

test('setDestination, setRetries, setPriority, setAgentPhone', () => {
  const r = respoolBuilder(dialerOf()).setDestination('+59899111222').setRetries(0).setPriority(9999).setAgentPhone('1002').build();
  assert.deepEqual([r.destination, r.retries, r.priority, r.agentphone], ['+59899111222', 0, 9999, '1002']);
  assert.equal(respoolBuilder(dialerOf()).setAgentPhone('').build().agentphone, '');
  assert.equal(respoolBuilder(dialerOf()).setPriority(1).build().priority, 1);
});

test('bad numbers and ranges are refused at the call', () => {
  const b = respoolBuilder(dialerOf());
  for (const v of ['099 123', '099-123', '099:1', 'abc', '', 99123456, '099\n1']) assert.throws(() => b.setDestination(v), bad('destination'));
  for (const v of [0, 10000, 1.5, '5']) assert.throws(() => b.setPriority(v), bad('priority'));
  for (const v of [-1, 0.5, '1']) assert.throws(() => b.setRetries(v), bad('retries'));
  assert.throws(() => b.setAgentPhone('10;01'), bad('agentphone'));
  assert.deepEqual(b.build(), wire, 'refused calls change nothing');
});

test('alternatives: set, add, remove, reorder; typed entries accepted with their number validated', () => {
  const b = respoolBuilder(dialerOf());
  assert.equal(b.setAlternatives(['M=1=099000111', '098222333', 'U=0=+59829001234']).build().alternatives, 'M=1=099000111:098222333:U=0=+59829001234');
  assert.equal(b.addAlternative('097444555').build().alternatives, 'M=1=099000111:098222333:U=0=+59829001234:097444555');
  assert.equal(b.addAlternative('P=3=096000000', 0).build().alternatives, 'P=3=096000000:M=1=099000111:098222333:U=0=+59829001234:097444555');
  assert.equal(b.removeAlternative(1).removeAlternative('+59829001234').build().alternatives, 'P=3=096000000:098222333:097444555');
  assert.equal(b.reorderAlternatives([2, 0, 1]).build().alternatives, '097444555:P=3=096000000:098222333');
  assert.equal(b.setAlternatives([]).build().alternatives, '');
});

test('bad alternatives are refused at the call', () => {
  const b = respoolBuilder(dialerOf());
  for (const v of ['098:111', 'X=0=099', 'H=0=09 9', 'H=x=099', 'h=0=099', 'H=0=', '099=1', '', 99]) {
    assert.throws(() => b.addAlternative(v), bad('alternative'), JSON.stringify(v));
    assert.throws(() => b.setAlternatives([v]), bad('alternative'));
  }
  assert.throws(() => b.setAlternatives('098111222'), bad('alternatives'));
  assert.throws(() => b.addAlternative('097000000', 9), bad('position'));
  assert.throws(() => b.removeAlternative(3), bad('index'));
  assert.throws(() => b.removeAlternative('011111111'), bad('not found'));
  for (const order of [[0, 1], [0, 0, 1], [0, 1, 3], [2, 1, '0']]) assert.throws(() => b.reorderAlternatives(order), bad('order'));
  assert.equal(b.build().alternatives, wire.alternatives);
});

test('promoteAlternative: new main, retries default 0, old main dropped by default', () => {
  const r = respoolBuilder(dialerOf()).promoteAlternative('097333444').build();
  assert.deepEqual([r.destination, r.retries, r.alternatives], ['097333444', 0, '098111222:H=0=999555555']);
});

test('promoteAlternative: keepOldMain swaps it in place; retries overridable; typed entries give their number', () => {
  const r = respoolBuilder(dialerOf()).promoteAlternative(1, { keepOldMain: true, retries: 4 }).build();
  assert.deepEqual([r.destination, r.retries, r.alternatives], ['999555555', 4, '098111222:099123456:097333444']);
  const byNumber = respoolBuilder(dialerOf()).promoteAlternative('999555555').build();
  assert.deepEqual([byNumber.destination, byNumber.retries], ['999555555', 0]);
  // No main number to keep (a record whose destination is empty): nothing empty goes into the list.
  const empty = respoolBuilder({ ...wire, destination: '' }).promoteAlternative('097333444', { keepOldMain: true }).build();
  assert.deepEqual([empty.destination, empty.alternatives], ['097333444', '098111222:H=0=999555555']);
  assert.throws(() => respoolBuilder(dialerOf()).promoteAlternative(0, { retries: -1 }), bad('retries'));
  assert.throws(() => respoolBuilder(dialerOf()).promoteAlternative(7), bad('index'));
});

test('data: set replaces in place or appends, remove deletes; untouched data keeps the raw text', () => {
  const raw = respoolBuilder(dialerOf({ ...wire, data: 'a=1:flag:b=2' })).build();
  assert.equal(raw.data, 'a=1:flag:b=2');
  const b = respoolBuilder(dialerOf());
  assert.equal(b.setData('name', 'Bea').build().data, 'idcustomer=7:name=Bea');
  assert.equal(b.setData('result', 'callback').build().data, 'idcustomer=7:name=Bea:result=callback');
  assert.equal(b.setData('empty', '').removeData('idcustomer').build().data, 'name=Bea:result=callback:empty=');
  assert.equal(b.removeData('missing').build().data, 'name=Bea:result=callback:empty=');
});

test('data: setting the first key replaces it in place; a key received twice is set once, at its first place; other entries stay as received', () => {
  assert.equal(respoolBuilder(dialerOf()).setData('idcustomer', '8').build().data, 'idcustomer=8:name=Ana');
  const twice = dialerOf({ ...wire, data: 'a=1:b=2:a=3:c=4' });
  assert.equal(respoolBuilder(twice).setData('a', '9').build().data, 'a=9:b=2:c=4');
  assert.equal(respoolBuilder(twice).setData('c', '5').build().data, 'a=1:b=2:a=3:c=5');
  assert.equal(respoolBuilder(dialerOf({ ...wire, data: 'a=1:b=2:a=1' })).setData('z', '0').build().data, 'a=1:b=2:a=1:z=0');
  assert.equal(respoolBuilder(twice).removeData('a').build().data, 'b=2:c=4');
});

// The first entry of the key was looked for again at each other entry of that key: data holding a
// key 100,000 times after 100,000 others (a CTI of 1.4 MB) held the form for a minute and more at setData.
test('data: setting a key received 100,000 times after 100,000 others keeps it once, at its first place', () => {
  const n = 100_000;
  const others = Array.from({ length: n }, (_, i) => `k${i}=1`).join(':');
  const b = respoolBuilder(dialerOf({ ...wire, data: `${others}:${'a=1:'.repeat(n)}z=1` }));
  assert.equal(b.setData('a', '2').build().data, `${others}:a=2:z=1`);
});

test('data keys and values that would break the wire are refused at the call', () => {
  const b = respoolBuilder(dialerOf());
  for (const v of ['a:b', 'a=b', 'a;b', 'a\nb', 'a\rb']) {
    assert.throws(() => b.setData('k', v), bad('data value'));
    assert.throws(() => b.setData(v, 'x'), bad('data key'));
  }
  // `|` is no separator of data (spec 6): kept as it is.
  assert.match(respoolBuilder(dialerOf()).setData('notes', 'a|b').build().data, /:notes=a\|b$/);
  assert.throws(() => b.setData('', 'x'), bad('data key'));
  assert.throws(() => b.setData('k', 5), bad('data value'));
  assert.throws(() => b.removeData('a:b'), bad('data key'));
  assert.equal(b.build().data, wire.data);
});

test('methods chain and return the same builder', () => {
  const b = respoolBuilder(dialerOf());
  for (const m of [['setDestination', '099'], ['setAlternatives', []], ['setRetries', 1], ['setPriority', 2], ['setData', 'k', 'v'], ['removeData', 'k'], ['setAgentPhone', '']]) {
    assert.equal(b[m[0]](...m.slice(1)), b, m[0]);
  }
});

test('build() validates the whole record (a bad destination from the portal is refused)', () => {
  assert.throws(() => respoolBuilder({ ...wire, destination: '099 123' }).build(), bad('destination'));
  assert.equal(respoolBuilder({ ...wire, destination: '099 123' }).setDestination('099123').build().destination, '099123');
});

test('bad sources are refused at creation', () => {
  for (const src of [null, 'x', { ...wire, contact: '15 422' }, { ...wire, contact: true }, { ...wire, status: '' }, { ...wire, status: -1 },
    { ...wire, dialerbase: {} }, { ...wire, dialerbase: false }, { ...wire, dialerbase: Number.NaN }, { ...wire, dialerbase: Number.POSITIVE_INFINITY }, { ...wire, campaign: '' }, { ...wire, campaign: 5 }, { ...wire, priority: 0 }, { ...wire, data: 5 }]) {
    assert.throws(() => respoolBuilder(src), bad(), JSON.stringify(src));
  }
});

test('a Respool source may carry the protected fields as the portal sends them: ids as digits text, the base as a number', () => {
  const src = { ...wire, status: '1', contact: '0015422', dialerbase: 20261101 };
  assert.equal(JSON.stringify(respoolBuilder(src).build()), JSON.stringify(src));
});

// The reviewer's reproduction: the builder snapshotted the normalised values (15422, "20261101").
test('repro: the protected fields go back exactly as received, after edits too (same JSON type and text)', () => {
  const d = dialerOf({ ...wire, status: '1', contact: '0015422', dialerbase: 20261101 });
  const b = respoolBuilder(d);
  assert.deepEqual([b.status, b.contact, b.dialerbase], ['1', '0015422', 20261101]);
  assert.equal(JSON.stringify(b.setPriority(5).build()),
    JSON.stringify({ ...wire, status: '1', contact: '0015422', dialerbase: 20261101, priority: 5 }));
});

test('a dialer record whose protected field was missing or unreadable is refused, naming the field, never the value', () => {
  for (const [field, value] of [['campaign', undefined], ['status', undefined], ['contact', undefined], ['dialerbase', undefined],
    ['contact', 'C-15422'], ['status', 'one'], ['dialerbase', { a: 1 }]]) {
    const d = dialerOf({ ...wire, [field]: value });
    assert.equal(field in d.raw, false);
    assert.throws(() => respoolBuilder(d), (e) => bad(`dialer\\.${field}`)(e) && e.operation === 'respoolBuilder' && !/15422/.test(e.message));
  }
});

test('tampering is checked on the raw values: the same number as text is a change', () => {
  const src = { ...wire, contact: '0015422' };
  const b = respoolBuilder(src);
  src.contact = '15422';
  assert.throws(() => b.build(), bad('contact'));
});

test('error messages never contain phone numbers from the input', () => {
  const b = respoolBuilder(dialerOf());
  const attempts = [() => b.setDestination('099 765 432'), () => b.addAlternative('H=0=098-765-432'), () => b.setData('tel', '098765432:1'),
    () => b.setAgentPhone('0987654321x'), () => b.removeAlternative('0987654321')];
  for (const f of attempts) {
    assert.throws(f, (e) => isBridgeError(e, 'INVALID_ARGUMENT') && !/765/.test(e.message));
  }
});

test('an index into an empty alternatives list says the alternative is not found, not "an integer from 0 to -1"', () => {
  const b = respoolBuilder(dialerOf({ ...wire, alternatives: '' }));
  for (const call of [() => b.removeAlternative(0), () => b.promoteAlternative(0)]) {
    assert.throws(call, (e) => {
      bad('alternative not found')(e);
      assert.ok(!/-1/.test(e.message), e.message);
      return true;
    });
  }
  // A list with entries still names its range.
  assert.throws(() => respoolBuilder(dialerOf()).removeAlternative(3), bad('alternative index must be an integer from 0 to 2'));
});

test('promoteAlternative: null options are no options, as parseCti(value, null) and every other entry\'s calls take them', () => {
  // Before: 'respoolBuilder: options must be an object'.
  assert.deepEqual(respoolBuilder(dialerOf()).promoteAlternative(1, null).build(), respoolBuilder(dialerOf()).promoteAlternative(1).build());
  assert.throws(() => respoolBuilder(dialerOf()).promoteAlternative(1, true), bad('options'));
});

// As scheduleBuilder's: the reader lists a destination given twice in different case in problems
// and reads its first spelling; toRespool and respoolBuilder sent that number back to the dialer,
// maybe not the one the portal meant. The other spelling (or an unusable value) is in extra.
test('a dialer record whose destination was given twice in different case, or unreadable, is refused by toRespool and respoolBuilder', async () => {
  const { toRespool } = await import('../../dist/cti.js');
  const isUnreadable = (op) => (e) => bad('dialer\\.destination')(e) && e.message === `${op}: dialer.destination is unreadable` && !/097000111|099123456/.test(e.message);
  for (const d of [dialerOf({ ...wire, Destination: '097000111' }), dialerOf({ ...wire, destination: { number: '099123456' } })]) {
    assert.ok(d.problems === undefined && Object.keys(d.extra).some((k) => k.toLowerCase() === 'destination'));
    assert.throws(() => toRespool(d), isUnreadable('toRespool'));
    assert.throws(() => respoolBuilder(d), isUnreadable('respoolBuilder'));
  }
  // One spelling, in any case: read as before.
  const one = { ...wire, DESTINATION: '097000111' };
  delete one.destination;
  assert.equal(toRespool(dialerOf(one)).destination, '097000111');
});

// A NULL column of the dialer's table comes as JSON null. The reader keeps it in `extra` (listed
// nowhere) and reads the field's default; a Respool of it goes out with that default. A refusal of
// fields "given twice or unreadable" that counted any `extra` key (tried this round for
// alternatives, agentphone, retries and priority, reverted) refused every such call's Respool.
test('a dialer field the portal sent as null (a NULL column) goes back as its default, not refused', async () => {
  const { toRespool } = await import('../../dist/cti.js');
  for (const [key, sent] of [['alternatives', ''], ['agentphone', ''], ['retries', 0], ['priority', 1]]) {
    const dialer = dialerOf({ ...wire, [key]: null });
    assert.equal(toRespool(dialer)[key], sent, key);
    assert.equal(respoolBuilder(dialer).build()[key], sent, key);
  }
});
