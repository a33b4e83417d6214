// Data that goes round the whole system comes back byte for byte (spec 4.2 to 4.4): the portal
// hands a dialer call's `data` and `ParAndValues` to the form (the framework's `CTI` global and the
// encrypted localStorage copy), the form reads them with the built library, builds a Respool and a
// Schedule from them, and the portal receives over Porthole exactly the text it sent, but for the
// one entry the form set; the schedule lands in the dialer's scheduled calls with that data.
// Values: `= & | , % +`, quotes, backslashes, tabs, blanks at both ends, empty values, duplicate
// keys, prototype names, an emoji and a lone surrogate, a long value; and, from the portal only,
// segments that are no clean pair (a bare `flag`, a time `10:30` the `:` split).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, waitFor } from './helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const LONG = 'x'.repeat(5000);
// Every pair as the contract allows it (no `;`, `:`, `=` or line break inside a key or value).
const CLEAN = ['idcustomer=7', 'name= Ana "la" O\'Brien ', 'note=a&b|c,d%41+e\\f\tg', 'empty=', '__proto__=x', 'constructor=y',
  'toString=z', 'dup=1', 'dup=2', 'emoji=😀', 'lone=\uD800', `long=${LONG}`].join(':');
// What a portal may still send: segments that are no clean pair, empty segments.
const ODD = `${CLEAN}:flag:time=10:30::`;

const ready = () => window.crm?.ready === true && !window.beforeAnswer;
async function formFor(page, check) {
  let frame;
  await waitFor(async () => {
    frame = page.frame({ name: 'crmForm' });
    return frame?.evaluate(check).catch(() => false);
  });
  return frame;
}

async function dialerCall(page, data) {
  await page.goto(`${env.sim.portalOrigin}/`);
  let frame = await formFor(page, ready);
  const cti = await page.evaluate((d) => {
    const c = window.ctiSim.make('dialer');
    return window.sim.ring('dialer', { ParAndValues: d, Dialer: { ...c.Dialer, data: d } });
  }, data);
  await frame.evaluate(() => { window.beforeAnswer = true; });
  await page.evaluate(() => window.sim.answer());
  frame = await formFor(page, ready);
  return { cti, frame };
}

for (const [name, data] of [['clean pairs', CLEAN], ['the portal\'s odd segments', ODD]]) {
  test(`${name}: the form reads the data as sent and the portal gets it back exactly, but for the entry set`, async () => {
    const page = await env.page();
    const { cti, frame } = await dialerCall(page, data);
    assert.equal(cti.Dialer.data, data);
    const got = await frame.evaluate(async (passphrase) => {
      const { bridge, portal } = window.crm;
      const c = bridge.readCti();
      const stored = bridge.readCti({ source: 'storage', passphrase });
      const out = {
        framework: [c.dialer.data.raw, c.parAndValues.raw], storage: [stored.dialer.data.raw, stored.parAndValues.raw],
        values: [c.dialer.data.values.lone, c.dialer.data.values.__proto__, c.dialer.data.values.dup, Object.getPrototypeOf(c.dialer.data.values)],
      };
      const respool = bridge.respoolBuilder(c.dialer).setData('result', 'ok').build();
      const untouched = bridge.toRespool(c.dialer);
      const schedule = bridge.scheduleBuilder(c).setCalldate('2027-01-04 10:00:00').setData('dup', '3').build();
      out.results = [];
      for (const [action, value] of [['respool', respool], ['respool', untouched], ['schedule', schedule]]) {
        const r = await portal[action](value, { confirm: true });
        out.results.push([r.action, r.via, r.confirmed]);
      }
      return out;
    }, await page.evaluate(() => window.SIM.passphrase));
    assert.deepEqual(got.framework, [data, data]);
    assert.deepEqual(got.storage, [data, data]);
    assert.deepEqual(got.values, ['\uD800', 'x', '2', null]);
    assert.deepEqual(got.results, [['respool', 'porthole', true], ['respool', 'porthole', true], ['schedule', 'porthole', true]]);
    const received = await page.evaluate(() => window.sim.received.map((r) => r.data).filter((d) => d.action === 'respool' || d.action === 'schedule'));
    // Empty segments carry nothing and are left out once the form edits; every other segment is the portal's text.
    const kept = data.split(':').filter(Boolean).join(':');
    assert.deepEqual(received.map((d) => (d.respool ?? d.schedule).data), [
      `${kept}:result=ok`, data, kept.replace('dup=1:dup=2', 'dup=3'),
    ]);
    // The dialer took the schedule with its data exactly (the portal's odd segments too: its own).
    const mine = () => env.sim.rest.state.schedules.filter((s) => s.calldate === '2027-01-04 10:00:00' && s.data === kept.replace('dup=1:dup=2', 'dup=3'));
    await waitFor(() => mine().length > 0);
    assert.equal(mine().length, 1);
    await page.context().close();
  });
}
