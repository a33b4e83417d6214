// Model-based (stateful property) test of the Respool and Schedule builders as state machines, on
// the built bundle: fast-check (`fc.commands`) drives random sequences of set / unset / build calls,
// valid and refused, interleaved with tampering (the Respool object the builder started from gets
// its fields changed and changed back; the Schedule fields object too; assignments to the builder's
// read-only protected fields), against a model written from the README (`respoolBuilder`,
// `scheduleBuilder`), spec 4.3 / 4.4 and the builders' JSDoc. After every command: the builder's
// protected fields are the portal's; a refused call is INVALID_ARGUMENT naming its field, never
// quoting the value, and changes nothing; `build()` gives exactly the model's object (contract key
// order; Schedule: `data` always, `alternatives` and `agentphone` only when not empty) or, while a
// protected field of the source differs from what it was, refuses naming that field. Unknown option
// keys are refused. Seeded (FC_SEED, FC_RUNS).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isBridgeError, parseCti, respoolBuilder, scheduleBuilder } from '../../dist/cti.js';

const SEED = process.env.FC_SEED === undefined ? 20261206 : Number(process.env.FC_SEED);
const RUNS = Number(process.env.FC_RUNS ?? 400);
const PROTECTED = ['campaign', 'status', 'contact', 'dialerbase'];
const RESPOOL_KEYS = ['campaign', 'destination', 'status', 'data', 'alternatives', 'retries', 'contact', 'dialerbase', 'priority', 'agentphone'];
// Values a refused call must never quote: every invalid argument below carries one of them.
const SECRET_NUMBER = '0991234567';
const SECRET_WORD = 'Ana Secreta';
// The final secrets check of `npm test` also looks for them in every captured error message.
globalThis.captureSecret?.(SECRET_NUMBER);
globalThis.captureSecret?.(SECRET_WORD);
const numberOf = (entry) => /^[MWHPU]=\d{1,4}=(.*)$/.exec(entry)?.[1] ?? entry;

const phone = fc.constantFrom('099123456', '+59899123456', '098111222', '097333444', '1001');
const badPhone = fc.constantFrom(`${SECRET_NUMBER} `, `${SECRET_NUMBER}-1`, `+${SECRET_NUMBER}+`, `tel:${SECRET_NUMBER}`, `(${SECRET_NUMBER})`);
// An alternative as given and as the builder writes it.
const goodAlt = fc.oneof(
  phone.map((p) => ({ arg: p, text: p })),
  fc.tuple(fc.constantFrom('M', 'W', 'H', 'P', 'U'), fc.nat({ max: 9999 }), phone).map(([t, r, p]) => ({ arg: `${t}=${r}=${p}`, text: `${t}=${r}=${p}` })),
  fc.tuple(fc.constantFrom('M', 'W', 'H', 'P', 'U'), fc.nat({ max: 9999 }), phone).map(([type, retries, number]) => ({ arg: { type, retries, number }, text: `${type}=${retries}=${number}` })),
);
const badAlt = fc.oneof(badPhone, badPhone.map((p) => `H=0=${p}`), badPhone.map((number) => ({ type: 'H', retries: 0, number })),
  fc.constant({ type: 'H', retries: 0, number: '099', label: SECRET_WORD }), fc.constant(`X=0=${SECRET_NUMBER}`));
const dataKey = fc.constantFrom('idcustomer', 'name', 'result', 'a');
const dataValue = fc.constantFrom('7', 'Ana', '', 'callback');
const badData = fc.constantFrom(`${SECRET_WORD}:x`, `${SECRET_WORD}=x`, `${SECRET_WORD};x`, `${SECRET_WORD}\nx`);

// Builder state shared by both models: main number, alternatives, data, agent phone.
// Each received pair keeps its segment: an edit of other keys sends it back as it came (`flag`, not `flag=`).
const kvParse = (raw) => raw.split(':').filter((s) => s !== '').map((s) => [...(s.includes('=') ? [s.slice(0, s.indexOf('=')), s.slice(s.indexOf('=') + 1)] : [s, '']), s]);
const dataText = (m) => (m.entries ? m.entries.map(([k, v, s]) => s ?? `${k}=${v}`).join(':') : m.rawData);
const setEntry = (m, k, v) => {
  const entries = m.entries ?? kvParse(m.rawData);
  const first = entries.findIndex(([key]) => key === k);
  m.entries = first < 0 ? [...entries, [k, v]] : entries.filter(([key], i) => key !== k || i === first).map((e, i) => (i === first ? [k, v] : e));
};

