// Timers of the reply lanes: a lane waiting for a stale slot's late window keeps its timer only
// while something is queued behind that slot (docs/correlation.md, section 3).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connectPortal } from '../../dist/index.js';
import { inChildProcess } from './helpers/child-process.mjs';
import { framed } from './helpers/fake-window.mjs';

const CALL = { campaign: 'Sales->', destination: '099123456' };

// A child process with a client whose late window (20 s) is far longer than the test allows: an
// unconfirmed hangup leaves a stale slot in the hangup lane, and a confirmed hangup queues behind
// it, so the lane arms its timer for the end of the window. `body` then withdraws the queued one:
// with nothing left queued the lane's timer must go too, or it holds Node for the rest of the window.
function exitsSoon(body) {
  return inChildProcess(`
    await client.hangup();
    const controller = new AbortController();
    const queued = client.hangup({ confirm: true, timeoutMs: 60000, signal: controller.signal }).catch((e) => e.code);
    if (portal.posted.length !== 1) throw new Error('the confirmed hangup was sent: it should wait');
    ${body}
    console.log(await queued);`, { lateReplyWindowMs: 20000 });
}

test('lanes: destroying a client whose request waits behind a stale slot leaves no timer holding Node', () => {
  const out = exitsSoon('client.destroy();');
  assert.equal(out.printed, 'DESTROYED', out.stderr);
  assert.equal(out.status, 0);
  assert.ok(out.ms < 5_000, `exited after ${out.ms} ms (the late window is 20 s)`);
});

test('lanes: aborting the one request queued behind a stale slot leaves no timer holding Node', () => {
  const out = exitsSoon('controller.abort();');
  assert.equal(out.printed, 'ABORTED', out.stderr);
  assert.equal(out.status, 0);
  assert.ok(out.ms < 5_000, `exited after ${out.ms} ms (the late window is 20 s)`);
});

// A lane arms its timer only for a stale slot's late window, never while the head is awaited: a
// request on the wire has no window end (its slot is open until its reply), and a timer armed for
// it (delay Infinity) fires at once and again (Node: every 1 ms, with a TimeoutOverflowWarning; a
// browser: 0 ms) for as long as a second request waits behind it.
test('lanes: a request queued behind one on the wire arms no timer for the lane', async () => {
  const { form, reply } = framed();
  const client = connectPortal({ log: captureLog, window: form });
  const delays = [];
  const real = globalThis.setTimeout;
  globalThis.setTimeout = (fn, ms, ...args) => (delays.push(ms), real(fn, ms, ...args));
  let a, b;
  try {
    a = client.call(CALL);
    b = client.call(CALL);
  } finally {
    globalThis.setTimeout = real;
  }
  assert.equal(form.parent.posted.length, 1, 'the second call waits');
  assert.ok(delays.every((ms) => Number.isFinite(ms)), `timer delays: ${delays.join(', ')}`);
  reply({ guid: 'g-a' });
  reply({ guid: 'g-b' });
  assert.deepEqual([(await a).guid, (await b).guid], ['g-a', 'g-b']);
  client.destroy();
});
