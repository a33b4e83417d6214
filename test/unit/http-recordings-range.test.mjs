// getRecordings with two Dates around a fall-back: uContact's text has no offset, so the hour a zone
// repeats when its clocks go back names two instants. The texts sent must cover every instant of an
// ordered range (never refused), be the ends' own texts when those already do, and an instant
// range out of order is refused whatever its texts say.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isBridgeError } from '../../dist/http.js';
import { recordingClient } from './helpers/recording-client.mjs';
import { formatDateTime } from '../../dist/cti.js';

// Each request's fields as sent; every answer an empty list.
const client = (timeZone) => recordingClient({ timeZone, retry: { attempts: 1 }, answer: '[]', form: true });
const MIN = 60_000;
const HOUR = 60 * MIN;
// The zone's offset at instant t, in ms.
const offset = (zone, t) => Date.parse(`${formatDateTime(new Date(t), zone).replace(' ', 'T')}Z`) - t;
// The first instant of the zone's first fall-back from `t` on (its clocks go back), found hour by
// hour then by halving, and its size.
function fallBack(zone, t) {
  while (offset(zone, t + HOUR) >= offset(zone, t)) t += HOUR;
  let [a, b] = [t, t + HOUR];
  while (b - a > 1000) {
    const m = a + Math.floor((b - a) / 2000) * 1000;
    if (offset(zone, m) < offset(zone, a)) b = m; else a = m;
  }
  return { at: b, size: offset(zone, a) - offset(zone, b) };
}
// Every wall-clock text of the instants from a to b in zone: each minute, the second before each,
// and b (each transition is on a whole minute in these zones).
const textsOf = (a, b, zone) => {
  const out = [formatDateTime(new Date(b), zone)];
  for (let t = a; t <= b; t += MIN) out.push(formatDateTime(new Date(t), zone), formatDateTime(new Date(Math.max(a, t - 1000)), zone));
  return out.sort();
};

// New York (1 h back), Lord Howe (30 min), Troll (2 h), Casey in 2010 (3 h: +11 back to +08),
// Vostok in 1994 (7 h: +07 back to -00, the station closed; the largest fall-back since 1970).
const ZONES = [['America/New_York', Date.UTC(2026, 9, 1)], ['Australia/Lord_Howe', Date.UTC(2026, 2, 1)],
  ['Antarctica/Troll', Date.UTC(2026, 9, 1)], ['Antarctica/Casey', Date.UTC(2010, 1, 1)], ['Antarctica/Vostok', Date.UTC(1994, 0, 25)]];

test('getRecordings: a Date range in order around a fall-back is taken, its texts cover every instant in it, and an end is widened only when its own text misses an instant near it (property)', async () => {
  const falls = ZONES.map(([zone, from]) => ({ zone, ...fallBack(zone, from) }));
  for (const f of falls) assert.ok(f.size >= 30 * MIN, `${f.zone}: a fall-back found`);
  // Ends on whole minutes up to eight hours either side of the fall-back; sometimes `from` weeks
  // earlier (across the spring-forward too: the ends' offsets are then the same).
  const end = fc.integer({ min: -480, max: 480 });
  await fc.assert(fc.asyncProperty(fc.constantFrom(...falls), end, end, fc.nat({ max: 400 }), async ({ zone, at, size }, x, y, weeks) => {
    let [a, b] = [at + Math.min(x, y) * MIN, at + Math.max(x, y) * MIN];
    if (weeks > 300) a -= (weeks - 300) * 7 * 24 * HOUR;
    const { uc, sent } = client(zone);
    await uc.getRecordings({ from: new Date(a), to: new Date(b) });
    const { from, to } = sent[0];
    // The instants within the fall-back's size (and ten minutes) of an end: those further in have
    // texts between these.
    const near = size + 10 * MIN;
    for (const t of [...textsOf(Math.max(a, b - near), b, zone), ...textsOf(a, Math.min(b, a + near), zone)]) {
      assert.ok(from <= t && t <= to, `${zone}: ${t} outside ${from}..${to}`);
    }
    // An end's own text, unless it misses an instant of the fall-back's size after `from` (before
    // `to`), also past the other end: then it is written with the other offset.
    const [own, ownTo] = [formatDateTime(new Date(a), zone), formatDateTime(new Date(b), zone)];
    assert.equal(from, own <= textsOf(a, a + near, zone)[0] ? own : formatDateTime(new Date(a - size), zone), `${zone}: from`);
    assert.equal(to, ownTo >= textsOf(b - near, b, zone).at(-1) ? ownTo : formatDateTime(new Date(b + size), zone), `${zone}: to`);
  }), { seed: 27, numRuns: 80 }); // the independent oracle (http-recordings-oracle) runs 400 more
});

