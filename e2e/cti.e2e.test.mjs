// The CTI object end to end: the simulated portal writes it encrypted into its localStorage, the
// same-origin form decrypts it with the built library, edits the dialer record and sends it back;
// the portal receives exactly the expected Respool and Schedule objects. A cross-origin form gets
// NO_CTI with the reason.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPortal, waitFor, PARTITIONED_STORAGE } from './helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const lastReceived = (page, action) => page.evaluate((a) => window.sim.received.filter((r) => r.data.action === a).map((r) => r.data).pop(), action);

for (const form of ['iife', 'esm']) {
  test(`a dialer call: the form shows it, promotes an alternative, and the portal receives the respool (${form})`, async () => {
    const page = await env.page();
    const frame = await openPortal(page, env.sim, `form=${form}`);
    await page.click('#start-dialer');
    const written = await page.evaluate(() => window.ctiSim.current);
    // The form watches the storage: the new call appears without a click.
    await waitFor(async () => (await frame.textContent('#cti-view')).includes(written.Guid));
    assert.match(await frame.textContent('#cti-view'), /dialer: main/);

    await frame.selectOption('#alt-select', '098111222');
    await frame.click('#btn-promote');
    await frame.fill('#priority', '3');
    await frame.click('#btn-priority');
    await frame.fill('#data-key', 'result');
    await frame.fill('#data-value', 'callback');
    await frame.click('#btn-data');
    await frame.fill('#agentphone', '1002');
    await frame.click('#btn-agent');
    await frame.click('#btn-respool');
    await waitFor(() => lastReceived(page, 'respool'));
    const d = written.Dialer;
    assert.deepEqual((await lastReceived(page, 'respool')).respool, {
      campaign: d.campaign, destination: '098111222', status: 1, data: `${d.data}:result=callback`,
      alternatives: '097333444', retries: 0, contact: d.contact, dialerbase: d.dialerbase, priority: 3, agentphone: '1002',
    });
    await waitFor(() => frame.evaluate(() => window.crm.results.some((r) => r.label === 'respool')));
    const sent = await frame.evaluate(() => window.crm.results.find((r) => r.label === 'respool'));
    assert.deepEqual(sent.value, { action: 'respool', confirmed: true, via: 'porthole' });
    assert.match(await page.textContent('#received'), /respool ×1/);

    await frame.fill('#calldate', '2026-12-24T10:30:00');
    await frame.click('#btn-schedule');
    await waitFor(() => lastReceived(page, 'schedule'));
    const schedule = (await lastReceived(page, 'schedule')).schedule;
    assert.deepEqual(schedule, {
      calldate: '2026-12-24 10:30:00', campaign: d.campaign, destination: d.destination, data: d.data,
      alternatives: d.alternatives, agentphone: d.agentphone,
    });
    assert.deepEqual(Object.keys(schedule), ['calldate', 'campaign', 'destination', 'data', 'alternatives', 'agentphone'], "spec 4.4's order");
    await page.context().close();
  });
}

// The respool editor's "Promote alternative" list follows the record being edited: once a number
// is promoted it is the main number and no longer offered (promoting it again failed "alternative
// not found"), and the next alternative can be promoted in turn.
test('the sample form\'s respool editor lists the alternatives left after a promotion, and promotes the next one', async () => {
  const page = await env.page();
  const frame = await openPortal(page, env.sim);
  await page.click('#start-dialer');
  const written = await page.evaluate(() => window.ctiSim.current);
  await waitFor(async () => (await frame.textContent('#cti-view')).includes(written.Guid));
  const offered = () => frame.$$eval('#alt-select option', (os) => os.map((o) => o.value));
  assert.deepEqual(await offered(), ['098111222', '097333444']);
  await frame.selectOption('#alt-select', '098111222');
  await frame.click('#btn-promote');
  assert.deepEqual(await offered(), ['097333444']);
  await frame.click('#btn-promote');
  assert.deepEqual(await offered(), []);
  const preview = JSON.parse(await frame.textContent('#respool-preview'));
  assert.deepEqual([preview.destination, preview.alternatives], ['097333444', '']);
  assert.deepEqual(await frame.evaluate(() => window.crm.results.filter((r) => r.error).map((r) => r.value)), []);
  await page.context().close();
});

test('the simulated portal fails a respool that changes a protected field of the current dialer call, naming the field', async () => {
  const page = await env.page();
  const frame = await openPortal(page, env.sim, 'form=esm&use=porthole');
  await page.click('#start-dialer');
  const d = await page.evaluate(() => window.ctiSim.current.Dialer);
  const respool = (changes) => frame.evaluate((r) => window.crm.portal.respool(r, { confirm: true })
    .then((v) => ({ ok: true, confirmed: v.confirmed }), (e) => ({ ok: false, code: e.code, detail: e.detail })), { ...d, ...changes });
  assert.deepEqual(await respool({ contact: d.contact + 1, dialerbase: 'another-base' }),
    { ok: false, code: 'PORTAL_FAILED', detail: 'protected fields changed: contact, dialerbase' });
  // The same fields given back (a number as its text too), the rest edited: done.
  assert.deepEqual(await respool({ contact: String(d.contact), priority: 9, destination: '098111222' }), { ok: true, confirmed: true });
  await page.context().close();
});

