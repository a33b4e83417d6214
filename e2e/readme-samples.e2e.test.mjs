// README's quick-start samples run as written in real Chromium against the simulator: the portal
// form (script tag) is README's html block itself, served at a form's place on the portal's origin
// (its relative paths, `../../uContact/...` and the bundle beside it, resolve there as in a real
// deployment). What its comments promise is checked: `via: 'framework'`, and the disposition, tag
// and close reaching the desk with the call the form was opened for; then the Inbox, CTI and uPhone
// samples. (Each sample's names and shapes are compiled by the pack suite, test/pack/examples.mjs;
// the Node samples run in test/unit/docs-samples.test.mjs.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { setup, waitFor } from './helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

test("README's portal form (script tag) calls, disposes, tags and closes through the form framework, as its comments say", async () => {
  const html = [...README.matchAll(/^```html\n([\s\S]*?)^```$/gm)].map((m) => m[1]).find((b) => b.includes('connectPortal'));
  const page = await env.page();
  const base = `${env.sim.portalOrigin}/forms/readme/`;
  await page.context().route(`${base}index.html`, (r) => r.fulfill({ contentType: 'text/html', body: html }));
  await page.context().route(`${base}ucontact-bridge.portal.iife.min.js`, (r) => r.fulfill({
    contentType: 'text/javascript', body: readFileSync(new URL('../dist/ucontact-bridge.portal.iife.min.js', import.meta.url)),
  }));
  const logs = [];
  const alerts = [];
  page.on('console', (m) => logs.push(m.text()));
  page.on('dialog', (d) => { alerts.push(d.message()); void d.dismiss(); });
  await page.goto(`${env.sim.portalOrigin}/?formUrl=${encodeURIComponent(`${base}index.html`)}`);
  const cti = await page.evaluate(() => window.sim.ring('inbound'));
  await page.click('#answer');
  let frame;
  await waitFor(async () => {
    frame = page.frame({ name: 'crmForm' });
    return frame?.evaluate((guid) => typeof window.UContactBridge === 'object' && String(window.CTI).includes(guid), cti.Guid).catch(() => false);
  });

  await frame.click('#call');
  await waitFor(() => logs.some((l) => l.startsWith('call ')) || alerts.length > 0).catch(async (e) => {
    throw new Error(`${e.message}: ${JSON.stringify({ logs, alerts, calls: (await page.evaluate(() => fetch('/sim/framework/state').then((r) => r.json()))).helperCalls })}`);
  });
  assert.deepEqual(alerts, []);
  const [, guid, via] = logs.find((l) => l.startsWith('call ')).split(' ').filter((w) => w !== 'via');
  assert.match(guid, UUID);
  assert.equal(via, 'framework');

  const state = () => page.evaluate(() => fetch('/sim/framework/state').then((r) => r.json()));
  await frame.click('#done');
  await waitFor(async () => (await state()).closes > 0 || alerts.length > 0).catch(async (e) => {
    const st = await state();
    throw new Error(`${e.message}: ${JSON.stringify({ logs, alerts, d: st.dispositions, t: st.tags, c: st.closes, h: st.helperCalls })}`);
  });
  assert.deepEqual(alerts, []);
  const s = await state();
  assert.deepEqual(s.dispositions.map(({ campaign, callerid, guid: g, l1, l2, comment }) => ({ campaign, callerid, guid: g, l1, l2, comment })),
    [{ campaign: cti.Campaign, callerid: cti.Callerid, guid: cti.Guid, l1: 'Sale', l2: 'Closed', comment: 'renewal' }]);
  assert.deepEqual(s.tags.map(({ guid: g, tag }) => ({ guid: g, tag })), [{ guid: cti.Guid, tag: 'vip|renewal' }]);
  assert.equal(s.closes, 1);
});

// README's Inbox sample as a page: an import map gives 'ucontact-bridge/inbox' (the built entry, as a
// bundler would), and the reader's own functions are stand-ins that record what they got.
function inboxSamplePage() {
  const code = [...README.matchAll(/^```js\n([\s\S]*?)^```$/gm)].map((m) => m[1]).find((b) => b.includes('connectInbox'));
  return `<!doctype html><button id="submit">Submit</button><button id="cancel">Cancel</button>
<script type="importmap">{ "imports": { "ucontact-bridge/inbox": "/dist/inbox.js" } }</script>
<script>
  window.seen = { filled: [], manual: 0, saved: 0 };
  window.fill = (v) => window.seen.filled.push(v);
  window.manualMode = () => { window.seen.manual++; };
  window.save = () => { window.seen.saved++; };
  window.submitButton = document.getElementById('submit');
  window.cancelButton = document.getElementById('cancel');
</script>
<script type="module">${code}
window.seen.ready = true;</script>`;
}

