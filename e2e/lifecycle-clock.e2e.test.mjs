// Wall-clock steps in Chromium with the built script tag: Playwright's clock, installed in every
// frame of the page with time flowing, steps `Date` an hour forward or back while requests wait, as
// an NTP correction or a user changing the system time does (`performance.now()` keeps flowing).
// The portal client runs deadlines and late windows on `performance.now()`, so a step moves neither
// a TIMEOUT nor the late window that keeps a timed-out call's reply from the next call. The unit
// test portal-clock covers the same with faked timers in Node.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPortal, waitFor, lifecycleForm as formFor } from './helpers.mjs';
import { CALL, bothWaiting, results } from './scenarios/portal-layouts.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const HOUR = 3_600_000;
const lifecycleForm = (origin) => formFor(env.sim, origin);

/** Steps the page's wall clock by `ms` (every frame: the clock is the context's); returns how far `Date` and `performance.now()` moved in `frame`. */
async function stepWall(page, frame, ms) {
  const before = await frame.evaluate(() => ({ wall: Date.now(), mono: performance.now() }));
  await page.clock.setSystemTime(before.wall + ms);
  const after = await frame.evaluate(() => ({ wall: Date.now(), mono: performance.now() }));
  return { wall: after.wall - before.wall, mono: after.mono - before.mono };
}

for (const origin of ['cross', 'same']) {
  test(`the wall clock stepped an hour forward: a timed-out call's late reply still never answers the next call (${origin} origin)`, async () => {
    const page = await env.page();
    await page.clock.install();
    // The first call is not answered; its late reply comes when the test sends it, after the step
    // and the second call (answered 3 s late, the step and the second call had to come first: on a
    // loaded machine that is no bound, as the engines' copy of this test showed). The next calls
    // are answered at once.
    const frame = await openPortal(page, env.sim, `${lifecycleForm(origin)}&mode.call=silent:0:1`);
    const first = await frame.evaluate((args) => window.settle(window.connect().call(args, { timeoutMs: 400 })), CALL);
    assert.equal(first.code, 'TIMEOUT');
    const moved = await stepWall(page, frame, HOUR);
    assert.ok(moved.wall >= HOUR && moved.mono >= 0 && moved.mono < 5_000, `the step is a wall-clock step: ${JSON.stringify(moved)}`);
    // Sent at once, this call would get the first one's late reply: the late window (10 s of
    // performance.now(), not an hour of Date) holds it until that reply has come and gone.
    await frame.evaluate((args) => { window.second = window.settle(window.connect().call(args, { timeoutMs: 12_000 })); }, CALL);
    assert.equal(await page.evaluate(() => window.sim.received.length), 1, 'the second call was sent before the first one\'s late reply');
    await page.evaluate(() => window.sim.sendEvent({ guid: 'late-guid' }));
    const second = await frame.evaluate(() => window.second);
    const { guids, received } = await page.evaluate(() => ({ guids: window.sim.guids, received: window.sim.received.length }));
    assert.equal(second.ok, true, second.message);
    assert.equal(received, 2);
    assert.equal(second.v.guid, guids.at(-1), 'the second call got its own guid, not the late one');
    await page.context().close();
  });

  test(`the wall clock stepped an hour back: a call to a silent portal still times out on time (${origin} origin)`, async () => {
    const page = await env.page();
    await page.clock.install();
    const frame = await openPortal(page, env.sim, `${lifecycleForm(origin)}&mode.call=silent&mode.tag=silent`);
    // 3 s, not 0.8: the step must come while both wait, and on a loaded machine the step and the
    // check took up to 260 ms.
    await frame.evaluate(bothWaiting, { args: CALL, timeoutMs: 3000 });
    const moved = await stepWall(page, frame, -HOUR);
    assert.ok(moved.wall <= -HOUR + 5_000 && moved.mono >= 0, `the step is a wall-clock step back: ${JSON.stringify(moved)}`);
    assert.equal(await frame.evaluate(() => window.results.length), 0, 'stepped while both waited');
    await waitFor(async () => (await frame.evaluate(results)).length === 2, 9_000);
    const done = await frame.evaluate(results);
    assert.deepEqual(done.map((r) => r.code).sort(), ['TIMEOUT', 'TIMEOUT']);
    for (const r of done) assert.ok(r.ms >= 2_990 && r.ms < 6_200, `settled after ${r.ms} ms`);
    await page.context().close();
  });
}