test('an inbound call has no dialer record: no respool editor; its schedule is the short shape real clients send', async () => {
  const page = await env.page();
  const frame = await openPortal(page, env.sim, '');
  await page.click('#start-inbound');
  const written = await page.evaluate(() => window.ctiSim.current);
  await waitFor(async () => (await frame.textContent('#cti-view')).includes(written.Guid));
  assert.match(await frame.textContent('#cti-view'), /not a dialer call/);
  assert.equal(await frame.evaluate(() => document.getElementById('respool-editor').hidden), true);
  const cti = await frame.evaluate(() => window.crm.cti.cti);
  assert.equal(cti.dialer, undefined);
  assert.deepEqual(cti.parAndValues.values, Object.fromEntries(written.ParAndValues.split(':').map((kv) => kv.split('='))));

  // No alternatives, no agentphone: both left out (spec 4.4), the callerid is the destination.
  await frame.fill('#calldate', '2026-12-24T10:30:00');
  await frame.click('#btn-schedule');
  await waitFor(() => lastReceived(page, 'schedule'));
  const schedule = (await lastReceived(page, 'schedule')).schedule;
  assert.equal(JSON.stringify(schedule), JSON.stringify({
    calldate: '2026-12-24 10:30:00', campaign: written.Campaign, destination: written.Callerid, data: written.ParAndValues,
  }));
  await page.context().close();
});

test('a wrong passphrase gives DECRYPT_FAILED, never the passphrase in the message', async () => {
  const page = await env.page();
  const frame = await openPortal(page, env.sim, '');
  await page.click('#start-dialer');
  await frame.fill('#passphrase', 'not-the-passphrase');
  await frame.click('#btn-read-cti');
  await waitFor(() => frame.evaluate(() => window.crm.results.some((r) => r.label === 'readCti')));
  const r = await frame.evaluate(() => window.crm.results.find((x) => x.label === 'readCti'));
  assert.equal(r.error, true);
  assert.match(r.value, /^DECRYPT_FAILED /);
  assert.ok(!r.value.includes('not-the-passphrase'));
  await page.context().close();
});

test('a cross-origin form gets NO_CTI, with the reason', async () => {
  const page = await env.page();
  const frame = await openPortal(page, env.sim, 'origin=cross');
  await page.click('#start-dialer');
  await frame.fill('#passphrase', env.sim.passphrase);
  await frame.click('#btn-read-cti');
  await waitFor(() => frame.evaluate(() => window.crm.results.some((r) => r.label === 'readCti')));
  const r = await frame.evaluate(() => window.crm.results.find((x) => x.label === 'readCti'));
  assert.equal(r.error, true);
  assert.match(r.value, /^NO_CTI /);
  assert.match(r.value, /origin/i, 'the message explains that another origin does not share the portal storage');
  await page.context().close();
});

// Chrome's default settings partition a cross-site form's storage (as Firefox and WebKit do): the
// form's own localStorage is readable and never holds the portal's CTI. watchCti read it and waited
// for ever, silently, through every call the portal wrote; it is NO_CTI at once, as readCti is.
test("a cross-site form in Chrome's partitioned storage: readCti and watchCti (storage) are NO_CTI, never a silent watch of the form's own partition", async () => {
  const partitioned = await setup({}, [PARTITIONED_STORAGE]);
  try {
    const page = await partitioned.page();
    const frame = await openPortal(page, partitioned.sim, 'origin=cross');
    const r = await frame.evaluate((passphrase) => {
      const code = (f) => { try { f(); return 'none'; } catch (e) { return e.code; } };
      return {
        storage: code(() => localStorage.getItem('CTI')),
        read: code(() => window.crm.bridge.readCti({ source: 'storage', passphrase })),
        watch: code(() => { window.stop = window.crm.bridge.watchCti({ source: 'storage', passphrase, onChange() {} }); }),
      };
    }, partitioned.sim.passphrase);
    assert.deepEqual(r, { storage: 'none', read: 'NO_CTI', watch: 'NO_CTI' });
    await page.context().close();
  } finally {
    await partitioned.close();
  }
});

// The storage key `CTI` is our default (contract 4.1, [profile]); `key` overrides it. In Chromium,
// with the built bundles: the portal's copy under another key is read, and its writes are heard
// through the storage event alone (no polling), a write under the default key is not.
for (const form of ['iife', 'esm']) {
  test(`key: readCti reads and watchCti hears the portal's copy under the deployment's own key, not under 'CTI' (${form})`, async () => {
    const page = await env.page();
    const frame = await openPortal(page, env.sim, `form=${form}`);
    const seal = (key, guid) => page.evaluate(([k, g, p]) => localStorage.setItem(k,
      window.CryptoJS.AES.encrypt(JSON.stringify({ Guid: g, Campaign: 'Sales->', Callerid: '099123456' }), p).toString()), [key, guid, env.sim.passphrase]);
    await seal('acmeCti', 'k-1');
    const options = { source: 'storage', key: 'acmeCti', passphrase: env.sim.passphrase };
    assert.equal(await frame.evaluate((o) => window.crm.bridge.readCti(o).guid, options), 'k-1');
    await frame.evaluate((o) => {
      window.keySeen = [];
      window.crm.bridge.watchCti({ ...o, intervalMs: 0, onChange: (c) => window.keySeen.push(c.guid), onError: (e) => window.keySeen.push(e.code) });
    }, options);
    await seal('CTI', 'default-key');
    await seal('acmeCti', 'k-2');
    await waitFor(() => frame.evaluate(() => window.keySeen.length > 0));
    await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(await frame.evaluate(() => window.keySeen), ['k-2']);
    await page.context().close();
  });
}