test("README's Inbox sample: in the Inbox it fills the form and Submit posts {action: 'sent'}; opened by hand it goes to manual mode and Submit and Cancel throw nothing", async () => {
  const page = await env.page();
  const url = `${env.sim.portalOrigin}/forms/readme/inbox.html`;
  await page.context().route(url, (r) => r.fulfill({ contentType: 'text/html', body: inboxSamplePage() }));

  // Opened by hand: no parent frame.
  await page.goto(url);
  await waitFor(() => page.evaluate(() => window.seen.ready === true));
  assert.equal(await page.evaluate(() => window.seen.manual), 1);
  await page.click('#submit');
  await page.click('#cancel');
  await page.evaluate(() => new Promise((r) => setTimeout(r, 100)));
  assert.equal(await page.evaluate(() => window.seen.saved), 1);
  assert.deepEqual(env.pageErrors.map((e) => e.message), []);

  // In the simulated Inbox, with an interaction.
  await page.goto(`${env.sim.portalOrigin}/inbox?formUrl=${encodeURIComponent(url)}`);
  let frame;
  await waitFor(async () => {
    frame = page.frame({ name: 'inboxForm' });
    return frame?.evaluate(() => window.seen?.ready === true).catch(() => false);
  });
  const seen = await frame.evaluate(() => window.seen);
  assert.equal(seen.manual, 0);
  assert.equal(seen.filled.length, 1);
  assert.deepEqual(Object.keys(seen.filled[0]), ['name', 'plan', 'contact']);
  assert.equal(typeof seen.filled[0].name, 'string');
  await frame.click('#submit');
  await waitFor(() => page.evaluate(() => window.inbox.received.some((r) => r.data?.action === 'sent')));
  assert.deepEqual(env.pageErrors.map((e) => e.message), []);
});

// README's CTI sample in a form of the portal: an import map gives the built entries, `portal` is
// the quick start's connectPortal(), and the reader's functions record what they got.
function ctiSamplePage() {
  const code = [...README.matchAll(/^```js\n([\s\S]*?)^```$/gm)].map((m) => m[1]).find((b) => b.includes("from 'ucontact-bridge/cti'"));
  return `<!doctype html>
<script type="importmap">{ "imports": { "ucontact-bridge": "/dist/index.js", "ucontact-bridge/cti": "/dist/cti.js" } }</script>
<script src="../../uContact/assets/js/framework/integraFramework.js"></script>
<script>
  window.seen = { opened: [], manual: 0 };
  window.openCustomer = (id) => window.seen.opened.push(id);
  window.showManualSearch = () => { window.seen.manual++; };
</script>
<script type="module">import { connectPortal } from 'ucontact-bridge';
window.portal = connectPortal();</script>
<script type="module">${code}
window.seen.done = true;</script>`;
}

test("README's CTI sample: a dialer call opens the customer and respools with the first alternative promoted at priority 10; a form without a call goes to the manual search", async () => {
  const page = await env.page();
  const url = `${env.sim.portalOrigin}/forms/readme/cti.html`;
  await page.context().route(url, (r) => r.fulfill({ contentType: 'text/html', body: ctiSamplePage() }));
  await page.goto(`${env.sim.portalOrigin}/?formUrl=${encodeURIComponent(url)}`);
  const cti = await page.evaluate(() => window.sim.ring('dialer'));
  await page.click('#answer');
  let frame;
  const done = async () => {
    frame = page.frame({ name: 'crmForm' });
    return frame?.evaluate((guid) => window.seen?.done === true && String(window.CTI).includes(guid), cti.Guid).catch(() => false);
  };
  await waitFor(done);
  const [main, ...others] = cti.Dialer.alternatives.split(':');
  assert.deepEqual(await frame.evaluate(() => window.seen), { opened: [/idcustomer=(\d+)/.exec(cti.ParAndValues)[1]], manual: 0, done: true });
  const respools = () => page.evaluate(() => window.sim.received.filter((r) => r.data?.action === 'respool').map((r) => r.data.respool));
  await waitFor(async () => (await respools()).length > 0);
  const [respool] = await respools();
  assert.deepEqual({ destination: respool.destination, alternatives: respool.alternatives, priority: respool.priority, retries: respool.retries },
    { destination: main, alternatives: others.join(':'), priority: 10, retries: 0 });
  assert.deepEqual([respool.campaign, respool.status, respool.contact, respool.dialerbase], [cti.Dialer.campaign, cti.Dialer.status, cti.Dialer.contact, cti.Dialer.dialerbase]);

  await page.evaluate(() => window.sim.openWithoutCall());
  await waitFor(async () => {
    frame = page.frame({ name: 'crmForm' });
    return frame?.evaluate(() => window.seen?.done === true && window.CTI === '').catch(() => false);
  });
  assert.deepEqual(await frame.evaluate(() => window.seen), { opened: [], manual: 1, done: true });
  assert.deepEqual(env.pageErrors.map((e) => e.message), []);
});

