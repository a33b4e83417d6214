// The library inside an integrator's own tests: fake timers as node:test and @sinonjs/fake-timers
// give them. Node 20's `mock.timers` fakes setTimeout, setInterval, setImmediate and Date, never
// `performance.now()` (not an API it knows): a test that ticks the fake clock moves the timers while
// the monotonic clock stays where it was. Every time limit must still fire when its timer does, or
// the integrator's test waits forever.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connectPortal, isBridgeError } from '../../dist/index.js';
import { createUContactClient } from '../../dist/http.js';
import { framed } from './helpers/fake-window.mjs';
import { track } from './helpers/track.mjs';

const CALL = { campaign: 'Sales->', destination: '099123456' };
// The real setImmediate, taken before any test fakes it.
const realImmediate = setImmediate;
const flush = () => new Promise((r) => realImmediate(r));

test('portal under node:test mock timers (performance.now() not faked): a call times out when the fake clock reaches its limit', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout', 'Date'] });
  const { form } = framed();
  const portal = connectPortal({ window: form, persistPending: false, log: captureLog });
  const start = performance.now();
  const r = track(portal.call(CALL, { timeoutMs: 1000 }));
  await flush();
  // The deadline is real (monotonic) time: the timer is armed for 1000 ms less the real time spent
  // between the call and its arming, at most `spent` (measured: a loaded CI machine took over 1 ms
  // there once, and a fixed 99 ms tick of a 100 ms limit fired it; a loaded machine may spend more
  // than 100 ms there: a limit of 1 s leaves room to check it is still waiting).
  const spent = Math.ceil(performance.now() - start);
  t.mock.timers.tick(999 - spent);
  await flush();
  assert.equal(r.settled, false, `still waiting at ${999 - spent} ms`);
  t.mock.timers.tick(1 + spent);
  await flush();
  assert.ok(isBridgeError(r.e, 'TIMEOUT') && r.e.message.includes('within 1000 ms'), r.e?.message ?? 'still waiting at 1000 ms');
  portal.destroy();
});

test('portal under node:test mock timers: a call queued behind a timed-out one goes out when the late window closes', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout', 'Date'] });
  const { portal: parent, form } = framed();
  const portal = connectPortal({ window: form, persistPending: false, lateReplyWindowMs: 10_000, log: captureLog });
  const first = track(portal.call(CALL, { timeoutMs: 100 }));
  const start = performance.now();
  t.mock.timers.tick(100);
  await flush();
  assert.ok(isBridgeError(first.e, 'TIMEOUT'), first.e?.message ?? 'the first call still waits');
  const second = track(portal.call(CALL, { timeoutMs: 50_000 }));
  // The real clock moves while the test runs: the window's timer is armed for 10 s less the real
  // time spent between the first call giving up and the second call, at most `spent` (measured, not
  // assumed: a loaded machine's stall took more than the 100 ms once allowed here).
  const spent = performance.now() - start;
  const waiting = Math.floor(10_000 - spent) - 1;
  t.mock.timers.tick(waiting);
  await flush();
  assert.equal(parent.posted.length, 1, 'the second call waits behind the stale slot');
  t.mock.timers.tick(10_000 - waiting);
  await flush();
  assert.equal(parent.posted.length, 2, 'the second call is sent once the late window closed');
  t.mock.timers.tick(50_000);
  await flush();
  assert.ok(isBridgeError(second.e, 'TIMEOUT'), second.e?.message ?? 'the second call still waits');
  portal.destroy();
});

// A test that installs fake timers (performance faked from 0) while a request is in flight, or a
// hand-made performance.now() that is reset between cases, moves the monotonic clock back: a
// duration the log hook gets must never be negative (an integrator's histogram refuses it).
test('REST: the duration of an answered attempt is never negative when a faked performance.now() moves back', async (t) => {
  let clock = 5000;
  t.mock.method(performance, 'now', () => clock);
  const events = [];
  const uc = createUContactClient({
    baseUrl: 'https://acme.example.com', credentials: { token: 'dG9rZW4=' },
    fetch: async () => { clock = 0; return new Response('"1699999999.123"'); },
    log: (e) => { captureLog(e); events.push(e); },
  });
  await uc.agentCall({ agent: 'agent1001', phone: '1001', context: 'from-internal', outqueue: 'Sales->', destination: '099123456' });
  const response = events.find((e) => e.type === 'response');
  assert.equal(response?.ms, 0, `ms: ${response?.ms}`);
});
