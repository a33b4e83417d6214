// Layouts real uContact X Inbox pages have, in Chromium with the built bundles: sibling form frames
// in one Inbox, two copies of the library in one form, a form reloaded while it waits, a hostile
// frame inside the form, `close`/`sent` from unload handlers, a wall-clock step while a call waits.
// The stand-in Inbox (e2e/pages/layout-inbox.html) answers the window that asked with an
// interaction naming that frame, so an answer that reaches the wrong caller shows; the forms are on
// the Inbox's origin (127.0.0.1) or the other one (localhost).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, waitFor } from './helpers.mjs';
import { IN } from './scenarios/embed-layouts.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const formBase = (origin) => (origin === 'cross' ? env.sim.formOrigin : env.sim.portalOrigin);

/** Opens the stand-in Inbox with `frames` (names) of the form page (`formQuery` added to its URL); returns the page and the frames by name. */
async function openLayout(origin, { frames = ['formA', 'formB'], formQuery = '', clock = false, sandbox } = {}) {
  const page = await env.page();
  if (clock) await page.clock.install();
  const form = `${formBase(origin)}/e2e/layout-inbox-form.html${formQuery ? `?${formQuery}` : ''}`;
  await page.goto(`${env.sim.portalOrigin}/e2e/layout-inbox.html?frames=${frames.join(',')}&form=${encodeURIComponent(form)}${sandbox ? `&sandbox=${sandbox}` : ''}`);
  const byName = {};
  // An opaque origin loads no module script from the server (no CORS): there only the script tag is there.
  const ready = sandbox ? () => !!window.copies : () => window.ready === true;
  for (const name of frames) byName[name] = await formFrame(page, name, undefined, ready);
  return { page, frames: byName };
}

/** The frame `name` once its form page is ready (a new document after a reload). */
async function formFrame(page, name, isNew = () => true, ready = () => window.ready === true) {
  let frame;
  await waitFor(async () => {
    frame = page.frame({ name });
    // `ready` again after `isNew`: the first check can still see the old document, and `isNew` the
    // new one before its scripts ran.
    return frame ? frame.evaluate(ready).then(async (ok) => ok && await isNew(frame) && frame.evaluate(ready)).catch(() => false) : false;
  });
  return frame;
}

const uncaught = (frame) => frame.evaluate(() => window.uncaught);