// README's uPhone sample in an app on the second origin (the bare host page of e2e/pages/, served
// by the simulator: a page Playwright serves itself may not frame a loopback address), its import
// of 'ucontact-bridge/uphone' the built entry and its instance the simulator's phone (the sample
// names a tenant's host name: `url` is the option for a full address).
test("README's uPhone sample: gettingCall pops the customer, Call places the call and waits for its echo, destroy() removes the iframe", async () => {
  const page = await env.page();
  const code = [...README.matchAll(/^```js\n([\s\S]*?)^```$/gm)].map((m) => m[1]).find((b) => b.includes("from 'ucontact-bridge/uphone'"));
  const sample = code.replace("'ucontact-bridge/uphone'", "'/dist/uphone.js'")
    .replace("instance: 'acme.ucontactcloud.com'", `url: '${env.sim.portalOrigin}/uphone/'`);
  assert.ok(sample.includes(`url: '${env.sim.portalOrigin}/uphone/'`) && sample.includes("'/dist/uphone.js'"), 'the sample imports ucontact-bridge/uphone and embeds by instance');
  await page.goto(`${env.sim.formOrigin}/e2e/uphone-bare.html`);
  await page.evaluate((text) => {
    window.seen = { opened: [], banners: [] };
    window.openCustomer = (n) => window.seen.opened.push(n);
    window.showBanner = (m) => window.seen.banners.push(m);
    // The button above the phone, in the window: a click that needs a scroll first can reach the
    // phone's cross-origin frame that was at that place before the scroll (Chromium routes the mouse
    // event by hit-test data of the frame before; seen: the phone got the click, the button none).
    document.body.insertAdjacentHTML('beforeend', '<button id="call">Call</button><div id="phone" style="width:360px;height:480px"></div>');
    window.callButton = document.getElementById('call');
    const s = document.createElement('script');
    s.type = 'module';
    s.textContent = `${text}\nwindow.phone = phone;`;
    document.body.append(s);
  }, sample);
  await waitFor(() => page.evaluate(() => !!window.phone));
  const phoneFrame = () => page.frames().find((f) => f.url().startsWith(`${env.sim.portalOrigin}/uphone/`));
  await waitFor(() => phoneFrame()?.evaluate(() => !!window.uphoneSim).catch(() => false));
  await phoneFrame().evaluate(() => window.uphoneSim.login());
  await page.evaluate(() => window.phone.ready);
  await phoneFrame().evaluate(() => window.uphoneSim.ring({ number: '099123456', campaign: 'Inbound' }));
  await waitFor(() => page.evaluate(() => window.seen.opened.length > 0));
  assert.deepEqual(await page.evaluate(() => window.seen.opened), ['099123456']);
  await phoneFrame().evaluate(() => window.uphoneSim.hangup());

  await page.click('#call');
  await waitFor(() => page.evaluate(() => window.phone.state.status === 'inCall'));
  assert.deepEqual(await page.evaluate(() => [window.phone.state.number, window.phone.state.direction, window.seen.banners]), ['099123456', 'outbound', []]);
  await page.evaluate(() => window.phone.destroy());
  assert.equal(await page.locator('#phone iframe').count(), 0);
  assert.deepEqual(env.pageErrors.map((e) => e.message), []);
});
