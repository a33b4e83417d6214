// A page whose Object.prototype a bug polluted after the library loaded (a vulnerable query-string or
// deep-merge library of the integrator), in Chromium with the built bundles (script tag and ES
// module), same and cross origin: the portal's answers reach their requests (a form's message data,
// parsed from the envelope in the form's realm, inherits the form's Object.prototype), the Inbox's
// answers (structured clones of the form's realm) and the embedded uPhone's events are read by their
// own keys, and the REST
// clients' requests go out as they would in a clean page.
// Chromium's fetch reads every RequestInit member (`body`, `mode`, `integrity`, `credentials`, …)
// through the prototype chain of the object it is handed.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openPortal, openRestPage, useRestEnv, waitFor } from './helpers.mjs';
import { openInbox } from './inbox-helpers.mjs';
import { inPhone, openApp } from './uphone-helpers.mjs';
import { PO, POLLUTED, POLLUTED_REST, REST_ARG } from './scenarios/embed-layouts.mjs';
import { pollutedCall } from './scenarios/portal-layouts.mjs';

const ctx = {};
useRestEnv(ctx);

const run = (page, code, arg) => page.evaluate(PO.rest, [code, { ...REST_ARG, baseUrl: ctx.env.sim.portalOrigin, ...arg }]);

for (const [origin, bundle] of [['cross', 'iife'], ['cross', 'esm'], ['same', 'iife'], ['same', 'esm']]) {
  describe(`${origin} origin, ${bundle} bundle`, () => {
    test('Object.prototype polluted after the REST clients were made: a login, a call, a GET and a webhook without a body go out as in a clean page', async () => {
      const page = await openRestPage(ctx.env, origin, bundle);
      for (const [key, value] of Object.entries(POLLUTED)) {
        ctx.env.sim.rest.reset();
        const r = await run(page, POLLUTED_REST, { key, value });
        assert.equal(r.ok, true, `${key}: ${JSON.stringify(r)}`);
        assert.deepEqual(r.value, { guid: 'string', ids: [3, 4], hook: { result: { result: 'ok' } } }, key);
        const hooks = ctx.env.sim.rest.state.webhooks;
        assert.deepEqual(hooks.map((w) => [w.name, w.authorization, w.contentType === 'json']), [['new-lead', false, false]], key);
      }
      await page.context().close();
    });
  });
}

for (const form of ['iife', 'esm']) {
  for (const origin of ['same', 'cross']) {
    test(`Object.prototype polluted in the form after the portal client was made: the portal's {guid} answers the call (${form} build, ${origin} origin)`, async () => {
      const page = await ctx.env.page();
      const frame = await openPortal(page, ctx.env.sim, `form=${form}&origin=${origin}&use=porthole`);
      const r = await frame.evaluate(pollutedCall);
      const guids = await page.evaluate(() => window.sim.guids);
      assert.deepEqual(r, { ok: true, call: { action: 'call', guid: guids[0], via: 'porthole' } });
      await page.context().close();
    });
  }
}

for (const build of ['iife', 'esm']) {
  for (const origin of ['same', 'cross']) {
    test(`Object.prototype polluted in an Inbox form after connectInbox: a message of no action settles nothing, an answer of no interaction is NO_INTERACTION (${build} build, ${origin}-origin form)`, async () => {
      const page = await ctx.env.page();
      const frame = await openInbox(page, ctx.env.sim, `channel=sms&mode=silent&build=${build}&origin=${origin}&timeoutMs=60000`);
      await frame.evaluate(PO.pollutedInboxWait);
      const ignored = () => frame.evaluate(() => window.form.events.filter((e) => e.type === 'ignored').length);
      const base = await ignored();
      // Another message of the Inbox, with no action of its own.
      await page.evaluate(() => window.inbox.post({ event: 'changedTheme', data: 'dark' }));
      await waitFor(async () => (await ignored()) > base || (await frame.evaluate(() => window.h.settled !== null)));
      assert.equal(await frame.evaluate(() => window.h.settled), null, 'a message with no action settled nothing');
      // The Inbox has no interaction to give (opened by hand).
      await page.evaluate(() => window.inbox.post({ action: 'interaction' }));
      await waitFor(() => frame.evaluate(() => window.h.settled !== null));
      const settled = await frame.evaluate(PO.cleanInbox);
      assert.deepEqual(settled, ['error', 'NO_INTERACTION']);
      await page.context().close();
    });
  }
}

for (const build of ['esm', 'iife']) {
  for (const layout of ['cross', 'same']) {
    test(`Object.prototype.action polluted in the host app after embedUPhone: an Events API event is still itself, its screen pop and state follow (${build} build, ${layout}-origin app)`, async () => {
      const page = await ctx.env.page();
      const phone = await openApp(page, ctx.env.sim, { build, layout, query: 'api=events' });
      await waitFor(() => page.evaluate(() => window.app.ready === 'ready'));
      await inPhone(phone, (sim) => sim.login());
      await page.evaluate(() => { Object.prototype.action = 'agentLogout'; });
      await inPhone(phone, (sim) => sim.ring({ number: '098111222', campaign: 'Support' }));
      await waitFor(() => page.evaluate(() => window.app.events.length >= 1));
      const r = await page.evaluate(PO.cleanApp);
      assert.deepEqual(r, { names: [['assignedInteraction', 'events']], pops: 1, status: 'inCall' });
      await page.context().close();
    });
  }
}
