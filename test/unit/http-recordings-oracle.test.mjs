// getRecordings with two Dates, checked against a brute-force oracle that shares nothing with the
// implementation (neither its formula nor the library's formatDateTime): each zone's transitions are
// found with Intl directly, the wall-clock texts of a range's instants are listed minute by minute,
// and the form fields the client sends are compared with them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isBridgeError } from '../../dist/http.js';
import { recordingClient } from './helpers/recording-client.mjs';

// Each request's fields as sent; every answer an empty list.
const client = (timeZone) => recordingClient({ timeZone, retry: { attempts: 1 }, answer: '[]', form: true });
const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

// The wall-clock text of instant t in zone, 'YYYY-MM-DD HH:mm:ss', straight from Intl (years 1000
// to 9999 only: these tests stay within 1990 to 2030).
const formats = new Map();
const parts = (zone, t) => {
  let f = formats.get(zone);
  if (!f) formats.set(zone, (f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })));
  return Object.fromEntries(f.formatToParts(new Date(t)).map((p) => [p.type, p.value]));
};
const wall = (zone, t) => {
  const p = parts(zone, t);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
};
// A wall text read as if it were UTC, in ms (to measure how far apart two texts are).
const ms = (text) => Date.parse(`${text.replace(' ', 'T')}Z`);
// The zone's offset at t, in ms (t's milliseconds dropped, as the text drops them).
const offset = (zone, t) => ms(wall(zone, t)) - Math.floor(t / SEC) * SEC;

// Every change of the zone's offset from `from` to `to`: probed every 6 hours, then halved down to
// the millisecond, `at` being the first instant with the new offset.
function transitions(zone, from, to) {
  const out = [];
  let prev = offset(zone, from);
  for (let t = from + 6 * HOUR; t <= to; t += 6 * HOUR) {
    const o = offset(zone, t);
    if (o === prev) continue;
    let [a, b] = [t - 6 * HOUR, t];
    while (b - a > 1) {
      const m = a + Math.floor((b - a) / 2);
      if (offset(zone, m) === prev) a = m; else b = m;
    }
    out.push({ zone, at: b, size: prev - offset(zone, b) }); // size > 0: a fall-back
    prev = o;
  }
  return out;
}

// Zones with unusual transitions, and the years whose transitions the ranges are drawn around.
const ZONES = [
  ['America/New_York', 2026, 2026], // 1 h each way
  ['Australia/Lord_Howe', 2026, 2026], // 30 min DST
  ['Pacific/Chatham', 2026, 2026], // +12:45/+13:45, changing at 02:45 / 03:45
  ['Antarctica/Troll', 2026, 2026], // +00/+02: 2 h each way
  ['Antarctica/Vostok', 1994, 1994], // +07 back to -00 in January 1994 (7 h), and forward again in November
  ['America/Caracas', 2007, 2016], // -04 back to -04:30 (2007), forward to -04 (2016)
  ['Asia/Pyongyang', 2015, 2018], // +09 back to +08:30 (2015), forward to +09 (2018)
  ['Europe/Moscow', 2011, 2014], // to +04 for good (2011), back to +03 (2014)
  ['Pacific/Apia', 2011, 2012], // DST at -11/-10, then the 24 h jump of 2011-12-29 over the date line, DST at +13/+14
  ['Africa/Casablanca', 2024, 2026], // +01 back to +00 for Ramadan and forward after
];
// Transitions scanned 60 days beyond each window (a range may start 40 days before its transition),
// drawn from within it.
const ALL = new Map();
const DRAWN = [];
for (const [zone, y0, y1] of ZONES) {
  const [from, to] = [Date.UTC(y0, 0, 1), Date.UTC(y1 + 1, 0, 1)];
  const trs = transitions(zone, from - 60 * DAY, to + 60 * DAY);
  ALL.set(zone, trs);
  DRAWN.push(...trs.filter((t) => t.at >= from && t.at < to));
}

// The least and the greatest wall text of the instants from a to b: each minute from a (and b) within
// eight hours of an end, and each transition's first instant and the millisecond before it anywhere
// in the range. Between two transitions the text only grows with the instant, so the minutes further
// in have texts between those.
function extremes(zone, a, b) {
  const texts = [wall(zone, b)];
  for (let t = a; t <= b; t = t + MIN > a + 8 * HOUR && t + MIN < b - 8 * HOUR ? b - 8 * HOUR : t + MIN) texts.push(wall(zone, t));
  for (const { at } of ALL.get(zone)) if (at > a && at <= b) texts.push(wall(zone, at), wall(zone, at - 1));
  texts.sort();
  return [texts[0], texts.at(-1)];
}
// The largest fall-back (0 if none) starting within seven hours of instant t.
const fallNear = (zone, t) => Math.max(0, ...ALL.get(zone).filter((x) => x.size > 0 && Math.abs(x.at - t) <= 7 * HOUR).map((x) => x.size));

