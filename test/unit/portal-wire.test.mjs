// The portal client's wire output, checked on the built ESM bundle: exact Porthole envelopes and
// exact `data` per action (spec sections 2 and 3), and argument validation before anything is sent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connectPortal, isBridgeError } from '../../dist/index.js';
import { framed } from './helpers/fake-window.mjs';

const RESPOOL = {
  campaign: 'Sales->', destination: '098111222', status: 1, data: 'idcustomer=7:name=Ana',
  alternatives: '099123456:097333444', retries: 0, contact: 15422, dialerbase: 'base-2026-11',
  priority: 1, agentphone: '1001',
};
const SCHEDULE = {
  calldate: '2026-12-01 09:30:00', campaign: 'Sales->', destination: '099123456',
  alternatives: '098111222', agentphone: '', data: 'idcustomer=7',
};

test('envelope is the Porthole 1.0.0 JSON string, posted to the allowed origin', async () => {
  const { portal, form, reply } = framed({ portalOrigin: 'http://127.0.0.1:8080', formOrigin: 'http://localhost:9090' });
  const client = connectPortal({ log: captureLog, window: form, allowedOrigins: 'http://127.0.0.1:8080' });
  const p = client.call({ campaign: 'Sales->', destination: '099123456', callerid: '24000000' });
  assert.equal(portal.posted.length, 1);
  const { data: raw, targetOrigin } = portal.posted[0];
  assert.equal(typeof raw, 'string');
  assert.equal(targetOrigin, 'http://127.0.0.1:8080');
  assert.equal(raw, JSON.stringify({
    data: { action: 'call', campaign: 'Sales->', callerid: '24000000', destination: '099123456' },
    sourceOrigin: 'http://localhost:9090',
    targetOrigin: 'http://127.0.0.1:8080',
    sourceWindowName: 'crmForm',
    targetWindowName: '',
  }));
  reply({ guid: 'abc-1' });
  assert.deepEqual(await p, { action: 'call', guid: 'abc-1', via: 'porthole' });
  client.destroy();
});

test('every action posts exactly the data of spec section 3', async () => {
  const { portal, form, reply } = framed();
  const client = connectPortal({ log: captureLog, window: form });
  client.call({ campaign: 'Sales->', destination: '+59899123456' }).catch(() => {});
  client.callWithPhone({ destination: '091000000', campaign: 'Sale->' }).catch(() => {});
  await client.hangup();
  await client.disposition({ l1: 'Sale', l2: 'Closed', comment: 'ok', tag: ['vip', 'renewal'] });
  // disposition renders a Date in the form's local time (the portal's clock): built in local time, it
  // reads the same in any TZ (npm test runs the unit tests under TZ=America/Montevideo).
  await client.disposition({ l1: 'Callback', schedule: new Date(2026, 11, 1, 9, 5, 7), camptoreschedule: 'Sales->' });
  await client.tag({ tag: 'vip' });
  await client.tag({ guid: 'g-1', tag: ['a', 'b', 'c'] });
  await client.respool(RESPOOL);
  await client.schedule(SCHEDULE);
  assert.deepEqual(portal.postedData, [
    { action: 'call', campaign: 'Sales->', callerid: '', destination: '+59899123456' },
    { action: 'hangup' },
    { action: 'disposition', l1: 'Sale', l2: 'Closed', l3: '', comment: 'ok', tag: 'vip|renewal', schedule: '', camptoreschedule: '' },
    { action: 'disposition', l1: 'Callback', l2: '', l3: '', comment: '', tag: '', schedule: '2026-12-01 09:05:07', camptoreschedule: 'Sales->' },
    { action: 'tag', tag: 'vip' },
    { action: 'tag', guid: 'g-1', tag: 'a|b|c' },
    { action: 'respool', respool: RESPOOL },
    // Spec 4.4: data before alternatives; an empty agentphone is left out.
    { action: 'schedule', schedule: { calldate: '2026-12-01 09:30:00', campaign: 'Sales->', destination: '099123456', data: 'idcustomer=7', alternatives: '098111222' } },
  ]);
  // callWithPhone shares the guid lane with call: it is sent once the call is answered.
  reply({ guid: 'g-call' });
  assert.deepEqual(portal.postedData.at(-1), { action: 'callWithPhone', campaign: 'Sale->', destination: '091000000' });
  // Destroyed with callWithPhone still queued, the lane would wait out the call's late window (a
  // 10 s timer that keeps this test process alive); sent, it waits for nothing.
  client.destroy();
});

