// The frame's load events and the call state, in real Chromium: a phone (served at http://phone.test)
// that posts its login and a call from its script, before its document's load event (held by an
// image the test answers when it chooses).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, waitFor } from './helpers.mjs';
import { openBare } from './uphone-helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

// ?call=N posts agentLogin then gettingCall for N at once; ?hold=K holds the load event until release(K).
const PHONE = `<!doctype html><script>
  const q = new URLSearchParams(location.search);
  window.say = (m) => parent.postMessage(m, '*');
  window.say({ action: 'agentLogin', params: {} });
  if (q.get('call')) window.say({ action: 'gettingCall', params: { number: q.get('call'), campaign: 'Inbound' } });
</script><img src="/img?hold=HOLD">`;

async function phonePage(page) {
  const holds = new Map();
  const held = (k) => {
    if (!holds.has(k)) {
      let resolve;
      holds.set(k, { promise: new Promise((r) => { resolve = r; }), resolve: () => resolve() });
    }
    return holds.get(k);
  };
  await page.context().route(/^http:\/\/phone\.test\//, async (r) => {
    const u = new URL(r.request().url());
    const k = u.searchParams.get('hold');
    if (u.pathname === '/img') {
      if (k) await held(k).promise;
      return r.fulfill({ status: 404, body: '' });
    }
    return r.fulfill({ contentType: 'text/html', body: PHONE.replace('HOLD', k ?? '') });
  });
  await openBare(page, env.sim);
  return (k) => held(k).resolve();
}

// In the page: a promise of the iframe's next load, its listener added after the embeds' own.
const nextLoad = (page) => page.evaluate(() => {
  window.loadedAgain = new Promise((resolve) => document.getElementById('mine').addEventListener('load', resolve, { once: true }));
});

test('two embeds of one iframe, the call posted before its first load: both keep the call at that load', async () => {
  const page = await env.page();
  const release = await phonePage(page);
  await page.evaluate(() => {
    const f = Object.assign(document.createElement('iframe'), { id: 'mine', src: 'http://phone.test/p?call=099123456&hold=a' });
    document.body.append(f);
    // Two components embedding the same iframe (or a remount whose old embed is destroyed later).
    window.a = window.lib.embedUPhone({ iframe: f });
    window.b = window.lib.embedUPhone({ iframe: f });
  });
  await nextLoad(page);
  await waitFor(() => page.evaluate(() => window.a.state.status === 'ringing' && window.b.state.status === 'ringing'));
  release('a');
  await page.evaluate(() => window.loadedAgain);
  assert.deepEqual(await page.evaluate(() => [window.a.state.status, window.b.state.status]), ['ringing', 'ringing']);
  // A remount now starts from the call too.
  assert.equal(await page.evaluate(() => window.lib.embedUPhone({ iframe: window.a.iframe }).state.status), 'ringing');
  await page.context().close();
});

test('an adopted iframe that had loaded, moved in the page during a call: its new page knows no call', async () => {
  const page = await env.page();
  await phonePage(page);
  await page.evaluate(() => new Promise((resolve) => {
    const f = Object.assign(document.createElement('iframe'), { id: 'mine', src: 'http://phone.test/p' });
    f.addEventListener('load', resolve, { once: true });
    document.body.append(f);
  }));
  // Embedded after its load (a component mounted later); the phone rings.
  await page.evaluate(() => { window.a = window.lib.embedUPhone({ iframe: document.getElementById('mine') }); });
  const frame = await (await page.$('#mine')).contentFrame();
  await frame.evaluate(() => window.say({ action: 'agentLogin', params: {} }));
  await frame.evaluate(() => window.say({ action: 'gettingCall', params: { number: '099123456', guid: 'g-1' } }));
  await waitFor(() => page.evaluate(() => window.a.state.status === 'ringing'));
  // Moved (a layout change appends it elsewhere): the browser discards its page and loads the phone again.
  await nextLoad(page);
  await page.evaluate(() => document.getElementById('slot').append(document.getElementById('mine')));
  await page.evaluate(() => window.loadedAgain);
  const moved = await (await page.$('#mine')).contentFrame();
  // Its login (posted by its script) then a marker, heard in that order.
  await page.evaluate(() => { window.marked = new Promise((resolve) => addEventListener('message', (e) => e.data?.order === 'm' && resolve())); });
  await moved.evaluate(() => window.say({ order: 'm' }));
  await page.evaluate(() => window.marked);
  assert.equal(await page.evaluate(() => window.a.state.status), 'idle');
  await page.context().close();
});
