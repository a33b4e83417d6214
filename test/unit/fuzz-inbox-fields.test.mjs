// Fuzz test of the built Inbox reader (spec 7), beyond property-inbox: the interaction as a
// structured-clone message may hold any JS number (NaN, Infinity, -0, fractions), not only JSON's.
// A text field is the number's text only when the number has one a CRM can use (finite); anything
// else is unreadable: `undefined`, named in `problems`, kept in `raw`. Flags are read only where
// the contract has flags (columns, stored values), never in the text fields, extra or lastMessage.
// Seeds are fixed (override with FC_SEED); fast-check prints seed and path on failure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { normalizeInteraction } from '../../dist/inbox.js';

const SEED = process.env.FC_SEED === undefined ? 20261204 : Number(process.env.FC_SEED);
const TEXT = ['guid', 'interactionId', 'clientId', 'clientName', 'agent', 'user', 'source', 'form'];
const number = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(NaN, Infinity, -Infinity, -0, 2 ** 53, 1.5));
const flagText = fc.constantFrom('true', 'false', 'TRUE', 'False', ' true', 'yes', '1');

test('fuzz: text fields sent as any number are their text when finite, else unreadable and named; flags only where the contract has them', () => {
  fc.assert(fc.property(fc.dictionary(fc.constantFrom(...TEXT), fc.oneof(number, flagText), { minKeys: 1 }), flagText, flagText, (fields, col, other) => {
    const raw = { ...fields, data: { Col: col }, stored_values: { flagged: col }, lastMessage: { source: other }, unknownField: other };
    const i = normalizeInteraction(raw);
    for (const [k, v] of Object.entries(fields)) {
      if (typeof v === 'string') assert.equal(i[k], v, `${k}: text as sent, never a flag`);
      else if (Number.isFinite(v)) assert.equal(i[k], String(v), k);
      else {
        assert.equal(i[k], undefined, `${k}: ${v} is no text`);
        assert.ok(i.problems.includes(k), `${k} named in problems`);
      }
    }
    const asFlag = (t) => (/^(true|false)$/i.test(t) ? t.toLowerCase() === 'true' : t);
    assert.equal(i.columns.Col, asFlag(col));
    assert.equal(i.storedValues.flagged, asFlag(col));
    assert.equal(i.lastMessage.source, other);
    assert.equal(i.extra.unknownField, other);
    assert.equal(i.raw, raw);
  }), { seed: SEED, numRuns: 3000, includeErrorInReport: true });
});

// Minimal reproduction: a clientId computed as Number(x) by the Inbox side (NaN) or an agent id
// overflowing to Infinity came out as the text 'NaN' / 'Infinity', a customer id a CRM would search.
test('repro: clientId NaN and agent Infinity are unreadable (problems), not the texts NaN and Infinity', () => {
  const i = normalizeInteraction({ guid: 'g-1', channel: 'whatsapp', clientId: NaN, agent: Infinity });
  assert.deepEqual([i.clientId, i.agent], [undefined, undefined]);
  assert.deepEqual(i.problems, ['clientId', 'agent']);
  assert.ok(Number.isNaN(i.raw.clientId), 'kept in raw');
});
