// Property test of the calls-base line writer (spec section 6) on the built http entry: every line
// formatCallsBaseRecord writes parses back, with the strict parser below, to exactly the record it
// was given; a record whose values would corrupt the line is refused with INVALID_ARGUMENT instead.
// Seeds are fixed (override with FC_SEED); fast-check prints seed and path on failure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatCallsBaseRecord, isBridgeError } from '../../dist/http.js';

const SEED = process.env.FC_SEED === undefined ? 20260511 : Number(process.env.FC_SEED);
const PHONE = /^\+?\d{1,32}$/;
const TYPES = ['M', 'W', 'H', 'P', 'U'];
// A typed alternative written as text (spec 6): TYPE=RETRIES=NUMBER, RETRIES 0 to 9999.
const TYPED_TEXT = /^([MWHPU])=(\d{1,4})=(.*)$/;
const UNSAFE = /[;:=\r\n]/;
// Not line breaks for Java's BufferedReader, line breaks for Scanner.nextLine(): either outcome is accepted.
const OTHER_BREAKS = /[\u0085\u2028\u2029]/;

// ---------------------------------------------------------------------------------------------------
// The strict parser: one line, `;`-separated, exactly 5 fields (6 when progressive).

function parseLine(line, progressive) {
  const fail = (why) => assert.fail(`unparseable line ${JSON.stringify(line)}: ${why}`);
  if (/[\r\n]/.test(line)) fail('a record is one line');
  const fields = line.split(';');
  if (fields.length !== (progressive ? 6 : 5)) fail(`${fields.length} fields`);
  const [campaign, phone, data, alternatives, priority, agentPhone] = fields;
  if (campaign.trim() === '' || /[:=]/.test(campaign)) fail('campaign');
  if (!PHONE.test(phone)) fail('phone');
  const entries = data === '' ? [] : data.split(':').map((pair) => {
    const kv = pair.split('=');
    if (kv.length !== 2 || kv[0] === '') fail(`data pair ${JSON.stringify(pair)}`);
    return kv;
  });
  const alts = alternatives === '' ? [] : alternatives.split(':').map((a) => {
    if (PHONE.test(a)) return a;
    const m = TYPED_TEXT.exec(a);
    if (!m || !PHONE.test(m[3])) fail(`alternative ${JSON.stringify(a)}`);
    return { type: m[1], retries: Number(m[2]), number: m[3] };
  });
  if (priority !== '' && !/^[1-9]\d{0,3}$/.test(priority)) fail('priority');
  if (progressive && !PHONE.test(agentPhone)) fail('agentPhone');
  return {
    campaign, phone, data: entries, alternatives: alts,
    priority: priority === '' ? undefined : Number(priority), // an omitted priority is written empty
    ...(progressive && { agentPhone }),
  };
}

/** The record as the parser gives it back: data as ordered pairs, typed alternatives (objects or text) as plain objects. */
function normalise(campaign, r, progressive) {
  const data = r.data === undefined || r.data === '' ? []
    : typeof r.data === 'string' ? r.data.split(':').map((p) => p.split('=')) : Object.entries(r.data);
  const alts = r.alternatives === undefined || r.alternatives === '' ? [] : typeof r.alternatives === 'string' ? r.alternatives.split(':') : r.alternatives;
  const typed = (m) => ({ type: m[1], retries: Number(m[2]), number: m[3] });
  return {
    campaign, phone: r.phone, data,
    alternatives: alts.map((a) => (typeof a !== 'string' ? { type: a.type, retries: a.retries + 0, number: a.number }
      : TYPED_TEXT.test(a) ? typed(TYPED_TEXT.exec(a)) : a)),
    priority: r.priority,
    ...(progressive && { agentPhone: r.agentPhone }),
  };
}

// ---------------------------------------------------------------------------------------------------
// What the spec allows: 'valid' must be written, 'invalid' must be refused, 'either' may go both ways
// (blank values, which the writer refuses as missing; U+0085/2028/2029, see OTHER_BREAKS).

