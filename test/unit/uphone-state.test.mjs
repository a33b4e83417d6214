// phone.state, the current-call view for screen pops, on the built bundle: what each event makes
// of it, in the orders real sessions produce and in odd ones.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { embedUPhone } from '../../dist/uphone.js';
import { embedded } from './helpers/uphone-fakes.mjs';

/** The state after `messages`, without the clock and the event (checked elsewhere). */
function after(messages) {
  const { phone, say } = embedded(embedUPhone);
  for (const m of messages) say(m);
  const rest = { ...phone.state };
  delete rest.since;
  delete rest.event;
  phone.destroy();
  return rest;
}
const up = (action, params = {}) => ({ action, params });
const ev = (event, data = {}) => ({ event, data });

test('an inbound call rings, then finishes', () => {
  assert.deepEqual(after([up('agentLogin')]), { status: 'idle' });
  const ring = up('gettingCall', { number: 99123456, campaign: 'Inbound', guid: 'g-1' });
  assert.deepEqual(after([up('agentLogin'), ring]), { status: 'ringing', number: '99123456', campaign: 'Inbound', guid: 'g-1', direction: 'inbound' });
  assert.deepEqual(after([ring, up('finishedCall', { guid: 'g-1', duration: 30 })]), { status: 'idle' });
  assert.deepEqual(after([ring, up('finishedCall', {})]), { status: 'idle' }, 'a finish without guid ends the current call');
  assert.deepEqual(after([ring, up('finishedCall', { guid: 'g-1' }), up('sentDispositions', { guid: 'g-1' })]), { status: 'idle' });
});

test('an outbound call is in call at once (the uPhone reports no answer)', () => {
  assert.deepEqual(after([up('makeCall', { number: '099123456', campaign: 'Sales' })]),
    { status: 'inCall', number: '099123456', campaign: 'Sales', direction: 'outbound' });
});

test("a finish for another call's guid leaves the current call", () => {
  const ring = up('gettingCall', { number: '099123456', guid: 'g-2' });
  assert.deepEqual(after([ring, up('finishedCall', { guid: 'g-1' })]).status, 'ringing');
});

test('Events API: an assigned interaction is in call; it keeps what the ringing told; it finishes', () => {
  const assigned = ev('assignedInteraction', { guid: 'g-1', campaign: 'Inbound', channel: 'telephony', clientId: '4711' });
  assert.deepEqual(after([assigned]), { status: 'inCall', guid: 'g-1', campaign: 'Inbound', channel: 'telephony', clientId: '4711' });
  assert.deepEqual(after([up('gettingCall', { number: '099123456', guid: 'g-1' }), assigned]),
    { status: 'inCall', number: '099123456', guid: 'g-1', direction: 'inbound', campaign: 'Inbound', channel: 'telephony', clientId: '4711' });
  assert.deepEqual(after([up('gettingCall', { number: '099123456', guid: 'g-0' }), assigned]),
    { status: 'inCall', guid: 'g-1', campaign: 'Inbound', channel: 'telephony', clientId: '4711' }, 'another guid: another call');
  assert.deepEqual(after([assigned, ev('finishedInteraction', { guid: 'g-1' })]), { status: 'idle' });
  assert.deepEqual(after([assigned, ev('sentDisposition', { guid: 'g-1' }), ev('changedTheme', 'dark')]).status, 'inCall');
});

test('a logout ends the call; odd orders still give whole states', () => {
  assert.deepEqual(after([up('gettingCall', { number: '099123456' }), up('agentLogout')]), { status: 'idle' });
  assert.deepEqual(after([up('finishedCall', { guid: 'g' }), up('finishedCall')]), { status: 'idle' });
  assert.deepEqual(after([up('makeCall', { number: '1' }), up('gettingCall', { number: '2' })]), { status: 'ringing', number: '2', direction: 'inbound' });
  assert.deepEqual(after([up('gettingCall', { number: '2', campaign: 'A' }), up('makeCall', { number: '1' })]),
    { status: 'inCall', number: '1', direction: 'outbound' }, 'a new call carries nothing of the one before');
});

