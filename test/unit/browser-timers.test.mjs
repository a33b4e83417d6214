// The portal client under timers as a browser runs them: setTimeout's delay is a WebIDL `long`, so
// a fractional delay is cut to whole milliseconds (99.8 waits 99 ms), and a timer set from a timer
// waits at least 4 ms once nested more than 5 deep (the HTML standard). `performance.now()` keeps its
// fraction. A late window must close when that clock reaches it, never a fraction of a millisecond
// early because its timer fired then: a late reply in between would answer the next request.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connectPortal, isBridgeError } from '../../dist/index.js';
import { framed } from './helpers/fake-window.mjs';
import { track } from './helpers/track.mjs';

const CALL = { campaign: 'Sales->', destination: '099123456' };
const flush = () => new Promise((r) => setImmediate(r));

function browserTimers(t) {
  let clock = 0;
  let seq = 0;
  let nesting = 0;
  const timers = new Map();
  t.mock.method(performance, 'now', () => clock);
  t.mock.method(globalThis, 'setTimeout', (fn, delay, ...args) => {
    let d = Math.max(0, Math.trunc(Number(delay) || 0));
    if (nesting > 5 && d < 4) d = 4;
    timers.set(++seq, { at: clock + d, fn, args, nesting: nesting + 1 });
    return seq;
  });
  t.mock.method(globalThis, 'clearTimeout', (id) => void timers.delete(id));
  return {
    /** Runs the timers due until `to`, each at its own time; the clock ends at `to`. */
    to(to) {
      for (;;) {
        let next;
        for (const [id, x] of timers) if (x.at <= to && (!next || x.at < next[1].at)) next = [id, x];
        if (!next) break;
        timers.delete(next[0]);
        clock = next[1].at;
        nesting = next[1].nesting;
        next[1].fn(...next[1].args);
        nesting = 0;
      }
      clock = to;
    },
  };
}


/**
 * A client with a 1 s late window whose first call (sent at 0.5 ms, 100 ms timeout) timed out at
 * 100.5 ms: its late window is open until 1100.5 ms.
 */
async function timedOutCall(t) {
  const c = browserTimers(t);
  const { portal, form, reply } = framed();
  const client = connectPortal({ log: captureLog, window: form, persistPending: false, lateReplyWindowMs: 1000 });
  c.to(0.5);
  const first = track(client.call(CALL, { timeoutMs: 100 }));
  c.to(100.5);
  await flush();
  assert.ok(isBridgeError(first.e, 'TIMEOUT'), first.e?.message ?? 'the first call still waits');
  return { c, portal, form, reply, client };
}

test('a late window is not closed early by a browser timer cut to whole milliseconds: the late reply is swallowed, the next call gets its own', async (t) => {
  const { c, portal, reply, client } = await timedOutCall(t);
  // The first call's late window is open until 1100.5 ms; the next call's wait is armed at 100.7 ms
  // for 999.8 ms, which a browser runs after 999.
  c.to(100.7);
  const next = track(client.call(CALL, { timeoutMs: 60_000 }));
  c.to(1099.8);
  assert.equal(portal.posted.length, 1, 'the late window (open until 1100.5 ms) was closed at 1099.7 ms: the next call went out');
  reply({ guid: 'g-late' });
  c.to(1101);
  assert.equal(portal.posted.length, 2, 'the next call is sent once the late window closed');
  reply({ guid: 'g-own' });
  await flush();
  assert.equal(next.v?.guid, 'g-own');
  client.destroy();
});

test('the listener kept for a late window after the last client left is not removed early by a browser timer cut to whole milliseconds: a late reply in the last millisecond is heard, the next client\'s call goes at once', async (t) => {
  const { c, portal, form, reply, client } = await timedOutCall(t);
  // The first call's late window is open until 1100.5 ms; the last client leaves at 100.7 ms, and
  // the listener's timer, armed for 999.8 ms, is run by a browser after 999 (at 1099.7 ms).
  c.to(100.7);
  client.destroy();
  c.to(1100.4);
  assert.equal(form.listenerCount, 1, 'the listener went before the late window (open until 1100.5 ms) closed');
  reply({ guid: 'g-late' });
  const next = connectPortal({ log: captureLog, window: form, persistPending: false });
  const own = track(next.call(CALL, { timeoutMs: 60_000 }));
  assert.equal(portal.posted.length, 2, 'the late reply was heard: the next call goes at once, not once the window closed');
  reply({ guid: 'g-own' });
  await flush();
  assert.equal(own.v?.guid, 'g-own');
  next.destroy();
  c.to(1101);
  assert.equal(form.listenerCount, 0, 'the listener goes with the last client once no window is open');
});
