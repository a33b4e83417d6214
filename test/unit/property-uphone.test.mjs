// Property tests of the embedded uPhone, on the built bundle: any sequence of messages (any order,
// any fields, hostile values, from the frame and from elsewhere) leaves a whole, consistent call
// state; nothing throws out of the listener; onState fires exactly when the state object changes;
// messages from another window or origin change nothing at all. Seeds are fixed (FC_SEED overrides).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { embedUPhone, readUPhoneMessage } from '../../dist/uphone.js';
import { PHONE_ORIGIN, embedded } from './helpers/uphone-fakes.mjs';

const SEED = process.env.FC_SEED === undefined ? 20261115 : Number(process.env.FC_SEED);
const NAMES = ['makeCall', 'gettingCall', 'finishedCall', 'finishedSms', 'sentDispositions', 'agentLogin', 'agentLogout',
  'assignedInteraction', 'finishedInteraction', 'sentDisposition', 'changedTheme', 'changedLanguage', 'other', '*', 'state', '__proto__', 'constructor'];
const FIELDS = ['status', 'number', 'campaign', 'direction', 'guid', 'channel', 'clientId', 'since', 'event'];

const value = fc.oneof(
  fc.string(), fc.stringMatching(/^\+?\d{1,12}$/), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined),
  fc.constantFrom('g-1', 'g-2', 'true', 'false', '__proto__'), fc.array(fc.integer(), { maxLength: 2 }), fc.object({ maxDepth: 1 }),
);
const params = fc.oneof(
  fc.record({ number: value, campaign: value, guid: fc.oneof(value, fc.constantFrom('g-1', 'g-2')), direction: value, clientId: value, channel: value, duration: value, needsDispositions: value }, { requiredKeys: [] }),
  fc.dictionary(fc.string({ maxLength: 12 }), value, { maxKeys: 4 }),
  value,
);
const name = fc.oneof(fc.constantFrom(...NAMES), fc.string({ maxLength: 10 }));
const message = fc.oneof(
  fc.record({ action: name, params }),
  fc.record({ event: name, data: params }),
  fc.record({ action: name }),
  value,
);

/** The invariants of a call state. */
function consistent(s, previous, now) {
  assert.ok(Object.isFrozen(s));
  assert.ok(['idle', 'ringing', 'inCall'].includes(s.status));
  for (const k of Object.keys(s)) assert.ok(FIELDS.includes(k), `unexpected key ${k}`);
  for (const k of ['number', 'campaign', 'guid', 'channel', 'clientId']) if (k in s) assert.equal(typeof s[k], 'string', k);
  if (s.status === 'idle') assert.deepEqual(Object.keys(s).filter((k) => !['status', 'since', 'event'].includes(k)), []);
  if (s.status === 'ringing') assert.equal(s.direction, 'inbound');
  if ('direction' in s) assert.ok(['inbound', 'outbound'].includes(s.direction));
  assert.ok(s.since >= previous.since && s.since <= now);
  if (s.event) {
    if (s.event.name === 'gettingCall') assert.equal(s.status, 'ringing');
    if (s.event.name === 'makeCall') assert.deepEqual([s.status, s.direction], ['inCall', 'outbound']);
    // A new call carries its own event's fields and nothing of the call before it.
    if (['gettingCall', 'makeCall'].includes(s.event.name)) {
      for (const k of ['number', 'campaign', 'guid', 'channel', 'clientId']) assert.equal(s[k], s.event.params[k], k);
    }
    if (s.event.name === 'assignedInteraction') assert.equal(s.status, 'inCall');
    if (['finishedCall', 'finishedInteraction', 'agentLogout'].includes(s.event.name)) assert.equal(s.status, 'idle');
  }
}

test('property: any sequence of frame messages leaves a consistent state, throws nothing, and onState fires exactly on change', async () => {
  let runs = 0;
  const unhandled = [];
  const onUnhandled = (r) => unhandled.push(r);
  process.on('unhandledRejection', onUnhandled);
  try {
    fc.assert(fc.property(fc.array(message, { maxLength: 25 }), (messages) => {
      runs++;
      const { phone, say, reported } = embedded(embedUPhone);
      const changes = [];
      phone.onState((s) => changes.push(s));
      let previous = phone.state;
      let expectedChanges = 0;
      for (const m of messages) {
        say(m); // a throw out of the listener would fail the property here
        const s = phone.state;
        consistent(s, previous, performance.now());
        if (s !== previous) expectedChanges++;
        if (s.event && s !== previous) assert.equal(s.event.name, readUPhoneMessage(m).name);
        previous = s;
      }
      assert.equal(changes.length, expectedChanges);
      assert.equal(changes.at(-1) ?? previous, previous);
      assert.deepEqual(reported, []);
      phone.destroy();
    }), { seed: SEED, numRuns: 400 });
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(unhandled, []);
  } finally {
    process.off('unhandledRejection', onUnhandled);
  }
  console.log(`property-uphone: ${runs} runs (seed ${SEED})`);
});