test("tag labels may hold ; : = (a disposition level such as 'Callback: 24h'): only | and line breaks are refused", async () => {
  const { portal, form } = framed();
  const client = connectPortal({ log: captureLog, window: form });
  await client.tag({ tag: ['Callback: 24h', 'score=5'] });
  await client.disposition({ l1: 'Callback: 24h', tag: 'Callback: 24h' });
  assert.deepEqual(portal.postedData, [
    { action: 'tag', tag: 'Callback: 24h|score=5' },
    { action: 'disposition', l1: 'Callback: 24h', l2: '', l3: '', comment: '', tag: 'Callback: 24h', schedule: '', camptoreschedule: '' },
  ]);
  await assert.rejects(client.tag({ tag: 'a\rb' }), (e) => isBridgeError(e, 'INVALID_ARGUMENT') && /tag must not contain/.test(e.message));
  assert.equal(portal.postedData.length, 2);
  client.destroy();
});

test('key order on the wire is the contract order even when the caller passes keys shuffled', async () => {
  const { portal, form } = framed();
  const client = connectPortal({ log: captureLog, window: form });
  const shuffled = Object.fromEntries(Object.entries(RESPOOL).reverse());
  await client.respool(shuffled);
  assert.deepEqual(Object.keys(portal.postedData[0].respool), Object.keys(RESPOOL));
  client.destroy();
});

test("schedule: the exact envelope, keys in the contract's order, alternatives and agentphone only when not empty (spec 4.4)", async () => {
  const { portal, form } = framed({ portalOrigin: 'http://127.0.0.1:8080', formOrigin: 'http://localhost:9090' });
  const client = connectPortal({ log: captureLog, window: form, allowedOrigins: 'http://127.0.0.1:8080' });
  const base = { calldate: '2026-12-01 09:30:00', campaign: 'Sales->', destination: '099123456' };
  // The real clients' shape, the same with the two keys empty, every key shuffled, and one of the two.
  await client.schedule({ ...base, data: '' });
  await client.schedule({ ...base, alternatives: '', agentphone: '', data: '' });
  await client.schedule({ agentphone: '1001', alternatives: '098111222:097333444', data: 'idcustomer=7', ...base });
  await client.schedule({ ...base, data: 'idcustomer=7', agentphone: '1001' });
  const envelope = (schedule) => '{"data":{"action":"schedule","schedule":{"calldate":"2026-12-01 09:30:00","campaign":"Sales->","destination":"099123456",' +
    `${schedule}}},"sourceOrigin":"http://localhost:9090","targetOrigin":"http://127.0.0.1:8080","sourceWindowName":"crmForm","targetWindowName":""}`;
  assert.deepEqual(portal.posted.map((p) => p.data), [
    envelope('"data":""'),
    envelope('"data":""'),
    envelope('"data":"idcustomer=7","alternatives":"098111222:097333444","agentphone":"1001"'),
    envelope('"data":"idcustomer=7","agentphone":"1001"'),
  ]);
  client.destroy();
});

