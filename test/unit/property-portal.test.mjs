// Property tests of the portal client's Porthole wire (spec sections 2 and 3), on the built bundle:
// the envelope a request posts round-trips exactly; unsolicited portal messages reach `on('message')`
// unchanged; and no raw message data (any string, any value, from any window or origin) throws out
// of the `message` listener or settles a pending call. Seeds are fixed (override with FC_SEED).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { connectPortal, isBridgeError } from '../../dist/index.js';
import { FakeWindow, framed } from './helpers/fake-window.mjs';

const SEED = process.env.FC_SEED === undefined ? 20260511 : Number(process.env.FC_SEED);
const ACTIONS = ['call', 'callWithPhone', 'hangup', 'disposition', 'tag', 'respool', 'schedule'];
const own = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
const isRecord = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const flush = () => new Promise((r) => setImmediate(r));

// Same-origin deployment (the default policy) and an external CRM with an explicit portal origin.
const SETUPS = [
  { portalOrigin: 'http://127.0.0.1:8080' },
  { portalOrigin: 'https://acme.ucontactcloud.com', formOrigin: 'http://localhost:9090', allowedOrigins: 'https://acme.ucontactcloud.com' },
];

/** A framed form with a connected client; `handlers` are the client's own `message` listeners. */
function setup({ portalOrigin, formOrigin, allowedOrigins }, name = 'crmForm') {
  const f = framed({ portalOrigin, formOrigin, name });
  const handlers = [];
  const add = f.form.addEventListener.bind(f.form);
  f.form.addEventListener = (type, fn, opts) => {
    // Each listener once: the client adds its one again at each request (a no-op for a browser).
    if (type === 'message' && !handlers.includes(fn)) handlers.push(fn);
    add(type, fn, opts);
  };
  const client = connectPortal({ log: captureLog, window: f.form, ...(allowedOrigins && { allowedOrigins }) });
  return { ...f, client, handlers, portalOrigin, formOrigin: formOrigin ?? portalOrigin };
}

/** A call that records whether it settled. */
function pendingCall(client) {
  const state = { settled: false };
  state.promise = client.call({ campaign: 'Sales->', destination: '099123456' }, { timeoutMs: 600_000 })
    .finally(() => { state.settled = true; });
  return state;
}

// Strings of every kind: ASCII, full unicode graphemes, and raw UTF-16 (lone surrogates included).
const anyString = (opts = {}) => fc.oneof(
  fc.string(opts), fc.string({ ...opts, unit: 'grapheme' }), fc.string({ ...opts, unit: 'binary' }),
);
const phone = fc.stringMatching(/^\+?\d{1,32}$/);
const campaign = anyString({ minLength: 1 }).filter((s) => s.trim() !== '');

test('property: call/callWithPhone post exactly the Porthole envelope, key order included', async (t) => {
  let runs = 0;
  await fc.assert(fc.asyncProperty(
    fc.constantFrom(...SETUPS), anyString(), fc.constantFrom('call', 'callWithPhone'), campaign, phone,
    fc.option(fc.oneof(phone, fc.constant('')), { nil: undefined }),
    async (s, name, action, camp, destination, callerid) => {
      runs++;
      const { portal, client, reply, portalOrigin, formOrigin } = setup(s, name);
      try {
        const args = action === 'call'
          ? { campaign: camp, destination, ...(callerid !== undefined && { callerid }) }
          : { destination, campaign: camp };
        const p = client[action](args);
        const data = action === 'call'
          ? { action, campaign: camp, callerid: callerid ?? '', destination }
          : { action, destination, campaign: camp };
        const envelope = { data, sourceOrigin: formOrigin, targetOrigin: portalOrigin, sourceWindowName: name, targetWindowName: '' };
        assert.equal(portal.posted.length, 1);
        const { data: raw, targetOrigin } = portal.posted[0];
        assert.equal(typeof raw, 'string');
        assert.equal(targetOrigin, portalOrigin);
        assert.equal(raw, JSON.stringify(envelope)); // same text: same keys, same order
        const parsed = JSON.parse(raw);
        assert.deepStrictEqual(parsed, envelope);
        assert.deepStrictEqual(Object.keys(parsed), ['data', 'sourceOrigin', 'targetOrigin', 'sourceWindowName', 'targetWindowName']);
        assert.deepStrictEqual(Object.keys(parsed.data), Object.keys(data));
        reply({ guid: 'g-1' });
        assert.deepStrictEqual(await p, { action, guid: 'g-1', via: 'porthole' });
      } finally {
        client.destroy();
      }
    },
  ), { seed: SEED, numRuns: 1000, includeErrorInReport: true });
  t.diagnostic(`envelope round trip: ${runs} cases`);
});

