// A streamed uploadCallsBase from a page, aborted while its records generator waits (a queue fed by
// the UI, a paged fetch): it settles at once with ABORTED and its report, sends no chunk more, and
// the generator is closed. Before, the abort was only seen when the next chunk's request was made:
// the upload's promise stayed pending until the source gave a whole chunk more, or for ever. Built
// bundles (script tag and ES module), the page on the simulator's origin and on the other one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openRestPage, useRestEnv } from './helpers.mjs';

const ctx = {};
useRestEnv(ctx);

const USER = { user: 'supervisor', password: 'Sup3r-s3cret' };
const run = (page, code, arg) => page.evaluate(([c, a]) => window.run(c, a), [code, { baseUrl: ctx.env.sim.portalOrigin, credentials: USER, ...arg }]);

for (const [origin, bundle] of [['cross', 'iife'], ['cross', 'esm'], ['same', 'iife'], ['same', 'esm']]) {
  test(`a streamed upload aborted while its generator waits settles at once with ABORTED (${origin} origin, ${bundle})`, async () => {
    const page = await openRestPage(ctx.env, origin, bundle);
    const r = await run(page, `
      // Every fetch of the page (the client's default fetch calls the global one), settled or failed:
      // the server's state is read once all have.
      const fetches = [];
      const own = window.fetch;
      window.fetch = (url, init) => { const p = own.call(window, url, init); fetches.push(p.catch(() => {})); return p; };
      const uc = bridge.createUContactClient({ baseUrl: arg.baseUrl, credentials: arg.credentials, log });
      const ctl = new AbortController();
      let waiting, release, closed = false, onClosed;
      const reached = new Promise((r) => { waiting = r; });
      const closing = new Promise((r) => { onClosed = r; });
      async function* records() {
        try {
          for (let i = 1; i <= 3; i++) yield { phone: '09912345' + i };
          await new Promise((r) => { release = r; waiting(); }); // the source waits for more
          yield { phone: '099123458' };
          yield { phone: '099123459' };
        } finally {
          closed = true;
          onClosed();
        }
      }
      const upload = uc.uploadCallsBase({ campaign: 'Promo->', filename: 'nov', records: records(), chunkSize: 2 }, { signal: ctl.signal });
      await reached;
      const t0 = performance.now();
      ctl.abort();
      const code = await within(upload); // 'hung' when not settled in 4 s
      const ms = performance.now() - t0;
      release();
      // Released, the old code read a chunk more, then saw the abort (or hung on): 2 s at most.
      const e = await Promise.race([upload.catch((x) => x), new Promise((r) => setTimeout(r, 2000, {}))]);
      // Closed once the pending read settles (a fixed pause read it too early under load); then a
      // task later, every fetch made by then settled (a chunk sent after the abort has reached the
      // server by then; a fixed pause read the server's state before it did).
      await Promise.race([closing, new Promise((r) => setTimeout(r, 4000))]);
      await new Promise((r) => setTimeout(r, 0));
      for (let n = -1; n !== fetches.length;) {
        n = fetches.length;
        await Promise.race([Promise.all(fetches), new Promise((r) => setTimeout(r, 10_000))]);
      }
      return { code, ms, closed, guard: bridge.isBridgeError(e, 'ABORTED'), op: e.operation,
        report: e.upload && [e.upload.stored, e.upload.sent.length, e.upload.nextRecord] };`);
    assert.equal(r.ok, true, JSON.stringify(r));
    const v = r.value;
    assert.equal(v.code, 'ABORTED', `the aborted upload waited for its records: ${JSON.stringify(v)}`);
    assert.ok(v.ms < 1000, `settled ${v.ms} ms after the abort`);
    assert.deepEqual([v.guard, v.op], [true, 'uploadCallsBase']);
    assert.deepEqual(v.report, [['nov-1'], 1, 2]);
    assert.equal(v.closed, true, 'the records generator was left open');
    const bases = ctx.env.sim.rest.state.bases;
    assert.deepEqual(bases.map((b) => [b.filename, b.lines]), [['nov-1', 2]], 'a chunk went out after the abort');
    await page.context().close();
  });
}
