// A long agent session without destroy(): a form open for a working day, a phone embedded all day,
// a back end's client kept for weeks. What the entries keep while the object stays alive must come
// back to its idle size once the calls of the moment have settled, whatever their number.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import v8 from 'node:v8';
import vm from 'node:vm';
import { connectPortal } from '../../dist/index.js';
import { framed } from './helpers/fake-window.mjs';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');
// Measured after a turn of the event loop: under node:test, promises made in one synchronous run
// stay reachable until it ends.
const heap = async () => {
  await new Promise((r) => setImmediate(r));
  gc();
  return process.memoryUsage().heapUsed;
};

// The real portal answers none of disposition, tag, hangup, respool, schedule (spec 3): each
// unconfirmed message leaves a stale slot in its lane for its late window. A form that only ever
// sends them (the default: confirm false) gets no reply and makes no request in that lane, the two
// moments a lane dropped its closed slots: every slot of the day stayed, holding its client.
test('portal: 100,000 unconfirmed dispositions, each after the last one\'s late window: the lane keeps no closed slot', async (t) => {
  // A faked clock (not t.mock.method: it keeps every call it sees).
  let clock = 0;
  const real = Object.getOwnPropertyDescriptor(performance, 'now');
  Object.defineProperty(performance, 'now', { configurable: true, value: () => clock });
  t.after(() => (real ? Object.defineProperty(performance, 'now', real) : delete performance.now));
  const { portal, form } = framed();
  const client = connectPortal({ window: form, lateReplyWindowMs: 1000 });
  const send = async (n) => {
    for (let i = 0; i < n; i++) {
      void client.disposition({ l1: 'Sale' });
      portal.posted.length = 0;
      clock += 2000;
      if (i % 10_000 === 0) await new Promise((r) => setImmediate(r));
    }
  };
  await send(10_000);
  const base = await heap();
  await send(100_000);
  const grown = await heap() - base;
  // Before: about 6 MB (one slot per message of the session). Now one slot, whatever the number.
  assert.ok(grown < 1_000_000, `the heap grew by ${(grown / 1e6).toFixed(1)} MB over 100,000 settled messages`);
  client.destroy();
});