test('property: a blank campaign is INVALID_ARGUMENT and nothing is posted', async () => {
  await fc.assert(fc.asyncProperty(
    fc.stringMatching(/^[ \t\n\r\u00a0\u2028\u3000\ufeff]*$/), phone,
    async (camp, destination) => {
      const { portal, client } = setup(SETUPS[0]);
      try {
        await assert.rejects(client.call({ campaign: camp, destination }), (e) => isBridgeError(e, 'INVALID_ARGUMENT'));
        assert.equal(portal.posted.length, 0);
      } finally {
        client.destroy();
      }
    },
  ), { seed: SEED, numRuns: 100, includeErrorInReport: true });
});

// JSON objects the portal might post on its own, biased towards the keys that route replies.
const replyish = fc.oneof(
  fc.constantFrom('action', 'result', 'error', 'guid', 'GUID', 'Guid', 'data', '__proto__', 'constructor', 'toString'),
  anyString(),
);
const actionValue = fc.oneof(
  fc.constantFrom(...ACTIONS, 'toString', '__proto__', 'hasOwnProperty', 'Call', 'HANGUP', 'call ', ''),
  fc.jsonValue(),
);
const portalObject = fc.oneof(
  fc.dictionary(replyish, fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 }),
  fc.record({ action: actionValue, result: fc.oneof(fc.constantFrom('0', '1'), fc.jsonValue()) }, { requiredKeys: [] }),
  fc.jsonValue({ maxDepth: 4 }).filter(isRecord),
);
// A valid reply would (rightly) be taken by a request: those are not unsolicited messages.
const unsolicited = portalObject.filter((o) => !own(o, 'guid') && !(typeof o.action === 'string' && ACTIONS.includes(o.action)));

test('property: unsolicited portal objects reach on(message) deep-equal, and settle nothing', async (t) => {
  let runs = 0;
  let messages = 0;
  await fc.assert(fc.asyncProperty(
    fc.constantFrom(...SETUPS), fc.array(unsolicited, { minLength: 1, maxLength: 5 }),
    async (s, objects) => {
      runs++;
      const { client, reply, portalOrigin } = setup(s);
      try {
        const got = [];
        client.on('message', (d, origin) => got.push([d, origin]));
        const call = pendingCall(client);
        for (const o of objects) reply(o);
        messages += objects.length;
        // What the portal posted is the object's JSON: compare with that (JSON has no -0, no null prototypes).
        assert.deepStrictEqual(got, objects.map((o) => [JSON.parse(JSON.stringify(o)), portalOrigin]));
        await flush();
        assert.equal(call.settled, false, 'an unsolicited message settled the pending call');
        reply({ guid: 'g-final' });
        assert.equal((await call.promise).guid, 'g-final');
      } finally {
        client.destroy();
      }
    },
  ), { seed: SEED, numRuns: 1000, includeErrorInReport: true });
  t.diagnostic(`unsolicited messages: ${runs} cases, ${messages} messages`);
});

// Raw `message` data of any kind, as a portal, a bug or an attacker might post it.
const envelopeOf = (data) => JSON.stringify({ data, sourceOrigin: 'x', targetOrigin: '*', sourceWindowName: '', targetWindowName: '' });
const hostile = [
  new Proxy({}, { get(_, k) { if (typeof k === 'symbol') return undefined; throw new Error('trap'); }, getPrototypeOf() { throw new Error('trap'); }, ownKeys() { throw new Error('trap'); } }),
  Object.assign(Object.create(null), { data: { guid: 'evil' } }), new String(envelopeOf({ guid: 'boxed' })),
  { data: { guid: 'object-not-string' } }, `${envelopeOf({ guid: 'x' })}\u0000`, ` ${envelopeOf({ guid: 'x' }).slice(1)}`,
  'x'.repeat(4_000_001), `{"data":{"guid":"big","pad":"${'y'.repeat(3_999_900)}"}}`, '\ud800', '{"data":', 'null', '[]',
];
const rawData = fc.oneof(
  anyString(), fc.anything(), fc.constantFrom(...hostile),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  portalObject.map(envelopeOf),
  fc.jsonValue().map(envelopeOf),
  // Malformed replies: a guid that is not a string, a result other than '0'/'1'.
  fc.record({ guid: fc.jsonValue().filter((g) => typeof g !== 'string'), result: fc.jsonValue() }, { requiredKeys: ['guid'] }).map(envelopeOf),
  fc.record({ guid: fc.string(), result: fc.jsonValue().filter((r) => r !== '0' && r !== '1') }).map(envelopeOf),
  // Valid replies: refused below unless they come from the portal window and origin.
  fc.record({ guid: fc.string(), result: fc.constantFrom('0', '1') }, { requiredKeys: ['guid'] }).map(envelopeOf),
  // A guid with an action: a call's answer only when the action is call/callWithPhone.
  fc.record({ action: actionValue, guid: fc.string(), result: fc.constantFrom('0', '1') }, { requiredKeys: ['action', 'guid'] }).map(envelopeOf),
  anyString().map((t) => envelopeOf({ guid: 'g' }).slice(0, t.length % 60) + t),
);