test('oracle: the zones\' transitions are found (fall-backs of 30 min to 7 h, the 24 h jump, 30 min DST)', () => {
  const sizes = Object.fromEntries(ZONES.map(([zone]) => [zone, DRAWN.filter((t) => t.zone === zone).map((t) => t.size / MIN)]));
  assert.deepEqual(sizes, {
    'America/New_York': [-60, 60], 'Australia/Lord_Howe': [30, -30], 'Pacific/Chatham': [60, -60], 'Antarctica/Troll': [-120, 120],
    'Antarctica/Vostok': [420, -420], 'America/Caracas': [30, -30], 'Asia/Pyongyang': [30, -30], 'Europe/Moscow': [-60, 60],
    'Pacific/Apia': [60, -60, -1440, 60, -60], 'Africa/Casablanca': [60, -60, 60, -60, 60, -60],
  });
  assert.equal(wall('America/New_York', Date.UTC(2026, 10, 1, 5, 30, 7, 999)), '2026-11-01 01:30:07');
});

test('getRecordings: Dates in order around unusual transitions are sent as texts covering every instant between them, no wider than the nearest fall-back needs, and as their own texts with no fall-back near (oracle, property)', async () => {
  const seen = { widened: 0, own: 0, springNear: 0 };
  // Ends up to five hours (often 90 minutes) either side of a transition, to the millisecond;
  // sometimes `from` 40 days earlier; the zone given to the client or to the call.
  const end = fc.oneof(fc.integer({ min: -5 * HOUR, max: 5 * HOUR }), fc.integer({ min: -90 * MIN, max: 90 * MIN }));
  await fc.assert(fc.asyncProperty(fc.constantFrom(...DRAWN), end, end, fc.boolean(), fc.boolean(), async ({ zone, at }, x, y, far, perCall) => {
    const a = at + Math.min(x, y) - (far ? 40 * DAY : 0), b = at + Math.max(x, y);
    const { uc, sent } = client(perCall ? 'UTC' : zone);
    await uc.getRecordings({ from: new Date(a), to: new Date(b), ...(perCall ? { timeZone: zone } : {}) });
    const { from, to } = sent[0];
    const [lo, hi] = extremes(zone, a, b);
    const where = `${zone} ${new Date(a).toISOString()}..${new Date(b).toISOString()} sent ${from}..${to}`;
    // (a) every instant's text lies between the texts sent.
    assert.ok(from <= lo && hi <= to, `${where}: misses ${lo}..${hi}`);
    // (b) no wider than needed by more than the largest fall-back near that end.
    assert.ok(ms(lo) - ms(from) <= fallNear(zone, a), `${where}: from wider than ${lo} needs`);
    assert.ok(ms(to) - ms(hi) <= fallNear(zone, b), `${where}: to wider than ${hi} needs`);
    // (c) with no fall-back within seven hours of an end, that end is its own text (a spring-forward
    // near it or not).
    if (!fallNear(zone, a)) assert.equal(from, wall(zone, a), `${where}: from`);
    if (!fallNear(zone, b)) assert.equal(to, wall(zone, b), `${where}: to`);
    if (from !== wall(zone, a) || to !== wall(zone, b)) seen.widened++; else seen.own++;
    if (!fallNear(zone, b) && ALL.get(zone).some((t) => t.size < 0 && Math.abs(t.at - b) < 5 * HOUR)) seen.springNear++;
  }), { seed: 2727, numRuns: 400 });
  // The runs met both kinds of answer and ends beside a spring-forward.
  assert.ok(seen.widened > 20 && seen.own > 20 && seen.springNear > 20, JSON.stringify(seen));
});

test('getRecordings: two Dates out of order around unusual transitions are refused before anything is sent, their texts in order or not (oracle, property)', async () => {
  let textsInOrder = 0;
  // `from` up to five hours either side of a transition (often in the two hours after it, where a
  // fall-back repeats texts), `to` `back` ms before it (sometimes under a second).
  const end = fc.oneof(fc.integer({ min: -5 * HOUR, max: 5 * HOUR }), fc.integer({ min: 0, max: 2 * HOUR }));
  const back = fc.oneof(fc.integer({ min: 1, max: 8 * HOUR }), fc.integer({ min: 1, max: 2 * HOUR }));
  await fc.assert(fc.asyncProperty(fc.constantFrom(...DRAWN), end, back, async ({ zone, at }, x, back) => {
    const [a, b] = [at + x, at + x - (back > 4 * HOUR ? back % 999 + 1 : back)];
    if (wall(zone, a) < wall(zone, b)) textsInOrder++;
    const { uc, sent } = client(zone);
    await assert.rejects(uc.getRecordings({ from: new Date(a), to: new Date(b) }),
      (e) => isBridgeError(e, 'INVALID_ARGUMENT') && /^getRecordings: from must not be after to$/.test(e.message), `${zone} ${a} ${b}`);
    assert.equal(sent.length, 0);
  }), { seed: 2728, numRuns: 300 });
  assert.ok(textsInOrder > 10, String(textsInOrder));
});