const worst = (...v) => (v.includes('invalid') ? 'invalid' : v.includes('either') ? 'either' : 'valid');
const isInt = (v, min, max) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
const isPhone = (v) => typeof v === 'string' && PHONE.test(v);
function wire(v, allowEmpty) {
  if (typeof v !== 'string') return 'invalid';
  if (v === '') return allowEmpty ? 'valid' : 'invalid';
  if (UNSAFE.test(v)) return 'invalid';
  return v.trim() === '' || OTHER_BREAKS.test(v) ? 'either' : 'valid';
}
function verdict(campaign, r, progressive) {
  if (typeof r !== 'object' || r === null || Array.isArray(r)) return 'invalid';
  let data = 'valid';
  if (typeof r.data === 'string' && r.data !== '') {
    data = worst(...r.data.split(':').map((pair) => {
      const kv = pair.split('=');
      return kv.length === 2 ? worst(wire(kv[0], false), wire(kv[1], true)) : 'invalid';
    }));
  } else if (typeof r.data === 'object' && r.data !== null && !Array.isArray(r.data)) {
    data = worst(...Object.entries(r.data).map(([k, v]) => worst(wire(k, false), wire(v, true))));
  } else if (r.data !== undefined && r.data !== '') data = 'invalid';
  // One rule for alternatives everywhere: plain or typed, as text or as {type, retries, number}.
  const altText = (a) => isPhone(a) || (TYPED_TEXT.test(a) && isPhone(TYPED_TEXT.exec(a)[3]));
  const alt = (a) => (typeof a === 'string' ? altText(a)
    : typeof a === 'object' && a !== null && !Array.isArray(a) && TYPES.includes(a.type) && isInt(a.retries, 0, 9999) && isPhone(a.number));
  const alts = r.alternatives;
  return worst(
    wire(campaign, false),
    isPhone(r.phone) ? 'valid' : 'invalid',
    data,
    alts === undefined || alts === '' || (typeof alts === 'string' && alts.split(':').every(altText)) ||
      (Array.isArray(alts) && alts.every(alt)) ? 'valid' : 'invalid',
    r.priority === undefined || isInt(r.priority, 1, 9999) ? 'valid' : 'invalid',
    (progressive ? isPhone(r.agentPhone) : r.agentPhone === undefined) ? 'valid' : 'invalid',
  );
}

// ---------------------------------------------------------------------------------------------------
// Generators: mostly valid parts, with the characters that break the format mixed in often.