/** True when `raw` would be a reply to a call if the portal posted it (what the library must accept). */
function isCallReply(raw) {
  if (typeof raw !== 'string' || raw.length > 4_000_000) return false;
  let parsed;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return false;
  }
  const d = isRecord(parsed) && parsed.data;
  // A message naming another action is that action's, never a call's answer (issue #16).
  const callLane = isRecord(d) && (!own(d, 'action') || d.action === 'call' || d.action === 'callWithPhone');
  return callLane && own(d, 'guid') && typeof d.guid === 'string' && (!own(d, 'result') || d.result === '0' || d.result === '1');
}

test('property: no raw message data throws from the listener or settles a pending call', async (t) => {
  let runs = 0;
  let events = 0;
  let forged = 0;
  const stranger = new FakeWindow({ origin: 'https://evil.example' });
  await fc.assert(fc.asyncProperty(
    fc.constantFrom(...SETUPS),
    fc.array(fc.record({
      data: rawData,
      origin: fc.oneof(fc.constant('portal'), fc.constantFrom('https://evil.example', 'null', '', 'http://127.0.0.1:8081', 'https://acme.ucontactcloud.com:443')),
      source: fc.constantFrom('portal', 'form', 'stranger', 'null'),
    }), { minLength: 1, maxLength: 6 }),
    async (s, messages) => {
      runs++;
      const { portal, form, client, handlers, portalOrigin } = setup(s);
      try {
        client.on('message', () => { throw new Error('a listener that throws'); });
        const call = pendingCall(client);
        assert.equal(handlers.length, 1);
        for (const m of messages) {
          const origin = m.origin === 'portal' ? portalOrigin : m.origin;
          const source = { portal, form, stranger, null: null }[m.source];
          if (isCallReply(m.data)) {
            if (source === portal && origin === portalOrigin) continue;
            forged++; // a well-formed reply from the wrong window or origin: must be ignored
          }
          events++;
          assert.doesNotThrow(() => handlers[0]({ type: 'message', data: m.data, origin, source }));
        }
        await flush();
        assert.equal(call.settled, false, 'raw message data settled the pending call');
        handlers[0]({ type: 'message', data: envelopeOf({ guid: 'g-final' }), origin: portalOrigin, source: portal });
        assert.equal((await call.promise).guid, 'g-final');
      } finally {
        client.destroy();
      }
    },
  ), { seed: SEED, numRuns: 1000, includeErrorInReport: true });
  t.diagnostic(`raw message data: ${runs} cases, ${events} events (${forged} well-formed replies from a wrong window or origin)`);
});

// Replies carry no id: whatever the portal sends, in any order, a guid reaches at most one request,
// and only from a message that is a call's answer (no action, or call/callWithPhone). Guids come
// from a small pool so that replays are common.
const GUIDS = ['g1', 'g2', 'g3', 'g4'];
const step = fc.oneof(
  fc.constant({ op: 'call' }),
  fc.constant({ op: 'timeout' }),
  fc.record({
    op: fc.constant('reply'),
    guid: fc.constantFrom(...GUIDS, '0', ''),
    action: fc.constantFrom(undefined, 'call', 'callWithPhone', 'hangup', 'tag', 'nope'),
    result: fc.constantFrom(undefined, '0', '1'),
  }),
);

test('property: any reply sequence: a guid answers at most one request, and only a call answer gives one', async (t) => {
  let runs = 0;
  let answered = 0;
  await fc.assert(fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 30 }), async (steps) => {
    runs++;
    // A short late window, so that timed-out calls do not hold the lane for the rest of the case.
    const { form, reply } = framed();
    const client = connectPortal({ log: captureLog, window: form, lateReplyWindowMs: 5 });
    const results = [];
    const callGuids = new Set();
    try {
      const ongoing = [];
      for (const s of steps) {
        if (s.op === 'call') ongoing.push(client.call({ campaign: 'Sales->', destination: '099123456' }, { timeoutMs: 600_000 }).then((r) => results.push(r.guid), () => {}));
        else if (s.op === 'timeout') {
          ongoing.push(client.call({ campaign: 'Sales->', destination: '099123456' }, { timeoutMs: 2 }).then((r) => results.push(r.guid), () => {}));
          await new Promise((r) => setTimeout(r, 8));
        }
        else {
          const data = { guid: s.guid };
          if (s.action !== undefined) data.action = s.action;
          if (s.result !== undefined) data.result = s.result;
          if (s.action === undefined || s.action === 'call' || s.action === 'callWithPhone') callGuids.add(s.guid);
          reply(data);
        }
        await flush();
      }
      client.destroy();
      await Promise.all(ongoing);
      answered += results.length;
      assert.equal(new Set(results).size, results.length, `a guid answered two requests: ${results}`);
      for (const g of results) assert.ok(callGuids.has(g), `${g} came from a message that is not a call answer`);
    } finally {
      client.destroy();
    }
  }), { seed: SEED, numRuns: 500, includeErrorInReport: true });
  t.diagnostic(`reply sequences: ${runs} cases, ${answered} calls answered`);
});
