// The one validation module (src/shared/validate.ts): each named rule, record() with its unknown-key
// and missing-key refusals, and that no message ever repeats a value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { importSource } from '../support/from-src.mjs';

const v = await importSource('shared/validate.ts');
const OP = 'op';

/** Runs `fn`, expects INVALID_ARGUMENT, returns the message. */
function refused(fn) {
  try {
    fn();
  } catch (e) {
    assert.equal(e.code, 'INVALID_ARGUMENT', e.message);
    assert.equal(e.operation, OP);
    assert.match(e.message, /^op: /);
    return e.message;
  }
  assert.fail('expected INVALID_ARGUMENT');
}

test('text, optionalText, string', () => {
  assert.equal(v.text(OP, 'campaign', 'Sales->'), 'Sales->');
  assert.match(refused(() => v.text(OP, 'campaign', undefined)), /campaign is required/);
  assert.match(refused(() => v.text(OP, 'campaign', '  ')), /campaign is required/);
  assert.match(refused(() => v.text(OP, 'campaign', 5)), /campaign must be a string/);
  assert.equal(v.optionalText(OP, 'comment', undefined), '');
  assert.equal(v.optionalText(OP, 'comment', ''), '');
  assert.match(refused(() => v.optionalText(OP, 'comment', null)), /comment is required/);
  assert.equal(v.string(OP, 's', ''), '');
});

test('phone and optionalPhone', () => {
  for (const ok of ['099123456', '+59899123456', '1']) assert.equal(v.phone(OP, 'destination', ok), ok);
  for (const badValue of ['099 123', '099-123', '+', 'abc', '1'.repeat(33)]) {
    assert.match(refused(() => v.phone(OP, 'destination', badValue)), /destination must be digits with an optional leading \+/);
  }
  assert.match(refused(() => v.phone(OP, 'destination', '')), /destination is required/);
  assert.equal(v.optionalPhone(OP, 'callerid', undefined), '');
  assert.equal(v.optionalPhone(OP, 'callerid', ''), '');
  assert.equal(v.optionalPhone(OP, 'callerid', '1001'), '1001');
  assert.ok(v.optionalPhone.optional);
  assert.equal(v.phone.optional, undefined);
});

test('secret: any non-empty string, blanks included', () => {
  assert.equal(v.secret(OP, 'passphrase', '\t'), '\t');
  assert.match(refused(() => v.secret(OP, 'passphrase', '')), /passphrase is required/);
  assert.match(refused(() => v.secret(OP, 'passphrase', 7)), /passphrase must be a string/);
});

test('phoneOrEmpty: a number or none, but given', () => {
  assert.equal(v.phoneOrEmpty(OP, 'callerid', ''), '');
  assert.equal(v.phoneOrEmpty(OP, 'callerid', '+598'), '+598');
  assert.match(refused(() => v.phoneOrEmpty(OP, 'callerid', undefined)), /callerid is required/);
  assert.match(refused(() => v.phoneOrEmpty(OP, 'callerid', '1 2')), /callerid must be digits/);
  assert.equal(v.phoneOrEmpty.optional, undefined);
});

test('wireTextOrEmpty: empty and blank allowed (they corrupt no record), separators and undefined refused', () => {
  for (const ok of ['', ' ', 'Ana María']) assert.equal(v.wireTextOrEmpty(OP, 'data value', ok), ok);
  assert.match(refused(() => v.wireTextOrEmpty(OP, 'data value', undefined)), /data value is required/);
  assert.match(refused(() => v.wireTextOrEmpty(OP, 'data value', 'a:b')), /data value must not contain/);
  assert.equal(v.optionalWireText(OP, 'l2', ' '), ' ');
  assert.match(refused(() => v.wireText(OP, 'campaign', ' ')), /campaign is required/);
});

test('durationMs: 0 to the timer maximum (0: none, for a time limit)', () => {
  assert.equal(v.durationMs(OP, 'interval', 0), 0);
  assert.equal(v.durationMs(OP, 'interval', 2 ** 31 - 1), 2 ** 31 - 1);
  for (const x of [-1, 2 ** 31, 1.5, '5', Infinity]) assert.match(refused(() => v.durationMs(OP, 'interval', x)), /interval must be an integer from 0 to 2147483647/);
});

