// No silent loss: a message that was only posted says so in its result (`confirmed: false`) and in
// a log event (`unconfirmed`); `closeForm` over Porthole, a message no public form shows, is marked
// as our guess.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connectPortal } from '../../dist/index.js';
import { framed } from './helpers/fake-window.mjs';

const RESPOOL = {
  campaign: 'Sales->', destination: '098111222', status: 1, data: '', alternatives: '', retries: 0, contact: 1, dialerbase: 'b',
  priority: 1, agentphone: '',
};
const SCHEDULE = { calldate: '2026-12-01 09:30:00', campaign: 'Sales->', destination: '099123456', alternatives: '', agentphone: '', data: '' };

function setup(options = {}) {
  const { portal, form, reply } = framed();
  const events = [];
  const client = connectPortal({ window: form, log: (e) => { events.push(e); captureLog(e); }, ...options });
  return { portal, form, reply, client, events };
}

test('every action only posted resolves confirmed: false and logs unconfirmed (after sent), never a value', async () => {
  const { client, events } = setup();
  const results = [
    await client.hangup(),
    await client.disposition({ l1: 'Sale', comment: 'call 099123456 back' }),
    await client.tag({ tag: 'vip' }),
    await client.respool(RESPOOL),
    await client.schedule(SCHEDULE),
    await client.closeForm(),
  ];
  assert.deepEqual(results.map((r) => [r.action, r.confirmed, r.via]), [
    ['hangup', false, 'porthole'], ['disposition', false, 'porthole'], ['tag', false, 'porthole'],
    ['respool', false, 'porthole'], ['schedule', false, 'porthole'], ['closeForm', false, 'porthole'],
  ]);
  assert.deepEqual(events, [
    { type: 'sent', action: 'hangup', via: 'porthole' }, { type: 'unconfirmed', action: 'hangup', via: 'porthole' },
    { type: 'sent', action: 'disposition', via: 'porthole' }, { type: 'unconfirmed', action: 'disposition', via: 'porthole' },
    { type: 'sent', action: 'tag', via: 'porthole' }, { type: 'unconfirmed', action: 'tag', via: 'porthole' },
    { type: 'sent', action: 'respool', via: 'porthole' }, { type: 'unconfirmed', action: 'respool', via: 'porthole' },
    { type: 'sent', action: 'schedule', via: 'porthole' }, { type: 'unconfirmed', action: 'schedule', via: 'porthole' },
    { type: 'sent', action: 'closeForm', via: 'porthole' }, { type: 'unconfirmed', action: 'closeForm', via: 'porthole', reason: 'guessed' },
  ]);
});

test('a confirmed request logs answered, not unconfirmed', async () => {
  const { client, events, reply } = setup({ confirm: { disposition: true } });
  const p = client.disposition({ l1: 'Sale' });
  reply({ action: 'disposition', result: '1' });
  assert.deepEqual(await p, { action: 'disposition', confirmed: true, via: 'porthole' });
  assert.deepEqual(events.map((e) => e.type), ['sent', 'answered']);
  const q = client.hangup({ confirm: true });
  reply({ action: 'hangup', result: '1' });
  assert.equal((await q).confirmed, true);
  assert.ok(!events.some((e) => e.type === 'unconfirmed'));
});

test('closeForm over Porthole posts exactly {action: closeForm}; with confirm it waits for {action, result}', async () => {
  const { portal, client, reply, events } = setup();
  await client.closeForm();
  const p = client.closeForm({ confirm: true, timeoutMs: 5000 });
  // The first one's answer may still come (its late window): the confirmed one waits behind it.
  assert.equal(portal.posted.length, 1);
  reply({ action: 'closeForm', result: '1' }); // swallowed: it answers the unconfirmed one
  assert.equal(portal.posted.length, 2);
  reply({ action: 'closeForm', result: '0', error: 'form 099123456 busy' });
  await assert.rejects(p, (e) => e.code === 'PORTAL_FAILED' && e.detail === 'form 099123456 busy' && !e.message.includes('099123456'));
  assert.deepEqual(portal.postedData, [{ action: 'closeForm' }, { action: 'closeForm' }]);
  assert.equal(JSON.parse(portal.posted[0].data).sourceWindowName, 'crmForm');
  assert.ok(events.some((e) => e.type === 'stale-reply'));
  // A closeForm message with no result is the portal's own event: it goes to listeners.
  const got = [];
  client.on('message', (d) => got.push(d));
  reply({ action: 'closeForm' });
  assert.deepEqual(got, [{ action: 'closeForm' }]);
});

test("the client option confirm: true makes closeForm wait too; confirm: { closeForm: true } only closeForm", async () => {
  for (const confirm of [true, { closeForm: true }]) {
    const { client, reply } = setup({ confirm });
    const p = client.closeForm();
    reply({ action: 'closeForm', result: '1' });
    assert.deepEqual(await p, { action: 'closeForm', confirmed: true, via: 'porthole' });
    const h = await Promise.race([client.hangup(), new Promise((r) => setTimeout(() => r('waiting'), 20))]);
    assert.equal(confirm === true ? h : h.confirmed, confirm === true ? 'waiting' : false);
    client.destroy();
  }
});