test("getRecordings: a day's range on a fall-back day, and a range of Dates in another zone's fall-back, are sent as they are", async () => {
  const { uc, sent } = client('America/New_York');
  // 2026-11-01 00:00 EDT to 23:59:59 EST: 25 hours, texts already in order and covering them.
  await uc.getRecordings({ from: new Date('2026-11-01T04:00:00Z'), to: new Date('2026-11-02T04:59:59Z') });
  await uc.getRecordings({ from: new Date('2026-11-01T05:00:00Z'), to: new Date('2026-11-01T07:00:00Z') });
  assert.deepEqual(sent.map((s) => [s.from, s.to]), [
    ['2026-11-01 00:00:00', '2026-11-01 23:59:59'],
    // 01:00 EDT to 02:00 EST: the repeated hour's texts are between them already.
    ['2026-11-01 01:00:00', '2026-11-01 02:00:00'],
  ]);
  const m = client('America/Montevideo');
  await m.uc.getRecordings({ from: new Date('2026-11-01T05:50:00Z'), to: new Date('2026-11-01T06:10:00Z') });
  assert.deepEqual([m.sent[0].from, m.sent[0].to], ['2026-11-01 02:50:00', '2026-11-01 03:10:00']);
});

test('getRecordings: Dates in the repeated hour, in order, are sent widened; out of order, refused (their texts in order or not)', async () => {
  const { uc, sent } = client('America/New_York');
  // 01:50 EDT to 01:10 EST, 20 minutes apart: was refused (texts inverted).
  await uc.getRecordings({ from: new Date('2026-11-01T05:50:00Z'), to: new Date('2026-11-01T06:10:00Z') });
  // From March (EST) to 01:10 EST on Nov 1: same offsets at both ends, the first 01:10-01:59 (EDT) was missed.
  await uc.getRecordings({ from: new Date('2026-03-01T05:00:00Z'), to: new Date('2026-11-01T06:10:00Z') });
  assert.deepEqual(sent.map((s) => [s.from, s.to]), [
    ['2026-11-01 00:50:00', '2026-11-01 02:10:00'],
    ['2026-03-01 00:00:00', '2026-11-01 02:10:00'],
  ]);
  // 01:10 EST then 01:50 EDT: 40 minutes backwards, though '01:10' < '01:50'.
  for (const [from, to] of [['2026-11-01T06:10:00Z', '2026-11-01T05:50:00Z'], ['2026-11-02T00:00:00Z', '2026-11-01T00:00:00Z']]) {
    await assert.rejects(uc.getRecordings({ from: new Date(from), to: new Date(to) }),
      (e) => isBridgeError(e, 'INVALID_ARGUMENT') && /^getRecordings: from must not be after to$/.test(e.message));
  }
  // A text end is compared as text, as before.
  await assert.rejects(uc.getRecordings({ from: '2026-11-02 00:00:00', to: new Date('2026-11-01T12:00:00Z') }), (e) => isBridgeError(e, 'INVALID_ARGUMENT'));
  // A Date end beside a text one is widened as well (01:50 EST, 50 minutes after the fall-back).
  await uc.getRecordings({ from: '2026-11-01 01:50:00', to: new Date('2026-11-01T06:50:00Z') });
  assert.deepEqual([sent[2].from, sent[2].to], ['2026-11-01 01:50:00', '2026-11-01 02:50:00']);
  // Widened, a Date end beside a text one must still lie between the texts: 01:50 EDT to '01:40'
  // went 00:50 to 01:40 (01:50 itself outside), '01:20' to 01:10 EST went 01:20 to 02:10 (01:10
  // outside). Refused, as before the widening.
  for (const [from, to] of [[new Date('2026-11-01T05:50:00Z'), '2026-11-01 01:40:00'], ['2026-11-01 01:20:00', new Date('2026-11-01T06:10:00Z')]]) {
    await assert.rejects(uc.getRecordings({ from, to }), (e) => isBridgeError(e, 'INVALID_ARGUMENT') && /^getRecordings: from must not be after to$/.test(e.message), String(from));
  }
  assert.equal(sent.length, 3);
});

test('getRecordings: Dates at the ends of the years taken (0001-01-02, 9999-12-31 UTC) are written as before in any zone', async () => {
  for (const zone of ['UTC', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'America/New_York', 'Asia/Manila']) {
    const { uc, sent } = client(zone);
    const [a, b] = [new Date('0001-01-02T00:00:00Z'), new Date('9999-12-31T00:00:00Z')];
    await uc.getRecordings({ from: a, to: b });
    await uc.getRecordings({ from: b, to: b });
    await uc.getRecordings({ from: a, to: a });
    assert.deepEqual(sent.map((s) => [s.from, s.to]), [[a, b], [b, b], [a, a]].map((r) => r.map((d) => formatDateTime(d, zone))), zone);
  }
});
