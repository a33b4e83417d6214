// Checks of the REST client that depend on the engine's Intl, time zone data and structured clone,
// run in Chromium (rest-timezone.e2e.test.mjs), Firefox and WebKit (engines/*.mjs) with the built
// bundles: the page's `window.run(ENGINE_CHECKS, { closed })` (e2e/pages/rest.html), then
// `assertEngineChecks(result)`. `closed` is an origin nothing listens on (closedOrigin()).
// - The timeZone rule's verdict on ids engines' Intl take differently (Firefox refuses ICU's
//   three-letter and SystemV ids itself; Chromium and WebKit take 'Factory', Node 20 does not): the
//   same in every engine.
// - getRecordings' fall-back widening by the engine's own zone data: New York's 2026-11-01, and
//   Vostok's 7 h of 1994 where the engine's data has it (WebKitGTK's system ICU may not: +06 then).
// - A NETWORK_ERROR's cause: a structured clone (each engine keeps other own properties of an Error:
//   Firefox fileName/lineNumber, WebKit line/column/stack, its cause as text) scrubbed without
//   throwing, no phone number of the URL left; a refused connection's TypeError is its cause.
import { createServer } from 'node:net';
import assert from 'node:assert/strict';

/** An origin on 127.0.0.1 whose port nothing listens on (a refused connection). */
export async function closedOrigin() {
  const srv = createServer();
  await new Promise((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address();
  await new Promise((r) => srv.close(r));
  return `http://127.0.0.1:${port}`;
}

export const ZONE_IDS = { refused: ['ART', 'BST', 'IST', 'SystemV/AST4', 'US/Pacific-New', 'Canada/East-Saskatchewan', 'Factory', 'factory', '+05:30'],
  taken: ['EST', 'MST', 'HST', 'CET', 'PRC', 'ROC', 'ROK', 'UCT', 'GMT', 'UTC', 'Asia/Kolkata'] };
const RANGES = [['America/New_York', '2026-11-01T05:50:00Z', '2026-11-01T06:10:00Z'], ['America/New_York', '2026-03-01T05:00:00Z', '2026-11-01T06:10:00Z'],
  ['America/New_York', '2026-11-01T04:00:00Z', '2026-11-02T04:59:59Z'], ['Antarctica/Vostok', '1994-01-31T20:00:00Z', '1994-01-31T21:00:00Z'],
  ['Antarctica/Vostok', '1994-01-01T00:00:00Z', '1994-03-01T00:00:00Z']];
// As Node sends them (test/unit/http-recordings-range.test.mjs); Vostok with the fall-back (+07 to
// -00 on 1994-01-31 17:00 UTC) and without (a constant +06).
const NEW_YORK = [['2026-11-01 00:50:00', '2026-11-01 02:10:00'], ['2026-03-01 00:00:00', '2026-11-01 02:10:00'], ['2026-11-01 00:00:00', '2026-11-01 23:59:59']];
const VOSTOK = { '7 0': [['1994-01-31 20:00:00', '1994-02-01 04:00:00'], ['1994-01-01 07:00:00', '1994-03-01 00:00:00']],
  '6 6': [['1994-02-01 02:00:00', '1994-02-01 03:00:00'], ['1994-01-01 06:00:00', '1994-03-01 06:00:00']] };
const PHONE = '095987123';

export const ENGINE_CHECKS = `
  const TOKEN = 'c3VwZXJ2aXNvcjp1dWlk';
  const client = (fetch, baseUrl = 'https://acme.example.com') => bridge.createUContactClient({ baseUrl, credentials: { token: TOKEN }, retry: { attempts: 1 }, log, fetch });
  const refusing = client(async () => { throw new TypeError('offline'); });
  const zones = {};
  for (const id of [...arg.ids.refused, ...arg.ids.taken]) {
    const e = await refusing.getRecordings({ from: new Date(0), to: new Date(1e12), timeZone: id }).catch((x) => x);
    zones[id] = e.code === 'INVALID_ARGUMENT' ? 'refused' : e.code === 'NETWORK_ERROR' ? 'taken' : String(e.code);
  }
  let intlFactory;
  try { intlFactory = new Intl.DateTimeFormat('en-US', { timeZone: 'Factory' }).resolvedOptions().timeZone; } catch { intlFactory = 'refused'; }
  const sent = [];
  const answering = client(async (url, init) => { sent.push(new URLSearchParams(String(url).split('?')[1] || init.body || '')); return new Response('[]'); });
  const ranges = [];
  for (const [timeZone, from, to] of arg.ranges) {
    await answering.getRecordings({ from: new Date(from), to: new Date(to), timeZone });
    ranges.push([sent.at(-1).get('from'), sent.at(-1).get('to')]);
  }
  // The zone's offset at an instant, in hours, by the engine's data.
  const offset = (d) => {
    const p = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone: 'Antarctica/Vostok', hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' })
      .formatToParts(new Date(d)).map((x) => [x.type, +x.value]));
    return (Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - Date.parse(d)) / 36e5;
  };
  const vostok = offset('1994-01-31T16:00:00Z') + ' ' + offset('1994-01-31T18:00:00Z');
  const shapes = {
    message: (u) => new TypeError('request to ' + u + ' failed, reason: socket hang up'),
    string: (u) => 'failed: ' + u,
    object: (u) => ({ url: u, config: { url: u }, request: { url: u } }),
    causes: (u) => new Error('outer', { cause: new Error('request to ' + u, { cause: { url: u } }) }),
    // An Error's other own properties are not cloned.
    property: (u) => Object.assign(new TypeError('x'), { url: u }),
  };
  // Every string reachable from the cause (own properties, stack and message through the prototype too).
  const texts = (v, out = [], seen = new Set()) => {
    if (typeof v === 'string') out.push(v);
    else if (v && typeof v === 'object' && !seen.has(v)) {
      seen.add(v);
      for (const k of new Set([...Object.getOwnPropertyNames(v), 'message', 'stack', 'cause'])) texts(v[k], out, seen);
    }
    return out;
  };
  const causes = {};
  for (const [k, make] of Object.entries(shapes)) {
    let e;
    try {
      e = await client(async (u) => { throw make(u); }).request('Contacts/Find/099123456', { phone: arg.phone }, { method: 'GET' }).catch((x) => x);
    } catch (x) {
      e = { code: 'threw ' + x };
    }
    const t = texts(e.cause).join(' ');
    causes[k] = [e.code, t.includes(arg.phone) || t.includes('099123456') ? 'phone' : t.includes('Integra/resources/Contacts/Find/#') ? 'shown' : 'none'];
  }
  const r = await client(undefined, arg.closed).request('Contacts/Find/099123456', { phone: arg.phone }, { method: 'GET' }).catch((x) => x);
  const refused = [r.code, r.cause instanceof TypeError, texts(r).join(' ').includes(arg.phone)];
  return { zones, intlFactory, ranges, vostok, causes, refused };`;

/** The argument of ENGINE_CHECKS. */
export const engineChecksArg = (closed) => ({ closed, ids: ZONE_IDS, ranges: RANGES, phone: PHONE });

/** Asserts ENGINE_CHECKS' result (`{ ok, value }` of window.run); returns the value. */
export function assertEngineChecks(result) {
  assert.equal(result.ok, true, JSON.stringify(result));
  const v = result.value;
  assert.deepEqual(v.zones, Object.fromEntries([...ZONE_IDS.refused.map((z) => [z, 'refused']), ...ZONE_IDS.taken.map((z) => [z, 'taken'])]), `${JSON.stringify(v.zones)} (Intl: Factory ${v.intlFactory})`);
  assert.ok(VOSTOK[v.vostok], `Vostok's offsets around 1994-01-31 17:00 UTC: ${v.vostok}`);
  assert.deepEqual(v.ranges, [...NEW_YORK, ...VOSTOK[v.vostok]], `Vostok ${v.vostok}`);
  assert.deepEqual(v.causes, { message: ['NETWORK_ERROR', 'shown'], string: ['NETWORK_ERROR', 'shown'], object: ['NETWORK_ERROR', 'shown'],
    causes: ['NETWORK_ERROR', 'shown'], property: ['NETWORK_ERROR', 'none'] });
  assert.deepEqual(v.refused, ['NETWORK_ERROR', true, false]);
  return v;
}
