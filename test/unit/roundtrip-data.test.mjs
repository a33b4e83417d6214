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
import CryptoJS from 'crypto-js';
import { decryptCti, isBridgeError, parseCti, respoolBuilder, scheduleBuilder, toRespool } from '../../dist/cti.js';
import { connectPortal } from '../../dist/index.js';
import { createUContactClient } from '../../dist/http.js';
import { framed } from './helpers/fake-window.mjs';

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

// The whole form side of the trip, for any text the portal may put in `data` and `ParAndValues`
// (lone surrogates included: JSON text and postMessage carry them): read from the CTI's JSON text,
// its object and its encrypted localStorage copy, passed back untouched by toRespool and both
// builders, posted in the Porthole envelope, and sent in ScheduleDialerCall's JSON field (JSON
// escapes a lone surrogate, so the form body's UTF-8 carries it too): the same text every time.
const anyText = fc.oneof(received, fc.string({ unit: 'binary', maxLength: 30 }), fc.string({ unit: 'grapheme', maxLength: 30 }));
const PASS = 'p4ss-phrase';
const TOKEN = Buffer.from('supervisor:0b7e4c1a-5f0e-4c9b-9a51-2f3d6c7e8a92').toString('base64');
globalThis.captureSecret?.(TOKEN);

test('property: any data text the portal sends comes back exactly: CTI text, object, encrypted copy; Respool and Schedule; Porthole and REST', async () => {
  const bodies = [];
  const uc = createUContactClient({
    baseUrl: 'https://uc.example', credentials: { token: TOKEN },
    fetch: async (_url, init) => { bodies.push(init.body); return new Response('1', { status: 200 }); },
  });
  await fc.assert(fc.asyncProperty(anyText, anyText, async (data, pav) => {
    const object = {
      Guid: 'g-1', Campaign: 'Sales->', Callerid: '099123456', ParAndValues: pav,
      Dialer: { campaign: 'Sales->', destination: '099123456', status: 1, data, alternatives: '', retries: 2, contact: 15422, dialerbase: 'b-1', priority: 5, agentphone: '' },
    };
    const text = JSON.stringify(object);
    for (const c of [parseCti(text), parseCti(object), decryptCti(CryptoJS.AES.encrypt(text, PASS).toString(), PASS)]) {
      assert.equal(c.dialer.data.raw, data);
      assert.equal(c.parAndValues.raw, pav);
    }
    const c = parseCti(text);
    const respools = [toRespool(c.dialer), respoolBuilder(c.dialer).setPriority(9).build()];
    const schedule = scheduleBuilder(c).setCalldate('2027-01-04 10:00:00').build();
    const inbound = scheduleBuilder(parseCti({ ...object, Dialer: undefined })).setCalldate('2027-01-04 10:00:00').build();
    assert.deepEqual([...respools, schedule, inbound].map((r) => r.data), [data, data, data, pav]);
    const { form, portal } = framed();
    const client = connectPortal({ log: captureLog, window: form });
    try {
      for (const r of respools) await client.respool(r);
      await client.schedule(schedule);
      const posted = portal.posted.map((m) => JSON.parse(m.data).data);
      assert.deepEqual(posted.map((d) => (d.respool ?? d.schedule).data), [data, data, data]);
    } finally {
      client.destroy();
    }
    bodies.length = 0;
    await uc.scheduleDialerCall(schedule);
    assert.equal(JSON.parse(new URLSearchParams(bodies[0]).get('callschedule')).data, data);
  }), { seed: SEED, numRuns: 300 });
  await uc.close();
});

// A disposition's free text (levels, comment, campaign to reschedule) and its labels, any text: over
// Porthole exactly; over REST's form body as its UTF-8, a lone surrogate as U+FFFD (the README's
// "Text goes as its UTF-8"), every other character exactly, nothing trimmed, nothing split.
test('property: disposition text and labels arrive exactly over Porthole, and over REST but for a lone surrogate (U+FFFD)', async () => {
  const bodies = [];
  const uc = createUContactClient({
    baseUrl: 'https://uc.example', credentials: { token: TOKEN },
    fetch: async (_url, init) => { bodies.push(init.body); return new Response('1', { status: 200 }); },
  });
  const free = fc.oneof(textOf, fc.string({ unit: 'binary', maxLength: 20 }));
  const label = free.filter((s) => s.trim() !== '' && !/[|\r\n]/.test(s));
  await fc.assert(fc.asyncProperty(free.filter((s) => s.trim() !== ''), free, free, free, free, fc.array(label, { minLength: 1, maxLength: 3 }),
    async (l1, l2, l3, comment, camptoreschedule, labels) => {
      const args = { l1, l2, l3, comment, camptoreschedule, tag: labels };
      const { form, portal } = framed();
      const client = connectPortal({ log: captureLog, window: form });
      try {
        await client.disposition(args, { use: 'porthole' });
        const sent = JSON.parse(portal.posted[0].data).data;
        assert.deepEqual([sent.l1, sent.l2, sent.l3, sent.comment, sent.camptoreschedule, sent.tag], [l1, l2, l3, comment, camptoreschedule, labels.join('|')]);
      } finally {
        client.destroy();
      }
      bodies.length = 0;
      await uc.dispositionCall({ campaign: 'Sales->', agent: 'ana', callerid: '099123456', guid: 'g-1', ...args });
      const f = new URLSearchParams(bodies[0]);
      assert.deepEqual(['l1', 'l2', 'l3', 'comment', 'camptoreschedule', 'tag'].map((k) => f.get(k)),
        [l1, l2, l3, comment, camptoreschedule, labels.join('|')].map((v) => v.toWellFormed()));
    }), { seed: SEED, numRuns: 300 });
  await uc.close();
});

// A CTI whose workflow data was given but unreadable (an object, a list, a flag, a fraction, a number
// past 2^53: kept in `extra`, listed in `problems`) has no text to send back: toRespool refused it,
// the Schedule builder sent `''`, calling the contact back without its data.
test('repro: scheduleBuilder refuses a CTI or dialer record whose data (or ParAndValues) was unreadable, as respoolBuilder does, naming the field', () => {
  for (const bad of [{ a: '099111222' }, ['a=099111222'], true, 1.5, 2 ** 60]) {
    const dialer = parseCti({
      Guid: 'g-1', Campaign: 'Sales->', Callerid: '099123456',
      Dialer: { campaign: 'Sales->', destination: '099123456', status: 1, Data: bad, alternatives: '', retries: 2, contact: 15422, dialerbase: 'b-1', priority: 5, agentphone: '' },
    });
    const inbound = parseCti({ Guid: 'g-2', Campaign: 'Support<-', Callerid: '099123456', ParAndValues: bad });
    for (const [from, field] of [[dialer, 'dialer.data'], [dialer.dialer, 'dialer.data'], [inbound, 'parAndValues']]) {
      assert.throws(() => scheduleBuilder(from).setCalldate('2027-01-04 10:00:00').build(),
        (e) => isBridgeError(e, 'INVALID_ARGUMENT') && e.message === `scheduleBuilder: ${field} is unreadable` && !e.message.includes('099111222'));
    }
    assert.throws(() => respoolBuilder(dialer.dialer), (e) => isBridgeError(e, 'INVALID_ARGUMENT') && /dialer\.data is unreadable/.test(e.message));
  }
  // Absent data is no data: '' as before.
  const none = parseCti({ Guid: 'g-3', Campaign: 'Support<-', Callerid: '099123456' });
  assert.equal(scheduleBuilder(none).setCalldate('2027-01-04 10:00:00').build().data, '');
});