// A refused call: INVALID_ARGUMENT for `op`, naming `field`, quoting no secret, the model unchanged.
function refused(fn, op, field) {
  assert.throws(fn, (e) => {
    assert.ok(isBridgeError(e, 'INVALID_ARGUMENT'), `${e?.name}: ${e?.message}`);
    assert.equal(e.operation, op);
    assert.match(e.message, field);
    assert.equal(e.message.includes(SECRET_NUMBER) || e.message.includes(SECRET_WORD), false, `a value in the message: ${e.message}`);
    return true;
  });
}

// The commands both builders have (spec 4.3's editable fields), each valid or refused.
function sharedCommands(op) {
  const cmd = (name, arb, run) => arb.map((p) => ({ check: () => true, run: (m, r) => { run(m, r.builder, p); r.compare(m, r, `after ${name}(${JSON.stringify(p)})`); }, toString: () => `${name}(${JSON.stringify(p)})` }));
  const ok = (b, result) => assert.equal(result, b, 'a method returns its builder');
  return [
    cmd('setDestination', fc.oneof(phone.map((v) => ({ v })), badPhone.map((v) => ({ v, bad: true }))), (m, b, { v, bad }) => {
      if (bad) return refused(() => b.setDestination(v), op, /destination/);
      ok(b, b.setDestination(v));
      m.destination = v;
    }),
    cmd('setAlternatives', fc.tuple(fc.array(goodAlt, { maxLength: 3 }), fc.option(badAlt, { nil: undefined, freq: 3 })), (m, b, [list, bad]) => {
      if (bad !== undefined) return refused(() => b.setAlternatives([...list.map((a) => a.arg), bad]), op, /alternatives\[\d\]/);
      ok(b, b.setAlternatives(list.map((a) => a.arg)));
      m.alts = list.map((a) => a.text);
    }),
    cmd('addAlternative', fc.tuple(fc.oneof(goodAlt, badAlt.map((arg) => ({ arg, bad: true }))), fc.option(fc.integer({ min: -1, max: 5 }), { nil: undefined })), (m, b, [a, at]) => {
      if (a.bad) return refused(() => b.addAlternative(a.arg, at), op, /alternative/);
      if (at !== undefined && (at < 0 || at > m.alts.length)) return refused(() => b.addAlternative(a.arg, at), op, /position/);
      ok(b, b.addAlternative(a.arg, at));
      m.alts.splice(at ?? m.alts.length, 0, a.text);
    }),
    cmd('removeAlternative', fc.oneof(fc.nat(5).map((i) => ({ i })), fc.nat(5).map((n) => ({ n })), fc.constant({ missing: SECRET_NUMBER })), (m, b, w) => {
      const which = w.missing ?? (w.i !== undefined ? w.i : m.alts.length ? numberOf(m.alts[w.n % m.alts.length]) : SECRET_NUMBER);
      const at = typeof which === 'number' ? (which < m.alts.length ? which : -1) : m.alts.findIndex((e) => e === which || numberOf(e) === which);
      if (at < 0) return refused(() => b.removeAlternative(which), op, /alternative/);
      ok(b, b.removeAlternative(which));
      m.alts.splice(at, 1);
    }),
    cmd('reorderAlternatives', fc.oneof(fc.array(fc.nat(), { maxLength: 4 }).map((s) => ({ s })), fc.constant({ bad: [0, 0] })), (m, b, { s, bad }) => {
      const order = bad ?? m.alts.map((_, i) => i).sort((x, y) => (s[x % (s.length || 1)] ?? 0) - (s[y % (s.length || 1)] ?? 0) || x - y);
      // [0, 0] names an index twice (or one that does not exist): refused whatever the list.
      if (bad) return refused(() => b.reorderAlternatives(order), op, /order/);
      ok(b, b.reorderAlternatives(order));
      m.alts = order.map((i) => m.alts[i]);
    }),
    cmd('setData', fc.oneof(fc.tuple(dataKey, dataValue), fc.tuple(dataKey, badData), fc.tuple(badData, dataValue)), (m, b, [k, v]) => {
      if (k.includes(SECRET_WORD)) return refused(() => b.setData(k, v), op, /data key/);
      if (v.includes(SECRET_WORD)) return refused(() => b.setData(k, v), op, /data value/);
      ok(b, b.setData(k, v));
      setEntry(m, k, v);
    }),
    cmd('removeData', fc.oneof(dataKey, badData), (m, b, k) => {
      if (k.includes(SECRET_WORD)) return refused(() => b.removeData(k), op, /data key/);
      ok(b, b.removeData(k));
      m.entries = (m.entries ?? kvParse(m.rawData)).filter(([key]) => key !== k);
    }),
    cmd('setAgentPhone', fc.oneof(phone, fc.constant(''), badPhone), (m, b, v) => {
      if (v.includes(SECRET_NUMBER)) return refused(() => b.setAgentPhone(v), op, /agentphone/);
      ok(b, b.setAgentPhone(v));
      m.agentphone = v;
    }),
  ].map((arb) => ({ arb, cmd }));
}