const hostileString = fc.array(fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(';', ':', '=', '|', '\n', '\r', '\r\n', ' ', '\t', '\u00a0', '\u0085', '\u2028', '\u2029') },
  { weight: 5, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 4 }) },
), { maxLength: 6 }).map((a) => a.join(''));
const safeWord = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }).filter((s) => wire(s, false) === 'valid');
const word = fc.oneof({ weight: 4, arbitrary: safeWord }, { weight: 2, arbitrary: hostileString }, { weight: 1, arbitrary: fc.constantFrom('', ' ', '__proto__', 'a b', 7, null) });
const phone = fc.stringMatching(/^\+?\d{1,32}$/);
const badPhone = fc.oneof(hostileString, fc.constantFrom('', '+', '099 123', '099-123', '12;3', '1:2', 'H=0=1', '١٢٣', '1'.repeat(33), 99123456, null));
const anyPhone = fc.oneof({ weight: 5, arbitrary: phone }, { weight: 1, arbitrary: badPhone });
const intOr = (min, max) => fc.oneof(
  { weight: 5, arbitrary: fc.integer({ min, max }) },
  { weight: 1, arbitrary: fc.constantFrom(min - 1, max + 1, -0, 1.5, NaN, Infinity, '3', null) },
);
const typed = fc.record({
  type: fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...TYPES) }, { weight: 1, arbitrary: fc.constantFrom('X', 'm', '', 'MW', null) }),
  retries: intOr(0, 9999),
  number: anyPhone,
});
const alternative = fc.oneof(
  { weight: 4, arbitrary: phone }, { weight: 4, arbitrary: typed },
  { weight: 1, arbitrary: fc.oneof(badPhone, typed.map((t) => `${t.type}=${t.retries}=${t.number}`), fc.constantFrom(null, 5, [])) },
);
const dataPairs = fc.array(fc.tuple(word, fc.oneof(fc.constant(''), word)), { maxLength: 5 });
const data = fc.oneof(
  dataPairs.map((pairs) => Object.fromEntries(pairs.filter(([k]) => typeof k === 'string').map(([k, v]) => [k, v]))),
  dataPairs.map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join(':')),
  fc.oneof(hostileString, fc.constantFrom('', 'a', 'a=b=c', 'a=1::b=2', ':a=1', '=1', 5, null, ['a=1'])),
);
const record = fc.record({
  phone: anyPhone,
  data: fc.oneof(data, fc.constant(undefined)),
  alternatives: fc.oneof(
    { weight: 6, arbitrary: fc.array(alternative, { maxLength: 4 }) },
    // The same, written as `:`-joined text.
    { weight: 2, arbitrary: fc.array(alternative, { maxLength: 4 }).map((list) => list.map((a) => (a && typeof a === 'object' ? `${a.type}=${a.retries}=${a.number}` : String(a))).join(':')) },
    { weight: 1, arbitrary: fc.constantFrom(undefined, '099123456', 'H=10000=099', null, {}) },
  ),
  priority: fc.oneof(fc.constant(undefined), intOr(1, 9999)),
  agentPhone: fc.oneof(fc.constant(undefined), anyPhone),
}, { requiredKeys: ['phone'] });
// Records built only from valid parts, so that a good share of the cases is written and parsed back.
const cleanRecord = fc.record({
  phone,
  data: fc.oneof(
    fc.dictionary(safeWord, fc.oneof(fc.constant(''), safeWord), { maxKeys: 5 }),
    fc.array(fc.tuple(safeWord, fc.oneof(fc.constant(''), safeWord)), { maxLength: 5 }).map((p) => p.map((kv) => kv.join('=')).join(':')),
  ),
  alternatives: fc.array(fc.oneof(phone, fc.record({ type: fc.constantFrom(...TYPES), retries: fc.integer({ min: 0, max: 9999 }), number: phone })), { maxLength: 4 }),
  priority: fc.integer({ min: 1, max: 9999 }),
  agentPhone: phone,
}, { requiredKeys: ['phone'] });
const campaign = fc.oneof({ weight: 6, arbitrary: safeWord }, { weight: 1, arbitrary: hostileString }, { weight: 1, arbitrary: fc.constantFrom('Sales->', 'Ventas ñ', ' ', 'a;b', 'a:b') });

test('property: formatCallsBaseRecord output parses back to exactly the record, or the record is refused', (t) => {
  const seen = { valid: 0, invalid: 0, either: 0, written: 0, refused: 0 };
  fc.assert(fc.property(campaign, fc.oneof({ weight: 10, arbitrary: record }, { weight: 10, arbitrary: cleanRecord }, { weight: 1, arbitrary: fc.constantFrom(null, [], 'x') }), fc.boolean(),
    (camp, rec, progressive) => {
      const expect = verdict(camp, rec, progressive);
      seen[expect]++;
      let line;
      try {
        line = formatCallsBaseRecord(camp, rec, { progressive, index: 3 });
      } catch (e) {
        assert.ok(isBridgeError(e, 'INVALID_ARGUMENT'), `not INVALID_ARGUMENT: ${e?.name}: ${e?.message}`);
        assert.match(e.message, /^formatCallsBaseRecord: /);
        assert.notEqual(expect, 'valid', `a valid record was refused: ${e.message}`);
        seen.refused++;
        return;
      }
      seen.written++;
      assert.equal(typeof line, 'string');
      assert.deepStrictEqual(parseLine(line, progressive), normalise(camp, rec, progressive));
      assert.notEqual(expect, 'invalid', `an invalid record was written: ${JSON.stringify(line)}`);
    }), { seed: SEED, numRuns: 8000, includeErrorInReport: true });
  t.diagnostic(`calls-base writer: ${JSON.stringify(seen)}`);
});

// Minimal reproduction of what the property finds: in a `data` string, the keys are not checked for
// the characters that break the line (values and object keys are).
test('repro: a data string whose key holds ; or a line break is refused', () => {
  for (const data of ['a;b=1', 'a\rb=1', 'a\nb=1']) {
    assert.throws(() => formatCallsBaseRecord('Sales->', { phone: '099123456', data }), (e) => isBridgeError(e, 'INVALID_ARGUMENT'),
      `data ${JSON.stringify(data)} was written`);
  }
});
