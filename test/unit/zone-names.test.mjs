// The shared timeZone rule in the built entries that take a zone (cti: formatDateTime,
// scheduleBuilder; http: the client's option, getRecordings', uploadCallsBase's and freshLeads'):
// ICU's own ids ('ART' is Cairo to ICU, Argentina to an agent) are refused before anything is
// rendered or sent, naming the field; tzdata's three-letter names are taken.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDateTime, scheduleBuilder } from '../../dist/cti.js';
import { createApiTokenClient, createUContactClient, isBridgeError } from '../../dist/http.js';

// And tzdata's Factory (no place): Node 20's Intl refuses it, Chromium's and WebKit's take it (the
// rule refuses it there too: e2e/engine-checks.mjs, which failed there before).
const ICU_ONLY = ['ART', 'art', 'BST', 'IST', 'AST', 'NST', 'ECT', 'CST', 'PST', 'SystemV/AST4', 'US/Pacific-New', 'Canada/East-Saskatchewan', 'Factory', 'factory'];
const TZDATA = ['UTC', 'GMT', 'EST', 'MST', 'HST', 'CET', 'EET', 'MET', 'WET', 'PRC', 'ROC', 'ROK', 'UCT'];
const refused = (field) => (e) => isBridgeError(e, 'INVALID_ARGUMENT') && new RegExp(`: ${field} must be (local, UTC or )?an IANA time zone name`).test(e.message);

test('cti: formatDateTime and scheduleBuilder refuse an ICU-only id, take a tzdata name', () => {
  for (const zone of ICU_ONLY) {
    assert.throws(() => formatDateTime(new Date(), zone), refused('zone'), zone);
    assert.throws(() => scheduleBuilder({ campaign: 'c', destination: '1' }, { timeZone: zone }), refused('timeZone'), zone);
  }
  const d = new Date('2026-12-03T12:00:00Z');
  for (const zone of TZDATA) assert.equal(formatDateTime(d, zone), new Intl.DateTimeFormat('sv-SE', { timeZone: zone, hourCycle: 'h23', dateStyle: 'short', timeStyle: 'medium' }).format(d), zone);
});

test('http: the client option, getRecordings, uploadCallsBase and freshLeads refuse an ICU-only id before sending, take a tzdata name', async () => {
  const sent = [];
  const fetch = (url, init) => (sent.push(String(init?.body ?? '')), Promise.resolve(new Response('[]', { status: 200 })));
  const options = { baseUrl: 'https://acme.example', credentials: { token: Buffer.from('api:0d0c').toString('base64') }, retry: { attempts: 1 }, fetch };
  const range = { from: new Date('2026-12-03T12:00:00Z'), to: new Date('2026-12-03T13:00:00Z') };
  const uc = createUContactClient(options);
  const api = createApiTokenClient({ baseUrl: 'https://acme.example', token: 't0k3n', fetch });
  for (const zone of ICU_ONLY) {
    assert.throws(() => createUContactClient({ ...options, timeZone: zone }), refused('timeZone'), zone);
    await assert.rejects(uc.getRecordings({ ...range, timeZone: zone }), refused('timeZone'), zone);
    await assert.rejects(uc.uploadCallsBase({ campaign: 'D', filename: 'b', records: [{ phone: '099123456' }], timeZone: zone }), refused('timeZone'), zone);
    await assert.rejects(api.freshLeads('Sales', { clientIds: ['099123456'], timezone: zone }), refused('lead.timezone'), zone);
  }
  assert.deepEqual(sent, []);
  for (const zone of TZDATA) await createUContactClient({ ...options, timeZone: zone }).getRecordings(range);
  assert.deepEqual(sent.map((b) => new URLSearchParams(b).get('from')), TZDATA.map((zone) => formatDateTime(range.from, zone)));
});