test('optionalDateTime: a date-time, or none', () => {
  assert.equal(v.optionalDateTime(OP, 'schedule', undefined), '');
  assert.equal(v.optionalDateTime(OP, 'schedule', ''), '');
  assert.equal(v.optionalDateTime(OP, 'schedule', '2026-12-03 09:05:07'), '2026-12-03 09:05:07');
  assert.match(refused(() => v.optionalDateTime(OP, 'schedule', '2026-02-30 10:00:00')), /schedule must be a valid Date/);
  assert.ok(v.optionalDateTime.optional);
});

test('strings: an object of strings, keys named only when they are identifiers; a copy', () => {
  const given = { phone: '1001', empty: '' };
  const out = v.strings(OP, 'fields', given);
  assert.deepEqual(out, given);
  assert.notEqual(out, given);
  assert.deepEqual(Object.keys(v.strings(OP, 'fields', JSON.parse('{"__proto__":"x"}'))), ['__proto__']);
  assert.match(refused(() => v.strings(OP, 'fields', { phone: 1001 })), /fields\.phone must be a string$/);
  const msg = refused(() => v.strings(OP, 'fields', { a: '1', '099123456': 5 }));
  assert.match(msg, /fields value 1 must be a string$/);
  assert.match(refused(() => v.strings(OP, 'fields', { '': 'x' })), /fields key 0 is required/);
  for (const x of ['a=1', [], null]) assert.match(refused(() => v.strings(OP, 'fields', x)), /fields must be an object of strings/);
});

test('alternativeNumber reads the number of a typed entry (the portal\'s, unchecked)', () => {
  assert.equal(v.alternativeNumber('H=0=999555555'), '999555555');
  assert.equal(v.alternativeNumber('098111222'), '098111222');
  assert.equal(v.alternativeNumber('H=10000=999'), 'H=10000=999', 'not a typed entry: retries are 0 to 9999');
});

test('wireText and optionalWireText refuse the record separators; labels | and line breaks', () => {
  for (const c of [';', ':', '=', '\n', '\r']) {
    assert.match(refused(() => v.wireText(OP, 'tag', `a${c}b`)), /tag must not contain/);
    assert.match(refused(() => v.optionalWireText(OP, 'l2', `a${c}b`)), /l2 must not contain/);
    // A label is no record: it refuses only | (the joiner) and line breaks.
    if (c === '\n' || c === '\r') assert.match(refused(() => v.labels(OP, 'tag', `a${c}b`)), /tag must not contain/);
    else assert.equal(v.labels(OP, 'tag', `a${c}b`), `a${c}b`);
  }
  // `|` joins labels only (spec 6 names ; : = and line breaks for records): a record value may hold it.
  assert.equal(v.wireText(OP, 'notes', 'a|b'), 'a|b');
  assert.equal(v.optionalWireText(OP, 'l2', 'a|b'), 'a|b');
  assert.match(refused(() => v.labels(OP, 'tag', 'a|b')), /tag must not contain \| \(the joiner\)/);
  assert.equal(v.optionalWireText(OP, 'l2', ''), '');
  assert.equal(v.optionalWireText(OP, 'l2', undefined), '');
  assert.equal(v.labels(OP, 'tag', 'vip'), 'vip');
  assert.equal(v.labels(OP, 'tag', ['vip', 'callback']), 'vip|callback');
  assert.match(refused(() => v.labels(OP, 'tag', [])), /tag must name at least one label/);
  assert.match(refused(() => v.labels(OP, 'tag', ['ok', 'a|b'])), /tag\[1\] must not contain/);
  assert.equal(v.optionalLabels(OP, 'tag', undefined), '');
});

test('integers: priority, retries, count, timeoutMs, integer(min, max)', () => {
  assert.equal(v.priority(OP, 'priority', 1), 1);
  assert.equal(v.priority(OP, 'priority', 9999), 9999);
  for (const x of [0, 10000, 1.5, '5', NaN]) assert.match(refused(() => v.priority(OP, 'priority', x)), /priority must be an integer from 1 to 9999/);
  assert.equal(v.retries(OP, 'retries', 0), 0);
  assert.match(refused(() => v.retries(OP, 'retries', -1)), /from 0 to 9999/);
  assert.equal(v.timeoutMs(OP, 'timeoutMs', 2 ** 31 - 1), 2 ** 31 - 1);
  assert.match(refused(() => v.timeoutMs(OP, 'timeoutMs', 2 ** 31)), /timeoutMs must be an integer from 1 to 2147483647/);
  assert.match(refused(() => v.timeoutMs(OP, 'timeoutMs', 0)), /from 1/);
  assert.equal(v.integer(3, 4)(OP, 'n', 4), 4);
});

