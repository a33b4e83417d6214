// Hostile messages against the `inbox` entry in real Chromium. The simulated Inbox posts with '*'
// and checks nothing, as the platform does, so only the form's own checks stand between it and:
// forged `interaction` answers from a sibling frame on the Inbox's origin, from a frame on a foreign
// origin, and from the form's own window; and malformed answers from the Inbox window itself. A call
// is in flight throughout: it must settle with the Inbox's real answer only, nothing may throw, and
// every message ignored must be logged with its reason.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, waitFor } from './helpers.mjs';
import { openInbox } from './inbox-helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

// Well-formed answers: fine from the Inbox, forged from anywhere else. Expressions, evaluated in the sender.
const FORGED = [
  "({ action: 'interaction', interaction: { channel: 'whatsapp', clientId: 'forged', clientName: 'Mallory' } })",
  "({ action: 'interaction', interaction: JSON.stringify({ channel: 'sms', clientName: 'Mallory' }) })",
  "({ action: 'interaction', interaction: null })",
  "({ action: 'interaction', interaction: JSON.parse('{\"__proto__\":{\"polluted\":1},\"clientName\":\"Mallory\"}') })",
];
// Malformed, from the Inbox window itself: never an answer, never an error.
const MALFORMED = [
  "({ action: 'interaction', interaction: 5 })", "({ action: 'interaction', interaction: [] })",
  "({ action: 'interaction', interaction: 'not json' })", "({ action: 'interaction', interaction: '[1,2]' })",
  "({ action: 'interaction', interaction: true })", "({ action: 'interaction', interaction: [{ channel: 'sms' }] })",
  "({ action: 'interaction', interaction: '{' + '['.repeat(100000) })",
];
// Not an answer at all, from the Inbox window: other messages the Inbox might post.
const OTHER = [
  "JSON.stringify({ action: 'interaction', interaction: { channel: 'sms' } })", "'interaction'", '42', 'null', '[1, 2]',
  "({ action: 'Interaction', interaction: {} })", "({ interaction: { channel: 'sms' } })", "({ action: 'getInteraction' })",
  "({ action: 'close' })", "({ event: 'changedTheme', data: 'dark' })", "new Map([['action', 'interaction']])",
  "({ action: 'x'.repeat(3e6) })",
];

for (const build of ['esm', 'iife']) {
  for (const origin of ['same', 'cross']) {
    test(`forged answers from siblings and the form itself, malformed ones from the Inbox: all ignored (${build} build, ${origin}-origin form)`, async () => {
      const errors = env.pageErrors.length;
      const page = await env.page();
      const frame = await openInbox(page, env.sim, `channel=sms&mode=silent&attacker=same,cross&build=${build}&origin=${origin}&timeoutMs=60000`);
      const attackers = ['same', 'cross'].map((k) => page.frame({ name: `inbox-attacker-${k}` }));
      for (const a of attackers) await waitFor(() => a.evaluate(() => typeof window.attack === 'function').catch(() => false));
      assert.equal(await attackers[0].evaluate(() => location.origin), env.sim.portalOrigin, 'a sibling on the Inbox\'s own origin');
      assert.equal(await attackers[1].evaluate(() => location.origin), env.sim.formOrigin, 'a sibling on a foreign origin');

      await frame.evaluate(() => {
        const h = (window.h = { settled: null, errors: [] });
        window.addEventListener('error', (e) => h.errors.push(String(e.message)));
        window.addEventListener('unhandledrejection', (e) => h.errors.push(String(e.reason)));
        window.form.inbox.getInteraction({ timeoutMs: 60_000 }).then(
          (i) => { h.settled = ['ok', i.clientId, i.clientName]; },
          (e) => { h.settled = ['error', e.code]; },
        );
      });
      const ignored = () => frame.evaluate(() => window.form.events.filter((e) => e.type === 'ignored').map((e) => e.reason));
      const base = (await ignored()).length;

      for (const expr of FORGED) {
        for (const a of attackers) await a.evaluate((x) => window.attack(new Function(`return (${x});`)()), expr);
        await frame.evaluate((x) => window.postMessage(new Function(`return (${x});`)(), '*'), expr);
      }
      for (const expr of [...MALFORMED, ...OTHER]) {
        await page.evaluate((x) => window.inbox.post(new Function(`return (${x});`)()), expr);
      }
      const total = FORGED.length * 3 + MALFORMED.length + OTHER.length;
      await waitFor(async () => (await ignored()).length - base === total);

      const reasons = (await ignored()).slice(base);
      const count = (r) => reasons.filter((x) => x === r).length;
      assert.deepEqual([count('source'), count('malformed'), count('other')], [FORGED.length * 3, MALFORMED.length, OTHER.length]);
      const h = await frame.evaluate(() => window.h);
      assert.equal(h.settled, null, 'nothing above settled the call');
      assert.deepEqual(h.errors, []);
      assert.equal(await frame.evaluate(() => ({}).polluted), undefined);

      // The Inbox's real answer settles it, with the real interaction.
      await page.evaluate(() => window.inbox.post({ action: 'interaction', interaction: window.inbox.current() }));
      await waitFor(() => frame.evaluate(() => window.h.settled !== null));
      assert.deepEqual(await frame.evaluate(() => window.h.settled), ['ok', '098765432', 'Carla Núñez']);
      assert.equal(env.pageErrors.length, errors);
      await page.context().close();
    });
  }
}

test('a forged answer from a sibling arriving before the Inbox\'s late one: the form keeps waiting and gets the real one', async () => {
  const page = await env.page();
  const frame = await openInbox(page, env.sim, 'channel=webchat&mode=late:1000&attacker=cross&origin=cross&timeoutMs=60000');
  const attacker = page.frame({ name: 'inbox-attacker-cross' });
  await waitFor(() => attacker.evaluate(() => typeof window.attack === 'function').catch(() => false));
  // The form asked on load; the attacker answers first, many times.
  for (let n = 0; n < 5; n++) {
    await attacker.evaluate(() => window.attack({ action: 'interaction', interaction: { channel: 'webchat', clientId: 'forged', clientName: 'Mallory' } }));
  }
  await waitFor(() => frame.evaluate(() => window.form.status === 'interaction'), 10_000);
  const i = await frame.evaluate(() => [window.form.interaction.clientId, window.form.interaction.clientName]);
  assert.deepEqual(i, ['visitor-8f3a2c', 'Lucía Gómez']);
  assert.ok(await frame.evaluate(() => window.form.events.filter((e) => e.reason === 'source').length >= 5));
  await page.context().close();
});
