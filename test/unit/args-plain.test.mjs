// Workflow data and form fields given as collections by plain JavaScript callers (TypeScript refuses
// them): a Map, the URLSearchParams or FormData of a form, a boxed String. They have no own keys of
// their data (a boxed String has one per character), so read as a record of strings they went out as
// no data at all (`data=`, `{}`, an empty body) or as `0=v:1=i:2=p`: refused now (INVALID_ARGUMENT
// naming the field) before anything is sent. A plain object of another realm, one without a
// prototype, and a class instance (its own keys, as before) are still data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import vm from 'node:vm';
import { scheduleBuilder } from '../../dist/cti.js';
import { formatCallsBaseRecord, isBridgeError } from '../../dist/http.js';
import { recordingClient } from './helpers/recording-client.mjs';

const NOT_PLAIN = [
  ['a Map', () => new Map([['id', '7']])],
  ['URLSearchParams', () => new URLSearchParams('id=7')],
  ['a boxed String', () => new String('vip')],
  ['FormData', () => { const f = new FormData(); f.append('id', '7'); return f; }],
];
const refused = (re) => (e) => isBridgeError(e, 'INVALID_ARGUMENT') && re.test(e.message);

const CALL = { agent: 'agent1001', phone: '1001', context: 'from-internal', outqueue: 'Sales->', destination: '099123456' };
const CONTACT = { campaign: 'Sales->', destination: '099123456' };

for (const [what, make] of NOT_PLAIN) {
  test(`http: ${what} as data or fields is INVALID_ARGUMENT, nothing sent`, async () => {
    const { uc, sent } = recordingClient();
    await assert.rejects(uc.agentCallWithData({ ...CALL, data: make() }), refused(/^agentCallWithData: data must be an object of strings$/));
    await assert.rejects(uc.dialerInsert({ ...CONTACT, data: make() }), refused(/^dialerInsert: data must be k=v:k=v text or an object of strings$/));
    await assert.rejects(uc.request('Group/Method', make()), refused(/^request: fields must be an object of strings$/));
    await assert.rejects(uc.uploadCallsBase({ campaign: 'Promo->', filename: 'nov', records: [{ phone: '099000001', data: make() }] }),
      refused(/^uploadCallsBase: records\[0\]\.data must be k=v:k=v text or an object of strings$/));
    assert.deepEqual(sent, []);
    assert.throws(() => formatCallsBaseRecord('Promo->', { phone: '099000001', data: make() }), refused(/records\[0\]\.data must be/));
  });

  test(`cti: ${what} as a schedule's data is INVALID_ARGUMENT`, () => {
    assert.throws(() => scheduleBuilder({ ...CONTACT, data: make() }), refused(/^scheduleBuilder: from\.data must be k=v:k=v text or an object of strings$/));
  });
}

test('plain data of another realm, without a prototype, or a class instance is still data', async () => {
  const { uc, sent } = recordingClient();
  const there = vm.runInNewContext('({ id: "7" })');
  const bare = Object.assign(Object.create(null), { id: '7' });
  const instance = new (class Data { constructor() { this.id = '7'; } })();
  for (const data of [there, bare, instance]) {
    await uc.dialerInsert({ ...CONTACT, data });
    await uc.agentCallWithData({ ...CALL, data });
    assert.equal(formatCallsBaseRecord('Promo->', { phone: '099000001', data }), 'Promo->;099000001;id=7;;');
  }
  assert.equal(sent.length, 6);
  assert.equal(JSON.parse(new URLSearchParams(sent[0]).get('call')).data, 'id=7');
  assert.equal(new URLSearchParams(sent[1]).get('data'), '{"id":"7"}');
  assert.equal(scheduleBuilder({ ...CONTACT, data: there, calldate: '2026-12-24 10:00:00' }).build().data, 'id=7');
});