test('flag, callback, oneOf', () => {
  assert.equal(v.flag(OP, 'confirm', false), false);
  assert.match(refused(() => v.flag(OP, 'confirm', 'yes')), /confirm must be true or false/);
  const fn = () => 1;
  assert.equal(v.callback(OP, 'log', fn), fn);
  assert.match(refused(() => v.callback(OP, 'log', {})), /log must be a function/);
  assert.equal(v.oneOf('mp3', 'wav')(OP, 'format', 'wav'), 'wav');
  assert.match(refused(() => v.oneOf('mp3', 'wav')(OP, 'format', 'ogg')), /format must be 'mp3' or 'wav'/);
});

test('signal: an AbortSignal or none; the controller itself is refused', () => {
  const c = new AbortController();
  assert.equal(v.signal(OP, 'signal', c.signal), c.signal);
  assert.equal(v.signal(OP, 'signal', undefined), undefined);
  assert.equal(v.signal(OP, 'signal', null), undefined);
  for (const wrong of [c, {}, { aborted: false }, 'signal', 1]) {
    assert.match(refused(() => v.signal(OP, 'signal', wrong)), /signal must be an AbortSignal \(controller.signal, not the controller\)/);
  }
  assert.ok(v.signal.optional);
});

test('dateTime, timeZone, formatDateTime', () => {
  assert.equal(v.dateTime(OP, 'calldate', '2026-12-03 09:05:07'), '2026-12-03 09:05:07');
  const d = new Date(Date.UTC(2026, 11, 3, 12, 0, 0));
  // A copy of its time: what is rendered later is no object of the caller's (its own valueOf, a change made meanwhile).
  assert.deepEqual(v.dateTime(OP, 'calldate', d), d);
  assert.notEqual(v.dateTime(OP, 'calldate', d), d);
  for (const x of ['2026-02-30 10:00:00', '2026-12-03 24:00:00', '2026-12-03 09:60:00', '2026-12-03 09:05:60', '2026-12-03T09:05:07', new Date(NaN), 123]) {
    assert.match(refused(() => v.dateTime(OP, 'calldate', x)), /calldate must be a valid Date or a 'YYYY-MM-DD HH:mm:ss' string/);
  }
  assert.equal(v.formatDateTime(d, 'UTC'), '2026-12-03 12:00:00');
  assert.equal(v.formatDateTime(d, 'America/Montevideo'), '2026-12-03 09:00:00');
  assert.equal(v.formatDateTime(d, 'Asia/Kolkata'), '2026-12-03 17:30:00');
  const local = new Date(2026, 0, 2, 3, 4, 5);
  assert.equal(v.formatDateTime(local), '2026-01-02 03:04:05');
  assert.equal(v.formatDateTime('2026-12-03 09:05:07', 'UTC'), '2026-12-03 09:05:07');
  assert.equal(v.timeZone(OP, 'timeZone', 'local'), 'local');
  assert.equal(v.timeZone(OP, 'timeZone', 'UTC'), 'UTC');
  assert.equal(v.timeZone(OP, 'timeZone', 'America/Montevideo'), 'America/Montevideo');
  assert.equal(v.timeZone(OP, 'timeZone', 'america/montevideo'), 'America/Montevideo', 'in the platform\'s own spelling');
  assert.match(refused(() => v.timeZone(OP, 'timeZone', 'Mars/Base')), /timeZone must be local, UTC or an IANA time zone name/);
});