test('since: set when a call (or idleness) begins, kept while it goes on; event: what made the state', async () => {
  const { phone, say } = embedded(embedUPhone);
  const t0 = phone.state.since;
  assert.ok(t0 <= performance.now());
  assert.equal(phone.state.event, undefined);
  await new Promise((r) => setTimeout(r, 5));
  say(up('gettingCall', { number: '099123456', guid: 'g-1' }));
  const ringing = phone.state;
  assert.ok(ringing.since > t0);
  assert.equal(ringing.event.name, 'gettingCall');
  await new Promise((r) => setTimeout(r, 5));
  say(up('gettingCall', { number: '099123456', guid: 'g-1' })); // the same call told again
  assert.equal(phone.state.since, ringing.since);
  say(up('gettingCall', { number: '098111222', guid: 'g-2' })); // another call
  assert.ok(phone.state.since > ringing.since);
  say(up('finishedSms', { number: '099123456' }));
  assert.equal(phone.state.event.name, 'gettingCall', 'an SMS changes nothing');
  phone.destroy();
});

test('a key the page put on Object.prototype is no field of an event: neither in the state nor telling calls apart', () => {
  const keys = ['campaign', 'guid', 'clientId', 'channel'];
  try {
    for (const k of keys) Object.defineProperty(Object.prototype, k, { value: `polluted-${k}`, configurable: true, writable: true });
    const ring = up('gettingCall', { number: '099123456' });
    assert.deepEqual(after([ring]), { status: 'ringing', number: '099123456', direction: 'inbound' });
    // A finish without a guid ends the current call, whose guid is its own (none here, one there).
    assert.deepEqual(after([ring, up('finishedCall', {})]), { status: 'idle' });
    const own = up('gettingCall', { number: '099123456', guid: 'g-1' });
    assert.deepEqual(after([own, up('finishedCall', {})]), { status: 'idle' });
    assert.deepEqual(after([ev('assignedInteraction', { guid: 'g-2' }), ev('finishedInteraction', {})]), { status: 'idle' });
  } finally {
    for (const k of keys) delete Object.prototype[k];
  }
});

test('a field the state does not hold reads undefined, whatever the page put on Object.prototype', () => {
  const keys = ['number', 'campaign', 'guid', 'direction', 'clientId', 'event'];
  const { phone, say } = embedded(embedUPhone);
  const read = () => keys.map((k) => phone.state[k]);
  try {
    for (const k of keys) Object.defineProperty(Object.prototype, k, { value: `polluted-${k}`, configurable: true, writable: true });
    const idle = read();
    say(up('gettingCall', { number: '099123456' }));
    const ringing = read().slice(0, 5);
    say(up('finishedCall'));
    const ended = read().slice(0, 5);
    assert.deepEqual(idle, [undefined, undefined, undefined, undefined, undefined, undefined]);
    assert.deepEqual(ringing, ['099123456', undefined, undefined, 'inbound', undefined]);
    assert.deepEqual(ended, [undefined, undefined, undefined, undefined, undefined]);
  } finally {
    for (const k of keys) delete Object.prototype[k];
  }
  phone.destroy();
});

test("a second call offered before the first's finish, neither with a guid: since is the second's (a screen pop's ringing time), the same call's repeat keeps it", (t) => {
  let clock = 1000;
  t.mock.method(performance, 'now', () => clock);
  const { phone, say } = embedded(embedUPhone);
  say(up('gettingCall', { number: '099123456', campaign: 'Inbound' }));
  clock = 41_000;
  say(up('gettingCall', { number: '098111222', campaign: 'Inbound' }));
  assert.deepEqual([phone.state.number, clock - phone.state.since], ['098111222', 0]);
  clock = 45_000;
  say(up('gettingCall', { number: '098111222', campaign: 'Inbound' }));
  assert.equal(phone.state.since, 41_000, 'a repeat of the ringing call keeps its since');
  say(ev('assignedInteraction', { channel: 'telephony' }));
  assert.deepEqual([phone.state.number, phone.state.since], ['098111222', 45_000]);
  clock = 50_000;
  say(up('makeCall', { number: '097333444', campaign: 'Sales' }));
  assert.deepEqual([phone.state.status, clock - phone.state.since], ['inCall', 0]);
  say(up('makeCall', { number: '097333444', campaign: 'Sales', guid: 'g-9' }));
  clock = 52_000;
  say(up('makeCall', { number: '097333444', campaign: 'Sales', guid: 'g-9' }));
  assert.equal(phone.state.since, 50_000);
  phone.destroy();
});
