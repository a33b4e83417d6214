// The portal client under load, on the built bundle: many messages over the life of one form, what
// the shared lanes keep of them. Deterministic: a faked performance.now(), counts, no timed assertion.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import v8 from 'node:v8';
import vm from 'node:vm';
import { connectPortal } from '../../dist/index.js';
import { framed } from './helpers/fake-window.mjs';

test('a lane of messages the portal never answers stays small: 100,000 unconfirmed tags over a day keep no slot whose window closed', async (t) => {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc');
  let clock = 0;
  // Not t.mock.method: a mock keeps a record of every call.
  const realNow = performance.now;
  performance.now = () => clock;
  t.after(() => { performance.now = realNow; });
  const { form, portal } = framed();
  // What is posted is not kept (the stand-in portal would hold every message).
  let posted = 0;
  portal.postMessage = () => void posted++;
  const client = connectPortal({ window: form, lateReplyWindowMs: 100 });
  const N = 100_000;
  const round = async (n) => {
    for (let i = 0; i < n; i++) {
      clock += 1_000; // the previous tag's late window (100 ms) has closed
      await client.tag({ tag: 'vip' });
    }
  };
  await round(1_000); // warm up: code paths, the hub and its lane
  gc();
  const base = process.memoryUsage().heapUsed;
  await round(N);
  gc();
  const grown = process.memoryUsage().heapUsed - base;
  assert.equal(posted, N + 1_000);
  // A slot per tag kept for the form's life is about 5 MB here (found by keeping every closed slot).
  assert.ok(grown < 1_000_000, `the heap grew ${(grown / 1e6).toFixed(1)} MB over ${N} tags`);
  client.destroy();
});
