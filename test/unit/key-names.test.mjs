// A key of the caller's object may be built from a phone number, also written in groups
// (`tel_099_123_456`, `n$09$91$23`): every entry that names a key in a message (an unknown option,
// a data record's field, a JSON payload's field) describes it instead ('a key', 'data value 0',
// 'a field of data'), never repeating it nor its digits; a key with fewer digits is still named.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connectPortal } from '../../dist/index.js';
import { scheduleBuilder } from '../../dist/cti.js';
import { createApiTokenClient, createUContactClient } from '../../dist/http.js';
import { connectInbox } from '../../dist/inbox.js';
import { embedUPhone } from '../../dist/uphone.js';
import { framed } from './helpers/fake-window.mjs';
import { PHONE_URL, hostPage } from './helpers/uphone-fakes.mjs';

const KEYS = ['tel_099_123_456', 'n$09$91$23', 'a1b2c3d4e5', 'tel099123456'];
const log = () => {};

// The message of what fn throws or rejects with (INVALID_ARGUMENT).
async function message(fn) {
  try {
    await fn();
  } catch (e) {
    assert.equal(e.code, 'INVALID_ARGUMENT', e.message);
    return e.message;
  }
  assert.fail('expected INVALID_ARGUMENT');
}

test('portal, cti, http, inbox and uphone describe a key holding five digits or more in all, name one with fewer', async () => {
  const token = Buffer.from('api:0d0c').toString('base64');
  const http = { baseUrl: 'https://acme.example', credentials: { token }, retry: { attempts: 1 }, fetch: () => Promise.resolve(new Response('1')) };
  const uc = createUContactClient(http);
  const api = createApiTokenClient({ baseUrl: 'https://acme.example', token: 't0k3n', fetch: () => Promise.resolve(new Response('{}')) });
  const call = { agent: 'agent1001', phone: '1001', context: 'ctx', outqueue: 'Sales->', destination: '099123456' };
  const places = (key) => [
    ['portal options', () => connectPortal({ window: framed().form, log, [key]: 1 }), "unknown key 'K'"],
    ['cti scheduleBuilder', () => scheduleBuilder({ campaign: 'c', destination: '1', [key]: 1 }), "unknown key 'from.K'"],
    ['cti data', () => scheduleBuilder({ campaign: 'c', destination: '1', data: { [key]: 5 } }), 'data.K must be a string'],
    ['http options', () => createUContactClient({ ...http, [key]: 1 }), "unknown key 'K'"],
    ['http data', () => uc.agentCallWithData({ ...call, data: { [key]: 5 } }), 'data.K must be a string'],
    ['http payload', () => api.freshLeads('Sales', { clientIds: ['1'], data: { [key]: () => 1 } }), 'lead.data.K'],
    ['inbox options', () => connectInbox({ window: framed().form, log, [key]: 1 }), "unknown key 'K'"],
    ['uphone options', () => embedUPhone({ container: hostPage().container, url: PHONE_URL, log, [key]: 1 }), "unknown key 'K'"],
  ];
  for (const key of KEYS) {
    for (const [where, fn] of places(key)) {
      const msg = await message(fn);
      assert.ok(!msg.includes(key) && !/\d{3}/.test(msg.replace(/\d+ to \d+/, '')), `${where}: ${msg}`);
    }
  }
  // Four digits in all: the key is named, as the caller wrote it.
  for (const [where, fn, named] of places('tel_09_91')) assert.ok((await message(fn)).includes(named.replace('K', 'tel_09_91')), where);
});
