// Fuzz tests of the built cti entry's builders (spec 4.3, 4.4), beyond property-cti's Respool model:
// - toRespool passes the protected fields back exactly as the portal sent them (same type, same
//   text: `'0015422'`, `2` or `'2'`, a number as dialerbase), whatever the key case and the other fields;
// - the Schedule builder, started from a CTI, a dialer record or plain fields, after any sequence of
//   operations, builds the contract's object (key order, `alternatives`/`agentphone` omitted when
//   empty, `data` `''` when empty, a real `YYYY-MM-DD HH:mm:ss` calldate showing the Date's wall time in
//   the zone asked) or refuses with INVALID_ARGUMENT; nothing else is thrown.
// Seeds are fixed (override with FC_SEED); fast-check prints seed and path on failure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatDateTime, isBridgeError, parseCti, respoolBuilder, scheduleBuilder, toRespool } from '../../dist/cti.js';
import { createUContactClient } from '../../dist/http.js';

const SEED = process.env.FC_SEED === undefined ? 20261204 : Number(process.env.FC_SEED);
const PROTECTED = ['campaign', 'status', 'contact', 'dialerbase'];
const RESPOOL_KEYS = ['campaign', 'destination', 'status', 'data', 'alternatives', 'retries', 'contact', 'dialerbase', 'priority', 'agentphone'];
const randomCase = (name) => fc.array(fc.boolean(), { minLength: name.length, maxLength: name.length })
  .map((up) => [...name].map((c, i) => (up[i] ? c.toUpperCase() : c)).join(''));
const phone = fc.stringMatching(/^\+?\d{1,20}$/);
const id = fc.oneof(fc.nat(), fc.stringMatching(/^\d{1,18}$/), fc.constantFrom('0015422', '0', '00'));

test('fuzz: toRespool and respoolBuilder pass the protected fields back exactly as received, any key case, any form', (t) => {
  let built = 0;
  const dialer = fc.record({
    campaign: fc.string({ minLength: 1 }).filter((s) => s.trim() !== ''), status: id, contact: id,
    dialerbase: fc.oneof(fc.string(), fc.integer(), fc.maxSafeInteger()),
    destination: phone, data: fc.string(), alternatives: fc.string(), retries: fc.oneof(fc.nat({ max: 9999 }), fc.nat({ max: 9999 }).map(String)),
    priority: fc.oneof(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 9999 }).map((n) => ` ${n} `)), agentphone: fc.string(),
    junk: fc.jsonValue(),
  });
  const spelled = dialer.chain((d) => fc.tuple(...Object.keys(d).map((k) => randomCase(k))).map((names) => [d, Object.fromEntries(names.map((n, i) => [n, Object.values(d)[i]]))]));
  fc.assert(fc.property(spelled, fc.boolean(), ([d, sent], asText) => {
    const cti = parseCti(asText ? JSON.stringify({ Guid: 'g', Dialer: sent }) : { Guid: 'g', Dialer: sent });
    const json = (v) => (asText ? JSON.parse(JSON.stringify(v)) : v);
    for (const out of [toRespool(cti.dialer), respoolBuilder(cti.dialer).setPriority(3).setRetries(0).setData('k', 'v').build()]) {
      built++;
      assert.deepStrictEqual(Object.keys(out), RESPOOL_KEYS);
      for (const k of PROTECTED) assert.ok(Object.is(out[k], json(d[k])), `${k}: ${String(out[k])} !== ${String(d[k])}`);
    }
    assert.deepEqual(cti.problems.filter((p) => PROTECTED.includes(p.slice(7))), []);
    assert.ok(Object.hasOwn(cti.dialer.extra, Object.keys(sent).find((k) => k.toLowerCase() === 'junk')));
  }), { seed: SEED, numRuns: 2000, includeErrorInReport: true });
  t.diagnostic(`${built} respools built`);
});

// ---------------------------------------------------------------------------------------------------

