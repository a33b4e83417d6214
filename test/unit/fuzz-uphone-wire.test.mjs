// Fuzz test of the built uPhone wire reader (spec 8), beyond property-uphone's state machine: for any
// `{action, params}` / `{event, data}` message (payload as an object or JSON text, keys in any spelling,
// `__proto__` included), every key of the payload is reachable in the result: a typed field read, or
// named in `problems` with its value in `raw`, or kept as it came; text fields are text, `duration` a
// finite number, and only `needsDispositions` turns "true"/"false" into booleans.
// Seeds are fixed (override with FC_SEED); fast-check prints seed and path on failure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readUPhoneMessage } from '../../dist/uphone.js';

const SEED = process.env.FC_SEED === undefined ? 20261204 : Number(process.env.FC_SEED);
const TEXT = ['number', 'campaign', 'guid', 'direction', 'date', 'clientId', 'channel'];
const TYPED = [...TEXT, 'duration', 'needsDispositions'];

const value = fc.oneof(
  fc.string(), fc.constantFrom('true', 'FALSE', 'True', ' 12 ', '0x10', 'Infinity', '', '099123456', '__proto__'),
  fc.integer(), fc.double(), fc.constantFrom(2 ** 53, -1, -0, 1.5), fc.boolean(), fc.constant(null),
  fc.jsonValue({ maxDepth: 2 }),
);
const key = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...TYPED) }, { weight: 2, arbitrary: fc.string({ maxLength: 8 }) },
  { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'Number', 'GUID') });
const payload = fc.dictionary(key, value, { maxKeys: 10 });

test('fuzz: every key of a uPhone or Events API payload is reachable in the event read from it', (t) => {
  let read = 0;
  fc.assert(fc.property(fc.constantFrom('uphone', 'events'), fc.string({ minLength: 1, maxLength: 12 }), payload, fc.boolean(), (api, name, fields, asText) => {
    const sent = asText ? JSON.stringify(fields) : fields;
    const message = api === 'uphone' ? { action: name, params: sent } : { event: name, data: sent };
    const e = readUPhoneMessage(message);
    assert.ok(e, 'a message with a name is read');
    read++;
    assert.deepStrictEqual([e.name, e.api, e.raw], [name, api, sent]);
    const given = asText ? JSON.parse(sent) : fields;
    for (const k of Object.keys(given)) {
      const v = given[k];
      const kept = Object.hasOwn(e.params, k);
      if (!TYPED.includes(k)) {
        assert.ok(kept, `${k} lost`);
        assert.deepStrictEqual(e.params[k], v, `${k} kept as it came`);
        continue;
      }
      if (v === null) {
        assert.ok(!kept && !e.problems.includes(k), `${k}: null is absent`);
        continue;
      }
      assert.notEqual(kept, e.problems.includes(k), `${k}: read, or named in problems`);
      if (!kept) continue;
      if (TEXT.includes(k)) {
        assert.equal(typeof e.params[k], 'string');
        assert.equal(e.params[k], typeof v === 'string' ? v : String(v));
      } else if (k === 'duration') assert.ok(Number.isFinite(e.params.duration));
      else assert.equal(e.params.needsDispositions, /^true$/i.test(String(v)));
    }
    for (const k of Object.keys(e.params)) assert.ok(Object.hasOwn(given, k), `${k} invented`);
    for (const p of e.problems) assert.ok(TYPED.includes(p), `problem ${p}`);
  }), { seed: SEED, numRuns: 5000, includeErrorInReport: true });
  t.diagnostic(`${read} events read`);
});