for (const origin of ['same', 'cross']) {
  test(`sibling forms, each with two copies of the library, ask at once: every call gets its own frame's interaction; one copy destroyed, the other still answered (${origin} origin)`, async () => {
    const { page, frames } = await openLayout(origin);
    await page.evaluate(() => window.host.setMode('late', 300));
    await Promise.all([frames.formA.evaluate(IN.startBoth), frames.formB.evaluate(IN.startBoth)]);
    for (const [name, frame] of Object.entries(frames)) {
      await waitFor(() => frame.evaluate(() => Object.keys(window.results).length === 2));
      assert.deepEqual(await frame.evaluate(() => window.results), { iife: { ok: true, v: ['sms', name] }, esm: { ok: true, v: ['sms', name] } });
    }
    // Each form asked twice (one request per call), and the Inbox answered each form only.
    const asked = await page.evaluate(IN.askedFrames);
    assert.deepEqual(asked, ['formA', 'formA', 'formB', 'formB']);

    // One copy destroyed while both wait: it rejects DESTROYED, the other copy gets its answer.
    const r = await frames.formA.evaluate(IN.destroyOneWhileWaiting);
    assert.deepEqual(r, [{ ok: false, code: 'DESTROYED' }, { ok: true, v: ['sms', 'formA'] }]);
    for (const f of Object.values(frames)) assert.deepEqual(await uncaught(f), []);
    await page.context().close();
  });

  test(`a sibling form posts an interaction to another form: ignored, that form keeps waiting for its own (${origin} origin)`, async () => {
    const { page, frames } = await openLayout(origin);
    await page.evaluate(() => window.host.setMode('silent'));
    await frames.formA.evaluate(IN.waitOne, 'esm');
    await frames.formB.evaluate(IN.forgeTo, 'formA');
    await waitFor(() => frames.formA.evaluate(() => window.logs.some((e) => e.type === 'ignored' && e.reason === 'source')));
    assert.equal(await frames.formA.evaluate(() => window.result), null);
    await page.evaluate(() => window.host.post('formA', { action: 'interaction', interaction: window.host.interaction('formA') }));
    await waitFor(() => frames.formA.evaluate(() => window.result !== null));
    assert.deepEqual(await frames.formA.evaluate(() => window.result), { ok: true, v: ['sms', 'formA'] });
    await page.context().close();
  });

  test(`a frame inside the form (any origin) posts interactions to it: ignored; the Inbox's answer settles the call (${origin} origin)`, async () => {
    for (const childOrigin of [env.sim.portalOrigin, env.sim.formOrigin]) {
      const { page, frames } = await openLayout(origin, { frames: ['formA'], formQuery: `child=${encodeURIComponent(`${childOrigin}/e2e/layout-child.html`)}` });
      await page.evaluate(() => window.host.setMode('silent'));
      const form = frames.formA;
      const child = page.frame({ name: 'child' });
      await waitFor(() => child.evaluate(() => typeof window.attack === 'function').catch(() => false));
      await form.evaluate(IN.waitOne, 'iife');
      await child.evaluate(IN.childAttack);
      await waitFor(() => form.evaluate(() => window.logs.filter((e) => e.reason === 'source').length === 2));
      assert.equal(await form.evaluate(() => window.result), null);
      await page.evaluate(() => window.host.post('formA', { action: 'interaction', interaction: window.host.interaction('formA') }));
      await waitFor(() => form.evaluate(() => window.result !== null));
      assert.deepEqual(await form.evaluate(() => window.result), { ok: true, v: ['sms', 'formA'] });
      assert.deepEqual(await uncaught(form), []);
      await page.context().close();
    }
  });

  test(`a form reloaded while it waits: the old call's late answer, the Inbox's current interaction, answers the new document's call (${origin} origin)`, async () => {
    const { page, frames } = await openLayout(origin, { frames: ['formA'] });
    // The Inbox holds its answer to the old document until the new one waits (a fixed delay raced
    // the reload on a loaded machine).
    await page.evaluate(() => window.host.setMode('held'));
    await frames.formA.evaluate(IN.askOld);
    await waitFor(() => page.evaluate(() => window.host.received.length === 1));
    await page.evaluate(() => window.host.load('formA'));
    const form = await formFrame(page, 'formA', async (f) => !(await f.evaluate(() => window.old)));
    await form.evaluate(IN.askFirst);
    await waitFor(() => page.evaluate(() => window.host.received.length === 2));
    // The old document's held answer goes to the frame's window: the new document now.
    await page.evaluate(() => window.host.release(0));
    const r = await form.evaluate(() => window.first);
    // The old document's late answer reaches the new one: the interaction is the Inbox's current one.
    assert.deepEqual(r, { ok: true, v: ['sms', 'formA'] });
    assert.deepEqual(await uncaught(form), []);
    await page.context().close();
  });

  test(`close() at beforeunload and sent() at pagehide reach the Inbox, as plain objects from the form, when the Inbox reloads the form (${origin} origin)`, async () => {
    const { page, frames } = await openLayout(origin, { frames: ['formA', 'formB'], formQuery: 'unload=1' });
    await frames.formA.evaluate(() => { window.old = true; });
    await page.evaluate(() => window.host.load('formA'));
    await formFrame(page, 'formA', async (f) => !(await f.evaluate(() => window.old)));
    await waitFor(() => page.evaluate(() => window.host.received.filter((r) => r.data?.action === 'sent').length === 1));
    // At pagehide the form's document is going: Chromium gives the Inbox no source window for it.
    const got = await page.evaluate(IN.received);
    const expectOrigin = formBase(origin);
    assert.deepEqual(got, [
      { frame: 'formA', data: { action: 'close' }, origin: expectOrigin, plain: true },
      { frame: got[1]?.frame === null ? null : 'formA', data: { action: 'sent' }, origin: expectOrigin, plain: true },
    ]);
    await page.context().close();
  });

  test(`the wall clock stepped an hour back or forward while calls wait: each times out on time (${origin} origin)`, async () => {
    const { page, frames } = await openLayout(origin, { frames: ['formA'], clock: true });
    await page.evaluate(() => window.host.setMode('silent'));
    const form = frames.formA;
    for (const step of [-3_600_000, 3_600_000]) {
      await form.evaluate(IN.twoTimedCalls, [2000, 3000]);
      const wall = await form.evaluate(() => Date.now());
      await page.clock.setSystemTime(wall + step);
      const moved = await form.evaluate(() => Date.now()) - wall;
      assert.ok(Math.abs(moved - step) < 5000, `the wall clock moved ${moved} ms`);
      // The step came while both calls waited (with 400/800 ms calls a slow machine could let the
      // first finish before the step, and the test then checked less than it says).
      assert.equal(await form.evaluate(() => window.done.length), 0, 'both calls still waited when the clock stepped');
      await waitFor(() => form.evaluate(() => window.done.length === 2), 12000);
      const done = await form.evaluate(() => window.done);
      assert.deepEqual(done.map((d) => d.code), ['NO_INTERACTION', 'NO_INTERACTION']);
      assert.ok(done[0].ms >= 1990 && done[0].ms < 4500 && done[1].ms >= 2990 && done[1].ms < 5500, JSON.stringify(done));
    }
    await page.context().close();
  });

  test(`a form in a sandboxed frame (allow-scripts: an opaque origin, but location.origin is its URL's): the default is that origin; allowedOrigins naming the Inbox's works (${origin} origin)`, async () => {
    const { page, frames } = await openLayout(origin, { frames: ['formA'], sandbox: 'allow-scripts' });
    const r = await frames.formA.evaluate(IN.sandboxed);
    assert.equal(r.opaque, 'null');
    assert.deepEqual(r.explicit, { ok: true, v: ['sms', 'formA'] });
    // The default, the URL's origin, is the Inbox's only when the form is served by it.
    assert.deepEqual(r.byDefault, origin === 'same' ? { ok: true, v: ['sms', 'formA'] } : { ok: false, code: 'ORIGIN_REJECTED' });
    // The Inbox sees the form's messages come from the opaque origin.
    assert.deepEqual(new Set(await page.evaluate(() => window.host.received.map((x) => x.origin))), new Set(['null']));
    assert.deepEqual(await uncaught(frames.formA), []);
    await page.context().close();
  });
}