const DATE_TIME = /^(\d{4})-(\d\d)-(\d\d) (\d\d):([0-5]\d):([0-5]\d)$/;
const isDateTime = (s) => {
  const m = DATE_TIME.exec(s)?.map(Number);
  if (!m) return false;
  const d = new Date(Date.UTC(2000, m[2] - 1, m[3], m[4], m[5], m[6]));
  d.setUTCFullYear(m[1]);
  return m[1] >= 1 && d.getUTCFullYear() === m[1] && d.getUTCMonth() === m[2] - 1 && d.getUTCDate() === m[3] && d.getUTCHours() === m[4];
};
// Zones whose wall time is computable without Intl: a fixed offset (Etc/GMT+3 is UTC-3).
const ZONES = { UTC: 0, 'Etc/GMT+3': -3, 'Etc/GMT-14': 14, 'Etc/GMT+12': -12 };
const wall = (date, zone) => {
  const d = new Date(date.getTime() + ZONES[zone] * 3600_000);
  const y = d.getUTCFullYear();
  const p = (n) => String(n).padStart(2, '0');
  return `${String(y).padStart(4, '0')}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
};

const word = fc.oneof(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }), fc.constantFrom('', ' ', 'a;b', 'a:b', 'a=b', '\n', '__proto__'));
const alt = fc.oneof(phone, fc.record({ type: fc.constantFrom('M', 'W', 'H', 'P', 'U', 'X'), retries: fc.integer({ min: -1, max: 10000 }), number: phone }),
  fc.constantFrom('H=0=099', 'X=0=1', '099 1', '', 5));
const when = fc.oneof(
  fc.date({ min: new Date('1000-01-02T00:00:00Z'), max: new Date('9999-12-30T00:00:00Z'), noInvalidDate: true }),
  fc.date(), fc.date({ min: new Date('-000100-01-01T00:00:00Z'), max: new Date('+010100-01-01T00:00:00Z') }),
  fc.constantFrom('2026-12-24 10:00:00', '2026-02-30 10:00:00', '2026-12-24T10:00:00', '', 5),
);
const zone = fc.constantFrom(...Object.keys(ZONES));
const op = fc.oneof(
  fc.tuple(fc.constant('setCalldate'), fc.tuple(when, zone)),
  fc.tuple(fc.constant('setCalldate'), fc.tuple(when)),
  fc.tuple(fc.constant('setCampaign'), fc.tuple(word)),
  fc.tuple(fc.constant('setDestination'), fc.tuple(fc.oneof(phone, word))),
  fc.tuple(fc.constant('setAlternatives'), fc.tuple(fc.array(alt, { maxLength: 3 }))),
  fc.tuple(fc.constant('addAlternative'), fc.tuple(alt)),
  fc.tuple(fc.constant('removeAlternative'), fc.tuple(fc.oneof(fc.integer({ min: -1, max: 3 }), phone))),
  fc.tuple(fc.constant('reorderAlternatives'), fc.tuple(fc.array(fc.nat({ max: 3 }), { maxLength: 3 }))),
  fc.tuple(fc.constant('setData'), fc.tuple(word, word)),
  fc.tuple(fc.constant('removeData'), fc.tuple(word)),
  fc.tuple(fc.constant('setAgentPhone'), fc.tuple(fc.oneof(phone, fc.constant(''), word))),
);
const from = fc.oneof(
  fc.record({ campaign: word, destination: fc.oneof(phone, word), alternatives: fc.oneof(fc.array(alt, { maxLength: 3 }), fc.constant('099:H=1=098')),
    data: fc.oneof(fc.constant(''), fc.dictionary(word, word, { maxKeys: 3 }), fc.constant('a=1:b=')), agentphone: fc.oneof(phone, fc.constant('')),
    calldate: when }, { requiredKeys: ['campaign', 'destination'] }),
  fc.record({ Guid: fc.constant('g'), Campaign: word, Callerid: fc.oneof(phone, word), ParAndValues: fc.string(), Channel: fc.constantFrom('', 'email', 'telephony'),
    Dialer: fc.option(fc.record({ campaign: word, destination: fc.oneof(phone, word), status: fc.constant(1), contact: fc.nat(), dialerbase: word,
      data: fc.string(), alternatives: fc.string(), agentphone: fc.oneof(phone, fc.constant('')) }), { nil: undefined }) })
    .map((c) => parseCti(c)),
);

test('fuzz: the Schedule builder builds the contract\'s object after any operations, or refuses with INVALID_ARGUMENT', (t) => {
  const seen = { built: 0, refused: 0, dates: 0 };
  fc.assert(fc.property(from, fc.option(zone, { nil: undefined }), fc.array(op, { maxLength: 8 }), (start, z, ops) => {
    const typed = (fn) => {
      try {
        fn();
        return true;
      } catch (e) {
        assert.ok(isBridgeError(e, 'INVALID_ARGUMENT'), `${e?.name}: ${e?.message}`);
        return false;
      }
    };
    let b;
    if (!typed(() => { b = scheduleBuilder(start, z === undefined ? undefined : { timeZone: z }); })) return;
    let lastDate;
    for (const [m, args] of ops) {
      if (typed(() => assert.equal(b[m](...args), b)) && m === 'setCalldate') lastDate = args[0] instanceof Date ? [args[0], args[1] ?? z] : undefined;
    }
    let out;
    if (!typed(() => { out = b.build(); })) {
      seen.refused++;
      return;
    }
    seen.built++;
    const keys = ['calldate', 'campaign', 'destination', 'data', 'alternatives', 'agentphone'].filter((k) => k in out);
    assert.deepStrictEqual(Object.keys(out), keys, 'the contract\'s key order');
    assert.deepStrictEqual(keys.slice(0, 4), ['calldate', 'campaign', 'destination', 'data']);
    assert.ok(isDateTime(out.calldate), `calldate ${out.calldate}`);
    assert.ok(typeof out.campaign === 'string' && out.campaign.trim() !== '');
    assert.match(out.destination, /^\+?\d{1,32}$/);
    assert.equal(typeof out.data, 'string');
    for (const k of ['alternatives', 'agentphone']) if (k in out) assert.ok(typeof out[k] === 'string' && out[k] !== '', k);
    // Within a day of year 1 or 10000 the zone may move the year out of the four digits: not checked here.
    const y = lastDate?.[0].getUTCFullYear();
    if (lastDate && lastDate[1] !== undefined && y > 1 && y < 9999) {
      seen.dates++;
      assert.equal(out.calldate, wall(lastDate[0], lastDate[1]), `${lastDate[0].toISOString()} in ${lastDate[1]}`);
    }
  }), { seed: SEED, numRuns: 3000, includeErrorInReport: true });
  t.diagnostic(JSON.stringify(seen));
  // Each way out is reached: a builder that refused everything would pass the checks above unseen.
  assert.ok(seen.built > 100 && seen.refused > 100 && seen.dates > 50, JSON.stringify(seen));
});

// Minimal reproductions of what the Schedule property found: a Date whose year has no four-digit
// form (a date picker typo such as 20266; year 0 or before) was written as '20266-12-24 10:00:00' or
// as a wrong year ('0001-…' for year 0) instead of being refused before anything is sent.
test('repro: a Date outside years 1 to 9999 is INVALID_ARGUMENT before anything is sent, never a wrong or five-digit year', async () => {
  const typo = new Date(2026, 11, 24, 10);
  typo.setFullYear(20266);
  const yearZero = new Date(2026, 5, 1, 12);
  yearZero.setFullYear(0);
  const refused = (fn, field) => assert.throws(fn, (e) => isBridgeError(e, 'INVALID_ARGUMENT') && e.message.includes(field), field);
  for (const d of [typo, yearZero]) {
    refused(() => scheduleBuilder({ campaign: 'S', destination: '099123456' }).setCalldate(d), 'calldate');
    refused(() => formatDateTime(d), 'date');
    const sent = [];
    const uc = createUContactClient({
      baseUrl: 'https://uc.example', credentials: { token: 'dG9rZW46MQ==' },
      fetch: async (url, init) => { sent.push(init.body); return new Response('1'); },
    });
    await assert.rejects(uc.dispositionCall({ campaign: 'S', agent: 'a', callerid: '', guid: 'g', l1: 'x', schedule: d }),
      (e) => isBridgeError(e, 'INVALID_ARGUMENT') && e.message.includes('schedule'));
    await assert.rejects(uc.getRecordings({ from: d, to: new Date() }), (e) => isBridgeError(e, 'INVALID_ARGUMENT') && e.message.includes('from'));
    assert.deepEqual(sent, []);
  }
  // The edges stay accepted: a day inside years 1 and 9999 in UTC, so years 1 and 9999 in every
  // zone (a day's margin: whether a Date is taken does not depend on the zone it is written in).
  assert.equal(formatDateTime(new Date('0001-01-02T00:00:00Z'), 'UTC'), '0001-01-02 00:00:00');
  assert.equal(formatDateTime(new Date('9999-12-31T00:00:00Z'), 'Pacific/Kiritimati'), '9999-12-31 14:00:00');
});