// ---------------------------------------------------------------------------------------------------

const respoolSource = fc.record({
  campaign: fc.constantFrom('Sales->', 'Cobranza->'),
  destination: phone,
  status: fc.constantFrom(1, '1'),
  data: fc.constantFrom('', 'idcustomer=7:name=Ana', 'a=1::b', 'x'),
  alternatives: fc.constantFrom('', '098111222:H=0=097333444', '1001'),
  retries: fc.nat({ max: 5 }),
  contact: fc.constantFrom(15422, '0015422', 0),
  dialerbase: fc.constantFrom('base-2026-11', 20261101, ''),
  priority: fc.integer({ min: 1, max: 9999 }),
  agentphone: fc.constantFrom('', '1001'),
});
// A value different from every protected field's original, of another type or text.
const TAMPER = { campaign: 'Other->', status: 2, contact: 15423, dialerbase: 'other-base' };
// A value no Respool source may hold, per field (the secret ones must never be quoted). A source's
// destination need only be a string (the builder sends its own, checked): a number is refused.
const INVALID = {
  campaign: '  ', destination: Number(SECRET_NUMBER), status: -1, data: 7, alternatives: null, retries: -1,
  contact: `${SECRET_NUMBER}x`, dialerbase: { name: SECRET_WORD }, priority: 0, agentphone: 5,
};