const bad = [
  ['call', { destination: '099123456' }, /campaign is required/],
  ['call', { campaign: 'Sales->', destination: '099 123 456' }, /destination must be digits/],
  ['call', { campaign: 'Sales->', destination: 99123456 }, /destination must be a string/],
  ['call', null, /arguments must be an object/],
  ['callWithPhone', { destination: '', campaign: 'Sales->' }, /destination is required/],
  ['disposition', { l2: 'x' }, /l1 is required/],
  ['disposition', { l1: 'Callback', schedule: '2026-02-30 10:00:00' }, /schedule must be a valid Date/],
  ['disposition', { l1: 'Sale', tag: ['ok', 'a|b'] }, /tag\[1\] must not contain/],
  ['tag', { tag: [] }, /at least one label/],
  ['tag', { tag: 'x', guid: '' }, /guid is required/],
  ['respool', { ...RESPOOL, extra: 1 }, /respool has an unknown key 'respool.extra'/],
  ['respool', { ...RESPOOL, priority: 0 }, /priority must be an integer from 1 to 9999/],
  ['respool', Object.fromEntries(Object.entries(RESPOOL).filter(([k]) => k !== 'contact')), /respool.contact is required/],
  ['schedule', { ...SCHEDULE, calldate: '2026-12-01T09:30:00' }, /calldate must be/],
  // Optional is not unchecked: a given alternatives or agentphone still follows its rule.
  ['schedule', { ...SCHEDULE, agentphone: 1001 }, /schedule.agentphone must be a string/],
  ['schedule', { ...SCHEDULE, alternatives: null }, /schedule\.alternatives/],
  ['schedule', { calldate: '2026-12-01 09:30:00', campaign: 'Sales->', destination: '099123456' }, /^schedule: schedule.data is required$/],
  ['schedule', { ...SCHEDULE, agent: '1001' }, /schedule has an unknown key 'schedule.agent'/],
];
for (const [action, args, message] of bad) {
  test(`${action} refuses ${JSON.stringify(args)?.slice(0, 60)} before sending`, async () => {
    const { portal, form } = framed();
    const client = connectPortal({ log: captureLog, window: form });
    await assert.rejects(client[action](args), (e) => isBridgeError(e, 'INVALID_ARGUMENT') && message.test(e.message) && e.operation === action);
    assert.equal(portal.posted.length, 0);
  });
}

test('error messages name the field, never the value', async () => {
  const { form } = framed();
  const client = connectPortal({ log: captureLog, window: form });
  await assert.rejects(client.call({ campaign: 'Sales->', destination: '099-555-0142' }), (e) => !e.message.includes('555'));
});

test('bad options throw INVALID_ARGUMENT at connect time', () => {
  const { form } = framed();
  assert.throws(() => connectPortal({ log: captureLog, window: form, allowedOrigins: '*' }), (e) => isBridgeError(e, 'INVALID_ARGUMENT') && /unsafeAllowAnyOrigin/.test(e.message));
  assert.throws(() => connectPortal({ log: captureLog, window: form, allowedOrigins: 'https://portal.example.com/path' }), (e) => isBridgeError(e, 'INVALID_ARGUMENT'));
  assert.throws(() => connectPortal({ log: captureLog, window: form, allowedOrigins: [] }), (e) => isBridgeError(e, 'INVALID_ARGUMENT'));
  assert.throws(() => connectPortal({ log: captureLog, window: form, timeouts: { call: -1 } }), (e) => isBridgeError(e, 'INVALID_ARGUMENT') && /timeouts.call/.test(e.message));
  for (const log of ['console', 1, null]) {
    assert.throws(() => connectPortal({ log, window: form }), (e) => isBridgeError(e, 'INVALID_ARGUMENT') && /log must be a function/.test(e.message));
  }
});

test("a schedule Date is read once, by its own time: a valueOf of the caller's that changes its answer puts no other date on the wire, and a Date look-alike is refused", async () => {
  const { portal, form } = framed();
  const client = connectPortal({ log: captureLog, window: form });
  const when = new Date(2026, 11, 1, 9, 5, 7);
  const real = when.getTime();
  // Valid while it is checked, then a 6-digit year (or NaN) when it is written out.
  for (const later of [8.64e15, NaN]) {
    let reads = 0;
    when.valueOf = () => (reads++ < 2 ? real : later);
    await client.disposition({ l1: 'Callback', schedule: when });
  }
  assert.deepEqual(portal.postedData.map((d) => d.schedule), ['2026-12-01 09:05:07', '2026-12-01 09:05:07']);
  const fake = { [Symbol.toStringTag]: 'Date', valueOf: () => real };
  await assert.rejects(client.disposition({ l1: 'Callback', schedule: fake }), (e) => isBridgeError(e, 'INVALID_ARGUMENT') && /schedule must be a valid Date/.test(e.message));
  assert.equal(portal.posted.length, 2);
  client.destroy();
});