test("timeZone: ICU's own ids (three letters not in tzdata, SystemV) are refused; tzdata's three-letter names are taken", () => {
  // Every three-letter id Node 20's and Debian Chromium 156's Intl take: 25 are ICU's (and Java's),
  // often not the zone meant ('ART' is Cairo, 'BST' Dhaka, 'IST' Kolkata, 'NST' Auckland); 13 are
  // tzdata names (2025b, its zones and links). SystemV ids are ICU's only.
  const icu = ['ACT', 'AET', 'AGT', 'ART', 'AST', 'BET', 'BST', 'CAT', 'CNT', 'CST', 'CTT', 'EAT', 'ECT', 'IET', 'IST', 'JST', 'MIT', 'NET', 'NST',
    'PLT', 'PNT', 'PRT', 'PST', 'SST', 'VST', 'art', 'Bst', 'SystemV/AST4', 'SystemV/EST5EDT', 'systemv/pst8pdt'];
  for (const zone of icu) {
    assert.equal(refused(() => v.timeZone(OP, 'timeZone', zone)), 'op: timeZone must be local, UTC or an IANA time zone name', zone);
    assert.match(refused(() => v.ianaTimeZone(OP, 'timezone', zone)), /^op: timezone must be an IANA time zone name/, zone);
  }
  const tzdata = ['UTC', 'UCT', 'GMT', 'EST', 'MST', 'HST', 'CET', 'EET', 'MET', 'WET', 'PRC', 'ROC', 'ROK'];
  for (const zone of tzdata) {
    const known = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
    assert.equal(v.timeZone(OP, 'timeZone', zone), zone === known || zone.toLowerCase() !== known.toLowerCase() ? zone : known, zone);
    assert.equal(v.timeZone(OP, 'timeZone', zone.toLowerCase()), known, zone);
  }
  // No other three-letter id is taken, whatever this platform's Intl knows.
  const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const taken = [...A].flatMap((a) => [...A].flatMap((b) => [...A].map((c) => a + b + c))).filter((zone) => {
    try {
      return v.timeZone(OP, 'timeZone', zone);
    } catch {
      return false;
    }
  });
  assert.deepEqual(taken, [...tzdata].sort());
  // Names of other lengths as before; an offset is still no name.
  for (const zone of ['NZ', 'GB', 'Zulu', 'EST5EDT', 'Etc/GMT+3', 'W-SU', 'Asia/Kolkata']) assert.ok(v.timeZone(OP, 'timeZone', zone), zone);
  for (const zone of ['+05:30', '-0300', '1UTC', '_UTC', 'UTCX']) assert.match(refused(() => v.timeZone(OP, 'timeZone', zone)), /must be local, UTC or an IANA/, zone);
});

test('timeZone: names ICU keeps that tzdata removed (Canada/East-Saskatchewan 2017c, US/Pacific-New 2020b) are refused; tzdata\'s names with a hyphen are taken', () => {
  // Node 20's and Chromium 156's Intl take both (as Regina and Los Angeles); a server on a newer
  // tzdata (Java's TimeZone.getTimeZone: GMT for an id it lacks) finds neither, and the rule sends
  // an alias as typed. Every other id both take beyond tzdata's is a three-letter or SystemV one.
  for (const zone of ['Canada/East-Saskatchewan', 'US/Pacific-New', 'canada/east-saskatchewan', 'US/PACIFIC-NEW']) {
    assert.equal(refused(() => v.timeZone(OP, 'timeZone', zone)), 'op: timeZone must be local, UTC or an IANA time zone name', zone);
    assert.match(refused(() => v.ianaTimeZone(OP, 'timezone', zone)), /^op: timezone must be an IANA time zone name/, zone);
  }
  // tzdata 2025b's names with a hyphen (zones and links), and every name this platform lists.
  const hyphen = ['Africa/Porto-Novo', 'America/Blanc-Sablon', 'America/Port-au-Prince', 'Asia/Ust-Nera', 'Etc/GMT-0', 'Etc/GMT-14', 'GB-Eire', 'GMT-0',
    'NZ-CHAT', 'US/East-Indiana', 'US/Indiana-Starke', 'W-SU'];
  for (const zone of [...hyphen, ...Intl.supportedValuesOf('timeZone')]) assert.ok(v.timeZone(OP, 'timeZone', zone), zone);
});