test('model: any sequence of Respool builder calls and tampering never changes campaign, status, contact or dialerbase', (t) => {
  let runs = 0;
  let builds = 0;
  let refusedBuilds = 0;
  const shared = sharedCommands('respoolBuilder').map(({ arb }) => arb);
  const cmd = (name, arb, run) => arb.map((p) => ({ check: () => true, run: (m, r) => { run(m, r, p); r.compare(m, r, `after ${name}(${JSON.stringify(p)})`); }, toString: () => `${name}(${JSON.stringify(p)})` }));
  const commands = [
    ...shared,
    cmd('promoteAlternative', fc.record({ n: fc.nat(5), keepOldMain: fc.option(fc.boolean(), { nil: undefined }), retries: fc.option(fc.integer({ min: -1, max: 9 }), { nil: undefined }), typo: fc.boolean() }), (m, r, p) => {
      const b = r.builder;
      const options = { ...(p.keepOldMain !== undefined && { keepOldMain: p.keepOldMain }), ...(p.retries !== undefined && { retries: p.retries }), ...(p.typo && { retry: 1 }) };
      const which = m.alts.length ? p.n % m.alts.length : p.n;
      if (p.typo) return refused(() => b.promoteAlternative(which, options), 'respoolBuilder', /unknown key 'retry'/);
      if (p.retries === -1) return refused(() => b.promoteAlternative(which, options), 'respoolBuilder', /retries/);
      if (!m.alts.length) return refused(() => b.promoteAlternative(which, options), 'respoolBuilder', /alternative/);
      assert.equal(b.promoteAlternative(which, options), b);
      const next = numberOf(m.alts[which]);
      if (p.keepOldMain && m.destination !== '') m.alts[which] = m.destination;
      else m.alts.splice(which, 1);
      m.destination = next;
      m.retries = p.retries ?? 0;
    }),
    cmd('setRetries', fc.integer({ min: -1, max: 10000 }), (m, r, n) => {
      if (n < 0 || n > 9999) return refused(() => r.builder.setRetries(n), 'respoolBuilder', /retries/);
      assert.equal(r.builder.setRetries(n), r.builder);
      m.retries = n;
    }),
    cmd('setPriority', fc.integer({ min: 0, max: 10000 }), (m, r, n) => {
      if (n < 1 || n > 9999) return refused(() => r.builder.setPriority(n), 'respoolBuilder', /priority/);
      assert.equal(r.builder.setPriority(n), r.builder);
      m.priority = n;
    }),
    // The Respool object the builder started from is changed (a plain object only: a parsed dialer
    // record is frozen): a protected field, or put back as it was, or an editable field (no effect).
    cmd('tamperSource', fc.record({ field: fc.constantFrom(...RESPOOL_KEYS), to: fc.constantFrom('back', 'other', 'other', 'invalid') }), (m, r, { field, to }) => {
      if (r.frozen) return assert.throws(() => { r.source[field] = TAMPER[field] ?? '1'; }, TypeError);
      const value = to === 'back' ? m.src[field] : to === 'invalid' ? INVALID[field] : (TAMPER[field] ?? { data: 'z=9', retries: 0, priority: 1 }[field] ?? '1002');
      r.source[field] = value;
      if (PROTECTED.includes(field)) m.tampered[field] = !Object.is(value, m.src[field]);
      m.invalid[field] = to === 'invalid';
    }),
    cmd('assignProtected', fc.constantFrom(...PROTECTED), (m, r, field) => {
      // Module code is strict: a getter-only property refuses the assignment.
      assert.throws(() => { r.builder[field] = TAMPER[field]; }, TypeError);
    }),
    cmd('build', fc.constant(null), (m, r) => {
      // JSDoc: a source that no longer passes as one is refused (its fields checked in the contract's order).
      const broken = RESPOOL_KEYS.find((k) => m.invalid[k]);
      if (broken) {
        refusedBuilds++;
        return refused(() => r.builder.build(), 'respoolBuilder', new RegExp(`^respoolBuilder: source\\.${broken} `));
      }
      const first = PROTECTED.find((k) => m.tampered[k]);
      if (first) {
        refusedBuilds++;
        return refused(() => r.builder.build(), 'respoolBuilder', new RegExp(`^respoolBuilder: ${first} was changed`));
      }
      builds++;
      const out = r.builder.build();
      assert.deepStrictEqual(Object.keys(out), RESPOOL_KEYS);
      for (const k of PROTECTED) assert.ok(Object.is(out[k], m.src[k]), `protected ${k} changed: ${String(out[k])}`);
      assert.deepStrictEqual(out, {
        campaign: m.src.campaign, destination: m.destination, status: m.src.status, data: dataText(m), alternatives: m.alts.join(':'),
        retries: m.retries, contact: m.src.contact, dialerbase: m.src.dialerbase, priority: m.priority, agentphone: m.agentphone,
      });
    }),
  ];
  const compare = (m, r, where) => {
    for (const k of PROTECTED) assert.ok(Object.is(r.builder[k], m.src[k]), `builder.${k}, ${where}`);
  };
  fc.assert(fc.property(respoolSource, fc.boolean(), fc.commands([...commands, commands.at(-1)], { maxCommands: 25, size: 'max' }), (src, fromDialer, cs) => {
    runs++;
    const source = fromDialer ? parseCti({ Guid: 'g', Campaign: 'c', Callerid: '1', Dialer: src }).dialer : { ...src };
    const m = { src, destination: src.destination, alts: src.alternatives.split(':').filter(Boolean), rawData: src.data, entries: undefined,
      retries: src.retries, priority: src.priority, agentphone: src.agentphone, tampered: {}, invalid: {} };
    const r = { builder: respoolBuilder(source), source, frozen: fromDialer, compare };
    compare(m, r, 'at start');
    fc.modelRun(() => ({ model: m, real: r }), cs);
  }), { seed: SEED, numRuns: RUNS, includeErrorInReport: true });
  t.diagnostic(`respool model: ${runs} runs, ${builds} built, ${refusedBuilds} refused after tampering`);
});

// ---------------------------------------------------------------------------------------------------

const scheduleFrom = fc.oneof(
  fc.record({
    kind: fc.constant('fields'), campaign: fc.constantFrom('Sales->', 'Cobranza->'), destination: phone,
    alternatives: fc.option(fc.constantFrom('', '098111222:H=0=097333444', ['1001', { type: 'M', retries: 2, number: '097333444' }]), { nil: undefined }),
    data: fc.option(fc.constantFrom('', 'idcustomer=7:name=Ana', { idcustomer: '7' }), { nil: undefined }),
    agentphone: fc.option(fc.constantFrom('', '1001'), { nil: undefined }),
    calldate: fc.option(fc.constantFrom('2026-12-24 10:00:00', '2027-01-02 08:30:00'), { nil: undefined }),
  }),
  fc.record({ kind: fc.constant('cti'), channel: fc.constantFrom(undefined, 'email', 'WhatsApp'), dialer: fc.boolean(), parAndValues: fc.constantFrom('', 'a=1::b', 'idcustomer=7') }),
);
const fieldsText = (v) => (Array.isArray(v) ? v.map((a) => (typeof a === 'string' ? a : `${a.type}=${a.retries}=${a.number}`)).join(':') : v ?? '');
const dataFieldText = (v) => (typeof v === 'object' && v !== null ? Object.entries(v).map(([k, x]) => `${k}=${x}`).join(':') : v ?? '');

