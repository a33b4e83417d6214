// Round trips of a contact's workflow data (spec 4.2 to 4.4): what the portal sent in a CTI goes back
// in the Respool or Schedule a form builds from it byte for byte, except what the form itself edits.
// The builders' setData/removeData change the entries they name and nothing else: a received
// segment the form never touched (`flag` without `=`, a value holding a `:` such as `10:30`, a key
// holding spaces, a duplicate of another key) keeps its exact text. Values a form adds are either
// sent exactly or refused with INVALID_ARGUMENT naming the field (never the value).
// Seeds are fixed (override with FC_SEED); fast-check prints seed and path on failure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isBridgeError, parseCti, respoolBuilder, scheduleBuilder } from '../../dist/cti.js';

const SEED = process.env.FC_SEED === undefined ? 20261207 : Number(process.env.FC_SEED);
const UNSAFE = /[;:=\r\n]/;

// Characters that break naive encoders, prototype names, and every kind of blank.
const tricky = fc.constantFrom('=', '&', '|', ',', ';', '%', '+', '"', "'", '\\', '\n', '\t', ' ', '\uD800', '\uDC00', '😀', '%41', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '');
const piece = fc.oneof(fc.string({ maxLength: 6 }), tricky, fc.string({ unit: 'binary', maxLength: 4 }));
const textOf = fc.array(piece, { maxLength: 5 }).map((a) => a.join(''));
// A received data text: any segments (with or without `=`, empty ones too) joined by `:`.
const received = fc.array(textOf.map((s) => s.replaceAll(':', '')), { maxLength: 8 }).map((a) => a.join(':'));
const keyOf = (segment) => segment.split('=', 1)[0];

// What an edit may change: only the segments named by the keys edited. The model: the received
// non-empty segments, the first one named `key` replaced by `key=value` (others named so dropped),
// else the pair appended; remove drops every segment named `key`.
function model(raw, ops) {
  let segments;
  for (const op of ops) {
    if (op.valid === false) continue;
    segments ??= raw.split(':').filter((s) => s !== '');
    const at = segments.findIndex((s) => keyOf(s) === op.key);
    const kept = segments.filter((s, i) => keyOf(s) !== op.key || (op.kind === 'set' && i === at));
    if (op.kind === 'set') kept[at < 0 ? kept.length : at] = `${op.key}=${op.value}`;
    segments = kept;
  }
  return segments ? segments.join(':') : raw;
}

const op = fc.oneof(
  fc.record({ kind: fc.constant('set'), key: fc.oneof(textOf, fc.constantFrom('a', 'note', '__proto__', 'constructor')), value: textOf }),
  fc.record({ kind: fc.constant('remove'), key: fc.oneof(textOf, fc.constantFrom('a', 'note', '__proto__')) }),
);
const validKey = (k) => typeof k === 'string' && k.trim() !== '' && !UNSAFE.test(k);
const validValue = (v) => typeof v === 'string' && !UNSAFE.test(v);

const cti = (data) => parseCti({
  Guid: 'g-1', Campaign: 'Sales->', Callerid: '099123456', ParAndValues: data,
  Dialer: { campaign: 'Sales->', destination: '099123456', status: 1, data, alternatives: '098111222', retries: 2, contact: 15422, dialerbase: 'b-1', priority: 5, agentphone: '' },
});

test('property: setData/removeData change only the entries they name; every other received segment goes back exactly', () => {
  fc.assert(fc.property(received, fc.array(op, { maxLength: 6 }), fc.boolean(), (raw, ops, viaSchedule) => {
    const c = cti(raw);
    const b = viaSchedule ? scheduleBuilder(c).setCalldate('2026-12-24 10:00:00') : respoolBuilder(c.dialer);
    const done = [];
    for (const o of ops) {
      const valid = validKey(o.key) && (o.kind === 'remove' || validValue(o.value));
      try {
        if (o.kind === 'set') b.setData(o.key, o.value); else b.removeData(o.key);
        assert.ok(valid, `accepted a bad ${o.kind}`);
      } catch (e) {
        assert.ok(!valid && isBridgeError(e, 'INVALID_ARGUMENT'), `refused a good ${o.kind}: ${e}`);
        assert.match(e.message, /data (key|value)/);
      }
      done.push({ ...o, valid });
    }
    assert.equal(b.build().data, model(raw, done));
  }), { seed: SEED, numRuns: 2000 });
});

test('repro: setData of one key keeps a received `note=10:30` and a bare `flag` as they came', () => {
  const c = cti('id=7:note=10:30:flag: name = Ana :id=8');
  assert.equal(respoolBuilder(c.dialer).setData('result', 'ok').build().data, 'id=7:note=10:30:flag: name = Ana :id=8:result=ok');
  assert.equal(respoolBuilder(c.dialer).setData('id', '9').build().data, 'id=9:note=10:30:flag: name = Ana ');
  assert.equal(scheduleBuilder(c).setCalldate('2026-12-24 10:00:00').removeData('flag').build().data, 'id=7:note=10:30: name = Ana :id=8');
  assert.equal(respoolBuilder(c.dialer).removeData('30').build().data, 'id=7:note=10:flag: name = Ana :id=8');
});