test('formatDateTime in the local zone is what the Date getters say (any date, DST changes included)', () => {
  const pad = (n, w = 2) => String(n).padStart(w, '0');
  const getters = (d) => `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  fc.assert(fc.property(fc.date({ min: new Date('1000-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true }), (d) => {
    assert.equal(v.formatDateTime(d), getters(d));
    assert.equal(v.formatDateTime(d, 'local'), getters(d));
  }), { numRuns: 3000 });
});

test('alternative and alternatives: plain or typed, as text or objects, one rule everywhere', () => {
  assert.equal(v.alternative(OP, 'a', '098111222'), '098111222');
  assert.equal(v.alternative(OP, 'a', 'H=0=999555555'), 'H=0=999555555');
  assert.equal(v.alternative(OP, 'a', { type: 'W', retries: 2, number: '099' }), 'W=2=099');
  assert.match(refused(() => v.alternative(OP, 'a', 'X=0=999')), /a must be a number or TYPE=RETRIES=NUMBER/);
  assert.match(refused(() => v.alternative(OP, 'a', 'H=10000=999')), /a must be a number or TYPE=RETRIES=NUMBER/);
  assert.match(refused(() => v.alternative(OP, 'a', 'H=0=99 9')), /a \(number part\) must be digits/);
  assert.match(refused(() => v.alternative(OP, 'a', { type: 'W', retries: 2, number: '099', extra: 1 })), /a has an unknown key 'a.extra'/);
  assert.match(refused(() => v.alternative(OP, 'a', { type: 'Q', retries: 2, number: '099' })), /a.type must be 'M' or 'W'/);
  assert.equal(v.alternatives(OP, 'alternatives', undefined), '');
  assert.equal(v.alternatives(OP, 'alternatives', ''), '');
  assert.equal(v.alternatives(OP, 'alternatives', '098:H=0=097'), '098:H=0=097');
  assert.equal(v.alternatives(OP, 'alternatives', ['098', { type: 'P', retries: 1, number: '097' }]), '098:P=1=097');
  assert.match(refused(() => v.alternatives(OP, 'alternatives', '098::097')), /alternatives\[1\] is required/);
  // eslint-disable-next-line no-sparse-arrays
  assert.match(refused(() => v.alternatives(OP, 'alternatives', ['098', , '097'])), /alternatives\[1\] is required/);
  assert.match(refused(() => v.alternatives(OP, 'alternatives', 5)), /alternatives must be an array or a :-joined string/);
});

test('keyValues: k=v:k=v text or a record; every pair has a key and =; no separators inside', () => {
  assert.equal(v.keyValues(OP, 'data', undefined), '');
  assert.equal(v.keyValues(OP, 'data', ''), '');
  assert.equal(v.keyValues(OP, 'data', 'id=7:state='), 'id=7:state=');
  assert.equal(v.keyValues(OP, 'data', { id: '7', state: '' }), 'id=7:state=');
  assert.match(refused(() => v.keyValues(OP, 'data', 'id=7:novalue')), /data pair 1 must be key=value/);
  assert.match(refused(() => v.keyValues(OP, 'data', '=7')), /data pair 0 must be key=value/);
  assert.match(refused(() => v.keyValues(OP, 'data', 'a=b=c')), /data pair 0 value must not contain/);
  assert.match(refused(() => v.keyValues(OP, 'data', { 'a;b': '1' })), /data key 0 must not contain/);
  assert.match(refused(() => v.keyValues(OP, 'data', { a: 'x:y' })), /data\.a must not contain/);
  // `|` separates nothing in data (spec 6): kept.
  assert.equal(v.keyValues(OP, 'data', { a: 'x|y' }), 'a=x|y');
  assert.match(refused(() => v.keyValues(OP, 'data', { a: 1 })), /data\.a must be a string/);
  assert.match(refused(() => v.keyValues(OP, 'data', [])), /data must be k=v:k=v text or an object of strings/);
  // A key the caller wrote (an identifier) names its value; another key is named by position.
  assert.match(refused(() => v.keyValues(OP, 'records[4].data', { name: 'a;b' })), /records\[4\]\.data\.name must not contain/);
  assert.match(refused(() => v.keyValues(OP, 'data', { 'a b': 'x\ny' })), /data value 0 must not contain/);
  assert.match(refused(() => v.keyValues(OP, 'data', { state: undefined })), /data\.state is required/);
  assert.equal(v.keyValues(OP, 'data', { note: ' ' }), 'note= ');
});

test('list and object', () => {
  const entry = v.object({ phone: v.phone, campaign: v.optional(v.text, '*') });
  // A nested object has no prototype (read later, it never takes a key put on Object.prototype since).
  assert.deepEqual(v.list(entry)(OP, 'entries', [{ phone: '1' }]), [Object.assign(Object.create(null), { phone: '1', campaign: '*' })]);
  assert.match(refused(() => v.list(entry)(OP, 'entries', [])), /entries must be an array of at least 1 item/);
  assert.match(refused(() => v.list(entry)(OP, 'entries', [{ phone: '1' }, { phone: 'x' }])), /entries\[1\].phone must be digits/);
  assert.deepEqual(v.list(v.text, 0)(OP, 'xs', []), []);
  assert.match(refused(() => v.list(v.text, 0)(OP, 'xs', 'a')), /xs must be an array$/);
});

test('record: wire order, optional keys left out when undefined, every missing key at once', () => {
  const spec = { campaign: v.text, callerid: v.optionalPhone, destination: v.phone, timeoutMs: v.optional(v.timeoutMs) };
  const out = v.record(OP, { destination: '099', campaign: 'Sales->' }, spec);
  assert.deepEqual(Object.entries(out), [['campaign', 'Sales->'], ['callerid', ''], ['destination', '099']]);
  assert.match(refused(() => v.record(OP, {}, spec)), /op: campaign, destination are required$/);
  assert.match(refused(() => v.record(OP, { campaign: 'x' }, spec)), /op: destination is required$/);
  // A key given as undefined is missing too: listed with the others, before any rule runs.
  assert.match(refused(() => v.record(OP, { campaign: undefined, destination: undefined }, spec)), /op: campaign, destination are required$/);
  for (const notObject of [undefined, null, 'x', [], 5]) assert.match(refused(() => v.record(OP, notObject, spec)), /arguments must be an object/);
  assert.match(refused(() => v.record(OP, null, spec, 'options')), /options must be an object/);
});

test('record: "did you mean" for an unknown key of up to 40 characters (the longest identifier shown), not for a longer one', () => {
  const known = 'a'.repeat(40);
  const spec = { [known]: v.optionalText };
  assert.match(refused(() => v.record(OP, { [`${'a'.repeat(39)}b`]: 1 }, spec)), new RegExp(`did you mean '${known}'`));
  assert.doesNotMatch(refused(() => v.record(OP, { [`${'a'.repeat(40)}b`]: 1 }, spec)), /did you mean/);
});

test('omittedWhenEmpty: optional, and left out of record() when absent or empty; a given value still follows its rule', () => {
  const spec = { destination: v.phone, data: v.string, alternatives: v.omittedWhenEmpty(v.string), agentphone: v.omittedWhenEmpty(v.phoneOrEmpty) };
  const keys = (value) => Object.keys(v.record(OP, value, spec));
  assert.deepEqual(keys({ destination: '099', data: '' }), ['destination', 'data']);
  assert.deepEqual(keys({ destination: '099', data: '', alternatives: '', agentphone: '' }), ['destination', 'data']);
  assert.deepEqual(v.record(OP, { agentphone: '1001', alternatives: '098', data: '', destination: '099' }, spec),
    { destination: '099', data: '', alternatives: '098', agentphone: '1001' });
  assert.match(refused(() => v.record(OP, { destination: '099', data: '', alternatives: 5 }, spec)), /alternatives must be a string$/);
  assert.match(refused(() => v.record(OP, { destination: '099', data: '', agentphone: 'ext 1' }, spec)), /agentphone must be digits/);
  assert.match(refused(() => v.record(OP, { destination: '099' }, spec)), /op: data is required$/);
});

test('record: unknown keys are refused, with "did you mean" when a known key is close', () => {
  const spec = { allowedOrigins: v.optional(v.text), timeouts: v.optional(v.text), timeoutMs: v.optional(v.timeoutMs), callerid: v.optionalPhone };
  assert.match(refused(() => v.record(OP, { allowedOrigin: 'x' }, spec, 'options')),
    /options has an unknown key 'allowedOrigin' \(did you mean 'allowedOrigins'\?\)/);
  assert.match(refused(() => v.record(OP, { callerId: '1' }, spec)), /unknown key 'callerId' \(did you mean 'callerid'\?\)/);
  assert.match(refused(() => v.record(OP, { timeout: 5 }, spec)), /unknown key 'timeout' \(did you mean 'timeouts'\?\)/);
  assert.match(refused(() => v.record(OP, { somethingElse: 1 }, spec)), /unknown key 'somethingElse'$/);
  assert.match(refused(() => v.record(OP, { nested: 1 }, spec, 'line')), /line has an unknown key 'line.nested'$/);
  // A key that is not an identifier may be data (a phone number used as a key): never repeated.
  const msg = refused(() => v.record(OP, { '099123456': 1 }, spec));
  assert.ok(!msg.includes('099123456'), msg);
  assert.match(msg, /unknown key a key$/);
  // Inherited keys are no arguments of the caller's.
  assert.deepEqual(v.record(OP, Object.create({ extra: 1 }), { a: v.optionalText }), { a: '' });
  // The names every object literal inherits are no keys of a spec: written by the caller, they are unknown.
  for (const key of ['valueOf', 'toString', 'constructor', 'hasOwnProperty', '__proto__']) {
    const given = JSON.parse(`{"${key}": 1}`); // an own key, also for __proto__
    assert.match(refused(() => v.record(OP, given, spec)), new RegExp(`unknown key '${key}'$`), key);
  }
});

// The reference for 'did you mean': Levenshtein distance, the textbook table.
function distance(a, b) {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  }
  return d[a.length][b.length];
}

test('record: "did you mean" names a known key at most two edits away (letter case ignored), and only then', () => {
  const ident = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,9}$/);
  fc.assert(fc.property(ident, ident, (known, given) => {
    fc.pre(given !== known);
    const msg = refused(() => v.record(OP, { [given]: 1 }, { [known]: v.optionalText }));
    assert.equal(msg.includes('did you mean'), distance(given.toLowerCase(), known.toLowerCase()) <= 2, msg);
  }), { numRuns: 3000 });
});

test('record: "did you mean" names the closest known key, whatever the spec order', () => {
  // 'timeoutMss' is two edits from 'timeouts' (listed first) and one from 'timeoutMs'.
  const spec = { timeouts: v.optionalText, timeoutMs: v.optionalText };
  assert.match(refused(() => v.record(OP, { timeoutMss: 1 }, spec)), /did you mean 'timeoutMs'\?/);
  assert.match(refused(() => v.record(OP, { timeoutx: 1 }, { timeoutMs: v.optionalText, timeouts: v.optionalText })), /did you mean 'timeouts'\?/);
  // Among several keys, the least distance wins, and a tie keeps the spec's order.
  const fuzz = fc.array(fc.stringMatching(/^[a-z]{1,6}$/), { minLength: 2, maxLength: 5 });
  fc.assert(fc.property(fuzz, fc.stringMatching(/^[a-z]{1,6}$/), (keys, given) => {
    const known = [...new Set(keys)].filter((k) => k !== given);
    fc.pre(known.length > 0);
    const msg = refused(() => v.record(OP, { [given]: 1 }, Object.fromEntries(known.map((k) => [k, v.optionalText]))));
    const meant = /did you mean '([a-z]+)'/.exec(msg)?.[1];
    const least = Math.min(...known.map((k) => distance(given, k)));
    assert.equal(meant, least <= 2 ? known.find((k) => distance(given, k) === least) : undefined, msg);
  }), { numRuns: 2000 });
});

test('no rule ever repeats the value it refuses', () => {
  const rules = [v.text, v.phone, v.optionalPhone, v.phoneOrEmpty, v.wireText, v.optionalWireText, v.wireTextOrEmpty, v.labels, v.priority,
    v.retries, v.durationMs, v.flag, v.dateTime, v.optionalDateTime, v.timeZone, v.alternative, v.alternatives, v.keyValues, v.strings, v.signal];
  fc.assert(fc.property(fc.string({ minLength: 6 }), fc.integer({ min: 0, max: rules.length - 1 }), (value, i) => {
    try {
      rules[i](OP, 'field', value);
    } catch (e) {
      assert.equal(e.code, 'INVALID_ARGUMENT');
      assert.ok(!e.message.includes(value), `${e.message} repeats ${value}`);
    }
  }), { numRuns: 3000 });
});

test('a key that holds a number (five digits or more) is never repeated, identifier or not', async () => {
  // A data key may be built from a phone number (`tel099123456`): shaped like an identifier, it is
  // still data. Every place that names a key of the caller's object (record, strings, keyValues,
  // jsonValue) describes it instead; a key with a short number (`l1`, `year2024`) is still named.
  const { jsonValue } = await importSource('shared/json.ts');
  const spec = { callerid: v.optionalPhone };
  // Also when the number is written in groups (`tel_099_123_456`): five digits in all, not in a row.
  for (const key of ['tel099123456', 'phone_59899123456', 'x099555', 'a12345b', 'tel_099_123_456', 'n$09$91$23']) {
    const msgs = [
      refused(() => v.record(OP, { [key]: 1 }, spec)),
      refused(() => v.record(OP, { [key]: 1 }, spec, 'line')),
      refused(() => v.strings(OP, 'fields', { [key]: 1 })),
      refused(() => v.keyValues(OP, 'data', { [key]: 'a;b' })),
      refused(() => jsonValue(OP, { [key]: () => 1 }, 'data')),
    ];
    for (const msg of msgs) assert.ok(!msg.includes(key), msg);
  }
  assert.match(refused(() => v.record(OP, { year2024: 1 }, spec)), /unknown key 'year2024'$/);
  assert.match(refused(() => v.record(OP, { l1_2: 1 }, spec)), /unknown key 'l1_2'$/);
  // A key longer than 40 characters (a token, a text pasted as a key) is described too.
  const long = `x${'abcdefghij'.repeat(4)}`;
  assert.match(refused(() => v.record(OP, { [long]: 1 }, spec)), /unknown key a key$/);
  assert.match(refused(() => v.strings(OP, 'fields', { [long]: 1 })), /fields value 0 must be a string/);
  assert.match(refused(() => v.record(OP, { [long.slice(1)]: 1 }, spec)), new RegExp(`unknown key '${long.slice(1)}'$`));
  assert.match(refused(() => v.strings(OP, 'fields', { l1: 1 })), /fields\.l1 must be a string/);
  // "did you mean" still names the known key close to a key that is not shown.
  assert.match(refused(() => v.record(OP, { ab123456: 1 }, { ab123457: v.optionalText })), /unknown key a key \(did you mean 'ab123457'\?\)$/);
});

test('a Date is taken or refused the same in every machine zone, and never written with a year that is not YYYY', () => {
  // 9999-12-31 23:00 UTC is year 10000 in Kathmandu; 0001-01-01 02:00 UTC is year 0 in New York.
  // The check read the Date's year in the machine's zone, the text was written in `zone`: so the
  // same input was taken on one machine, refused on another, and '10000-01-01 04:45:00' was sent.
  const edges = [new Date('9999-12-31T23:00:00Z'), new Date('0001-01-01T02:00:00Z')];
  const inside = [new Date('0001-01-02T00:00:00Z'), new Date('9999-12-31T00:00:00Z'), new Date('2026-03-08T07:30:00Z')];
  const zones = ['local', 'UTC', 'Asia/Kathmandu', 'America/New_York', 'Pacific/Kiritimati', 'Asia/Manila', 'America/Montevideo'];
  const saved = process.env.TZ;
  try {
    for (const tz of ['UTC', 'Asia/Kathmandu', 'America/New_York', 'Pacific/Kiritimati']) {
      process.env.TZ = tz;
      for (const d of edges) assert.match(refused(() => v.dateTime(OP, 'calldate', d)), /calldate must be a valid Date/, `${d.toISOString()} under TZ=${tz}`);
      for (const d of inside) {
        for (const zone of zones) assert.ok(v.isDateTime(v.formatDateTime(v.dateTime(OP, 'calldate', d), zone)), `${d.toISOString()} in ${zone} under TZ=${tz}`);
      }
    }
  } finally {
    process.env.TZ = saved;
  }
});

test('dateTime: a Date of another realm (a frame\'s) is a Date; a look-alike is INVALID_ARGUMENT, not a TypeError', async () => {
  const { runInNewContext } = await import('node:vm');
  // A page that hands the bridge a Date made in another frame: `instanceof Date` is false there.
  const foreign = runInNewContext('new Date(Date.UTC(2026, 11, 24, 13, 0, 5))');
  assert.equal(foreign instanceof Date, false);
  assert.equal(v.formatDateTime(v.dateTime(OP, 'calldate', foreign), 'UTC'), '2026-12-24 13:00:05');
  assert.equal(v.dateTimeText(OP, 'calldate', runInNewContext('new Date(2026, 11, 24, 10, 0, 5)')), '2026-12-24 10:00:05');
  assert.match(refused(() => v.dateTime(OP, 'calldate', runInNewContext('new Date(NaN)'))), /calldate must be a valid Date/);
  // Date.prototype without a date inside: Date's methods throw a TypeError on it.
  for (const fake of [Object.create(Date.prototype), { [Symbol.toStringTag]: 'Date' }]) {
    assert.match(refused(() => v.dateTime(OP, 'calldate', fake)), /calldate must be a valid Date/);
  }
});