test('property: messages from another window or origin change nothing, whatever they hold', () => {
  fc.assert(fc.property(
    fc.array(fc.tuple(message, fc.constantFrom('top', 'stranger', 'null', 'origin', 'url-origin')), { maxLength: 20 }),
    (list) => {
      const { phone, say, host } = embedded(embedUPhone);
      const stranger = embedded(embedUPhone);
      const got = [];
      phone.on('*', (e) => got.push(e));
      phone.onState((s) => got.push(s));
      const first = phone.state;
      for (const [m, from] of list) {
        const opts = {
          top: { source: host }, stranger: { source: stranger.frame }, null: { source: null },
          origin: { origin: 'https://evil.example.com' }, 'url-origin': { origin: `${PHONE_ORIGIN}/uphone/` },
        }[from];
        say(m, opts);
      }
      assert.deepEqual(got, []);
      assert.equal(phone.state, first);
      assert.equal(phone.loggedIn, false);
      phone.destroy();
      stranger.phone.destroy();
    },
  ), { seed: SEED, numRuns: 200 });
});

// Two calls interleaved, as the contract's events (both envelopes), each with or without its guid:
// after every event the state shows one call, and what it shows comes from that call's events only.
// The model: the call the state shows is the set of events since the one that started it (a
// gettingCall or makeCall, or an assignedInteraction for no call or another guid); an
// assignedInteraction for the call shown (its guid, or either without one) joins it; a finish of it
// (its guid, or none) or a logout ends it. Each field of the state is the latest such event's that
// carries it; `since` moves exactly when the status changes or another call starts.
test('property: two calls interleaved, in both envelopes, with and without guids: the state shows one call, from its own events', (t) => {
  let clock = 0;
  t.mock.method(performance, 'now', () => clock);
  const call = fc.record({ number: fc.constantFrom('099123456', 98111222, '097333444'), campaign: fc.constantFrom('Sales', 'Support<-'), guid: fc.constantFrom('g-1', 'g-2') });
  const event = fc.tuple(
    fc.constantFrom('gettingCall', 'makeCall', 'finishedCall', 'assignedInteraction', 'finishedInteraction', 'agentLogout', 'agentLogin', 'sentDispositions'),
    fc.nat(1), fc.boolean(), fc.boolean(), fc.boolean(),
  );
  let runs = 0;
  let multi = 0;
  fc.assert(fc.property(fc.tuple(call, call), fc.array(event, { maxLength: 20 }), (calls, events) => {
    runs++;
    const { phone, say } = embedded(embedUPhone);
    let shown = null; // { guid, events: [params…] } of the call shown
    let previous = phone.state;
    for (const [name, which, withGuid, asEvents, withNumber] of events) {
      const c = calls[which];
      const p = { campaign: c.campaign, ...(withGuid && { guid: c.guid }), ...(withNumber && { number: c.number }) };
      if (name === 'assignedInteraction') Object.assign(p, { channel: 'telephony', clientId: `client-${which}` });
      const eventsApi = name === 'assignedInteraction' || name === 'finishedInteraction';
      clock++;
      say(eventsApi || asEvents ? { event: name, data: p } : { action: name, params: p });
      const read = readUPhoneMessage({ action: name, params: p }).params;
      const sameCall = shown && !(shown.guid && read.guid && shown.guid !== read.guid);
      const before = shown;
      if (name === 'gettingCall' || name === 'makeCall' || (name === 'assignedInteraction' && !sameCall)) {
        shown = { status: name === 'gettingCall' ? 'ringing' : 'inCall', events: [read], direction: { gettingCall: 'inbound', makeCall: 'outbound' }[name] };
      } else if (name === 'assignedInteraction') {
        shown = { ...shown, status: 'inCall', events: [...shown.events, read] };
      } else if (shown && (name === 'agentLogout' || (/^finished(Call|Interaction)$/.test(name) && sameCall))) {
        shown = null;
      }
      if (shown) shown.guid = shown.events.findLast((x) => x.guid)?.guid;
      const s = phone.state;
      const expected = { status: shown?.status ?? 'idle' };
      if (shown?.direction) expected.direction = shown.direction;
      for (const k of ['number', 'campaign', 'guid', 'channel', 'clientId']) {
        const from = shown?.events.findLast((x) => k in x);
        if (from) expected[k] = from[k];
      }
      const { since, event, ...fields } = s;
      assert.deepEqual({ ...fields }, expected);
      if (s !== previous) assert.equal(event.name, name);
      // `since` is this event's time when the status changed or the call shown is another (its guid
      // differs, or, when a guid is missing, its number): a screen pop's "ringing for 40 s" is this
      // call's, not the one before it's.
      const kept = s.status === previous.status && (!shown || shown === before || (sameCall && s.number === previous.number));
      assert.equal(since, kept ? previous.since : clock, `since after ${name}`);
      if (shown?.events.length > 1) multi++;
      previous = s;
    }
    phone.destroy();
  }), { seed: SEED, numRuns: 400 });
  console.log(`property-uphone (two calls): ${runs} runs, ${multi} states from more than one event`);
});