test('model: any sequence of Schedule builder calls builds the contract\'s object the model predicts', (t) => {
  let runs = 0;
  let builds = 0;
  const cmd = (name, arb, run) => arb.map((p) => ({ check: () => true, run: (m, r) => { run(m, r, p); }, toString: () => `${name}(${JSON.stringify(p)})` }));
  const commands = [
    ...sharedCommands('scheduleBuilder').map(({ arb }) => arb),
    cmd('setCalldate', fc.constantFrom('2026-12-24 10:00:00', '2026-02-30 10:00:00', `${SECRET_NUMBER}`, '2026-12-24T10:00:00', new Date(Date.UTC(2026, 11, 24, 13))), (m, r, when) => {
      if (when instanceof Date) {
        assert.equal(r.builder.setCalldate(when, 'UTC'), r.builder);
        m.calldate = '2026-12-24 13:00:00';
      } else if (when === '2026-12-24 10:00:00') {
        assert.equal(r.builder.setCalldate(when), r.builder);
        m.calldate = when;
      } else {
        refused(() => r.builder.setCalldate(when), 'scheduleBuilder', /calldate/);
      }
    }),
    cmd('setCampaign', fc.constantFrom('Other->', '', '  '), (m, r, v) => {
      if (!v.trim()) return refused(() => r.builder.setCampaign(v), 'scheduleBuilder', /campaign/);
      assert.equal(r.builder.setCampaign(v), r.builder);
      m.campaign = v;
    }),
    cmd('tamperFrom', fc.constantFrom('campaign', 'destination', 'data', 'agentphone', 'alternatives', 'calldate'), (m, r, field) => {
      // The fields object the builder started from is the caller's: later changes to it do not count.
      if (r.from && !Object.isFrozen(r.from)) r.from[field] = field === 'calldate' ? '2030-01-01 00:00:00' : field === 'data' ? 'z=9' : '1002';
    }),
    cmd('build', fc.constant(null), (m, r) => {
      if (m.noNumber && m.destination === '') return refused(() => r.builder.build(), 'scheduleBuilder', /destination is required/);
      if (m.calldate === undefined) return refused(() => r.builder.build(), 'scheduleBuilder', /calldate is required/);
      builds++;
      const data = dataText(m);
      const expected = { calldate: m.calldate, campaign: m.campaign, destination: m.destination, data,
        ...(m.alts.length && { alternatives: m.alts.join(':') }), ...(m.agentphone && { agentphone: m.agentphone }) };
      const out = r.builder.build();
      assert.deepStrictEqual(Object.keys(out), Object.keys(expected), 'the contract\'s key order');
      assert.deepStrictEqual(out, expected);
    }),
  ];
  fc.assert(fc.property(scheduleFrom, fc.commands([...commands, commands.at(-1)], { maxCommands: 25, size: 'max' }), (f, cs) => {
    runs++;
    let from;
    let m;
    if (f.kind === 'fields') {
      const { kind, ...fields } = f;
      for (const k of Object.keys(fields)) if (fields[k] === undefined) delete fields[k];
      from = fields;
      m = { campaign: f.campaign, destination: f.destination, alts: fieldsText(f.alternatives).split(':').filter(Boolean), rawData: dataFieldText(f.data),
        agentphone: f.agentphone ?? '', calldate: f.calldate };
      void kind;
    } else {
      const dialer = { campaign: 'Dial->', destination: '098111222', status: 1, contact: 9, dialerbase: 'b', data: 'd=1', alternatives: '1001:097333444', agentphone: '1001' };
      from = parseCti({ Guid: 'g', Campaign: 'Sales->', Callerid: f.channel ? 'ana@example.com' : '099123456', ParAndValues: f.parAndValues, ...(f.channel && { Channel: f.channel }), ...(f.dialer && { Dialer: dialer }) });
      const voice = f.channel === undefined;
      m = f.dialer
        ? { campaign: 'Dial->', destination: '098111222', alts: ['1001', '097333444'], rawData: 'd=1', agentphone: '1001' }
        : { campaign: 'Sales->', destination: voice ? '099123456' : '', noNumber: !voice, alts: [], rawData: f.parAndValues, agentphone: '' };
    }
    const r = { builder: scheduleBuilder(from), from, compare: () => {} };
    fc.modelRun(() => ({ model: m, real: r }), cs);
  }), { seed: SEED, numRuns: RUNS, includeErrorInReport: true });
  t.diagnostic(`schedule model: ${runs} runs, ${builds} built`);
});
