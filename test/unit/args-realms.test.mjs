// The http entry given values of another realm (a `node:vm` context: what a sandboxed plugin, a
// test runner's isolate or a REPL context hands over): plain objects, objects without a prototype,
// arrays and Dates of that realm are options, arguments, records and dates, as this realm's are;
// `instanceof` would refuse every one of them. What goes out is what this realm's values send.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import vm from 'node:vm';
import { createApiTokenClient, createUContactClient, formatCallsBaseRecord } from '../../dist/http.js';

const other = vm.createContext();
/** `value` rebuilt in the other realm (JSON), Dates as its Dates. */
const there = (value) => vm.runInContext(`(${JSON.stringify(value)})`, other);
const dateThere = (...parts) => vm.runInContext(`new Date(${parts.join(',')})`, other);
const bare = (value) => Object.assign(vm.runInContext('Object.create(null)', other), value);

test('the other realm is another realm (the values below would fail instanceof)', () => {
  assert.equal(there({}) instanceof Object, false);
  assert.equal(there([]) instanceof Array, false);
  assert.equal(dateThere(2026, 0, 1) instanceof Date, false);
});

// Two clients, one fed this realm's values and one the other realm's: the requests must be equal.
function pair(make) {
  const sent = [[], []];
  const clients = [0, 1].map((i) => make((url, init) => {
    sent[i].push({ url, method: init.method, body: init.body, type: init.headers['Content-Type'] });
    return Promise.resolve(new Response(url.includes('GetRecordings') ? '[]' : url.includes('AgentCall') ? '"a1b2-guid"' : '1', { status: 200 }));
  }, i));
  return { clients, sent };
}

test('createUContactClient: options, arguments, labels, Dates and calls-base records of another realm send what this realm sends', async () => {
  const token = Buffer.from('api:0d0c').toString('base64');
  const options = { baseUrl: 'https://acme.example', credentials: { token }, timeZone: 'UTC', retry: { attempts: 1 } };
  const { clients, sent } = pair((fetch, i) => createUContactClient(i ? { ...there(options), fetch } : { ...options, fetch }));
  const call = { agent: 'agent1001', phone: '1001', context: 'from-internal', outqueue: 'Sales->', destination: '099123456' };
  const records = [{ phone: '099000001', data: { id: '1' }, alternatives: ['098111222', { type: 'H', retries: 0, number: '099555555' }], priority: 2 }];
  for (const [i, uc] of clients.entries()) {
    const v = i ? there : (x) => x;
    assert.equal(await uc.agentCall(i ? bare(call) : call), 'a1b2-guid');
    await uc.agentCallWithData({ ...call, data: v({ customer: '7' }) });
    await uc.tagRecording({ guid: 'g-1', tag: v(['vip', 'callback']) });
    await uc.getRecordings({ from: i ? dateThere(2026, 0, 1) : new Date(2026, 0, 1), to: i ? dateThere(2026, 0, 2) : new Date(2026, 0, 2) });
    await uc.dialerInsert(v({ campaign: 'Sales->', destination: '099123456', alternatives: ['098111222'], data: { id: '7' } }));
    await uc.scheduleDialerCall({ calldate: i ? dateThere(2026, 11, 24, 10) : new Date(2026, 11, 24, 10), campaign: 'Sales->', destination: '099123456', data: '' });
    await uc.addBlacklistMultiple(v([{ phone: '099123456' }, { phone: '099123457', campaign: 'Sales->' }]));
    await uc.request('Group/Method', v({ a: '1' }), v({ kind: 'read', query: { q: '2' } }));
    const up = await uc.uploadCallsBase({ campaign: 'Promo->', filename: 'nov', records: v(records), username: 'api' }, v({ timeoutMs: 5000 }));
    assert.equal(up.uploaded, 1);
  }
  assert.equal(sent[0].length, 9);
  assert.deepEqual(sent[1], sent[0]);
  assert.equal(formatCallsBaseRecord('Promo->', there(records[0]), there({ index: 3 })), formatCallsBaseRecord('Promo->', records[0]));
});

test('createApiTokenClient: payloads and raw bodies of another realm are plain data, sent as this realm\'s', async () => {
  const { clients, sent } = pair((fetch, i) => createApiTokenClient({ ...(i ? there : (x) => x)({ baseUrl: 'https://acme.example', token: 'ucx-token-1' }), fetch }));
  for (const [i, api] of clients.entries()) {
    const v = i ? there : (x) => x;
    await api.loadList('hub-1', v({ filename: 'nov', list: [{ clientIds: ['099123456'], name: 'Ana' }] }));
    await api.freshLeads('hub-1', v({ clientIds: ['099123456'], data: { plan: 'gold' } }));
    await api.webhook('lead', v({ lead: { phones: ['099123456'], vip: true } }), v({ query: { src: 'crm' } }));
    await api.request('POST', 'api/thing', i ? bare({ a: 1 }) : { a: 1 });
  }
  assert.equal(sent[0].length, 4);
  assert.deepEqual(sent[1], sent[0]);
});
